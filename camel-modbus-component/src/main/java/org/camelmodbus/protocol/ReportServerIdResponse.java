package org.camelmodbus.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * Answer to {@link ReportServerIdRequest}. On the wire: byte count, server id, run indicator (0x00 OFF, 0xFF ON), then
 * additional data; the byte count covers all three, at most 251 bytes. Server id and additional data are device
 * specific and kept as raw bytes; the arrays are copied in and out, so the record stays immutable.
 *
 * @param serverId 1..250 bytes identifying the device type
 * @param runIndicator whether the device is running (0xFF on the wire) or not (0x00)
 * @param additionalData 0..249 device-specific bytes; server id, run indicator and additional data together take at
 *     most 251 bytes
 */
public record ReportServerIdResponse(byte[] serverId, boolean runIndicator, byte[] additionalData)
        implements ModbusResponse {
    public static final int RUN_INDICATOR_OFF = 0x00;
    public static final int RUN_INDICATOR_ON = 0xFF;

    public ReportServerIdResponse {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(additionalData, "additionalData");
        ReportServerIdRequest.checkServerIdLength(serverId.length);
        if (serverId.length + 1 + additionalData.length > ModbusLimits.MAX_SERVER_ID_DATA) {
            throw new IllegalArgumentException(String.format(
                    "Report Server ID: %d bytes of server id, run indicator and %d of additional data exceed %d",
                    serverId.length, additionalData.length, ModbusLimits.MAX_SERVER_ID_DATA));
        }
        serverId = serverId.clone();
        additionalData = additionalData.clone();
    }

    @Override
    public byte[] serverId() {
        return serverId.clone();
    }

    @Override
    public byte[] additionalData() {
        return additionalData.clone();
    }

    /** The byte count on the wire: server id, run indicator and additional data. */
    public int byteCount() {
        return serverId.length + 1 + additionalData.length;
    }

    @Override
    public int functionCode() {
        return FunctionCode.REPORT_SERVER_ID.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportServerIdResponse other
                && runIndicator == other.runIndicator
                && Arrays.equals(serverId, other.serverId)
                && Arrays.equals(additionalData, other.additionalData);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(serverId) + Boolean.hashCode(runIndicator)) + Arrays.hashCode(additionalData);
    }

    @Override
    public String toString() {
        return "ReportServerIdResponse[serverId=" + HexFormatting.hex(serverId) + ", runIndicator="
                + (runIndicator ? "ON" : "OFF") + ", additionalData=" + HexFormatting.hex(additionalData) + "]";
    }
}
