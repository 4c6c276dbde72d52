package org.camelmodbus.simulator;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.ServerLimits;
import org.camelmodbus.transport.TlsSettings;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;

/**
 * An embedded Modbus TCP device for tests, demos and development without hardware: a {@link ProcessImage} served
 * on a TCP port to any unit id. It answers every public function this library models (the data tables, exception
 * status, diagnostics echo, comm event counter, server id, mask write, read/write multiple registers, FIFO queues,
 * device identification) and refuses any other function code with exception 0x01. Optionally animates its input
 * registers so that pollers see live data.
 */
public final class ModbusSimulator implements AutoCloseable {
    /** Input registers the animation writes: 0..{@value} - 1. */
    public static final int ANIMATED_REGISTERS = 10;

    private final NettyTransports threads;
    private final NettyTcpServer server;
    private final ProcessImage image;
    private ScheduledFuture<?> animation;
    private long tick;

    private ModbusSimulator(NettyTransports threads, NettyTcpServer server, ProcessImage image) {
        this.threads = threads;
        this.server = server;
        this.image = image;
    }

    /** Serves a full-size, all-zero image on {@code host:port}; port 0 picks a free port. */
    public static ModbusSimulator start(String host, int port) throws InterruptedException {
        return start(host, port, new ProcessImage());
    }

    public static ModbusSimulator start(String host, int port, ProcessImage image) throws InterruptedException {
        return start(host, port, image, null);
    }

    /**
     * Serves {@code image} with Modbus/TCP Security if {@code tls} is not null: clients must present a certificate
     * that the context trusts. Port 0 picks a free port (a real device listens on 802).
     */
    public static ModbusSimulator start(String host, int port, ProcessImage image, TlsSettings tls)
            throws InterruptedException {
        NettyTransports threads = new NettyTransports(1);
        try {
            NettyTcpServer server = tls == null
                    ? threads.tcpServer(host, port, image)
                    : threads.tlsServer(host, port, image, ServerLimits.DEFAULT, tls);
            return new ModbusSimulator(threads, server, image);
        } catch (InterruptedException | RuntimeException e) {
            threads.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public ProcessImage image() {
        return image;
    }

    /**
     * Every {@code period}, moves input registers 0..9 and discrete inputs 0..7 like a small machine: register 0
     * counts ticks, 1 is a sine wave around 1000, 2 a sawtooth 0..99, 3..9 slower waves; the inputs count in binary.
     */
    public synchronized ModbusSimulator animate(Duration period) {
        if (animation == null) {
            animation =
                    threads.scheduler().scheduleAtFixedRate(this::step, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private synchronized void step() {
        tick++;
        int[] values = new int[ANIMATED_REGISTERS];
        values[0] = (int) (tick & 0xFFFF);
        values[1] = (int) Math.round(1000 + 500 * Math.sin(tick / 10.0));
        values[2] = (int) (tick % 100);
        for (int i = 3; i < ANIMATED_REGISTERS; i++) {
            values[i] = (int) Math.round(100 * i + 50 * Math.cos(tick / (5.0 * i)));
        }
        image.setInputRegisters(0, values);
        boolean[] inputs = new boolean[8];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (tick >> i & 1) == 1;
        }
        image.setDiscreteInputs(0, inputs);
    }

    /** Stops serving: listening socket and client connections close, as when a device is switched off. */
    @Override
    public synchronized void close() {
        if (animation != null) {
            animation.cancel(false);
        }
        server.close();
        threads.close();
    }
}
