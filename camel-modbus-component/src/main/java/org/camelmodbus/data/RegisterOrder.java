package org.camelmodbus.data;

import java.util.Locale;

/**
 * How the bytes of a multi-register value are laid out on the wire, named after the bytes A (most significant) to D
 * of a 32-bit value as they arrive. Two independent swaps describe all four: the bytes within each register, and the
 * order of the registers. 64-bit values follow the same two swaps (CDAB reads GHEFCDAB); 16-bit values only swap
 * bytes; strings take the byte swap for the two characters of each register and never reorder registers.
 */
public enum RegisterOrder {
    /** Big-endian, the Modbus default: most significant register first, high byte first. */
    ABCD(false, false),
    /** Little-endian: least significant register first, low byte first. */
    DCBA(true, true),
    /** Registers most significant first, bytes swapped within each register. */
    BADC(true, false),
    /** Least significant register first, high byte first ("word swap"), common on PLCs. */
    CDAB(false, true);

    private final boolean byteSwap;
    private final boolean wordSwap;

    RegisterOrder(boolean byteSwap, boolean wordSwap) {
        this.byteSwap = byteSwap;
        this.wordSwap = wordSwap;
    }

    /** Whether the two bytes of each register come low byte first. */
    public boolean swapsBytes() {
        return byteSwap;
    }

    /** Whether a value's registers come least significant first. */
    public boolean swapsWords() {
        return wordSwap;
    }

    /**
     * Converts between the wire's registers and the value's registers most significant first (in place, both ways:
     * the conversion is its own inverse).
     */
    void apply(int[] registers) {
        if (byteSwap) {
            for (int i = 0; i < registers.length; i++) {
                registers[i] = swapBytes(registers[i]);
            }
        }
        if (wordSwap) {
            for (int i = 0, j = registers.length - 1; i < j; i++, j--) {
                int t = registers[i];
                registers[i] = registers[j];
                registers[j] = t;
            }
        }
    }

    static int swapBytes(int register) {
        return ((register & 0xFF) << 8) | ((register >>> 8) & 0xFF);
    }

    public static RegisterOrder parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown order '" + text + "'; expected ABCD, DCBA, BADC or CDAB");
        }
    }
}
