package org.camelmodbus.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.faults.FaultProxy.Fault;
import org.camelmodbus.faults.FaultProxy.Plan;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bounded soak: 200 devices, each behind a {@link FaultProxy} that breaks about one exchange in fifty in a random
 * way, while a polling route per device reads and the test writes to every device; every so often a device
 * "reboots" (refuses connections for a second, its connections dropped). Asserts that no write is lost (sent =
 * acknowledged + reported failed), none applied twice (writes retry, at-most-once), no read answered with another
 * request's values, every device polled successfully again once the faults stop, and heap (after GC) and thread
 * counts steady from the end of the warm-up to the end of the run; then, by {@link NoLeaks}, no thread or Netty
 * buffer left behind.
 *
 * <p>Runs {@code -Dsoak.minutes} minutes, 2 by default (decimals allowed), within {@code mvn verify}; for a longer run:
 * {@code mvn -o -pl camel-modbus-component test -Dtest=SoakTest -Dsoak.minutes=60}. Writes its numbers to
 * {@code target/soak-report.txt}.
 */
@ExtendWith(NoLeaks.class)
class SoakTest extends CamelTestSupport {
    private static final int DEVICES = 200;
    private static final Fault[] FAULTS =
            Arrays.stream(Fault.values()).filter(f -> f != Fault.NONE).toArray(Fault[]::new);
    private static final double FAULT_RATE = 0.02;
    private static final double MINUTES = Double.parseDouble(System.getProperty("soak.minutes", "2"));
    private static final long SEED = Long.getLong("soak.seed", 0x50414BL);
    /** Writes and reads sent per second across all devices, and the most left unanswered before the driver waits. */
    private static final int WRITES_PER_SECOND = 200;

    private static final int READS_PER_SECOND = 100;
    private static final int MAX_OUTSTANDING = 1000;
    private static final String DEVICE_OPTIONS =
            "timeout=500&reconnectDelay=50&reconnectDelayMax=1000&connectTimeout=1000";
    /**
     * Four kinds of device, in turn, so that faults meet every client feature: pipelining; a circuit breaker; a short
     * queue that drops the oldest poll; one request at a time, paced.
     */
    private static final String[] PROFILES = {
        "maxInFlight=2",
        "maxInFlight=2&breakerFailureThreshold=2&breakerOpenDelay=200&breakerOpenDelayMax=1000",
        "maxInFlight=2&maxQueuedRequests=3&queueOverflow=dropOldestPoll",
        "maxInFlight=1&maxRequestsPerSecond=20"
    };

    private NettyTransports deviceThreads;
    private EventLoopGroup proxyThreads;
    private final List<RecordingDevice> devices = new ArrayList<>();
    private final List<FaultProxy> proxies = new ArrayList<>();
    private final Map<Integer, Long> lastGoodPoll = new ConcurrentHashMap<>();
    private final AtomicLong pollsAnswered = new AtomicLong();
    private final AtomicLong pollsFailed = new AtomicLong();
    private final AtomicLong wrongPolls = new AtomicLong();

    @Override
    protected void doPreSetup() throws Exception {
        deviceThreads = new NettyTransports(1);
        proxyThreads = new NioEventLoopGroup(1);
        for (int d = 0; d < DEVICES; d++) {
            RecordingDevice device = new RecordingDevice(deviceThreads);
            devices.add(device);
            proxies.add(
                    FaultProxy.start(proxyThreads, "127.0.0.1", device.port()).delay(Duration.ofMillis(700)));
        }
    }

    @Override
    protected void doPostTearDown() {
        proxies.forEach(FaultProxy::close);
        proxyThreads.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        devices.forEach(RecordingDevice::close);
        deviceThreads.close();
    }

    private String uri(int d) {
        return "modbus:tcp:127.0.0.1:" + proxies.get(d).port() + "?" + DEVICE_OPTIONS + "&"
                + PROFILES[d % PROFILES.length];
    }

