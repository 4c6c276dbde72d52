package org.camelmodbus.protocol;

/**
 * Read Discrete Inputs (function code 0x02): reads {@code quantity} discrete inputs starting at {@code address}.
 *
 * @param address first address, 0..65535 (two bytes on the wire)
 * @param quantity number of discrete inputs, 1..2000 (two bytes on the wire); address + quantity may not pass 65535
 */
public record ReadDiscreteInputsRequest(int address, int quantity) implements AddressedRequest {
    public ReadDiscreteInputsRequest {
        ModbusLimits.checkRange(FunctionCode.READ_DISCRETE_INPUTS, address, quantity, ModbusLimits.MAX_READ_BITS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_DISCRETE_INPUTS.code();
    }
}
