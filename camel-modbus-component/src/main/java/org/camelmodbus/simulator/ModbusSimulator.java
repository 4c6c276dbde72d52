package org.camelmodbus.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.protocol.ModbusLimits;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.server.ModbusRequestHandler;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.ServerLimits;
import org.camelmodbus.transport.TlsSettings;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;
import org.camelmodbus.transport.serial.SerialPortSettings;
import org.camelmodbus.transport.serial.SerialServer;

/**
 * An embedded Modbus device for tests, demos and development without hardware: a {@link ProcessImage} served on a TCP
 * port to any unit id (Modbus TCP), or as one or several RTU or ASCII devices on a serial port or a TCP stream. It answers every public function this library models (the data tables, exception
 * status, diagnostics echo, comm event counter, server id, mask write, read/write multiple registers, FIFO queues,
 * device identification) and refuses any other function code with exception 0x01. Optionally animates its input
 * registers so that pollers see live data.
 */
public final class ModbusSimulator implements AutoCloseable {
    /** Input registers the animation writes: 0..{@value} - 1. */
    public static final int ANIMATED_REGISTERS = 10;

    private final NettyTransports threads;
    private final AutoCloseable server;
    private final int port;
    private final ProcessImage image;
    private ScheduledFuture<?> animation;
    private long tick;

    private ModbusSimulator(NettyTransports threads, AutoCloseable server, int port, ProcessImage image) {
        this.threads = threads;
        this.server = server;
        this.port = port;
        this.image = image;
    }

    /** How a server is started on the simulator's threads. */
    @FunctionalInterface
    private interface ServerStart {
        AutoCloseable start(NettyTransports threads) throws IOException, InterruptedException;
    }

    private static ModbusSimulator start(ServerStart start, ProcessImage image)
            throws IOException, InterruptedException {
        NettyTransports threads = new NettyTransports(1);
        try {
            AutoCloseable server = start.start(threads);
            return new ModbusSimulator(threads, server, server instanceof NettyTcpServer tcp ? tcp.port() : -1, image);
        } catch (IOException | InterruptedException | RuntimeException e) {
            threads.close();
            throw e;
        }
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
        try {
            return start(
                    threads -> tls == null
                            ? threads.tcpServer(host, port, image)
                            : threads.tlsServer(host, port, image, ServerLimits.DEFAULT, tls),
                    image);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a TCP server reports bind failures unchecked
        }
    }

    /**
     * Serves {@code image} as every unit id 1..247 of an RTU or ASCII line on a serial port.
     *
     * @throws IOException when the port cannot be opened, saying why
     */
    public static ModbusSimulator startSerial(SerialPortSettings port, SerialFraming framing, ProcessImage image)
            throws IOException, InterruptedException {
        return startSerial(port, framing, Map.of(), image);
    }

    /**
     * Serves several devices on one RTU or ASCII line on a serial port, one image per unit id; the first unit's image
     * is {@link #image()}. Other unit ids get no answer, as on a real bus.
     */
    public static ModbusSimulator startSerial(
            SerialPortSettings port, SerialFraming framing, Map<Integer, ProcessImage> units)
            throws IOException, InterruptedException {
        return startSerial(port, framing, units, null);
    }

    private static ModbusSimulator startSerial(
            SerialPortSettings port, SerialFraming framing, Map<Integer, ProcessImage> units, ProcessImage all)
            throws IOException, InterruptedException {
        SerialLineOptions line = new SerialLineOptions(framing, port.timing(), false, Duration.ZERO);
        Bus bus = new Bus(units, all);
        return start(threads -> SerialServer.start(port, line, bus, bus::serves, threads.scheduler()), bus.first());
    }

    /**
     * Serves {@code image} as every unit id 1..247 behind a serial-to-Ethernet converter: RTU or ASCII frames in a TCP
     * stream on {@code host:port}; port 0 picks a free port.
     */
    public static ModbusSimulator startSerialOverTcp(String host, int port, SerialFraming framing, ProcessImage image)
            throws InterruptedException {
        return startSerialOverTcp(host, port, framing, Map.of(), image);
    }

    /** Serves several devices behind one serial-to-Ethernet converter, one image per unit id. */
    public static ModbusSimulator startSerialOverTcp(
            String host, int port, SerialFraming framing, Map<Integer, ProcessImage> units)
            throws InterruptedException {
        return startSerialOverTcp(host, port, framing, units, null);
    }

    private static ModbusSimulator startSerialOverTcp(
            String host, int port, SerialFraming framing, Map<Integer, ProcessImage> units, ProcessImage all)
            throws InterruptedException {
        SerialLineOptions line = new SerialLineOptions(framing, null, false, Duration.ZERO);
        Bus bus = new Bus(units, all);
        try {
            return start(threads -> threads.serialOverTcpServer(host, port, bus, line, bus::serves), bus.first());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The devices of a serial line: one image for all unit ids, or one per unit id. */
    private record Bus(Map<Integer, ProcessImage> units, ProcessImage all) implements ModbusRequestHandler {
        Bus {
            units = new TreeMap<>(units);
            if (all == null && units.isEmpty()) {
                throw new IllegalArgumentException("a simulated bus needs at least one unit");
            }
            units.keySet().forEach(ModbusLimits::checkUnitId);
        }

        boolean serves(int unitId) {
            return all != null ? unitId >= 1 && unitId <= 247 : units.containsKey(unitId);
        }

        ProcessImage first() {
            return all != null ? all : units.values().iterator().next();
        }

        @Override
        public CompletionStage<ModbusResponse> handle(int unitId, ModbusRequest request) {
            if (unitId == SerialFraming.BROADCAST) {
                // a broadcast reaches every device on the line
                List<ProcessImage> targets = all != null ? List.of(all) : List.copyOf(units.values());
                CompletionStage<ModbusResponse> last = null;
                for (ProcessImage image : targets) {
                    last = image.handle(unitId, request);
                }
                return last;
            }
            return (all != null ? all : units.get(unitId)).handle(unitId, request);
        }
    }

    /** The TCP port served on, or -1 on a serial port. */
    public int port() {
        return port;
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
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the simulator failed", e);
        } finally {
            threads.close();
        }
    }
}
