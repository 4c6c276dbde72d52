package org.camelmodbus.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.ModbusTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * I/O threads told to spin before they sleep still answer every request, hand-overs from other threads included,
 * still fire timers, and do sleep once the spin is over: an idle connection costs no CPU.
 */
@Timeout(60)
class SpinThenSleepTest {
    private static final Duration SPIN = NettyTransports.MAX_SPIN;
    private static final ReadHoldingRegistersRequest READ = new ReadHoldingRegistersRequest(0, 2);

    @ParameterizedTest(name = "native epoll: {0}")
    @ValueSource(booleans = {true, false})
    void spinningThreadsAnswerEveryRequestAndSleepWhenIdle(boolean nativeTransport) throws Exception {
        ProcessImage image = new ProcessImage();
        image.setHoldingRegisters(0, 7, 8);
        try (NettyTransports deviceThreads = new NettyTransports(1);
                NettyTcpServer device = deviceThreads.tcpServer(
                        "127.0.0.1", 0, (unit, request) -> CompletableFuture.completedFuture(image.apply(request)));
                NettyTransports threads = new NettyTransports(1, nativeTransport, SPIN);
                ModbusClient client = client(threads, device.port())) {
            long[] ioThread = new long[1];
            // sent from this thread, so each request is a task handed to a loop that is still spinning on the last
            // answer
            for (int i = 0; i < 500; i++) {
                ReadHoldingRegistersResponse answer =
                        (ReadHoldingRegistersResponse) client.send(1, READ, Duration.ofSeconds(5))
                                .whenComplete((r, e) ->
                                        ioThread[0] = Thread.currentThread().getId())
                                .get(10, TimeUnit.SECONDS);
                assertThat(answer.registers().toArray()).containsExactly(7, 8);
            }
            assertThat(threads.nativeTransport()).isEqualTo(nativeTransport && Epoll.isAvailable());

            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long before = mx.getThreadCpuTime(ioThread[0]);
            Thread.sleep(500);
            long spent = mx.getThreadCpuTime(ioThread[0]) - before;
            // a loop that kept spinning would burn nearly all of the 500 ms
            assertThat(Duration.ofNanos(spent)).isLessThan(Duration.ofMillis(100));
        }
    }

    @ParameterizedTest(name = "native epoll: {0}")
    @ValueSource(booleans = {true, false})
    void aSpinningThreadStillFiresTimeouts(boolean nativeTransport) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                NettyTransports threads = new NettyTransports(1, nativeTransport, SPIN);
                ModbusClient client = client(threads, silent.getLocalPort())) {
            CompletableFuture<?> read = client.send(1, READ, Duration.ofMillis(200));
            try (Socket accepted = silent.accept()) {
                assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(ModbusTimeoutException.class);
            }
        }
    }

    @ParameterizedTest(name = "spin {0} µs")
    @ValueSource(longs = {-1, 1001})
    void aSpinOutsideItsRangeIsRefusedWithTheRange(long micros) {
        assertThatThrownBy(() -> new NettyTransports(1, true, Duration.ofNanos(micros * 1000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 to 1000 µs, was " + micros + " µs");
    }

    private static ModbusClient client(NettyTransports threads, int port) {
        ModbusTransport transport = threads.tcp("127.0.0.1", port, Duration.ofSeconds(5));
        return new ModbusClient(
                transport,
                new ModbusClientOptions(1, 10, Duration.ofMillis(100), Duration.ofSeconds(1)),
                transport.ioThread());
    }
}
