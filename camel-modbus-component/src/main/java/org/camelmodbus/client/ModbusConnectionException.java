package org.camelmodbus.client;

import org.camelmodbus.protocol.ModbusException;

/** The device could not be reached, or the connection closed while a request waited for its answer. */
public class ModbusConnectionException extends ModbusException {
    private final boolean mayHaveReachedDevice;

    /** The request was never sent. */
    public ModbusConnectionException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public ModbusConnectionException(String message, Throwable cause, boolean mayHaveReachedDevice) {
        super(message, cause);
        this.mayHaveReachedDevice = mayHaveReachedDevice;
    }

    /** True when the request was on the wire as the connection went: a write may or may not have been applied. */
    public boolean mayHaveReachedDevice() {
        return mayHaveReachedDevice;
    }
}
