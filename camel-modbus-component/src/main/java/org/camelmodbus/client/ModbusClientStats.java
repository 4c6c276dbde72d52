package org.camelmodbus.client;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of one client since it was created, cheap enough to keep always: attempts answered and failed (by
 * kind), retries, and since when the device has been unreachable. Monotonic counters, as metrics systems expect.
 */
public final class ModbusClientStats {
    private final LongAdder answered = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final Map<ModbusErrorKind, LongAdder> failures = new EnumMap<>(ModbusErrorKind.class);
    /** Epoch millis of the first failed connection attempt since the device last answered; 0 while reachable. */
    private volatile long unreachableSince;

    ModbusClientStats() {
        for (ModbusErrorKind kind : ModbusErrorKind.values()) {
            failures.put(kind, new LongAdder());
        }
    }

    /** Attempts that got a response, exception responses not included. */
    public long answered() {
        return answered.sum();
    }

    /** Attempts that failed with {@code kind}. */
    public long failures(ModbusErrorKind kind) {
        return failures.get(kind).sum();
    }

    /** Attempts that failed, of any kind. */
    public long failures() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Attempts that ended, either way. */
    public long requests() {
        return answered() + failures();
    }

    /** Attempts made again after a failure. */
    public long retries() {
        return retries.sum();
    }

    /** Since when connection attempts have failed with no answer from the device since; null while reachable. */
    public Instant unreachableSince() {
        long since = unreachableSince;
        return since == 0 ? null : Instant.ofEpochMilli(since);
    }

    void ended(Throwable error) {
        if (error == null) {
            answered.increment();
        } else {
            failures.get(ModbusErrorKind.of(error)).increment();
        }
        // an exception response is an answer too: the device is there
        if ((error == null || error instanceof ModbusExceptionResponseException) && unreachableSince != 0) {
            unreachableSince = 0;
        }
    }

    void retried() {
        retries.increment();
    }

    void unreachable(long nowMillis) {
        if (unreachableSince == 0) {
            unreachableSince = nowMillis;
        }
    }
}
