package org.camelmodbus.protocol;

/** Answer to {@link WriteMultipleCoilsRequest}: the start address and number of coils written. */
public record WriteMultipleCoilsResponse(int address, int quantity) implements ModbusResponse {
    public WriteMultipleCoilsResponse {
        ModbusLimits.checkRange(FunctionCode.WRITE_MULTIPLE_COILS, address, quantity, ModbusLimits.MAX_WRITE_BITS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.WRITE_MULTIPLE_COILS.code();
    }
}
