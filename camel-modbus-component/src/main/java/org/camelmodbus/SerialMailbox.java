package org.camelmodbus;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Hands items to a handler one at a time and in the order they were posted, on the threads of an executor that may be
 * shared by many mailboxes and have many threads. The handler gets each item with a {@code done} callback to call
 * once, on any thread, when it has finished with it (an asynchronous route may finish later, elsewhere); only then
 * does the next item go to the executor. No thread waits: not while the mailbox is empty, nor between the handler's
 * return and its {@code done}. Items the executor refuses (it is shut down) go to {@code rejected} instead, in order,
 * on the thread that hands them over.
 */
final class SerialMailbox<T> {
    private final Executor executor;
    private final BiConsumer<T, Runnable> handler;
    private final Consumer<T> rejected;
    private final ArrayDeque<T> waiting = new ArrayDeque<>(); // guarded by this
    private boolean busy; // guarded by this: an item is with the executor or the handler

    SerialMailbox(Executor executor, BiConsumer<T, Runnable> handler, Consumer<T> rejected) {
        this.executor = executor;
        this.handler = handler;
        this.rejected = rejected;
    }

    void post(T item) {
        synchronized (this) {
            if (busy) {
                waiting.add(item);
                return;
            }
            busy = true;
        }
        handOver(item);
    }

    /** Gives the item to the executor; while it refuses, drops that item and tries the next. */
    private void handOver(T item) {
        for (T next = item; next != null; next = takeNext()) {
            T current = next;
            try {
                // a fresh task per item, so that a busy consumer takes its turn on a shared pool with the others
                executor.execute(() -> handler.accept(current, this::done));
                return;
            } catch (RejectedExecutionException shutDown) {
                rejected.accept(current);
            }
        }
    }

    private void done() {
        T next = takeNext();
        if (next != null) {
            handOver(next);
        }
    }

    /** The next waiting item, or null after marking the mailbox idle. */
    private synchronized T takeNext() {
        T next = waiting.poll();
        busy = next != null;
        return next;
    }
}
