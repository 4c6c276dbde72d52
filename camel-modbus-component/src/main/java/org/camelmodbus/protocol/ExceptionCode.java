package org.camelmodbus.protocol;

import java.util.Optional;

/** Exception codes of the Modbus Application Protocol Specification V1.1b3, section 7. */
public enum ExceptionCode {
    ILLEGAL_FUNCTION(0x01, "Illegal Function", "the server does not support this function code"),
    ILLEGAL_DATA_ADDRESS(0x02, "Illegal Data Address", "the address or address + quantity is not valid on the server"),
    ILLEGAL_DATA_VALUE(0x03, "Illegal Data Value", "a value in the request is not allowed by the server"),
    SERVER_DEVICE_FAILURE(
            0x04, "Server Device Failure", "an unrecoverable error occurred while the server handled the request"),
    ACKNOWLEDGE(0x05, "Acknowledge", "the server accepted a long-running request and is still processing it"),
    SERVER_DEVICE_BUSY(0x06, "Server Device Busy", "the server is busy with a long-running command; retry later"),
    MEMORY_PARITY_ERROR(0x08, "Memory Parity Error", "the server detected a parity error in its extended memory"),
    GATEWAY_PATH_UNAVAILABLE(0x0A, "Gateway Path Unavailable", "the gateway has no path to the target unit"),
    GATEWAY_TARGET_FAILED_TO_RESPOND(
            0x0B, "Gateway Target Device Failed to Respond", "the gateway got no answer from the target unit");

    private final int code;
    private final String displayName;
    private final String meaning;

    ExceptionCode(int code, String displayName, String meaning) {
        this.code = code;
        this.displayName = displayName;
        this.meaning = meaning;
    }

    /** The wire value, one byte. */
    public int code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }

    /** A sentence explaining the code, for error messages. */
    public String meaning() {
        return meaning;
    }

    public static Optional<ExceptionCode> of(int code) {
        for (ExceptionCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** "Illegal Data Address (0x02)", or "Unknown exception code (0x42)" for codes outside the specification. */
    public static String describe(int code) {
        return of(code).map(c -> String.format("%s (0x%02X)", c.displayName, code))
                .orElse(String.format("Unknown exception code (0x%02X)", code));
    }
}
