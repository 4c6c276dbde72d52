package org.camelmodbus.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client treats its device.
 *
 * @param maxInFlight requests sent and not yet answered, 1..65535; 1 suits devices that serve one at a time
 * @param maxQueued requests waiting to be sent, at least 1; beyond it {@code queueOverflow} decides, except that a
 *     source with nothing waiting is still admitted while another source has two or more waiting (so a flood cannot
 *     lock the others out; the queue then holds at most one more request per source)
 * @param reconnectDelay wait after the first failed connection attempt; doubles on each further failure
 * @param reconnectDelayMax cap on that wait
 * @param maxRequestsPerSecond requests sent per second at most, spread evenly (one every 1/n s); 0 for no limit
 * @param minRequestInterval quiet time before each request: it is sent no sooner than this after the previous request
 *     was sent and after the previous one ended (answered, timed out or lost); zero for none
 * @param queueOverflow what a request that finds the queue full does
 * @param breaker when a unit that keeps timing out is parked
 */
public record ModbusClientOptions(
        int maxInFlight,
        int maxQueued,
        Duration reconnectDelay,
        Duration reconnectDelayMax,
        int maxRequestsPerSecond,
        Duration minRequestInterval,
        QueueOverflow queueOverflow,
        CircuitBreakerOptions breaker) {

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
        if (maxRequestsPerSecond < 0) {
            throw new IllegalArgumentException(
                    "maxRequestsPerSecond must not be negative (0 means no limit), got " + maxRequestsPerSecond);
        }
        Objects.requireNonNull(minRequestInterval, "minRequestInterval");
        if (minRequestInterval.isNegative()) {
            throw new IllegalArgumentException("minRequestInterval must not be negative, got " + minRequestInterval);
        }
        Objects.requireNonNull(queueOverflow, "queueOverflow");
        Objects.requireNonNull(breaker, "breaker");
    }

    /** No pacing, a failing queue overflow and no circuit breaker. */
    public ModbusClientOptions(int maxInFlight, int maxQueued, Duration reconnectDelay, Duration reconnectDelayMax) {
        this(
                maxInFlight,
                maxQueued,
                reconnectDelay,
                reconnectDelayMax,
                0,
                Duration.ZERO,
                QueueOverflow.FAIL,
                CircuitBreakerOptions.OFF);
    }

    public ModbusClientOptions withPacing(int maxRequestsPerSecond, Duration minRequestInterval) {
        return new ModbusClientOptions(
                maxInFlight,
                maxQueued,
                reconnectDelay,
                reconnectDelayMax,
                maxRequestsPerSecond,
                minRequestInterval,
                queueOverflow,
                breaker);
    }

    public ModbusClientOptions withQueueOverflow(QueueOverflow queueOverflow) {
        return new ModbusClientOptions(
                maxInFlight,
                maxQueued,
                reconnectDelay,
                reconnectDelayMax,
                maxRequestsPerSecond,
                minRequestInterval,
                queueOverflow,
                breaker);
    }

    public ModbusClientOptions withBreaker(CircuitBreakerOptions breaker) {
        return new ModbusClientOptions(
                maxInFlight,
                maxQueued,
                reconnectDelay,
                reconnectDelayMax,
                maxRequestsPerSecond,
                minRequestInterval,
                queueOverflow,
                breaker);
    }
}
