package org.camelmodbus.protocol;

import java.util.Objects;

/** Answer to {@link ReadInputRegistersRequest}: the register values, as many as requested. */
public record ReadInputRegistersResponse(RegisterValues registers) implements ModbusResponse {
    public ReadInputRegistersResponse {
        Objects.requireNonNull(registers, "registers");
        ModbusLimits.checkQuantity(
                FunctionCode.READ_INPUT_REGISTERS, registers.size(), ModbusLimits.MAX_READ_REGISTERS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_INPUT_REGISTERS.code();
    }
}
