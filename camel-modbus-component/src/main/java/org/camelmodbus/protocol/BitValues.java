package org.camelmodbus.protocol;

import java.util.Arrays;
import java.util.List;

/** An immutable, ordered sequence of coil or discrete-input states. */
public final class BitValues {
    private final boolean[] bits;

    private BitValues(boolean[] bits) {
        this.bits = bits;
    }

    public static BitValues of(boolean... bits) {
        return new BitValues(bits.clone());
    }

    public static BitValues of(List<Boolean> bits) {
        boolean[] copy = new boolean[bits.size()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = bits.get(i);
        }
        return new BitValues(copy);
    }

    /**
     * Unpacks the wire form: the first bit is the least significant bit of the first byte. Bits past {@code quantity}
     * in the last byte are padding and ignored.
     */
    public static BitValues unpack(byte[] packed, int offset, int quantity) {
        if (offset < 0 || quantity < 0 || offset + packedLength(quantity) > packed.length) {
            throw new IllegalArgumentException(quantity + " bits need " + packedLength(quantity) + " bytes, only "
                    + (packed.length - offset) + " given");
        }
        boolean[] bits = new boolean[quantity];
        for (int i = 0; i < quantity; i++) {
            bits[i] = (packed[offset + (i >> 3)] & (1 << (i & 7))) != 0;
        }
        return new BitValues(bits);
    }

    /** Bytes needed to carry {@code quantity} bits on the wire. */
    public static int packedLength(int quantity) {
        return (quantity + 7) >>> 3;
    }

    /** Writes the wire form into {@code target} at {@code offset}, padding with zero bits. */
    public void packInto(byte[] target, int offset) {
        Arrays.fill(target, offset, offset + packedLength(bits.length), (byte) 0);
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                target[offset + (i >> 3)] |= (byte) (1 << (i & 7));
            }
        }
    }

    public int size() {
        return bits.length;
    }

    public boolean get(int index) {
        return bits[index];
    }

    public boolean[] toArray() {
        return bits.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitValues other && Arrays.equals(bits, other.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bits.length + 2).append('[');
        for (boolean b : bits) {
            sb.append(b ? '1' : '0');
        }
        return sb.append(']').toString();
    }
}
