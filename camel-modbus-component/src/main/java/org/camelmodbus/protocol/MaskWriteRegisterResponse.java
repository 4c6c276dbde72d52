package org.camelmodbus.protocol;

/** Answer to {@link MaskWriteRegisterRequest}: an echo of the request, each field 0..65535. */
public record MaskWriteRegisterResponse(int address, int andMask, int orMask) implements ModbusResponse {
    public MaskWriteRegisterResponse {
        MaskWriteRegisterRequest.checkFields(address, andMask, orMask);
    }

    @Override
    public int functionCode() {
        return FunctionCode.MASK_WRITE_REGISTER.code();
    }
}