    /** Each device's poller reads registers of its own, so that a poll answered for another device shows. */
    private static int polledAddress(int d) {
        return 2 * d;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (int d = 0; d < DEVICES; d++) {
                    int device = d;
                    List<Integer> expected = List.of(
                            RecordingDevice.value(polledAddress(d)), RecordingDevice.value(polledAddress(d) + 1));
                    from(uri(d) + "&address=" + polledAddress(d) + "&quantity=2&delay=1000&initialDelay=" + (d * 5)
                                    + "&bridgeErrorHandler=true")
                            .routeId("poll-" + d)
                            .onException(Exception.class)
                            .handled(true)
                            .process(e -> pollsFailed.incrementAndGet())
                            .end()
                            .process(e -> {
                                if (expected.equals(e.getMessage().getBody())) {
                                    pollsAnswered.incrementAndGet();
                                    lastGoodPoll.put(device, System.nanoTime());
                                } else {
                                    wrongPolls.incrementAndGet();
                                }
                            });
                }
            }
        };
    }

    @Test
    void devicesWithRandomFaults() throws Exception {
        Ledger ledger = new Ledger(template);
        Random random = new Random(SEED);
        for (int d = 0; d < DEVICES; d++) {
            proxies.get(d).plan(Plan.random(SEED + d, FAULT_RATE, FAULTS));
        }
        String[] writeUris = new String[DEVICES];
        String[] readUris = new String[DEVICES];
        for (int d = 0; d < DEVICES; d++) {
            writeUris[d] = uri(d) + "&function=writeSingleRegister&retries=2&retryDelay=20";
            readUris[d] = uri(d) + "&quantity=2&retries=2&retryDelay=20";
        }
        int[] writesTo = new int[DEVICES];

        long start = System.nanoTime();
        long end = start + (long) (MINUTES * 60e9);
        long warmedUp = start + (end - start) / 5;
        Sample baseline = null;
        List<Sample> samples = new ArrayList<>();
        long reboots = 0;
        int rebooting = -1;
        long rebootUntil = 0;
        long nextReboot = start + TimeUnit.SECONDS.toNanos(5);
        long nextSample = warmedUp;
        long tick = TimeUnit.MILLISECONDS.toNanos(10);
        long ticks = 0;
        while (System.nanoTime() < end) {
            ticks++;
            long now = System.nanoTime();
            if (rebooting >= 0 && now - rebootUntil > 0) {
                proxies.get(rebooting).acceptConnections();
                rebooting = -1;
            }
            if (rebooting < 0 && now - nextReboot > 0) {
                rebooting = random.nextInt(DEVICES);
                proxies.get(rebooting).refuseConnections();
                reboots++;
                rebootUntil = now + TimeUnit.SECONDS.toNanos(1);
                nextReboot = now + TimeUnit.SECONDS.toNanos(5);
            }
            if (now - nextSample > 0) {
                Sample s = Sample.take();
                if (baseline == null) {
                    baseline = s;
                }
                samples.add(s);
                nextSample = now + TimeUnit.SECONDS.toNanos(10);
            }
            // a tick's share of the rates, skipped while too much is unanswered, so that nothing queues without bound
            long due = ticks * WRITES_PER_SECOND / 100 - (ticks - 1) * WRITES_PER_SECOND / 100;
            for (int i = 0; i < due && ledger.outstanding() < MAX_OUTSTANDING; i++) {
                int d = random.nextInt(DEVICES);
                int n = writesTo[d]++;
                int slots = RecordingDevice.SIZE - RecordingDevice.WRITABLE;
                ledger.write(writeUris[d], devices.get(d), RecordingDevice.WRITABLE + n % slots, n / slots + 1);
            }
            long reads = ticks * READS_PER_SECOND / 100 - (ticks - 1) * READS_PER_SECOND / 100;
            for (int i = 0; i < reads && ledger.outstanding() < MAX_OUTSTANDING; i++) {
                int d = random.nextInt(DEVICES);
                ledger.read(readUris[d], 2 * random.nextInt(RecordingDevice.WRITABLE / 2 - 1));
            }
            long sleep = start + ticks * tick - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        Sample last = Sample.take();
        samples.add(last);

        // the faults stop: every request ends, and every device is polled again
        proxies.forEach(p -> p.plan(Plan.always(Fault.NONE)));
        if (rebooting >= 0) {
            proxies.get(rebooting).acceptConnections();
        }
        long lost = ledger.awaitAllEnded(Duration.ofSeconds(30));
        long calm = System.nanoTime();
        long deadline = calm + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !allPolledSince(calm)) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        long stuck = DEVICES
                - lastGoodPoll.values().stream().filter(t -> t - calm > 0).count();

        String report = report(ledger, reboots, baseline, last, samples, stuck, start);
        System.out.println(report);
        Files.writeString(Path.of("target", "soak-report.txt"), report);

        assertEquals(0, lost, report);
        assertEquals(ledger.writesSent(), ledger.acknowledged() + ledger.reportedFailed(), report);
        assertTrue(ledger.violations().isEmpty(), report);
        assertEquals(0, wrongPolls.get(), report);
        assertEquals(0, devices.stream().mapToLong(RecordingDevice::reapplied).sum(), report);
        assertEquals(0, stuck, report);
        assertTrue(ledger.acknowledged() > ledger.writesSent() / 2, report);
        // steady: after the warm-up, no growth beyond noise (heap after a full GC; threads exactly)
        assertTrue(last.heapBytes() <= baseline.heapBytes() + Math.max(32 << 20, baseline.heapBytes() / 4), report);
        assertTrue(last.threads() <= baseline.threads() + 2, report);
    }

    private boolean allPolledSince(long calm) {
        return lastGoodPoll.values().stream().filter(t -> t - calm > 0).count() == DEVICES;
    }

    private String report(
            Ledger ledger, long reboots, Sample baseline, Sample last, List<Sample> samples, long stuck, long start) {
        Map<Fault, Long> injected = new EnumMap<>(Fault.class);
        for (Fault f : Fault.values()) {
            if (f != Fault.NONE) {
                injected.put(f, proxies.stream().mapToLong(p -> p.injected(f)).sum());
            }
        }
        long faults = injected.values().stream().mapToLong(Long::longValue).sum() + reboots;
        return String.format(
                "soak: %d devices, %.1f min (seed %d)%n"
                        + "faults injected: %d (%s, reboots=%d)%n"
                        + "writes: sent %d, acknowledged %d, reported failed %d, lost %d, applied twice %d%n"
                        + "reads: sent %d, answered right %d, failed %d, answered wrong %d%n"
                        + "polls: answered right %d, failed %d, answered wrong %d; devices not polled again after"
                        + " the faults stopped: %d%n"
                        + "failures seen by routes: %s%n"
                        + "heap after GC: %d MiB after warm-up, %d MiB at the end (samples %s)%n"
                        + "threads: %d after warm-up, %d at the end%n"
                        + "violations: %s%n",
                DEVICES,
                (System.nanoTime() - start) / 60e9,
                SEED,
                faults,
                injected,
                reboots,
                ledger.writesSent(),
                ledger.acknowledged(),
                ledger.reportedFailed(),
                ledger.lost(),
                devices.stream().mapToLong(RecordingDevice::reapplied).sum(),
                ledger.readsSent(),
                ledger.readsAnswered(),
                ledger.readsFailed(),
                ledger.wrongAnswers(),
                pollsAnswered.get(),
                pollsFailed.get(),
                wrongPolls.get(),
                stuck,
                ledger.failures(),
                baseline.heapBytes() >> 20,
                last.heapBytes() >> 20,
                samples.stream()
                        .map(s -> (s.heapBytes() >> 20) + "/" + s.threads())
                        .toList(),
                baseline.threads(),
                last.threads(),
                ledger.violations());
    }

    /** Heap in use after a full collection, and live threads. */
    private record Sample(long heapBytes, int threads) {
        static Sample take() {
            System.gc();
            System.gc();
            return new Sample(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    ManagementFactory.getThreadMXBean().getThreadCount());
        }
    }
}
