package org.camelmodbus.faults;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The checks of {@link NoLeaks} catch what they are there to catch. */
class NoLeaksTest {

    @Test
    void aBufferNeverReleasedFails() throws InterruptedException {
        int mark = NoLeaks.leaks();
        leakOne();
        AssertionFailedError e =
                assertThrows(AssertionFailedError.class, () -> NoLeaks.assertNoBufferLeakedSince(mark));
        assertTrue(e.getMessage().contains("leakOne"), e.getMessage());
    }

    private static void leakOne() {
        ByteBufAllocator.DEFAULT.buffer(16).writeInt(42);
    }

    @Test
    void aThreadLeftRunningFails() throws InterruptedException {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        CountDownLatch stop = new CountDownLatch(1);
        Thread straggler = new Thread(
                () -> {
                    try {
                        stop.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "straggler");
        straggler.start();
        try {
            AssertionFailedError e = assertThrows(
                    AssertionFailedError.class, () -> NoLeaks.assertNoThreadsLeftSince(before, Duration.ofMillis(200)));
            assertTrue(e.getMessage().contains("straggler"), e.getMessage());
        } finally {
            stop.countDown();
            straggler.join();
        }
        NoLeaks.assertNoThreadsLeftSince(before, Duration.ofSeconds(5));
    }
}
