package org.camelmodbus.protocol;

/**
 * Write Single Register (function code 0x06).
 *
 * @param address register address, 0..65535
 * @param value the new value, unsigned 0..65535 (two bytes on the wire)
 */
public record WriteSingleRegisterRequest(int address, int value) implements AddressedRequest {
    public WriteSingleRegisterRequest {
        ModbusLimits.checkAddress(FunctionCode.WRITE_SINGLE_REGISTER, address);
        ModbusLimits.checkRegisterValue(FunctionCode.WRITE_SINGLE_REGISTER, value);
    }

    @Override
    public int functionCode() {
        return FunctionCode.WRITE_SINGLE_REGISTER.code();
    }

    @Override
    public int quantity() {
        return 1;
    }
}
