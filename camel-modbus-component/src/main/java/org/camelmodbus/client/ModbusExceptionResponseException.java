package org.camelmodbus.client;

import java.util.Optional;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.ModbusException;
import org.camelmodbus.protocol.ModbusRequest;

/** The device answered with an exception response; the message names code, meaning, device, unit, function, address. */
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
                Requests.describe(request),
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
