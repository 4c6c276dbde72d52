package org.camelmodbus.protocol;

import java.util.Objects;

/**
 * Write Multiple Registers (function code 0x10).
 *
 * @param address first register address, 0..65535
 * @param values 1..123 register values; address + count may not pass 65535
 */
public record WriteMultipleRegistersRequest(int address, RegisterValues values) implements AddressedRequest {
    public WriteMultipleRegistersRequest {
        Objects.requireNonNull(values, "values");
        ModbusLimits.checkRange(
                FunctionCode.WRITE_MULTIPLE_REGISTERS, address, values.size(), ModbusLimits.MAX_WRITE_REGISTERS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.WRITE_MULTIPLE_REGISTERS.code();
    }

    @Override
    public int quantity() {
        return values.size();
    }
}
