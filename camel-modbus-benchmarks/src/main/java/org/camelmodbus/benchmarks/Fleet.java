package org.camelmodbus.benchmarks;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.transport.ModbusTransport;
import org.camelmodbus.transport.netty.NettyTransports;

/** Many devices, one connection each, all on one small set of event-loop threads. */
interface Fleet extends AutoCloseable {
    int BATCH = 500;

    /** Opens every connection, a batch at a time so that the server's accept backlog never overflows. */
    void connectAll(Duration batchTimeout) throws Exception;

    int connected();

    /** Starts one read of device {@code i}. */
    CompletionStage<?> poll(int i);

    /**
     * An I/O thread of the library for device {@code i}'s poll timer: the one its connection runs on where the library
     * tells, else one of its event loops.
     */
    ScheduledExecutorService ioThread(int i);

    @Override
    void close() throws Exception;

    static Fleet of(Library library, List<String> addresses, int port, int devices, int threads, Duration ioSpin)
            throws Exception {
        return switch (library) {
            case CAMEL_MODBUS -> new Ours(addresses, port, devices, threads, ioSpin);
            case DIGITALPETRI -> new Digitalpetri(addresses, port, devices, threads);
            default -> throw new IllegalArgumentException(library + " is not measured with many devices");
        };
    }

    /** Device {@code i} sits on address {@code i mod addresses}. */
    static String address(List<String> addresses, int i) {
        return addresses.get(i % addresses.size());
    }

    static void awaitAll(List<? extends CompletionStage<?>> stages, Duration timeout) {
        try {
            CompletableFuture.allOf(stages.stream()
                            .map(s -> s.toCompletableFuture().exceptionally(e -> null))
                            .toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // some did not finish in time: connected() tells how many did
        }
    }

    /** Our clients, one per device, sharing one NettyTransports. */
    final class Ours implements Fleet {
        private final NettyTransports transports;
        private final ModbusClient[] clients;
        private final ScheduledExecutorService[] ioThreads;

        Ours(List<String> addresses, int port, int devices, int threads, Duration ioSpin) {
            transports = new NettyTransports(threads, true, ioSpin);
            clients = new ModbusClient[devices];
            ioThreads = new ScheduledExecutorService[devices];
            ModbusClientOptions options =
                    new ModbusClientOptions(1, 16, Duration.ofMillis(100), Duration.ofSeconds(10));
            for (int i = 0; i < devices; i++) {
                ModbusTransport transport = transports.tcp(Fleet.address(addresses, i), port, Duration.ofSeconds(10));
                clients[i] = new ModbusClient(transport, options, transport.ioThread());
                ioThreads[i] = transport.ioThread();
            }
        }

        @Override
        public void connectAll(Duration batchTimeout) {
            for (int from = 0; from < clients.length; from += BATCH) {
                int to = Math.min(clients.length, from + BATCH);
                for (int i = from; i < to; i++) {
                    clients[i].connect();
                }
                long deadline = System.nanoTime() + batchTimeout.toNanos();
                for (int i = from; i < to; i++) {
                    while (!clients[i].isConnected() && System.nanoTime() < deadline) {
                        Load.sleep(0.001);
                    }
                }
            }
        }

        @Override
        public int connected() {
            int n = 0;
            for (ModbusClient c : clients) {
                n += c.isConnected() ? 1 : 0;
            }
            return n;
        }

        @Override
        public CompletionStage<?> poll(int i) {
            return clients[i].send(1, CamelModbusDriver.REQUEST, CamelModbusDriver.TIMEOUT);
        }

        @Override
        public ScheduledExecutorService ioThread(int i) {
            return ioThreads[i];
        }

        @Override
        public void close() {
            for (ModbusClient c : clients) {
                c.close();
            }
            transports.close();
        }
    }

    /** digitalpetri clients, one per device, sharing one event-loop group of the same size. */
    final class Digitalpetri implements Fleet {
        private final NioEventLoopGroup group;
        private final ModbusTcpClient[] clients;

        Digitalpetri(List<String> addresses, int port, int devices, int threads) throws Exception {
            group = new NioEventLoopGroup(
                    threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                    new DefaultThreadFactory("digitalpetri-io", true));
            clients = new ModbusTcpClient[devices];
            for (int i = 0; i < devices; i++) {
                clients[i] = new DigitalpetriDriver(Fleet.address(addresses, i), port, group, false).client();
            }
        }

        @Override
        public void connectAll(Duration batchTimeout) {
            for (int from = 0; from < clients.length; from += BATCH) {
                List<CompletionStage<?>> batch = new ArrayList<>();
                for (int i = from; i < Math.min(clients.length, from + BATCH); i++) {
                    batch.add(clients[i].connectAsync());
                }
                Fleet.awaitAll(batch, batchTimeout);
            }
        }

        @Override
        public int connected() {
            int n = 0;
            for (ModbusTcpClient c : clients) {
                n += c.isConnected() ? 1 : 0;
            }
            return n;
        }

        @Override
        public CompletionStage<?> poll(int i) {
            return clients[i].readHoldingRegistersAsync(1, DigitalpetriDriver.REQUEST);
        }

        @Override
        public ScheduledExecutorService ioThread(int i) {
            // its client does not tell which loop its channel is on
            return group.next();
        }

        @Override
        public void close() {
            List<CompletionStage<?>> closing = new ArrayList<>();
            for (ModbusTcpClient c : clients) {
                closing.add(c.disconnectAsync());
            }
            Fleet.awaitAll(closing, Duration.ofSeconds(20));
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
