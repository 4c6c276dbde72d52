package org.camelmodbus;

import org.camelmodbus.protocol.ModbusException;

/**
 * A request an endpoint refused to send because it would write where the endpoint may not: the endpoint is
 * {@code readOnly}, or the unit id or addresses lie outside {@code writeUnitIds} / {@code writeAllow}, or it is a raw
 * request whose effect on the device cannot be known. Nothing was sent.
 */
public class ModbusWriteDeniedException extends ModbusException {
    public ModbusWriteDeniedException(String message) {
        super(message);
    }
}
