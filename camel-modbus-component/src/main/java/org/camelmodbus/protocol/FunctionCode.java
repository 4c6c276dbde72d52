package org.camelmodbus.protocol;

import java.util.Optional;

/** The public function codes this library models, with their one-byte wire values. */
public enum FunctionCode {
    READ_COILS(0x01, "Read Coils"),
    READ_DISCRETE_INPUTS(0x02, "Read Discrete Inputs"),
    READ_HOLDING_REGISTERS(0x03, "Read Holding Registers"),
    READ_INPUT_REGISTERS(0x04, "Read Input Registers"),
    WRITE_SINGLE_COIL(0x05, "Write Single Coil"),
    WRITE_SINGLE_REGISTER(0x06, "Write Single Register"),
    WRITE_MULTIPLE_COILS(0x0F, "Write Multiple Coils"),
    WRITE_MULTIPLE_REGISTERS(0x10, "Write Multiple Registers");

    /** Added to a function code by a server to flag an exception response. */
    public static final int EXCEPTION_FLAG = 0x80;

    private static final FunctionCode[] BY_CODE = new FunctionCode[0x80];

    static {
        for (FunctionCode f : values()) {
            BY_CODE[f.code] = f;
        }
    }

    private final int code;
    private final String displayName;

    FunctionCode(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The wire value, 1..127. */
    public int code() {
        return code;
    }

    /** The name the specification uses, for messages. */
    public String displayName() {
        return displayName;
    }

    public static Optional<FunctionCode> of(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    @Override
    public String toString() {
        return String.format("%s (0x%02X)", displayName, code);
    }
}
