package org.camelmodbus.client;

import java.time.Duration;

/**
 * Tells the client's drain loop when the next request may go on the wire: no sooner than 1/maxRequestsPerSecond after
 * the previous send, and no sooner than minRequestInterval after the previous send and after the previous request
 * ended. It only computes; the client schedules its own wake-up, so nothing ever sleeps. Not thread-safe: the client
 * calls it under its lock. Times are {@link System#nanoTime()} values.
 */
final class Pacer {
    private final long spacingNanos;
    private final long pauseNanos;
    private boolean sentBefore;
    private long lastSentNanos;
    private boolean endedBefore;
    private long lastEndedNanos;

    Pacer(int maxRequestsPerSecond, Duration minRequestInterval) {
        this.spacingNanos = maxRequestsPerSecond == 0 ? 0 : 1_000_000_000L / maxRequestsPerSecond;
        this.pauseNanos = minRequestInterval.toNanos();
    }

    /** How long from {@code now} until the next request may be sent; 0 if it may go now. */
    long delayNanos(long now) {
        long wait = 0;
        if (sentBefore) {
            wait = Math.max(wait, Math.max(spacingNanos, pauseNanos) - (now - lastSentNanos));
        }
        if (endedBefore) {
            wait = Math.max(wait, pauseNanos - (now - lastEndedNanos));
        }
        return wait;
    }

    /** A request went on the wire. */
    void sent(long now) {
        sentBefore = true;
        lastSentNanos = now;
    }

    /** A request on the wire ended: answered, timed out, or lost with its connection. */
    void ended(long now) {
        endedBefore = true;
        lastEndedNanos = now;
    }
}
