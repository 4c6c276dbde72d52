package org.camelmodbus.protocol;

import java.util.Objects;

/**
 * Write Multiple Coils (function code 0x0F).
 *
 * @param address first coil address, 0..65535
 * @param values 1..1968 coil states; address + count may not pass 65535
 */
public record WriteMultipleCoilsRequest(int address, BitValues values) implements AddressedRequest {
    public WriteMultipleCoilsRequest {
        Objects.requireNonNull(values, "values");
        ModbusLimits.checkRange(FunctionCode.WRITE_MULTIPLE_COILS, address, values.size(), ModbusLimits.MAX_WRITE_BITS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.WRITE_MULTIPLE_COILS.code();
    }

    @Override
    public int quantity() {
        return values.size();
    }
}
