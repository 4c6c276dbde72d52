package org.camelmodbus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SerialMailboxTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final ExecutorService finisher = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        finisher.shutdownNow();
    }

    @Test
    void itemsReachTheHandlerInOrderAndOneAtATimeOnAPoolOfFour() {
        List<Integer> handled = new CopyOnWriteArrayList<>();
        AtomicInteger inHandler = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        SerialMailbox<Integer> mailbox = new SerialMailbox<>(
                pool,
                (item, done) -> {
                    mostAtOnce.accumulateAndGet(inHandler.incrementAndGet(), Math::max);
                    handled.add(item);
                    inHandler.decrementAndGet();
                    // every other item finishes later on another thread, as an asynchronous route does
                    if (item % 2 == 0) {
                        done.run();
                    } else {
                        finisher.execute(done);
                    }
                },
                item -> {
                    throw new AssertionError("rejected " + item);
                });
        IntStream.range(0, 2000).forEach(mailbox::post);
        await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 2000);
        assertEquals(IntStream.range(0, 2000).boxed().toList(), handled);
        assertEquals(1, mostAtOnce.get());
    }

    @Test
    void theNextItemWaitsUntilTheHandlerSaysDone() {
        List<Integer> handled = new CopyOnWriteArrayList<>();
        AtomicReference<Runnable> pending = new AtomicReference<>();
        SerialMailbox<Integer> mailbox = new SerialMailbox<>(
                pool,
                (item, done) -> {
                    handled.add(item);
                    pending.set(done);
                },
                item -> {});
        mailbox.post(1);
        mailbox.post(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> pending.get() != null);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> handled.equals(List.of(1)));
        pending.getAndSet(null).run();
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.equals(List.of(1, 2)));
    }

    @Test
    void itemsTheExecutorRefusesGoToRejectedInOrder() {
        List<Integer> handled = new ArrayList<>();
        List<Integer> rejected = new ArrayList<>();
        AtomicReference<Runnable> pending = new AtomicReference<>();
        AtomicInteger executions = new AtomicInteger();
        SerialMailbox<Integer> mailbox = new SerialMailbox<>(
                task -> {
                    if (executions.incrementAndGet() > 1) {
                        throw new RejectedExecutionException("shut down");
                    }
                    task.run();
                },
                (item, done) -> {
                    handled.add(item);
                    pending.set(done);
                },
                rejected::add);
        mailbox.post(1);
        mailbox.post(2);
        mailbox.post(3);
        pending.get().run(); // 2 and 3 find the executor shut down
        mailbox.post(4);
        assertEquals(List.of(1), handled);
        assertEquals(List.of(2, 3, 4), rejected);
    }
}
