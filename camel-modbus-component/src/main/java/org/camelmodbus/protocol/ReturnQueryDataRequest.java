package org.camelmodbus.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * Diagnostics (function code 0x08), sub-function 0x0000 Return Query Data: the device loops the data back unchanged, a
 * check of the communication path that touches no data table. On the wire: function code, sub-function (two bytes),
 * then the data. The array is copied in and out, so the record stays immutable.
 *
 * @param data 0..250 bytes of any content, echoed by the device
 */
public record ReturnQueryDataRequest(byte[] data) implements ModbusRequest {
    /** The sub-function code of Return Query Data. */
    public static final int SUB_FUNCTION = 0x0000;

    public ReturnQueryDataRequest {
        data = checkData(data);
    }

    static byte[] checkData(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length > ModbusLimits.MAX_DIAGNOSTICS_DATA) {
            throw new IllegalArgumentException(String.format(
                    "Diagnostics: %d bytes of query data exceed %d", data.length, ModbusLimits.MAX_DIAGNOSTICS_DATA));
        }
        return data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int functionCode() {
        return FunctionCode.DIAGNOSTICS.code();
    }

    @Override
    public String describe() {
        return String.format("Diagnostics (0x08) Return Query Data (0x0000) with %d bytes", data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReturnQueryDataRequest other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ReturnQueryDataRequest[data=" + HexFormatting.hex(data) + "]";
    }
}
