package org.camelmodbus.client;

import org.camelmodbus.protocol.ModbusException;

/** The device could not be reached, or the connection closed while a request waited for its answer. */
public class ModbusConnectionException extends ModbusException {
    public ModbusConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
