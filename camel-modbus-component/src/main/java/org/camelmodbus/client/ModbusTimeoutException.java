package org.camelmodbus.client;

import java.time.Duration;
import org.camelmodbus.protocol.ModbusException;
import org.camelmodbus.protocol.ModbusRequest;

/** No response arrived in time. For a write, the device may or may not have applied it. */
public class ModbusTimeoutException extends ModbusException {
    public ModbusTimeoutException(String device, int unitId, ModbusRequest request, Duration timeout) {
        super(String.format(
                "%s unit %d: no response to %s within %d ms", device, unitId, request.describe(), timeout.toMillis()));
    }
}
