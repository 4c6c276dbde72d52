package org.camelmodbus.client;

import java.util.Optional;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.ModbusException;
import org.camelmodbus.protocol.ModbusRequest;

/**
 * The device answered with an exception response. The message names device, unit id, the request (function and
 * code, and the address where the request has one), the exception code and its meaning, for example "tcp://plc1:502
 * unit 1 answered Read Holding Registers (0x03) at address 100, quantity 10 with exception Illegal Data Address
 * (0x02): the address or address + quantity is not valid on the server".
 */
public class ModbusExceptionResponseException extends ModbusException {
    private final String device;
    private final int unitId;
    private final transient ModbusRequest request;
    private final int exceptionCode;

    public ModbusExceptionResponseException(
            String device, int unitId, ModbusRequest request, ExceptionResponse response) {
        super(String.format(
                "%s unit %d answered %s with exception %s%s",
                device,
                unitId,
                request.describe(),
                ExceptionCode.describe(response.exceptionCode()),
                response.code().map(c -> ": " + c.meaning()).orElse("")));
        this.device = device;
        this.unitId = unitId;
        this.request = request;
        this.exceptionCode = response.exceptionCode();
    }

    public String device() {
        return device;
    }

    public int unitId() {
        return unitId;
    }

    public ModbusRequest request() {
        return request;
    }

    /** The raw code, kept even when outside the specification. */
    public int exceptionCode() {
        return exceptionCode;
    }

    public Optional<ExceptionCode> code() {
        return ExceptionCode.of(exceptionCode);
    }
}
