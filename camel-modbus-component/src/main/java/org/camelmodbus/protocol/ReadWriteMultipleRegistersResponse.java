package org.camelmodbus.protocol;

import java.util.Objects;

/** Answer to {@link ReadWriteMultipleRegistersRequest}: the registers read, as many as requested (1..125). */
public record ReadWriteMultipleRegistersResponse(RegisterValues registers) implements ModbusResponse {
    public ReadWriteMultipleRegistersResponse {
        Objects.requireNonNull(registers, "registers");
        ModbusLimits.checkQuantity(
                FunctionCode.READ_WRITE_MULTIPLE_REGISTERS, registers.size(), ModbusLimits.MAX_READ_REGISTERS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_WRITE_MULTIPLE_REGISTERS.code();
    }
}
