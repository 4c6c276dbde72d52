package org.camelmodbus.protocol;

import java.util.Objects;

/** Answer to {@link ReadHoldingRegistersRequest}: the register values, as many as requested. */
public record ReadHoldingRegistersResponse(RegisterValues registers) implements ModbusResponse {
    public ReadHoldingRegistersResponse {
        Objects.requireNonNull(registers, "registers");
        ModbusLimits.checkQuantity(
                FunctionCode.READ_HOLDING_REGISTERS, registers.size(), ModbusLimits.MAX_READ_REGISTERS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_HOLDING_REGISTERS.code();
    }
}
