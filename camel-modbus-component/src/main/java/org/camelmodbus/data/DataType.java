package org.camelmodbus.data;

import java.math.BigInteger;
import java.util.Locale;

/**
 * What a point's bits mean. Decoded values are Boolean (bool, bit), Integer (int16, uint16, int32), Long (uint32,
 * int64), BigInteger (uint64), Float (float32), Double (float64, and every number with a scale or offset), String
 * (string) and an immutable List of Integer, the registers as they came (raw).
 */
public enum DataType {
    /** A coil or discrete input. */
    BOOL(0),
    /** One bit (0 = least significant) of a register. */
    BIT(1),
    INT16(1),
    UINT16(1),
    INT32(2),
    UINT32(2),
    INT64(4),
    UINT64(4),
    /** IEEE 754 single precision. */
    FLOAT32(2),
    /** IEEE 754 double precision. */
    FLOAT64(4),
    /** Two characters per register (ISO-8859-1), padded with NUL; the point's length says how many registers. */
    STRING(0),
    /** The registers unchanged, as unsigned 16-bit values; the point's length says how many. */
    RAW(0);

    private final int registers;

    DataType(int registers) {
        this.registers = registers;
    }

    /** Registers one value takes; 0 for bool (a bit, not a register) and for string and raw (the point's length). */
    public int registers() {
        return registers;
    }

    /** Whether the point says how many registers it takes. */
    public boolean hasLength() {
        return this == STRING || this == RAW;
    }

    /** The whole-number types. */
    public boolean isInteger() {
        return switch (this) {
            case INT16, UINT16, INT32, UINT32, INT64, UINT64 -> true;
            default -> false;
        };
    }

    /** Numbers: what scale, offset and a deadband apply to. */
    public boolean isNumeric() {
        return isInteger() || this == FLOAT32 || this == FLOAT64;
    }

    /** Whether a point of this type may live in the table {@code kind}. */
    public boolean fits(PointKind kind) {
        return kind.isBits() == (this == BOOL);
    }

    /** The smallest value of an integer type. */
    BigInteger min() {
        return switch (this) {
            case INT16 -> BigInteger.valueOf(Short.MIN_VALUE);
            case INT32 -> BigInteger.valueOf(Integer.MIN_VALUE);
            case INT64 -> BigInteger.valueOf(Long.MIN_VALUE);
            default -> BigInteger.ZERO;
        };
    }

    /** The largest value of an integer type. */
    BigInteger max() {
        return switch (this) {
            case INT16 -> BigInteger.valueOf(Short.MAX_VALUE);
            case UINT16 -> BigInteger.valueOf(0xFFFF);
            case INT32 -> BigInteger.valueOf(Integer.MAX_VALUE);
            case UINT32 -> BigInteger.valueOf(0xFFFF_FFFFL);
            case INT64 -> BigInteger.valueOf(Long.MAX_VALUE);
            case UINT64 -> BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
            default -> throw new IllegalStateException(this + " is not an integer type");
        };
    }

    /** The name a register map uses: bool, bit, int16 ... float64, string, raw. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DataType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown type '" + text + "'; expected bool, bit, int16, uint16,"
                    + " int32, uint32, int64, uint64, float32, float64, string or raw");
        }
    }

    @Override
    public String toString() {
        return label();
    }
}
