package org.camelmodbus.benchmarks;

import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;

/**
 * Many devices: N connections from this JVM (one client per device, all sharing a few event-loop threads) to
 * servers on several loopback addresses in the server JVM, each device read once a second for a bounded time.
 * Reports the requests achieved, failures, this JVM's CPU share of the machine and heap per device.
 */
final class DevicesSuite {
    /** Devices per server address: keeps every (address, port) pair far from the ephemeral port range's size. */
    private static final int DEVICES_PER_ADDRESS = 1000;
    /** File descriptors a JVM needs besides its sockets (jars, epoll, pipes), with room to spare. */
    private static final int FD_RESERVE = 400;

    private static final double WARMUP_SECONDS = 3;
    /** The timer mode in which Camel routes, not the harness, poll the devices. */
    private static final String ROUTES = "routes";

    private static final String ROUTES_CLIENT = "camel-modbus routes";
    /** Timer slots per second of the {@code io-slots} mode: devices whose polls may share a wake-up. */
    private static final int SLOTS = 100;

    private final BenchConfig config;
    private final Report report;
    private final int cores = Runtime.getRuntime().availableProcessors();

    DevicesSuite(BenchConfig config, Report report) {
        this.config = config;
        this.report = report;
    }

    private record Outcome(
            String client,
            String timers,
            int devices,
            int connected,
            double connectSeconds,
            Window window,
            long p50Nanos,
            long p99Nanos,
            String errors,
            double heapPerDeviceBytes,
            double directMegabytes,
            int threads,
            String skipped) {}

