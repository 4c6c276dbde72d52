package org.camelmodbus.transport.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;

/**
 * Lets an event loop that has just worked keep polling its sockets for a short while before it sleeps. One request at
 * a time is mostly waiting: the answer arrives tens of microseconds after the request left, and a loop that slept in
 * between pays a wake-up (a context switch and, on a VM, an idle vCPU coming back) before it can read it; a caller
 * blocking on each answer makes the loop pay another to take its next request. Spinning catches both awake, for the
 * CPU the spin burns. The loop stops spinning as soon as it has I/O or a task (also one handed over by another
 * thread, which finds the loop awake and so does not wake it), and at the latest after {@code spinNanos}, so a
 * scheduled task (a timeout) runs at most that late.
 */
final class SpinThenSleep implements SelectStrategyFactory {
    private final long spinNanos;
    private volatile EventLoopGroup group;

    SpinThenSleep(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    /** The group whose loops use this factory's strategies: each finds its own loop there, on its own thread. */
    void serve(EventLoopGroup group) {
        this.group = group;
    }

    @Override
    public SelectStrategy newSelectStrategy() {
        return new Strategy();
    }

    private final class Strategy implements SelectStrategy {
        private SingleThreadEventExecutor loop; // only touched by the loop's own thread

        @Override
        public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
            int ready = selectNow.get();
            if (ready > 0 || hasTasks) {
                return ready;
            }
            if (ownLoop() == null) {
                return SELECT;
            }
            long deadline = System.nanoTime() + spinNanos;
            do {
                // gives the core to any thread waiting for it: spinning with the CPU hint alone held off a server on
                // the same two cores, and lost a third of the rate at 32 and 128 requests in flight
                Thread.yield();
                ready = selectNow.get();
                if (ready > 0 || loop.pendingTasks() > 0) {
                    return ready;
                }
            } while (deadline - System.nanoTime() > 0);
            return SELECT;
        }

        private SingleThreadEventExecutor ownLoop() {
            EventLoopGroup serving = group;
            if (loop == null && serving != null) {
                for (EventExecutor executor : serving) {
                    if (executor.inEventLoop()) {
                        loop = (SingleThreadEventExecutor) executor;
                    }
                }
            }
            return loop;
        }
    }
}
