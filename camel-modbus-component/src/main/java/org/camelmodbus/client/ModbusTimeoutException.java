package org.camelmodbus.client;

import java.time.Duration;
import org.camelmodbus.protocol.ModbusException;
import org.camelmodbus.protocol.ModbusRequest;

/**
 * No response arrived in time. For a write that was sent, the device may or may not have applied it; one that timed
 * out still waiting in the queue was never sent.
 */
public class ModbusTimeoutException extends ModbusException {
    private final boolean mayHaveReachedDevice;

    /** The request was sent and went unanswered. */
    public ModbusTimeoutException(String device, int unitId, ModbusRequest request, Duration timeout) {
        this(device, unitId, request, timeout, true);
    }

    public ModbusTimeoutException(
            String device, int unitId, ModbusRequest request, Duration timeout, boolean mayHaveReachedDevice) {
        super(String.format(
                mayHaveReachedDevice
                        ? "%s unit %d: no response to %s within %d ms"
                        : "%s unit %d: %s was not sent within %d ms: it waited in the queue behind other requests",
                device,
                unitId,
                request.describe(),
                timeout.toMillis()));
        this.mayHaveReachedDevice = mayHaveReachedDevice;
    }

    /** False when the request timed out before it was sent: a write certainly did not take effect. */
    public boolean mayHaveReachedDevice() {
        return mayHaveReachedDevice;
    }
}
