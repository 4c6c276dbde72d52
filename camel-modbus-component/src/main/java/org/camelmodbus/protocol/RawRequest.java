package org.camelmodbus.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * Any function as raw PDU bytes: user-defined function codes (65..72, 100..110), vendor extensions, or public
 * functions this library does not model (such as other Diagnostics sub-functions). Nothing is checked beyond the
 * function code and the size: the device's answer comes back as a {@link RawResponse} or an exception response. On
 * Modbus TCP the MBAP header delimits the answer, whatever its function. The array is copied in and out.
 *
 * @param functionCode 1..127
 * @param data 0..252 bytes that follow the function code
 */
public record RawRequest(int functionCode, byte[] data) implements ModbusRequest {
    public RawRequest {
        data = checkPdu(functionCode, data);
    }

    static byte[] checkPdu(int functionCode, byte[] data) {
        if (functionCode < 1 || functionCode >= FunctionCode.EXCEPTION_FLAG) {
            throw new IllegalArgumentException("function code " + functionCode + " is out of range 1..127");
        }
        Objects.requireNonNull(data, "data");
        if (data.length > ModbusLimits.MAX_RAW_DATA) {
            throw new IllegalArgumentException(String.format(
                    "%d data bytes exceed the %d a PDU holds after its function code",
                    data.length, ModbusLimits.MAX_RAW_DATA));
        }
        return data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public String describe() {
        return String.format("%s (0x%02X) as a raw PDU with %d data bytes", functionName(), functionCode, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRequest other && functionCode == other.functionCode && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * functionCode + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("RawRequest[functionCode=0x%02X, data=%s]", functionCode, HexFormatting.hex(data));
    }
}
