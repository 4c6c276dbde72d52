package org.camelmodbus.data;

import java.util.Locale;

/** The four data tables of a Modbus device: which table a point lives in decides how it is read and written. */
public enum PointKind {
    /** Read/write single bits: read with function 1, written with 5 or 15. */
    COIL("coil", "a coil", true, true),
    /** Read-only single bits: read with function 2. */
    DISCRETE_INPUT("discreteInput", "a discrete input", true, false),
    /** Read/write 16-bit registers: read with function 3, written with 6, 16 or 22. */
    HOLDING_REGISTER("holding", "a holding register", false, true),
    /** Read-only 16-bit registers: read with function 4. */
    INPUT_REGISTER("input", "an input register", false, false);

    private final String label;
    private final String described;
    private final boolean bits;
    private final boolean writable;

    PointKind(String label, String described, boolean bits, boolean writable) {
        this.label = label;
        this.described = described;
        this.bits = bits;
        this.writable = writable;
    }

    /** Whether the table holds single bits (coils, discrete inputs) rather than registers. */
    public boolean isBits() {
        return bits;
    }

    /** Whether the Modbus protocol can write this table at all. */
    public boolean isWritable() {
        return writable;
    }

    /** "a coil", "an input register": for messages. */
    public String described() {
        return described;
    }

    /** The name a register map uses: coil, discreteInput, holding, input. */
    public String label() {
        return label;
    }

    /**
     * Parses a register map's kind, ignoring case, spaces, dashes and underscores: coil, discreteInput (or discrete
     * input), holding (or holdingRegister), input (or inputRegister); plural forms too.
     */
    public static PointKind parse(String text) {
        String key = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (key.endsWith("s")) {
            key = key.substring(0, key.length() - 1);
        }
        return switch (key) {
            case "coil" -> COIL;
            case "discreteinput" -> DISCRETE_INPUT;
            case "holding", "holdingregister" -> HOLDING_REGISTER;
            case "input", "inputregister" -> INPUT_REGISTER;
            default ->
                throw new IllegalArgumentException(
                        "unknown kind '" + text + "'; expected coil, discreteInput, holding or input");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
