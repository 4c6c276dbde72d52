package org.camelmodbus.client;

import java.time.Instant;
import java.util.Optional;
import org.camelmodbus.protocol.ModbusException;

/**
 * The unit's circuit breaker is open: the unit timed out too often and is parked, so the request failed at once
 * without being sent. Other units of the same device are still served. See {@link CircuitBreakerOptions}.
 */
public class ModbusUnitUnavailableException extends ModbusException {
    private final String device;
    private final int unitId;
    private final BreakerState state;
    private final Instant openSince;
    private final Instant nextProbe;

    public ModbusUnitUnavailableException(
            String message, String device, int unitId, BreakerState state, Instant openSince, Instant nextProbe) {
        super(message);
        this.device = device;
        this.unitId = unitId;
        this.state = state;
        this.openSince = openSince;
        this.nextProbe = nextProbe;
    }

    public String device() {
        return device;
    }

    public int unitId() {
        return unitId;
    }

    /** OPEN, or HALF_OPEN while a probe is on its way. */
    public BreakerState state() {
        return state;
    }

    /** When the breaker opened. */
    public Instant openSince() {
        return openSince;
    }

    /** From when a request may go through as the probe; empty while a probe is on its way. */
    public Optional<Instant> nextProbe() {
        return Optional.ofNullable(nextProbe);
    }
}
