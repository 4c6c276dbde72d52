package org.camelmodbus.protocol;

/** Answer to {@link WriteMultipleRegistersRequest}: the start address and number of registers written. */
public record WriteMultipleRegistersResponse(int address, int quantity) implements ModbusResponse {
    public WriteMultipleRegistersResponse {
        ModbusLimits.checkRange(
                FunctionCode.WRITE_MULTIPLE_REGISTERS, address, quantity, ModbusLimits.MAX_WRITE_REGISTERS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.WRITE_MULTIPLE_REGISTERS.code();
    }
}
