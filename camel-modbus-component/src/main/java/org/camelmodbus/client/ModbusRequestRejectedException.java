package org.camelmodbus.client;

import org.camelmodbus.protocol.ModbusException;

/** The client refused a request before sending it: its queue is full or it is closed. Nothing reached the device. */
public class ModbusRequestRejectedException extends ModbusException {
    public ModbusRequestRejectedException(String message) {
        super(message);
    }
}
