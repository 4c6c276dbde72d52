package org.camelmodbus;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.camelmodbus.protocol.BitValues;
import org.camelmodbus.protocol.RegisterValues;

/**
 * Turns a message body into coil states or register values. Accepts what routes naturally carry: booleans, numbers,
 * strings ("true", "1", "0x1F", "1,2,3"), arrays and collections of those. Anything else fails with a message that
 * names the value, so a bad write never reaches the device and never passes silently.
 */
final class WriteValues {
    private WriteValues() {}

    static BitValues bits(Object body) {
        List<Object> items = items(body);
        boolean[] bits = new boolean[items.size()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = bit(items.get(i));
        }
        return BitValues.of(bits);
    }

    static RegisterValues registers(Object body) {
        List<Object> items = items(body);
        int[] values = new int[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = register(items.get(i));
        }
        return RegisterValues.of(values);
    }

    static boolean bit(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.doubleValue() == 1;
        }
        if (value instanceof CharSequence s) {
            switch (s.toString().trim().toLowerCase()) {
                case "true", "1", "on" -> {
                    return true;
                }
                case "false", "0", "off" -> {
                    return false;
                }
                default -> {
                    // fall through to the error below
                }
            }
        }
        throw new IllegalArgumentException(
                "Cannot write " + describe(value) + " to a coil: expected true/false, 1/0 or on/off");
    }

    /** A 16-bit register takes -32768..65535: negative values are written as their two's complement. */
    static int register(Object value) {
        long v;
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            v = ((Number) value).longValue();
        } else if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            v = (long) n.doubleValue();
        } else if (value instanceof CharSequence s) {
            v = parseInteger(s.toString().trim());
        } else {
            throw new IllegalArgumentException(
                    "Cannot write " + describe(value) + " to a register: expected a whole number");
        }
        if (v < Short.MIN_VALUE || v > 0xFFFF) {
            throw new IllegalArgumentException("Cannot write " + v + " to a 16-bit register: expected -32768..65535");
        }
        return (int) v & 0xFFFF;
    }

    /** A mask of Mask Write Register: a number or text (decimal or 0x hex), 0..65535. */
    static int mask(String name, Object value) {
        long v;
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            v = ((Number) value).longValue();
        } else if (value instanceof CharSequence s) {
            try {
                v = parseInteger(s.toString().trim());
            } catch (IllegalArgumentException e) {
                v = -1;
            }
        } else {
            v = -1;
        }
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(
                    "Cannot use " + describe(value) + " as " + name + ": expected 0..65535, for example 0xFFF7");
        }
        return (int) v;
    }

    /**
     * Bytes written in hex, as in an option: "A537", "A5 37", "0xA537" or "A5:37"; null stays null, "" is no bytes.
     */
    static byte[] hexBytes(String option, String text) {
        if (text == null) {
            return null;
        }
        String digits = text.trim().replaceFirst("^0[xX]", "").replaceAll("[\\s:]", "");
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not hex bytes, such as A537 or A5 37", e);
        }
    }

    private static long parseInteger(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cannot write '" + s + "' to a register: expected a whole number", e);
        }
    }

    /** Flattens the body into items: arrays, collections and comma-separated strings give several. */
    private static List<Object> items(Object body) {
        if (body == null) {
            throw new IllegalArgumentException("Cannot write an empty message body: expected a value or a list");
        }
        List<Object> items = new ArrayList<>();
        if (body.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(body); i++) {
                items.add(Array.get(body, i));
            }
        } else if (body instanceof Collection<?> c) {
            items.addAll(c);
        } else if (body instanceof CharSequence s) {
            // "1,2,3" or a JSON array "[1, 2, 3]"
            String list = s.toString().trim().replaceAll("^\\[|]$", "");
            for (String part : list.split(",", -1)) {
                items.add(part.trim());
            }
        } else {
            items.add(body);
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("Cannot write an empty list: expected at least one value");
        }
        return items;
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + value + "' (" + value.getClass().getSimpleName() + ")";
    }
}
