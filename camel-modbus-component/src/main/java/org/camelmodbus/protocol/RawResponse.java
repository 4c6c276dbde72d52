package org.camelmodbus.protocol;

import java.util.Arrays;

/**
 * Answer to a {@link RawRequest}: the PDU's bytes after the function code, unchecked.
 *
 * @param functionCode the request's function code, 1..127
 * @param data 0..252 bytes
 */
public record RawResponse(int functionCode, byte[] data) implements ModbusResponse {
    public RawResponse {
        data = RawRequest.checkPdu(functionCode, data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawResponse other && functionCode == other.functionCode && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * functionCode + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("RawResponse[functionCode=0x%02X, data=%s]", functionCode, HexFormatting.hex(data));
    }
}
