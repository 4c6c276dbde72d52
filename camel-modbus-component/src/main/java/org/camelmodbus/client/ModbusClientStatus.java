package org.camelmodbus.client;

import java.time.Instant;
import java.util.List;

/**
 * What a client knows about its device at a moment, for health checks and monitoring.
 *
 * @param device the device in URI form
 * @param connected whether a connection is open
 * @param connectFailure why the last connection attempt failed, while the client waits to try again; null when
 *     connected, connecting or never refused
 * @param lastSuccess when a request last succeeded; null if none has
 * @param lastErrorAt when a request last failed; null if none has
 * @param lastError that failure's message; null if none has
 * @param queued requests waiting to be sent
 * @param inFlight requests sent and not yet answered
 * @param breakers the breakers of the units that timed out at least once since they last answered, by unit id; empty
 *     when the breaker is off
 */
public record ModbusClientStatus(
        String device,
        boolean connected,
        String connectFailure,
        Instant lastSuccess,
        Instant lastErrorAt,
        String lastError,
        int queued,
        int inFlight,
        List<UnitBreakerStatus> breakers) {

    public ModbusClientStatus {
        breakers = List.copyOf(breakers);
    }

    /** The units whose breaker is open or half-open. */
    public List<UnitBreakerStatus> parkedUnits() {
        return breakers.stream().filter(b -> b.state() != BreakerState.CLOSED).toList();
    }
}