    void run() throws Exception {
        long fdLimit = fdLimit();
        int largest = 0;
        for (int n : config.devices()) {
            if (n + FD_RESERVE <= fdLimit) {
                largest = Math.max(largest, n);
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < Math.max(1, (largest + DEVICES_PER_ADDRESS - 1) / DEVICES_PER_ADDRESS); i++) {
            addresses.add("127.0.0." + (2 + i));
        }
        int threads = config.ioThreads() > 0 ? config.ioThreads() : cores;
        if (largest > 0) {
            try (ServerProcess server = ServerProcess.start("camel-modbus", threads, addresses, "1g")) {
                // one library after the other: a peer's shared threads, which outlive its clients, cannot then
                // count against ours
                for (String id : config.deviceClients()) {
                    for (int devices : config.devices()) {
                        Library library = Library.of(id);
                        if (devices + FD_RESERVE > fdLimit) {
                            outcomes.add(skipped(
                                    library.id(),
                                    "",
                                    devices,
                                    "needs about " + (devices + FD_RESERVE)
                                            + " file descriptors per JVM, the limit (ulimit -n) is " + fdLimit));
                            continue;
                        }
                        for (String timers : config.deviceTimers()) {
                            if (!ROUTES.equals(timers)) {
                                outcomes.add(measure(server, library, timers, addresses, devices, threads));
                            }
                        }
                    }
                }
            }
        } else {
            for (int devices : config.devices()) {
                outcomes.add(skipped(
                        Library.CAMEL_MODBUS.id(),
                        "",
                        devices,
                        "needs about " + (devices + FD_RESERVE) + " file descriptors, ulimit -n is " + fdLimit));
            }
        }
        if (config.deviceTimers().contains(ROUTES)) {
            for (int devices : config.devices()) {
                // the server listens on an address per device and accepts a connection on each
                if (2L * devices + FD_RESERVE <= fdLimit) {
                    outcomes.add(measureRoutes(devices, threads));
                } else {
                    outcomes.add(skipped(
                            ROUTES_CLIENT,
                            ROUTES,
                            devices,
                            "the server needs about " + (2L * devices + FD_RESERVE)
                                    + " file descriptors (a listening socket and a connection per device), the limit"
                                    + " (ulimit -n) is " + fdLimit));
                }
            }
        }
        write(outcomes, addresses, threads, fdLimit);
    }

    /**
     * The component itself: one polling route per device, {@code delay=1000}, their first polls spread over a second,
     * all on one shared pool of two poll threads ({@code scheduledExecutorService}). The component keeps one
     * connection per host and port, so every device gets an address of its own (127.1.x.y), each served by the server.
     */
    private Outcome measureRoutes(int devices, int threads) throws Exception {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            hosts.add("127.1." + (i / 250) + "." + (1 + i % 250));
        }
        AtomicLong ok = new AtomicLong();
        Failures failures = new Failures();
        AtomicIntegerArray answered = new AtomicIntegerArray(devices);
        long baseline = usedHeapAfterGc();
        ScheduledThreadPoolExecutor pollers = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "pollers");
            t.setDaemon(true);
            return t;
        });
        System.err.printf("devices: %s, %,d devices: starting%n", ROUTES_CLIENT, devices);
        try (ServerProcess server = ServerProcess.start("camel-modbus", threads, hosts, "1g");
                CamelContext context = new DefaultCamelContext()) {
            context.addComponent("modbus", CamelModbusDriver.component(config));
            context.getRegistry().bind("pollers", pollers);
            context.getRegistry().bind("failures", failures);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int i = 0; i < devices; i++) {
                        int device = i;
                        from("modbus:tcp:" + hosts.get(i) + ":" + server.port()
                                        + "?function=readHoldingRegisters&address=0&quantity=10&delay=1000"
                                        + "&initialDelay=" + (1000L * i / devices)
                                        + "&scheduledExecutorService=#pollers&exceptionHandler=#failures")
                                .process(e -> {
                                    if (e.getMessage().getBody() instanceof List<?> values && values.size() == 10) {
                                        ok.incrementAndGet();
                                        answered.set(device, 1);
                                    } else {
                                        failures.add("wrong answer");
                                    }
                                });
                    }
                }
            });
            long start = System.nanoTime();
            context.start();
            double startSeconds = (System.nanoTime() - start) / 1e9;
            Load.sleep(WARMUP_SECONDS);
            int threadCount = ManagementFactory.getThreadMXBean().getThreadCount();
            long ok0 = ok.get();
            long failed0 = failures.count();
            Meter begin = Meter.now(server);
            Load.sleep(config.deviceSeconds());
            long ok1 = ok.get();
            long failed1 = failures.count();
            Meter cost = Meter.now(server).since(begin);
            long used = usedHeapAfterGc();
            int served = 0;
            for (int i = 0; i < devices; i++) {
                served += answered.get(i);
            }
            Outcome outcome = new Outcome(
                    ROUTES_CLIENT,
                    ROUTES,
                    devices,
                    served,
                    startSeconds,
                    new Window(ok1 - ok0, failed1 - failed0, cost, null, null),
                    -1,
                    -1,
                    failures.summary(),
                    (double) (used - baseline) / devices,
                    PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() / 1048576.0,
                    threadCount,
                    null);
            progress(outcome, cost);
            return outcome;
        } finally {
            pollers.shutdownNow();
        }
    }

    /**
     * @param timers where each device's once-a-second timer runs: {@code thread}, one polling thread for all devices,
     *     as an application would schedule them; {@code io}, the library's own I/O threads, so that a poll needs no
     *     hand-off from another thread before it goes on the wire; {@code io-slots}, the same with the timers in 100
     *     slots a second instead of spread evenly, so that several polls start together
     */
    private Outcome measure(
            ServerProcess server, Library library, String timers, List<String> addresses, int devices, int threads)
            throws Exception {
        double seconds = config.deviceSeconds();
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) devices * (long) (seconds + WARMUP_SECONDS + 10));
        long[] latencies = new long[capacity];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        Failures failures = new Failures();
        AtomicInteger outstanding = new AtomicInteger();
        warmUp(server, library, threads);
        long baseline = usedHeapAfterGc();
        System.err.printf("devices: %s, %,d devices: connecting%n", library, devices);
        long connectStart = System.nanoTime();
        ScheduledThreadPoolExecutor poller = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "poller");
            t.setDaemon(true);
            return t;
        });
        try (Fleet fleet = Fleet.of(library, server.hosts(), server.port(), devices, threads, config.ioSpin())) {
            fleet.connectAll(Duration.ofSeconds(15));
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            int connected = fleet.connected();
            System.err.printf(
                    "devices: %s, %,d devices: %,d connected in %.1f s; polling each once a second%n",
                    library, devices, connected, connectSeconds);
            long period = 1_000_000_000L;
            List<ScheduledFuture<?>> schedules = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                int device = i;
                ScheduledExecutorService timer = timers.startsWith("io") ? fleet.ioThread(i) : poller;
                long phase = timers.endsWith("slots") ? (i % SLOTS) * (period / SLOTS) : period * i / devices;
                schedules.add(timer.scheduleAtFixedRate(
                        () -> {
                            long start = System.nanoTime();
                            outstanding.incrementAndGet();
                            try {
                                fleet.poll(device).whenComplete((r, e) -> {
                                    if (e == null) {
                                        ok.incrementAndGet();
                                        int slot = recorded.getAndIncrement();
                                        if (slot < latencies.length) {
                                            latencies[slot] = System.nanoTime() - start;
                                        }
                                    } else {
                                        failures.add(e);
                                    }
                                    outstanding.decrementAndGet();
                                });
                            } catch (RuntimeException e) {
                                failures.add(e);
                                outstanding.decrementAndGet();
                            }
                        },
                        phase,
                        period,
                        TimeUnit.NANOSECONDS));
            }
            Load.sleep(WARMUP_SECONDS);
            int threadCount = ManagementFactory.getThreadMXBean().getThreadCount();
            long ok0 = ok.get();
            long failed0 = failures.count();
            int from = recorded.get();
            Meter start = Meter.now(server);
            Load.sleep(seconds);
            long ok1 = ok.get();
            long failed1 = failures.count();
            int to = Math.min(latencies.length, recorded.get());
            Meter cost = Meter.now(server).since(start);
            schedules.forEach(f -> f.cancel(false));
            poller.shutdownNow();
            poller.awaitTermination(5, TimeUnit.SECONDS);
            long drainEnd = System.nanoTime() + 7_000_000_000L;
            while (outstanding.get() > 0 && System.nanoTime() < drainEnd) {
                Load.sleep(0.01);
            }
            // the heap first: nothing the harness allocates after the baseline may count as the devices'
            long used = usedHeapAfterGc();
            Reference.reachabilityFence(latencies);
            double direct = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() / 1048576.0;
            Samples window = new Samples(Math.max(1, to - from));
            for (int i = from; i < to; i++) {
                window.add(latencies[i]);
            }
            Outcome outcome = new Outcome(
                    library.id(),
                    timers,
                    devices,
                    connected,
                    connectSeconds,
                    new Window(ok1 - ok0, failed1 - failed0, cost, null, null),
                    window.percentile(0.50),
                    window.percentile(0.99),
                    failures.summary(),
                    (double) (used - baseline) / devices,
                    direct,
                    threadCount,
                    null);
            progress(outcome, cost);
            return outcome;
        } finally {
            poller.shutdownNow();
        }
    }

    /**
     * Connects, polls and closes a small fleet, so that one-time allocations (static state, allocator arenas, loaded
     * code) happen before the heap baseline and are not charged to the devices.
     */
    private void warmUp(ServerProcess server, Library library, int threads) throws Exception {
        try (Fleet fleet = Fleet.of(library, server.hosts(), server.port(), 50, threads, config.ioSpin())) {
            fleet.connectAll(Duration.ofSeconds(15));
            List<CompletionStage<?>> polls = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 50; i++) {
                    polls.add(fleet.poll(i));
                }
                Fleet.awaitAll(polls, Duration.ofSeconds(10));
                polls.clear();
            }
        }
    }

    private static Outcome skipped(String client, String timers, int devices, String why) {
        return new Outcome(client, timers, devices, 0, 0, null, -1, -1, "", Double.NaN, Double.NaN, 0, why);
    }

    private void progress(Outcome o, Meter cost) {
        System.err.printf(
                "devices: %s, %,d devices, timers on %s: %s req/s, %d errors, client CPU %.1f%% of %d cores%n",
                o.client(),
                o.devices(),
                o.timers(),
                Report.count(o.window().rate()),
                o.window().errors(),
                cpuPercent(cost.cpuNanos(), cost),
                cores);
    }

    private void write(List<Outcome> outcomes, List<String> addresses, int threads, long fdLimit) {
        report.heading("Many devices: one connection per device, each polled once a second");
        report.paragraph("Server: camel-modbus NettyTcpServer in its own JVM on " + addresses.size()
                + " loopback address(es) " + addresses.get(0)
                + (addresses.size() > 1 ? ".." + addresses.get(addresses.size() - 1) : "")
                + ", one port, " + threads + " event-loop threads. Clients share one event-loop group of " + threads
                + " threads. Each device's read is started once a second by a timer, the timers spread evenly over the"
                + " second, on one of two kinds of thread: `thread`, one polling thread of the application for all"
                + " devices (a `ScheduledThreadPoolExecutor`); `io`, the library's own event-loop threads (ours: the"
                + " loop the device's connection runs on; digitalpetri's client does not tell its loop, so one of its"
                + " group's), so that nothing is handed from thread to thread before the request is written; `io-slots`,"
                + " the same with the timers in " + SLOTS + " slots a second instead of spread evenly, so that the"
                + " polls of a slot start together; `routes`, no harness timers: the component itself, one polling route"
                + " per device (`delay=1000`, first polls spread over a second) on one shared pool of two poll threads"
                + " (`scheduledExecutorService`), each device on an address of its own (127.1.x.y), as the component"
                + " keeps one connection per host and port. Measured for "
                + config.deviceSeconds() + " s after " + WARMUP_SECONDS + " s of polling. CPU % is of all "
                + cores + " cores. Heap per device: used heap after a full GC with the fleet connected, minus the "
                + "same before it was created, divided by the devices. File descriptor limit: " + fdLimit
                + "; ephemeral ports: " + ephemeralPorts() + ".");
        List<List<String>> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.skipped() != null) {
                rows.add(List.of(o.client(), o.timers(), Report.count(o.devices()), "skipped: " + o.skipped()));
                continue;
            }
            Window w = o.window();
            rows.add(List.of(
                    o.client(),
                    o.timers(),
                    Report.count(o.devices()),
                    Report.count(o.connected()) + " in " + Report.decimal(o.connectSeconds(), 1) + " s",
                    Report.count(w.rate()),
                    w.errors() + (o.errors().isEmpty() ? "" : " (" + o.errors() + ")"),
                    o.p50Nanos() < 0
                            ? "n/a"
                            : Report.decimal(o.p50Nanos() / 1e6, 2) + " / " + Report.decimal(o.p99Nanos() / 1e6, 2),
                    Report.decimal(cpuPercent(w.cost().cpuNanos(), w.cost()), 1) + " %",
                    Report.decimal(w.cpuMicrosPerRequest(), 0),
                    Report.decimal(cpuPercent(w.cost().serverCpuNanos(), w.cost()), 1) + " %",
                    Report.decimal(o.heapPerDeviceBytes() / 1024, 1),
                    Report.decimal(o.directMegabytes(), 1),
                    Integer.toString(o.threads()),
                    Report.percent(w.othersShare())));
        }
        report.table(
                List.of(
                        "client",
                        "timers",
                        "devices",
                        "connected",
                        "requests/s",
                        "errors",
                        "latency p50 / p99 ms",
                        "client CPU",
                        "client CPU µs/req",
                        "server CPU",
                        "heap KiB/device",
                        "Netty direct MiB",
                        "client JVM threads",
                        "other processes' CPU"),
                rows);
    }

    private double cpuPercent(long cpuNanos, Meter cost) {
        return cpuNanos < 0 ? Double.NaN : 100.0 * cpuNanos / cost.wallNanos() / cores;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Load.sleep(0.1);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long fdLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return Long.MAX_VALUE;
    }

    private static String ephemeralPorts() {
        try {
            return Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0)
                    .trim()
                    .replaceAll("\\s+", "..");
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Failed requests by kind (an exception's root cause), also as the routes' consumer exception handler. */
    private static final class Failures implements ExceptionHandler {
        private final AtomicLong count = new AtomicLong();
        private final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();

        void add(String kind) {
            count.incrementAndGet();
            kinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        void add(Throwable error) {
            add(rootName(error));
        }

        long count() {
            return count.get();
        }

        String summary() {
            return kinds.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().sum())
                    .collect(Collectors.joining(", "));
        }

        @Override
        public void handleException(Throwable exception) {
            add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            add(exception);
        }
    }

    private static String rootName(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName();
    }
}
