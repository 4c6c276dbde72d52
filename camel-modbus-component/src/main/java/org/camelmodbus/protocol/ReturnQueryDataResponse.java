package org.camelmodbus.protocol;

import java.util.Arrays;

/**
 * Answer to {@link ReturnQueryDataRequest}: the request's data, echoed. A client only accepts an echo identical to
 * what it sent.
 *
 * @param data 0..250 bytes
 */
public record ReturnQueryDataResponse(byte[] data) implements ModbusResponse {
    public ReturnQueryDataResponse {
        data = ReturnQueryDataRequest.checkData(data);
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
    public boolean equals(Object o) {
        return o instanceof ReturnQueryDataResponse other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ReturnQueryDataResponse[data=" + HexFormatting.hex(data) + "]";
    }
}
