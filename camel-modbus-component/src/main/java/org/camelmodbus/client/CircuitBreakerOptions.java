package org.camelmodbus.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When a client parks a unit that keeps timing out. The breaker counts, per unit id, requests that were sent and got
 * no answer in time (or that a gateway answered with exception 0x0A or 0x0B); any other answer from the unit resets
 * the count. After {@code failureThreshold} in a row the unit's requests fail at once with a
 * {@link ModbusUnitUnavailableException} for {@code openDelay}; then one request goes through as a probe. Its answer
 * closes the breaker; its timeout parks the unit again for twice as long, up to {@code openDelayMax}.
 *
 * @param failureThreshold consecutive timeouts that open a unit's breaker; 0 switches the breaker off
 * @param openDelay how long a unit stays parked the first time
 * @param openDelayMax cap on that wait as it doubles
 */
public record CircuitBreakerOptions(int failureThreshold, Duration openDelay, Duration openDelayMax) {
    public static final CircuitBreakerOptions OFF =
            new CircuitBreakerOptions(0, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public CircuitBreakerOptions {
        if (failureThreshold < 0) {
            throw new IllegalArgumentException(
                    "breaker failure threshold must not be negative (0 switches it off), got " + failureThreshold);
        }
        Objects.requireNonNull(openDelay, "openDelay");
        Objects.requireNonNull(openDelayMax, "openDelayMax");
        if (openDelay.isNegative() || openDelayMax.compareTo(openDelay) < 0) {
            throw new IllegalArgumentException(
                    "breaker delays must satisfy 0 <= breakerOpenDelay <= breakerOpenDelayMax, got " + openDelay
                            + " and " + openDelayMax);
        }
    }

    public boolean enabled() {
        return failureThreshold > 0;
    }
}
