package org.camelmodbus.fuzz;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs a fuzz target over a numbered sequence of generated inputs within a wall-clock budget and reports what it did.
 *
 * <p>System properties, all optional:
 *
 * <ul>
 *   <li>{@code fuzz.seed}: the run's seed, decimal or {@code 0x} hex; printed with every report and failure
 *   <li>{@code fuzz.inputs}: inputs per decoder, default 1,000,000; {@code -Dfuzz.inputs=50000000} for a long run
 *   <li>{@code fuzz.first}: the number of the first input, to replay one failure alone with {@code fuzz.inputs=1}
 *   <li>{@code fuzz.budget}: seconds each decoder may take before the run fails, default 300 per million inputs: a guard
 *       against a decoder that loops, not a speed test, so a loaded machine does not trip it
 * </ul>
 *
 * <p>Each input's generator state depends only on the seed and the input's number, so a failure report names all it
 * takes to replay it. Targets run on a thread of their own: a decoder that refuses an input throws, and the cost of an
 * exception grows with the stack it captures, which under JUnit and Surefire is deep.
 */
final class Fuzz {
    static final long DEFAULT_SEED = 0x4D425A5A2D464E5AL;
    static final long SEED = parseSeed(System.getProperty("fuzz.seed"));
    static final long INPUTS = Long.getLong("fuzz.inputs", 1_000_000L);
    static final long FIRST = Long.getLong("fuzz.first", 0L);
    static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(
            Long.getLong("fuzz.budget", Math.max(300L, (long) Math.ceil(300.0 * INPUTS / 1_000_000))));

    /** How often the budget is looked at: reading the clock per input would cost more than some inputs. */
    private static final int BUDGET_CHECK_INTERVAL = 1024;

    private Fuzz() {}

    /** One decoder under test. Subclasses generate input {@code index} from {@link #rng} and check the properties. */
    abstract static class Target {
        final Rng rng = new Rng(SEED);
        final String name;

        Target(String name) {
            this.name = name;
        }

        /** Generates and checks one input; throws on a broken property. */
        abstract void input(long index) throws Exception;

        /** The current input, in hex and with whatever context it was decoded in, for a failure report. */
        abstract String describeInput();

        /** Counters worth printing after the run, e.g. {@code "412,345 decoded"}. */
        abstract String summary();

        /** Checks made once after the run, e.g. that enough inputs reached the decoder's happy path. */
        void afterRun(long inputs) {}
    }

    /** What a run did, for assertions on top of the target's own. */
    record Result(long inputs, long nanos) {}

    /** Runs {@link #INPUTS} inputs from {@link #FIRST} on a fresh thread, failing on the first broken property. */
    static Result run(Target target) throws Throwable {
        Object[] outcome = new Object[1];
        Thread thread = new Thread(
                () -> {
                    try {
                        outcome[0] = loop(target);
                    } catch (Throwable t) {
                        outcome[0] = t;
                    }
                },
                "fuzz-" + target.name);
        thread.start();
        thread.join();
        if (outcome[0] instanceof Throwable t) {
            throw t;
        }
        return (Result) outcome[0];
    }

    private static Result loop(Target target) {
        long start = System.nanoTime();
        long end = FIRST + INPUTS;
        for (long i = FIRST; i < end; i++) {
            target.rng.seedFor(SEED, i);
            try {
                target.input(i);
            } catch (Throwable t) {
                throw new AssertionError(
                        String.format(
                                "fuzz %s: input #%d failed: %s%n  input: %s%n  replay it alone with -Dfuzz.seed=%s"
                                        + " -Dfuzz.first=%d -Dfuzz.inputs=1",
                                target.name, i, t, target.describeInput(), seedText(), i),
                        t);
            }
            if ((i - FIRST) % BUDGET_CHECK_INTERVAL == BUDGET_CHECK_INTERVAL - 1
                    && System.nanoTime() - start > BUDGET_NANOS) {
                throw new AssertionError(String.format(
                        "fuzz %s: budget of %d s exhausted after %d of %d inputs (seed %s); the decoder or the machine"
                                + " is too slow, raise -Dfuzz.budget for a slow machine",
                        target.name, TimeUnit.NANOSECONDS.toSeconds(BUDGET_NANOS), i + 1 - FIRST, INPUTS, seedText()));
            }
        }
        long nanos = System.nanoTime() - start;
        target.afterRun(INPUTS);
        System.out.printf(
                Locale.ROOT,
                "fuzz %s: %d inputs in %.1f s (seed %s; %s)%n",
                target.name,
                INPUTS,
                nanos / 1e9,
                seedText(),
                target.summary());
        return new Result(INPUTS, nanos);
    }

    static String seedText() {
        return String.format("0x%016X", SEED);
    }

    private static long parseSeed(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_SEED;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    }

    static String hex(byte[] bytes) {
        return hex(bytes, 0, bytes.length);
    }

    static String hex(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder(3 * (to - from));
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        return sb.toString().toUpperCase(Locale.ROOT) + " (" + (to - from) + " bytes)";
    }
}
