package org.camelmodbus.protocol;

/**
 * Read Input Registers (function code 0x04): reads {@code quantity} input registers starting at {@code address}.
 *
 * @param address first address, 0..65535 (two bytes on the wire)
 * @param quantity number of input registers, 1..125 (two bytes on the wire); address + quantity may not pass 65535
 */
public record ReadInputRegistersRequest(int address, int quantity) implements AddressedRequest {
    public ReadInputRegistersRequest {
        ModbusLimits.checkRange(FunctionCode.READ_INPUT_REGISTERS, address, quantity, ModbusLimits.MAX_READ_REGISTERS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_INPUT_REGISTERS.code();
    }
}
