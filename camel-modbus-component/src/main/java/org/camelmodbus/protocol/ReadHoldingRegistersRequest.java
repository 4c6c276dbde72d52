package org.camelmodbus.protocol;

/**
 * Read Holding Registers (function code 0x03): reads {@code quantity} holding registers starting at {@code address}.
 *
 * @param address first address, 0..65535 (two bytes on the wire)
 * @param quantity number of holding registers, 1..125 (two bytes on the wire); address + quantity may not pass 65535
 */
public record ReadHoldingRegistersRequest(int address, int quantity) implements AddressedRequest {
    public ReadHoldingRegistersRequest {
        ModbusLimits.checkRange(
                FunctionCode.READ_HOLDING_REGISTERS, address, quantity, ModbusLimits.MAX_READ_REGISTERS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_HOLDING_REGISTERS.code();
    }
}
