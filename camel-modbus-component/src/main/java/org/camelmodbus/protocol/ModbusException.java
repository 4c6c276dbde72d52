package org.camelmodbus.protocol;

/** Base of every error this library raises about a Modbus exchange, so a route can catch them all in one clause. */
public class ModbusException extends RuntimeException {
    public ModbusException(String message) {
        super(message);
    }

    public ModbusException(String message, Throwable cause) {
        super(message, cause);
    }
}
