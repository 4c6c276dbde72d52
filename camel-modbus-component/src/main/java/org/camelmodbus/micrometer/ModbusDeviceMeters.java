package org.camelmodbus.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientListener;
import org.camelmodbus.client.ModbusClientStats;
import org.camelmodbus.client.ModbusErrorKind;
import org.camelmodbus.protocol.ModbusRequest;

/**
 * The Micrometer meters of one device, tagged {@code device=tcp://host:port}: a timer {@code modbus.requests} per
 * outcome (success, error) with a latency histogram, counters {@code modbus.errors} per kind (timeout,
 * exceptionResponse, connection, rejected, unitUnavailable, protocol, other) and {@code modbus.retries}, gauges
 * {@code modbus.inflight}, {@code modbus.queue.depth} and {@code modbus.connected}. The only class that touches
 * Micrometer, so Micrometer stays optional. {@link #close()} removes the meters when the device goes out of use.
 */
public final class ModbusDeviceMeters implements ModbusClientListener, AutoCloseable {
    private final MeterRegistry registry;
    private final ModbusClient client;
    private final Timer succeeded;
    private final Timer failed;
    private final List<Meter> meters = new ArrayList<>();

    private ModbusDeviceMeters(MeterRegistry registry, ModbusClient client) {
        this.registry = registry;
        this.client = client;
        Tags device = Tags.of("device", client.device());
        succeeded = timer(device.and("outcome", "success"));
        failed = timer(device.and("outcome", "error"));
        ModbusClientStats stats = client.stats();
        for (ModbusErrorKind kind : ModbusErrorKind.values()) {
            meters.add(FunctionCounter.builder("modbus.errors", stats, s -> s.failures(kind))
                    .description("Modbus requests that failed, by kind of failure")
                    .tags(device.and("kind", kind.name()))
                    .register(registry));
        }
        meters.add(FunctionCounter.builder("modbus.retries", stats, ModbusClientStats::retries)
                .description("Modbus requests sent again after a failure")
                .tags(device)
                .register(registry));
        meters.add(Gauge.builder("modbus.inflight", client, c -> c.status().inFlight())
                .description("Modbus requests sent and not yet answered")
                .tags(device)
                .register(registry));
        meters.add(Gauge.builder("modbus.queue.depth", client, c -> c.status().queued())
                .description("Modbus requests waiting to be sent")
                .tags(device)
                .register(registry));
        meters.add(Gauge.builder("modbus.connected", client, c -> c.isConnected() ? 1 : 0)
                .description("1 while the device's connection is open, else 0")
                .tags(device)
                .register(registry));
    }

    /**
     * Registers the device's meters with {@code registry}, a MeterRegistry, and keeps them up to date; closing the
     * result removes them. Typed loosely so that callers compile and load without Micrometer.
     */
    public static AutoCloseable bind(Object registry, ModbusClient client) {
        ModbusDeviceMeters meters = new ModbusDeviceMeters((MeterRegistry) registry, client);
        client.addListener(meters);
        return meters;
    }

    private Timer timer(Tags tags) {
        Timer timer = Timer.builder("modbus.requests")
                .description("Modbus request attempts, from handing over to the client until answered or failed")
                .tags(tags)
                .publishPercentileHistogram()
                .register(registry);
        meters.add(timer);
        return timer;
    }

    @Override
    public void requestEnded(int unitId, ModbusRequest request, long nanos, Throwable error) {
        (error == null ? succeeded : failed).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        client.removeListener(this);
        meters.forEach(registry::remove);
    }
}
