package org.camelmodbus;

import org.camelmodbus.protocol.ExceptionCode;

/**
 * Thrown by a route behind a modbus tcp-server endpoint to refuse the request with a Modbus exception code, for
 * example when a downstream system rejects a write: {@code throw new ModbusRefusedException(ILLEGAL_DATA_VALUE,
 * "setpoint above the limit")}. The client gets that code; a refused write is not applied to the image.
 */
public class ModbusRefusedException extends RuntimeException {
    private final ExceptionCode code;

    public ModbusRefusedException(ExceptionCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The exception code the client gets. */
    public ExceptionCode code() {
        return code;
    }
}
