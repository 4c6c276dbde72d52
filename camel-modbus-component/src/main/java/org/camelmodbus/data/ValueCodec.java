package org.camelmodbus.data;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Turns registers into typed values and back. Scaling is done in decimal, so that raw 2345 with scale 0.1 reads 234.5,
 * not 234.50000000000003, and float32 values widen by their shortest decimal form (0.1f reads 0.1).
 */
final class ValueCodec {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private ValueCodec() {}

    static Object decode(Point p, int[] registers, int from) {
        if (p.kind().isBits()) {
            throw new IllegalStateException(Point.problem(p.name(), p.kind().described() + " is decoded from bits"));
        }
        if (from < 0 || from + p.length() > registers.length) {
            throw new IllegalArgumentException(Point.problem(
                    p.name(), "needs " + p.length() + " registers from index " + from + ", got " + registers.length));
        }
        return switch (p.type()) {
            case BIT -> ((registers[from] >>> p.bit()) & 1) == 1;
            case STRING -> decodeString(p, registers, from);
            case RAW -> raw(registers, from, p.length());
            case FLOAT32 -> {
                float f = Float.intBitsToFloat((int) bits(p, registers, from));
                yield p.isScaled() ? scaled(p, f) : (Object) f;
            }
            case FLOAT64 -> scaled(p, Double.longBitsToDouble(bits(p, registers, from)));
            default -> integer(p, bits(p, registers, from));
        };
    }

    /** The value's bits, most significant register first. */
    private static long bits(Point p, int[] registers, int from) {
        int[] words = new int[p.length()];
        System.arraycopy(registers, from, words, 0, words.length);
        p.order().apply(words);
        long bits = 0;
        for (int w : words) {
            bits = (bits << 16) | (w & 0xFFFF);
        }
        return bits;
    }

    private static Object integer(Point p, long bits) {
        Number raw = switch (p.type()) {
            case INT16 -> (int) (short) bits;
            case UINT16 -> (int) bits;
            case INT32 -> (int) bits;
            case UINT32, INT64 -> bits;
            case UINT64 ->
                bits >= 0 ? BigInteger.valueOf(bits) : BigInteger.valueOf(bits).add(TWO_TO_64);
            default -> throw new IllegalStateException(p.type() + " is not an integer type");
        };
        if (!p.isScaled()) {
            return raw;
        }
        BigDecimal decimal = raw instanceof BigInteger b ? new BigDecimal(b) : BigDecimal.valueOf(raw.longValue());
        return scale(p, decimal);
    }

    private static Object scaled(Point p, float raw) {
        // the float's shortest decimal form, as printed, so that 0.1f scales as 0.1
        return Float.isFinite(raw) ? scale(p, new BigDecimal(Float.toString(raw))) : scaled(p, (double) raw);
    }

    private static Object scaled(Point p, double raw) {
        if (!p.isScaled()) {
            return raw;
        }
        return Double.isFinite(raw) ? scale(p, BigDecimal.valueOf(raw)) : raw * p.scale() + p.offset();
    }

    private static double scale(Point p, BigDecimal raw) {
        return raw.multiply(BigDecimal.valueOf(p.scale()))
                .add(BigDecimal.valueOf(p.offset()))
                .doubleValue();
    }

    private static String decodeString(Point p, int[] registers, int from) {
        StringBuilder sb = new StringBuilder(2 * p.length());
        for (int i = 0; i < p.length(); i++) {
            int r = registers[from + i];
            if (p.order().swapsBytes()) {
                r = RegisterOrder.swapBytes(r);
            }
            sb.append((char) (r >>> 8)).append((char) (r & 0xFF));
        }
        int nul = sb.indexOf("\0");
        if (nul >= 0) {
            sb.setLength(nul);
        }
        // devices pad with NUL or with spaces: both are padding, not text
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }

    private static List<Integer> raw(int[] registers, int from, int length) {
        Integer[] values = new Integer[length];
        for (int i = 0; i < length; i++) {
            values[i] = registers[from + i];
        }
        return List.of(values);
    }

