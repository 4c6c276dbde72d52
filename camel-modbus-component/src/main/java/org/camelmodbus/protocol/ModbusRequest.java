package org.camelmodbus.protocol;

/**
 * A request PDU. Every implementation validates its fields against the specification when constructed. Requests that
 * touch a range of coils, inputs or registers are {@link AddressedRequest}s; the others name what they ask in
 * {@link #describe()}.
 */
public sealed interface ModbusRequest
        permits AddressedRequest,
                ReadExceptionStatusRequest,
                ReturnQueryDataRequest,
                GetCommEventCounterRequest,
                ReportServerIdRequest,
                ReadWriteMultipleRegistersRequest,
                ReadFifoQueueRequest,
                ReadDeviceIdentificationRequest,
                RawRequest {

    /** The function code on the wire, 1..127. */
    int functionCode();

    /** The specification's name of the function, for messages: "Read Holding Registers". */
    default String functionName() {
        return FunctionCode.nameOf(functionCode());
    }

    /**
     * What the request asks, for log and error messages: function name and code, and the address where the request
     * has one. For example "Read Holding Registers (0x03) at address 100, quantity 10".
     */
    default String describe() {
        return String.format("%s (0x%02X)", functionName(), functionCode());
    }
}
