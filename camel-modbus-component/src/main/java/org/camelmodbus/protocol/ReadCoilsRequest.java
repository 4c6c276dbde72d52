package org.camelmodbus.protocol;

/**
 * Read Coils (function code 0x01): reads {@code quantity} coils starting at {@code address}.
 *
 * @param address first address, 0..65535 (two bytes on the wire)
 * @param quantity number of coils, 1..2000 (two bytes on the wire); address + quantity may not pass 65535
 */
public record ReadCoilsRequest(int address, int quantity) implements AddressedRequest {
    public ReadCoilsRequest {
        ModbusLimits.checkRange(FunctionCode.READ_COILS, address, quantity, ModbusLimits.MAX_READ_BITS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_COILS.code();
    }
}
