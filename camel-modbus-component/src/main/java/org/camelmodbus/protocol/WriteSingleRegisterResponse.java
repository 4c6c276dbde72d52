package org.camelmodbus.protocol;

/** Answer to {@link WriteSingleRegisterRequest}: an echo of the request, value unsigned 0..65535. */
public record WriteSingleRegisterResponse(int address, int value) implements ModbusResponse {
    public WriteSingleRegisterResponse {
        ModbusLimits.checkAddress(FunctionCode.WRITE_SINGLE_REGISTER, address);
        ModbusLimits.checkRegisterValue(FunctionCode.WRITE_SINGLE_REGISTER, value);
    }

    @Override
    public int functionCode() {
        return FunctionCode.WRITE_SINGLE_REGISTER.code();
    }
}
