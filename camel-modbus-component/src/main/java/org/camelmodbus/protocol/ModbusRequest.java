package org.camelmodbus.protocol;

/** A request PDU. Every implementation validates its fields against the specification when constructed. */
public sealed interface ModbusRequest
        permits ReadCoilsRequest,
                ReadDiscreteInputsRequest,
                ReadHoldingRegistersRequest,
                ReadInputRegistersRequest,
                WriteSingleCoilRequest,
                WriteSingleRegisterRequest,
                WriteMultipleCoilsRequest,
                WriteMultipleRegistersRequest {

    FunctionCode functionCode();

    /** The first address the request touches, 0..65535. */
    int address();

    /** How many bits or registers the request touches. */
    int quantity();
}