    static PointWrite encode(Point p, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(Point.problem(p.name(), "cannot write null"));
        }
        return switch (p.type()) {
            case BOOL -> new PointWrite.Coil(p.address(), bool(p, value));
            case BIT -> new PointWrite.RegisterBit(p.address(), p.bit(), bool(p, value));
            case STRING -> new PointWrite.Registers(p.address(), encodeString(p, value));
            case RAW -> new PointWrite.Registers(p.address(), encodeRaw(p, value));
            case FLOAT32, FLOAT64 -> new PointWrite.Registers(p.address(), words(p, floatBits(p, value)));
            default -> new PointWrite.Registers(p.address(), words(p, integerBits(p, value)));
        };
    }

    /** The wire registers of a value's bits. */
    private static int[] words(Point p, long bits) {
        int[] words = new int[p.length()];
        for (int i = words.length - 1; i >= 0; i--) {
            words[i] = (int) (bits & 0xFFFF);
            bits >>>= 16;
        }
        p.order().apply(words);
        return words;
    }

    private static long integerBits(Point p, Object value) {
        BigDecimal v = decimal(p, value);
        BigDecimal raw;
        if (p.isScaled()) {
            raw = v.subtract(BigDecimal.valueOf(p.offset()))
                    .divide(BigDecimal.valueOf(p.scale()), MathContext.DECIMAL128)
                    .setScale(0, RoundingMode.HALF_UP);
        } else if (v.signum() == 0 || v.stripTrailingZeros().scale() <= 0) {
            raw = v;
        } else {
            throw new IllegalArgumentException(Point.problem(
                    p.name(), "cannot write " + describe(value) + ": " + p.type() + " holds whole numbers"));
        }
        BigInteger n = raw.toBigIntegerExact();
        if (n.compareTo(p.type().min()) < 0 || n.compareTo(p.type().max()) > 0) {
            throw new IllegalArgumentException(Point.problem(
                    p.name(),
                    "cannot write " + describe(value) + (p.isScaled() ? " (raw " + n + ")" : "") + ": out of range "
                            + p.type().min() + ".." + p.type().max() + " of " + p.type()));
        }
        return n.longValue();
    }

    private static long floatBits(Point p, Object value) {
        double d = number(p, value);
        double raw = d;
        if (p.isScaled() && Double.isFinite(d)) {
            raw = BigDecimal.valueOf(d)
                    .subtract(BigDecimal.valueOf(p.offset()))
                    .divide(BigDecimal.valueOf(p.scale()), MathContext.DECIMAL128)
                    .doubleValue();
        } else if (p.isScaled()) {
            raw = (d - p.offset()) / p.scale();
        }
        if (p.type() == DataType.FLOAT64) {
            return Double.doubleToRawLongBits(raw);
        }
        if (Double.isFinite(raw) && Math.abs(raw) > Float.MAX_VALUE) {
            throw new IllegalArgumentException(
                    Point.problem(p.name(), "cannot write " + describe(value) + ": out of the range of float32"));
        }
        return Float.floatToRawIntBits((float) raw) & 0xFFFF_FFFFL;
    }

    private static int[] encodeString(Point p, Object value) {
        String s = value.toString();
        if (s.length() > 2 * p.length()) {
            throw new IllegalArgumentException(Point.problem(
                    p.name(),
                    "'" + s + "' has " + s.length() + " characters, the point holds " + 2 * p.length() + " ("
                            + p.length() + " registers)"));
        }
        int[] registers = new int[p.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException(Point.problem(
                        p.name(),
                        "'" + s + "' has the character '" + c + "' (U+" + String.format("%04X", (int) c)
                                + "), which one byte (ISO-8859-1) cannot hold"));
            }
            registers[i / 2] |= i % 2 == 0 ? c << 8 : c;
        }
        if (p.order().swapsBytes()) {
            for (int i = 0; i < registers.length; i++) {
                registers[i] = RegisterOrder.swapBytes(registers[i]);
            }
        }
        return registers;
    }

    private static int[] encodeRaw(Point p, Object value) {
        List<Object> items = items(value);
        if (items.size() != p.length()) {
            throw new IllegalArgumentException(Point.problem(
                    p.name(), "takes " + p.length() + " register values, got " + items.size() + ": " + items));
        }
        int[] registers = new int[items.size()];
        for (int i = 0; i < registers.length; i++) {
            BigDecimal v = decimal(p, items.get(i));
            if (v.signum() < 0
                    || v.compareTo(BigDecimal.valueOf(0xFFFF)) > 0
                    || v.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException(Point.problem(
                        p.name(), "register value " + describe(items.get(i)) + " is not a whole number 0..65535"));
            }
            registers[i] = v.intValueExact();
        }
        return registers;
    }

    private static List<Object> items(Object value) {
        List<Object> items = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
        } else if (value instanceof Collection<?> c) {
            items.addAll(c);
        } else if (value instanceof CharSequence s) {
            for (String part : s.toString().trim().replaceAll("^\\[|]$", "").split(",", -1)) {
                items.add(part.trim());
            }
        } else {
            items.add(value);
        }
        return items;
    }

    static boolean bool(Point p, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.doubleValue() == 1;
        }
        if (value instanceof CharSequence s) {
            switch (s.toString().trim().toLowerCase(Locale.ROOT)) {
                case "true", "1", "on" -> {
                    return true;
                }
                case "false", "0", "off" -> {
                    return false;
                }
                default -> {}
            }
        }
        throw new IllegalArgumentException(Point.problem(
                p.name(),
                "cannot write " + describe(value) + " to a " + p.type() + ": expected true/false, 1/0 or" + " on/off"));
    }

    private static BigDecimal decimal(Point p, Object value) {
        try {
            if (value instanceof BigDecimal d) {
                return d;
            } else if (value instanceof BigInteger i) {
                return new BigDecimal(i);
            } else if (value instanceof Long
                    || value instanceof Integer
                    || value instanceof Short
                    || value instanceof Byte) {
                return BigDecimal.valueOf(((Number) value).longValue());
            } else if (value instanceof Float f) {
                return new BigDecimal(Float.toString(f));
            } else if (value instanceof Number n) {
                return BigDecimal.valueOf(n.doubleValue());
            } else if (value instanceof CharSequence s) {
                String t = s.toString().trim();
                return t.startsWith("0x") || t.startsWith("0X")
                        ? new BigDecimal(new BigInteger(t.substring(2), 16))
                        : new BigDecimal(t);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below: NaN, infinity and text that is no number
        }
        throw new IllegalArgumentException(Point.problem(
                p.name(), "cannot write " + describe(value) + " to a " + p.type() + ": expected a number"));
    }

    private static double number(Point p, Object value) {
        if (value instanceof Number n) {
            return n instanceof Float f ? Double.parseDouble(Float.toString(f)) : n.doubleValue();
        }
        if (value instanceof CharSequence s) {
            String t = s.toString().trim();
            switch (t.toLowerCase(Locale.ROOT)) {
                case "nan" -> {
                    return Double.NaN;
                }
                case "infinity", "+infinity", "inf", "+inf" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-infinity", "-inf" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    return decimal(p, t).doubleValue();
                }
            }
        }
        throw new IllegalArgumentException(Point.problem(
                p.name(), "cannot write " + describe(value) + " to a " + p.type() + ": expected a number"));
    }

    private static String describe(Object value) {
        return value instanceof CharSequence
                ? "'" + value + "'"
                : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
