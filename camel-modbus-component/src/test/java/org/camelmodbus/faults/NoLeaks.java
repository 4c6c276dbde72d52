package org.camelmodbus.faults;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaks a Netty buffer or leaves a thread behind. Buffers: Netty's leak detector (paranoid in our
 * surefire runs) only logs a leak, when the buffer has been garbage collected and a later allocation looks; this
 * listens to the detector, and after the test collects garbage and allocates until the detector has looked. Threads:
 * every thread started during the test must be gone shortly after its teardown (a few JVM- and Netty-wide helpers
 * that live on by design excepted).
 */
public final class NoLeaks implements BeforeEachCallback, AfterEachCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    /** Threads that outlive any one test by design: lazily started JVM or library singletons. */
    private static final List<String> SHARED_THREADS = List.of(
            "globalEventExecutor",
            "ObjectCleanerThread",
            "ForkJoinPool.commonPool",
            "Attach Listener",
            "process reaper");

    static {
        try {
            Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
            field.setAccessible(true);
            ((ResourceLeakDetector<?>) field.get(null)).setLeakListener((type, records) -> LEAKS.add(type + records));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private int leaksBefore;
    private Set<Thread> threadsBefore;

    @Override
    public void beforeEach(ExtensionContext context) {
        leaksBefore = LEAKS.size();
        threadsBefore = Thread.getAllStackTraces().keySet();
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        assertNoThreadsLeftSince(threadsBefore, Duration.ofSeconds(5));
        assertNoBufferLeakedSince(leaksBefore);
    }

    /** Waits up to {@code grace} for the threads started since {@code before} to end; fails naming those that did not. */
    static void assertNoThreadsLeftSince(Set<Thread> before, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> left;
        do {
            left = newThreads(before);
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        fail("threads left behind:\n"
                + left.stream()
                        .map(t -> t.getName() + " " + t.getState() + "\n\t"
                                + Arrays.stream(t.getStackTrace())
                                        .limit(12)
                                        .map(String::valueOf)
                                        .collect(Collectors.joining("\n\t")))
                        .collect(Collectors.joining("\n")));
    }

    static List<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .filter(t -> SHARED_THREADS.stream().noneMatch(t.getName()::startsWith))
                .toList();
    }

    /** Collects garbage and lets the leak detector look until it reported what it will; fails on a new leak. */
    static void assertNoBufferLeakedSince(int mark) throws InterruptedException {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            return; // sampled detection would miss leaks; the surefire configuration sets paranoid
        }
        for (int round = 0; round < 5 && LEAKS.size() == mark; round++) {
            System.gc();
            Thread.sleep(20);
            for (int i = 0; i < 100; i++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(8);
                probe.release();
            }
        }
        if (LEAKS.size() > mark) {
            fail("Netty buffers leaked:\n" + String.join("\n", LEAKS.subList(mark, LEAKS.size())));
        }
    }

    /** Leaks reported so far, for tests that check themselves. */
    static int leaks() {
        return LEAKS.size();
    }
}
