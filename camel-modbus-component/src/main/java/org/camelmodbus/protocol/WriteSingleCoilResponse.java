package org.camelmodbus.protocol;

/** Answer to {@link WriteSingleCoilRequest}: an echo of the request. */
public record WriteSingleCoilResponse(int address, boolean value) implements ModbusResponse {
    public WriteSingleCoilResponse {
        ModbusLimits.checkAddress(FunctionCode.WRITE_SINGLE_COIL, address);
    }

    @Override
    public int functionCode() {
        return FunctionCode.WRITE_SINGLE_COIL.code();
    }
}
