package org.camelmodbus.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per unit id of a device, as {@link CircuitBreakerOptions} describes. A breaker is created the
 * first time its unit times out, so a client that never sees a timeout keeps none. Not thread-safe: the client calls
 * it under its lock. Times are {@link System#nanoTime()} values; wall-clock instants only go into messages.
 */
final class UnitBreakers {
    private static final Logger LOG = LoggerFactory.getLogger(UnitBreakers.class);

    private final CircuitBreakerOptions options;
    private final String device;
    private final TreeMap<Integer, Unit> units = new TreeMap<>();

    UnitBreakers(CircuitBreakerOptions options, String device) {
        this.options = options;
        this.device = device;
    }

    private static final class Unit {
        BreakerState state = BreakerState.CLOSED;
        int consecutiveTimeouts;
        long openedAtMillis;
        long openDelayNanos;
        long nextProbeNanos;
    }

    /** Why a request for {@code unitId} must fail at once, or null when it may be queued. */
    ModbusUnitUnavailableException refusal(int unitId, long now) {
        Unit u = units.get(unitId);
        if (u == null
                || u.state == BreakerState.CLOSED
                || (u.state == BreakerState.OPEN && u.nextProbeNanos - now <= 0)) {
            return null;
        }
        return unavailable(unitId, now);
    }

    /** The exception for a request of {@code unitId}, whose breaker is open or half-open. */
    ModbusUnitUnavailableException unavailable(int unitId, long now) {
        Unit u = units.get(unitId);
        Instant since = Instant.ofEpochMilli(u.openedAtMillis);
        if (u.state == BreakerState.HALF_OPEN) {
            return new ModbusUnitUnavailableException(
                    String.format(
                            "%s unit %d is parked by its circuit breaker since %s after %d consecutive timeouts;"
                                    + " a probe request is on its way, and the unit is served again once it answers",
                            device, unitId, since, u.consecutiveTimeouts),
                    device,
                    unitId,
                    u.state,
                    since,
                    null);
        }
        long wait = Math.max(0, u.nextProbeNanos - now);
        Instant nextProbe = Instant.now().plusNanos(wait);
        return new ModbusUnitUnavailableException(
                String.format(
                        "%s unit %d is parked by its circuit breaker since %s after %d consecutive timeouts;"
                                + " the next request after %s (in %d ms) goes through as a probe",
                        device, unitId, since, u.consecutiveTimeouts, nextProbe, TimeUnit.NANOSECONDS.toMillis(wait)),
                device,
                unitId,
                u.state,
                since,
                nextProbe);
    }

    /**
     * A request for {@code unitId} that {@link #refusal} let through is queued. Returns true when it is the unit's
     * probe: then the breaker turns half-open and refuses the unit's further requests until the probe ends.
     */
    boolean admit(int unitId, long now) {
        Unit u = units.get(unitId);
        if (u == null || u.state != BreakerState.OPEN) {
            return false;
        }
        u.state = BreakerState.HALF_OPEN;
        LOG.debug("{} unit {}: probing with the next request", device, unitId);
        return true;
    }

    /** The unit answered (anything but a gateway's "no path" or "no answer"): it is served. */
    void answered(int unitId) {
        Unit u = units.get(unitId);
        if (u == null) {
            return;
        }
        if (u.state != BreakerState.CLOSED) {
            LOG.info("{} unit {} answered again; its circuit breaker is closed", device, unitId);
        }
        u.state = BreakerState.CLOSED;
        u.consecutiveTimeouts = 0;
        u.openDelayNanos = 0;
    }

    /**
     * A request sent to {@code unitId} got no answer in time (or a gateway said the unit did not answer). Returns true
     * when this opened the unit's breaker: the caller then fails the unit's waiting requests.
     */
    boolean timedOut(int unitId, boolean probe, long now) {
        if (!options.enabled()) {
            return false;
        }
        Unit u = units.computeIfAbsent(unitId, id -> new Unit());
        u.consecutiveTimeouts++;
        boolean open;
        if (u.state == BreakerState.CLOSED) {
            open = u.consecutiveTimeouts >= options.failureThreshold();
            if (open) {
                u.openDelayNanos = options.openDelay().toNanos();
                u.openedAtMillis = System.currentTimeMillis();
            }
        } else if (u.state == BreakerState.HALF_OPEN && probe) {
            open = true;
            u.openDelayNanos =
                    Math.min(2 * u.openDelayNanos, options.openDelayMax().toNanos());
        } else {
            // requests sent before the breaker opened, ending while it is open: they tell nothing new
            return false;
        }
        if (open) {
            u.state = BreakerState.OPEN;
            u.nextProbeNanos = now + u.openDelayNanos;
            LOG.warn(
                    "{} unit {} did not answer {} times in a row; its circuit breaker is open, next probe in {} ms",
                    device,
                    unitId,
                    u.consecutiveTimeouts,
                    TimeUnit.NANOSECONDS.toMillis(u.openDelayNanos));
        }
        return open;
    }

    /** A probe ended without a verdict (never sent, or lost with its connection): the next request probes. */
    void probeAborted(int unitId, long now) {
        Unit u = units.get(unitId);
        if (u != null && u.state == BreakerState.HALF_OPEN) {
            u.state = BreakerState.OPEN;
            u.nextProbeNanos = now;
        }
    }

    BreakerState state(int unitId) {
        Unit u = units.get(unitId);
        return u == null ? BreakerState.CLOSED : u.state;
    }

    /** Every unit that timed out since it last answered, by unit id. */
    List<UnitBreakerStatus> snapshot(long now) {
        List<UnitBreakerStatus> all = new ArrayList<>();
        Instant wallNow = Instant.now();
        units.forEach((unitId, u) -> {
            if (u.consecutiveTimeouts == 0) {
                return;
            }
            boolean closed = u.state == BreakerState.CLOSED;
            all.add(new UnitBreakerStatus(
                    unitId,
                    u.state,
                    u.consecutiveTimeouts,
                    closed ? null : Instant.ofEpochMilli(u.openedAtMillis),
                    u.state == BreakerState.OPEN ? wallNow.plusNanos(u.nextProbeNanos - now) : null,
                    closed ? null : Duration.ofNanos(u.openDelayNanos)));
        });
        return all;
    }
}
