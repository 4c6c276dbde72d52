package org.camelmodbus.protocol;

/** A response PDU: the normal answer to one request, or an {@link ExceptionResponse}. */
public sealed interface ModbusResponse
        permits ReadCoilsResponse,
                ReadDiscreteInputsResponse,
                ReadHoldingRegistersResponse,
                ReadInputRegistersResponse,
                WriteSingleCoilResponse,
                WriteSingleRegisterResponse,
                WriteMultipleCoilsResponse,
                WriteMultipleRegistersResponse,
                ReadExceptionStatusResponse,
                ReturnQueryDataResponse,
                GetCommEventCounterResponse,
                ReportServerIdResponse,
                MaskWriteRegisterResponse,
                ReadWriteMultipleRegistersResponse,
                ReadFifoQueueResponse,
                ReadDeviceIdentificationResponse,
                RawResponse,
                ExceptionResponse {

    /** The function code of the request this answers, without the exception flag. */
    int functionCode();
}
