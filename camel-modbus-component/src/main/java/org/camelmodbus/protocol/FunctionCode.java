package org.camelmodbus.protocol;

import java.util.Optional;

/**
 * The public function codes this library models, with their one-byte wire values. Any other code can still be sent
 * as a {@link RawRequest}.
 */
public enum FunctionCode {
    READ_COILS(0x01, "Read Coils"),
    READ_DISCRETE_INPUTS(0x02, "Read Discrete Inputs"),
    READ_HOLDING_REGISTERS(0x03, "Read Holding Registers"),
    READ_INPUT_REGISTERS(0x04, "Read Input Registers"),
    WRITE_SINGLE_COIL(0x05, "Write Single Coil"),
    WRITE_SINGLE_REGISTER(0x06, "Write Single Register"),
    READ_EXCEPTION_STATUS(0x07, "Read Exception Status"),
    DIAGNOSTICS(0x08, "Diagnostics"),
    GET_COMM_EVENT_COUNTER(0x0B, "Get Comm Event Counter"),
    WRITE_MULTIPLE_COILS(0x0F, "Write Multiple Coils"),
    WRITE_MULTIPLE_REGISTERS(0x10, "Write Multiple Registers"),
    REPORT_SERVER_ID(0x11, "Report Server ID"),
    MASK_WRITE_REGISTER(0x16, "Mask Write Register"),
    READ_WRITE_MULTIPLE_REGISTERS(0x17, "Read/Write Multiple Registers"),
    READ_FIFO_QUEUE(0x18, "Read FIFO Queue"),
    /** Carries MEI types; this library models MEI type 0x0E, Read Device Identification. */
    ENCAPSULATED_INTERFACE_TRANSPORT(0x2B, "Encapsulated Interface Transport");

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

    /**
     * Whether the specification reserves {@code code} for user-defined functions (65..72 and 100..110), which no
     * public function will ever take.
     */
    public static boolean isUserDefined(int code) {
        return (code >= 65 && code <= 72) || (code >= 100 && code <= 110);
    }

    /**
     * The specification's name of any function code, for messages: "Read Coils", "User-Defined Function" (65..72,
     * 100..110) or "Function" for codes this library does not model.
     */
    public static String nameOf(int code) {
        return of(code).map(FunctionCode::displayName)
                .orElse(isUserDefined(code) ? "User-Defined Function" : "Function");
    }

    @Override
    public String toString() {
        return String.format("%s (0x%02X)", displayName, code);
    }
}
