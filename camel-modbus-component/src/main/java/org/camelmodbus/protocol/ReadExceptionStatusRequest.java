package org.camelmodbus.protocol;

/**
 * Read Exception Status (function code 0x07): reads the eight exception status outputs of a device. The PDU is the
 * function code alone. The specification defines it for serial lines; many TCP devices and gateways answer it too.
 */
public record ReadExceptionStatusRequest() implements ModbusRequest {
    @Override
    public int functionCode() {
        return FunctionCode.READ_EXCEPTION_STATUS.code();
    }
}
