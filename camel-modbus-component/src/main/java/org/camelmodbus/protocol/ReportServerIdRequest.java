package org.camelmodbus.protocol;

/**
 * Report Server ID (function code 0x11): asks a device for its type, run status and device-specific data. The PDU is
 * the function code alone.
 *
 * <p>The answer is a byte count, the server id, the run indicator and additional data; how many bytes the server id
 * takes is device specific, so the specification gives a client no way to tell where it ends. {@code serverIdLength}
 * says it, for decoding the answer: it is not sent, and a server that decodes this request always sees the default.
 *
 * @param serverIdLength bytes of server id before the run indicator in the answer, 1..250; 1 (the default) for most
 *     devices
 */
public record ReportServerIdRequest(int serverIdLength) implements ModbusRequest {
    /** The server id length most devices use. */
    public static final int DEFAULT_SERVER_ID_LENGTH = 1;

    public ReportServerIdRequest {
        checkServerIdLength(serverIdLength);
    }

    /** Expects a one-byte server id, as most devices send. */
    public ReportServerIdRequest() {
        this(DEFAULT_SERVER_ID_LENGTH);
    }

    static void checkServerIdLength(int length) {
        if (length < 1 || length > ModbusLimits.MAX_SERVER_ID_DATA - 1) {
            throw new IllegalArgumentException("Report Server ID: server id length " + length + " is out of range 1.."
                    + (ModbusLimits.MAX_SERVER_ID_DATA - 1));
        }
    }

    @Override
    public int functionCode() {
        return FunctionCode.REPORT_SERVER_ID.code();
    }
}
