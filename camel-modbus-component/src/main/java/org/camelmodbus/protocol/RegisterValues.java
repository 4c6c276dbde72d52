package org.camelmodbus.protocol;

import java.util.Arrays;

/** An immutable, ordered sequence of 16-bit register values, each held unsigned (0..65535). */
public final class RegisterValues {
    private final int[] values;

    private RegisterValues(int[] values) {
        this.values = values;
    }

    /** Takes unsigned values; each must be in 0..65535. */
    public static RegisterValues of(int... values) {
        int[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0 || copy[i] > 0xFFFF) {
                throw new IllegalArgumentException(
                        "register value " + copy[i] + " at index " + i + " is out of range 0..65535");
            }
        }
        return new RegisterValues(copy);
    }

    /** Reads {@code quantity} big-endian registers from the wire form. */
    public static RegisterValues decode(byte[] bytes, int offset, int quantity) {
        if (offset < 0 || quantity < 0 || offset + 2 * quantity > bytes.length) {
            throw new IllegalArgumentException(quantity + " registers need " + 2 * quantity + " bytes, only "
                    + (bytes.length - offset) + " given");
        }
        int[] values = new int[quantity];
        for (int i = 0; i < quantity; i++) {
            int p = offset + 2 * i;
            values[i] = ((bytes[p] & 0xFF) << 8) | (bytes[p + 1] & 0xFF);
        }
        return new RegisterValues(values);
    }

    /** Writes the big-endian wire form into {@code target} at {@code offset}. */
    public void encodeInto(byte[] target, int offset) {
        for (int i = 0; i < values.length; i++) {
            target[offset + 2 * i] = (byte) (values[i] >>> 8);
            target[offset + 2 * i + 1] = (byte) values[i];
        }
    }

    public int size() {
        return values.length;
    }

    /** The register as an unsigned value, 0..65535. */
    public int get(int index) {
        return values[index];
    }

    /** The register as a two's complement value, -32768..32767. */
    public short getSigned(int index) {
        return (short) values[index];
    }

    /** Unsigned copies of all values. */
    public int[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegisterValues other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
