package org.camelmodbus.client;

import java.time.Duration;
import java.time.Instant;

/**
 * One unit's circuit breaker at a moment.
 *
 * @param unitId the unit id
 * @param state its breaker's state
 * @param consecutiveTimeouts timeouts since the unit last answered
 * @param openSince when the breaker opened; null while closed
 * @param nextProbe when OPEN, from when a request may go through as the probe (a probe is sent with the next request
 *     after it); null otherwise
 * @param openDelay while open or half-open, how long the unit is parked this time: the first delay, doubled after each
 *     failed probe up to the maximum; null while closed
 */
public record UnitBreakerStatus(
        int unitId,
        BreakerState state,
        int consecutiveTimeouts,
        Instant openSince,
        Instant nextProbe,
        Duration openDelay) {}
