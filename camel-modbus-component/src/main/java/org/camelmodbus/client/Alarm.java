package org.camelmodbus.client;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One task of the client on its scheduler, armed for the earliest moment anyone asked for: asking for a later moment
 * than the one armed changes nothing, so a client needs one scheduled task however many requests it has, not one per
 * request. Not thread-safe: the client calls it under its lock, and the task calls {@link #rang()} under it first.
 */
final class Alarm {
    private final ScheduledExecutorService scheduler;
    private final Runnable task;
    private ScheduledFuture<?> armed;
    private long atNanos;

    Alarm(ScheduledExecutorService scheduler, Runnable task) {
        this.scheduler = scheduler;
        this.task = task;
    }

    /** Makes sure the task runs no later than {@code deadline}; times are {@link System#nanoTime()} values. */
    void atOrBefore(long deadline, long now) {
        if (armed != null && atNanos - deadline <= 0) {
            return;
        }
        cancel();
        try {
            armed = scheduler.schedule(task, Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
            atNanos = deadline;
        } catch (RejectedExecutionException shuttingDown) {
            // the scheduler is going away with the client: close() fails whatever still waits
        }
    }

    /** The task started: the next {@link #atOrBefore} arms it again. */
    void rang() {
        armed = null;
    }

    void cancel() {
        if (armed != null) {
            armed.cancel(false);
            armed = null;
        }
    }
}
