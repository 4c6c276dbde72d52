package org.camelmodbus.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client treats its device.
 *
 * @param maxInFlight requests sent and not yet answered, 1..65535; 1 suits devices that serve one at a time
 * @param maxQueued requests waiting to be sent, at least 1; beyond it a request is refused at once
 * @param reconnectDelay wait after the first failed connection attempt; doubles on each further failure
 * @param reconnectDelayMax cap on that wait
 */
public record ModbusClientOptions(int maxInFlight, int maxQueued, Duration reconnectDelay, Duration reconnectDelayMax) {
    public static final ModbusClientOptions DEFAULTS =
            new ModbusClientOptions(1, 1000, Duration.ofMillis(100), Duration.ofSeconds(10));

    public ModbusClientOptions {
        if (maxInFlight < 1 || maxInFlight > 0xFFFF) {
            throw new IllegalArgumentException("maxInFlight " + maxInFlight + " is out of range 1..65535");
        }
        // every request passes through the queue, if only for an instant: with no room at all, none would ever be
        // sent, nor would a connection attempt ever start
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued " + maxQueued + " must be at least 1");
        }
        Objects.requireNonNull(reconnectDelay, "reconnectDelay");
        Objects.requireNonNull(reconnectDelayMax, "reconnectDelayMax");
        if (reconnectDelay.isNegative() || reconnectDelayMax.compareTo(reconnectDelay) < 0) {
            throw new IllegalArgumentException(
                    "reconnect delays must satisfy 0 <= reconnectDelay <= reconnectDelayMax, got " + reconnectDelay
                            + " and " + reconnectDelayMax);
        }
    }
}
