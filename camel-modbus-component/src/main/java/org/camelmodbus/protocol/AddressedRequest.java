package org.camelmodbus.protocol;

/**
 * A request that touches one contiguous range of a data table: the reads and writes of coils, discrete inputs and
 * registers. Its range never passes the last address, 65535.
 */
public sealed interface AddressedRequest extends ModbusRequest
        permits ReadCoilsRequest,
                ReadDiscreteInputsRequest,
                ReadHoldingRegistersRequest,
                ReadInputRegistersRequest,
                WriteSingleCoilRequest,
                WriteSingleRegisterRequest,
                WriteMultipleCoilsRequest,
                WriteMultipleRegistersRequest,
                MaskWriteRegisterRequest {

    /** The first address the request touches, 0..65535. */
    int address();

    /** How many bits or registers the request touches, 1 for the single writes and Mask Write Register. */
    int quantity();

    @Override
    default String describe() {
        return String.format(
                "%s (0x%02X) at address %d, quantity %d", functionName(), functionCode(), address(), quantity());
    }
}
