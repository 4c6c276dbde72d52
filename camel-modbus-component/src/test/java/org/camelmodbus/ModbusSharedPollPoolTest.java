package org.camelmodbus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many consumers share one small poll pool ({@code scheduledExecutorService=#pool}) instead of a thread each, and a
 * consumer on a pool of several threads still hands its answers to the route one at a time and in order.
 */
@Timeout(60)
class ModbusSharedPollPoolTest extends ModbusRouteTestSupport {
    private static final int CONSUMERS = 50;
    /** How long each exchange waits in the route for a second exchange of the same consumer to join it. */
    private static final long OVERLAP_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** What {@link #delivered()} records for an empty exchange. */
    private static final int EMPTY = -1;

    private static final int SLOW_UNIT = 2;

    private final ScheduledThreadPoolExecutor twoPollers = pool("two-pollers", 2);
    private final Set<Integer> addressesDelivered = ConcurrentHashMap.newKeySet();
    private final Set<String> routeThreads = ConcurrentHashMap.newKeySet();
    private final Object route = new Object();
    private final List<Integer> sequence = new ArrayList<>(); // guarded by route
    private int inRoute; // guarded by route
    private int mostAtOnce; // guarded by route
    private NettyTransports counterThreads;
    private NettyTcpServer counter;

    private static ScheduledThreadPoolExecutor pool(String name, int threads) {
        AtomicInteger created = new AtomicInteger();
        return new ScheduledThreadPoolExecutor(
                threads, task -> new Thread(task, name + "-" + created.incrementAndGet()));
    }

    @Override
    protected void doPreSetup() throws Exception {
        super.doPreSetup();
        // a device whose holding register 0 counts the requests it answered: each answer is one more than the last
        ProcessImage image = new ProcessImage();
        AtomicInteger requests = new AtomicInteger();
        counterThreads = new NettyTransports(1);
        counter = counterThreads.tcpServer("127.0.0.1", 0, (unitId, request) -> {
            synchronized (image) {
                image.setHoldingRegisters(0, requests.incrementAndGet());
                var answer = image.apply(request);
                // unit SLOW_UNIT answers after 10 ms, so that the runs in between are idle
                return unitId == SLOW_UNIT
                        ? CompletableFuture.supplyAsync(
                                () -> answer, CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS))
                        : CompletableFuture.completedFuture(answer);
            }
        });
    }

    @Override
    protected void doPostTearDown() {
        twoPollers.shutdownNow();
        if (counter != null) {
            counter.close();
            counterThreads.close();
        }
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("twoPollers", twoPollers);
        // as the component doc shows it: a pool Camel manages and shuts down with the context
        registry.bind("fourPollers", context.getExecutorServiceManager().newScheduledThreadPool(this, "pollers", 4));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (int address = 0; address < CONSUMERS; address++) {
                    from(device("address=" + address
                                    + "&quantity=1&delay=200&initialDelay=0&scheduledExecutorService=#twoPollers"))
                            .routeId("device" + address)
                            .autoStartup(false)
                            .process(e -> {
                                routeThreads.add(Thread.currentThread().getName());
                                addressesDelivered.add(e.getMessage().getHeader(ModbusConstants.ADDRESS, int.class));
                            });
                }
                from("modbus:tcp:127.0.0.1:" + counter.port()
                                + "?address=0&quantity=1&delay=0&initialDelay=0&scheduledExecutorService=#fourPollers")
                        .routeId("continuous")
                        .autoStartup(false)
                        .process(e -> enterAndWaitForCompany(e));
                // runs every 5 ms, reads answered in 10 ms, exchanges 20 ms in the route: idle runs send empty ones
                from("modbus:tcp:127.0.0.1:" + counter.port() + "?unitId=" + SLOW_UNIT
                                + "&address=0&quantity=1&delay=5&initialDelay=0&sendEmptyMessageWhenIdle=true"
                                + "&scheduledExecutorService=#fourPollers")
                        .routeId("idle")
                        .autoStartup(false)
                        .process(e -> enterAndWaitForCompany(e));
            }
        };
    }

    @Test
    void fiftyConsumersShareTwoPollThreads() throws Exception {
        twoPollers.prestartAllCoreThreads();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        for (int address = 0; address < CONSUMERS; address++) {
            context.getRouteController().startRoute("device" + address);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> addressesDelivered.size() == CONSUMERS);
        int grown = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
        // a thread per consumer would add 50; the device's connection may add an I/O thread or a few of Camel's own
        assertTrue(grown < 10, "the JVM has " + grown + " more threads with " + CONSUMERS + " consumers running");
        assertTrue(
                routeThreads.stream().allMatch(name -> name.startsWith("two-pollers-")),
                "routes ran on " + routeThreads);
    }

    @Test
    void aContinuousConsumerOnAPoolOfFourDeliversInOrderAndOneAtATime() throws Exception {
        context.getRouteController().startRoute("continuous");
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered().size() >= 50);
        context.getRouteController().stopRoute("continuous");
        assertOneAtATimeAndInOrder(delivered());
    }

    @Test
    void emptyExchangesOfIdleRunsTakeTheirTurnWithTheAnswers() throws Exception {
        context.getRouteController().startRoute("idle");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Integer> values = delivered();
            return values.stream().filter(v -> v == EMPTY).count() >= 10
                    && values.stream().filter(v -> v != EMPTY).count() >= 10;
        });
        context.getRouteController().stopRoute("idle");
        assertOneAtATimeAndInOrder(delivered().stream().filter(v -> v != EMPTY).toList());
    }

    /** The consumer never had two exchanges in the route, and the device's counts came in the order it answered. */
    private void assertOneAtATimeAndInOrder(List<Integer> answers) {
        int most;
        synchronized (route) {
            most = mostAtOnce;
        }
        assertAll(() -> assertEquals(1, most, "exchanges of one consumer in the route at once"), () -> {
            for (int i = 1; i < answers.size(); i++) {
                assertTrue(answers.get(i) > answers.get(i - 1), "answers out of order: " + answers);
            }
        });
    }

    /**
     * Records the device's count and how many exchanges are in the route, then waits a little for another exchange of
     * the consumer to enter beside this one: only a consumer that delivers two answers at once lets one in.
     */
    private void enterAndWaitForCompany(Exchange exchange) throws InterruptedException {
        routeThreads.add(Thread.currentThread().getName());
        List<?> body = exchange.getMessage().getBody(List.class);
        int count = body == null ? EMPTY : (Integer) body.get(0);
        synchronized (route) {
            inRoute++;
            mostAtOnce = Math.max(mostAtOnce, inRoute);
            sequence.add(count);
            route.notifyAll();
            long deadline = System.nanoTime() + OVERLAP_WINDOW_NANOS;
            for (long left = OVERLAP_WINDOW_NANOS; inRoute == 1 && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(route, left);
            }
            inRoute--;
        }
    }

    private List<Integer> delivered() {
        synchronized (route) {
            return new ArrayList<>(sequence);
        }
    }
}
