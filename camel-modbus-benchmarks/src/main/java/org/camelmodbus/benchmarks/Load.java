package org.camelmodbus.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The two ways a window loads a client: a blocking loop, or a closed loop keeping N requests outstanding. */
final class Load {
    /** Unmeasured time at the start of every window, so that it measures a steady state. */
    static final double SETTLE_SECONDS = 0.25;

    private static final int MAX_SEQUENTIAL_ERRORS = 100;

    private Load() {}

    /** Something that can start one request and report its outcome, from any thread. */
    interface Source {
        void start(Outcome outcome);
    }

    interface Outcome {
        void done(boolean ok, Throwable error);
    }

    static Source of(Driver driver) {
        return outcome -> driver.readAsync().whenComplete((r, e) -> outcome.done(e == null && driver.valid(r), e));
    }

    /** One request at a time from this thread, each timed; ends after {@code seconds} or 100 errors. */
    static Window sequential(Driver driver, double seconds, ServerProcess server) {
        long settleEnd = System.nanoTime() + (long) (SETTLE_SECONDS * 1e9);
        while (System.nanoTime() < settleEnd) {
            try {
                driver.readBlocking();
            } catch (Exception e) {
                break;
            }
        }
        Samples latencies = new Samples(1 << 14);
        long ok = 0;
        long errors = 0;
        Throwable firstError = null;
        Meter start = Meter.now(server);
        long end = start.wallNanos() + (long) (seconds * 1e9);
        long now = start.wallNanos();
        while (now < end && errors < MAX_SEQUENTIAL_ERRORS) {
            try {
                driver.readBlocking();
                long done = System.nanoTime();
                latencies.add(done - now);
                now = done;
                ok++;
            } catch (Exception e) {
                errors++;
                firstError = firstError == null ? e : firstError;
                now = System.nanoTime();
            }
        }
        return new Window(ok, errors, Meter.now(server).since(start), latencies, firstError);
    }

    /**
     * Keeps {@code depth} requests outstanding: each answer starts the next, on whatever thread delivered it. A request
     * that fails retires its slot (no retry storm); the window counts it as an error. With one outstanding, requests go
     * one at a time, like the sequential loop but without a blocked thread, and each is timed.
     */
    static Window closedLoop(Source source, int depth, double seconds, ServerProcess server) {
        Loop loop = new Loop(source);
        for (int i = 0; i < depth; i++) {
            loop.issue();
        }
        sleep(SETTLE_SECONDS);
        long ok0 = loop.ok.get();
        long errors0 = loop.errors.get();
        Samples latencies = depth == 1 ? new Samples(1 << 14) : null;
        loop.latencies = latencies;
        Meter start = Meter.now(server);
        sleep(seconds);
        long ok1 = loop.ok.get();
        long errors1 = loop.errors.get();
        Meter cost = Meter.now(server).since(start);
        loop.latencies = null;
        loop.stopped = true;
        long drainEnd = System.nanoTime() + 10_000_000_000L;
        while (loop.outstanding.get() > 0 && System.nanoTime() < drainEnd) {
            sleep(0.001);
        }
        Throwable error = loop.firstError.get();
        if (loop.outstanding.get() > 0 && error == null) {
            error = new IllegalStateException(
                    loop.outstanding.get() + " requests still unanswered 10 s after the window");
        }
        return new Window(ok1 - ok0, errors1 - errors0, cost, latencies, error);
    }

    static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static final class Loop implements Outcome {
        final Source source;
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicReference<Throwable> firstError = new AtomicReference<>();
        volatile boolean stopped;
        /** Set while a window of one request at a time is measured; only one thread adds at a time then. */
        volatile Samples latencies;

        private long startedNanos;

        Loop(Source source) {
            this.source = source;
        }

        void issue() {
            startedNanos = System.nanoTime();
            outstanding.incrementAndGet();
            try {
                source.start(this);
            } catch (RuntimeException e) {
                done(false, e);
            }
        }

        @Override
        public void done(boolean answered, Throwable error) {
            Samples timing = latencies;
            if (timing != null) {
                timing.add(System.nanoTime() - startedNanos);
            }
            if (answered) {
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
                firstError.compareAndSet(null, error != null ? error : new IllegalStateException("wrong answer"));
            }
            outstanding.decrementAndGet();
            if (answered && !stopped) {
                issue();
            }
        }
    }
}
