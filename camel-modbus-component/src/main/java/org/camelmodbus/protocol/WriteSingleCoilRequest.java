package org.camelmodbus.protocol;

/**
 * Write Single Coil (function code 0x05). On the wire the value is 0xFF00 for ON and 0x0000 for OFF.
 *
 * @param address coil address, 0..65535
 * @param value the new state
 */
public record WriteSingleCoilRequest(int address, boolean value) implements AddressedRequest {
    public WriteSingleCoilRequest {
        ModbusLimits.checkAddress(FunctionCode.WRITE_SINGLE_COIL, address);
    }

    @Override
    public int functionCode() {
        return FunctionCode.WRITE_SINGLE_COIL.code();
    }

    @Override
    public int quantity() {
        return 1;
    }
}
