package org.camelmodbus.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.ModbusComponent;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.transport.ModbusTransport;
import org.camelmodbus.transport.netty.NettyTransports;

/** Our bare client: one connection, {@code maxInFlight} = the depth measured, its own event-loop threads. */
final class CamelModbusDriver implements Driver {
    static final ReadHoldingRegistersRequest REQUEST = new ReadHoldingRegistersRequest(0, 10);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final NettyTransports transports;
    private final ModbusClient client;

    CamelModbusDriver(String host, int port, int inFlight, BenchConfig config) throws Exception {
        transports = new NettyTransports(config.ioThreads(), true, config.ioSpin());
        ModbusTransport transport = transports.tcp(host, port, Duration.ofSeconds(5));
        client = new ModbusClient(
                transport,
                new ModbusClientOptions(
                        Math.max(1, inFlight),
                        Math.max(1000, 2 * inFlight),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1)),
                transport.ioThread());
        // the first answer proves the connection; a failure here ends the benchmark of this client at once
        readBlocking();
    }

    /** The component as the Camel measurements use it: the same I/O settings as the bare client. */
    static ModbusComponent component(BenchConfig config) {
        ModbusComponent component = new ModbusComponent();
        component.setIoThreads(config.ioThreads());
        component.setIoSpinMicros(config.ioSpinMicros());
        return component;
    }

    @Override
    public void readBlocking() throws Exception {
        Object response = client.send(1, REQUEST, TIMEOUT).get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        if (!valid(response)) {
            throw new IllegalStateException("unexpected answer " + response);
        }
    }

    @Override
    public CompletionStage<?> readAsync() {
        return client.send(1, REQUEST, TIMEOUT);
    }

    @Override
    public boolean valid(Object response) {
        return response instanceof ReadHoldingRegistersResponse r
                && r.registers().size() == 10
                && r.registers().get(0) == ServerMain.REGISTERS[0];
    }

    @Override
    public void close() {
        client.close();
        transports.close();
    }
}
