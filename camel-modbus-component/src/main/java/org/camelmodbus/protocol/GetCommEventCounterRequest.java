package org.camelmodbus.protocol;

/**
 * Get Comm Event Counter (function code 0x0B): reads a status word and the count of the device's successfully
 * completed requests. The PDU is the function code alone. Defined for serial lines; a liveness and progress probe.
 */
public record GetCommEventCounterRequest() implements ModbusRequest {
    @Override
    public int functionCode() {
        return FunctionCode.GET_COMM_EVENT_COUNTER.code();
    }
}
