package org.camelmodbus.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camelmodbus.client.ModbusClientTest.failure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camelmodbus.protocol.AddressedRequest;
import org.camelmodbus.protocol.BitValues;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadCoilsRequest;
import org.camelmodbus.protocol.ReadCoilsResponse;
import org.camelmodbus.protocol.ReadDiscreteInputsRequest;
import org.camelmodbus.protocol.ReadDiscreteInputsResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.ReadInputRegistersRequest;
import org.camelmodbus.protocol.ReadInputRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.WriteMultipleCoilsRequest;
import org.camelmodbus.protocol.WriteMultipleCoilsResponse;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteMultipleRegistersResponse;
import org.camelmodbus.protocol.WriteSingleCoilRequest;
import org.camelmodbus.protocol.WriteSingleCoilResponse;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.protocol.WriteSingleRegisterResponse;
import org.camelmodbus.server.ModbusRequestHandler;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real client on the Netty TCP transport against the Netty server and a process image, over loopback. */
@Timeout(60)
class ModbusClientTcpTest {
    private static final String HOST = "127.0.0.1";
    private static final int UNIT = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /**
     * Longer than a test here may run: a request's timeout counts from its send call, waiting in the queue included,
     * so requests queued behind many others must not be able to time out on a slow machine where timing is not what
     * the test is about.
     */
    private static final Duration NO_TIMEOUT_IN_THIS_TEST = Duration.ofSeconds(120);

    private final ProcessImage image = new ProcessImage();
    private NettyTransports clientThreads;
    private NettyTransports serverThreads;
    private NettyTcpServer server;
    private ModbusClient client;

    @BeforeEach
    void setUp() {
        clientThreads = new NettyTransports(1);
        serverThreads = new NettyTransports(1);
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        clientThreads.close();
        serverThreads.close();
    }

    // ---- the eight function codes ----

    @Test
    void readCoils() throws Exception {
        start(image);
        image.setCoils(19, true, false, true, true, false, false, true, false, true, true);
        ModbusResponse response = call(new ReadCoilsRequest(19, 10));
        assertThat(response)
                .isEqualTo(new ReadCoilsResponse(
                        BitValues.of(true, false, true, true, false, false, true, false, true, true)));
    }

    @Test
    void readDiscreteInputs() throws Exception {
        start(image);
        image.setDiscreteInputs(196, false, true, true, false, true, true, false, true, false);
        ModbusResponse response = call(new ReadDiscreteInputsRequest(196, 9));
        assertThat(response)
                .isEqualTo(new ReadDiscreteInputsResponse(
                        BitValues.of(false, true, true, false, true, true, false, true, false)));
    }

    @Test
    void readHoldingRegisters() throws Exception {
        start(image);
        image.setHoldingRegisters(107, 0x022B, 0x0000, 0xFFFF);
        ModbusResponse response = call(new ReadHoldingRegistersRequest(107, 3));
        assertThat(response).isEqualTo(new ReadHoldingRegistersResponse(RegisterValues.of(0x022B, 0, 0xFFFF)));
    }

    @Test
    void readInputRegisters() throws Exception {
        start(image);
        image.setInputRegisters(8, 10, -1);
        ModbusResponse response = call(new ReadInputRegistersRequest(8, 2));
        assertThat(response).isEqualTo(new ReadInputRegistersResponse(RegisterValues.of(10, 0xFFFF)));
    }

    @Test
    void writeSingleCoil() throws Exception {
        start(image);
        assertThat(call(new WriteSingleCoilRequest(172, true))).isEqualTo(new WriteSingleCoilResponse(172, true));
        assertThat(image.coil(172)).isTrue();
        assertThat(call(new WriteSingleCoilRequest(172, false))).isEqualTo(new WriteSingleCoilResponse(172, false));
        assertThat(image.coil(172)).isFalse();
    }

    @Test
    void writeSingleRegister() throws Exception {
        start(image);
        assertThat(call(new WriteSingleRegisterRequest(1, 0xABCD)))
                .isEqualTo(new WriteSingleRegisterResponse(1, 0xABCD));
        assertThat(image.holdingRegister(1)).isEqualTo(0xABCD);
    }

    @Test
    void writeMultipleCoils() throws Exception {
        start(image);
        BitValues values = BitValues.of(true, false, true, true, false, false, true, true, true, false);
        assertThat(call(new WriteMultipleCoilsRequest(19, values))).isEqualTo(new WriteMultipleCoilsResponse(19, 10));
        for (int i = 0; i < values.size(); i++) {
            assertThat(image.coil(19 + i)).as("coil %d", 19 + i).isEqualTo(values.get(i));
        }
        assertThat(call(new ReadCoilsRequest(19, 10))).isEqualTo(new ReadCoilsResponse(values));
    }

    @Test
    void writeMultipleRegisters() throws Exception {
        start(image);
        assertThat(call(new WriteMultipleRegistersRequest(1, RegisterValues.of(0x000A, 0x0102))))
                .isEqualTo(new WriteMultipleRegistersResponse(1, 2));
        assertThat(image.holdingRegister(1)).isEqualTo(0x000A);
        assertThat(image.holdingRegister(2)).isEqualTo(0x0102);
        assertThat(call(new ReadHoldingRegistersRequest(1, 2)))
                .isEqualTo(new ReadHoldingRegistersResponse(RegisterValues.of(0x000A, 0x0102)));
    }

    @Test
    void anAddressOutsideTheProcessImageComesBackAsAnExceptionResponse() throws Exception {
        start(new ProcessImage(16, 16, 16, 16));
        CompletableFuture<ModbusResponse> reply = client.send(UNIT, new ReadHoldingRegistersRequest(10, 10), TIMEOUT);
        Throwable error = failure(reply);
        assertThat(error)
                .isInstanceOf(ModbusExceptionResponseException.class)
                .hasMessageContaining("tcp://127.0.0.1:" + server.port())
                .hasMessageContaining("Illegal Data Address (0x02)");
        assertThat(((ModbusExceptionResponseException) error).code()).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        // the connection is still good
        assertThat(call(new ReadHoldingRegistersRequest(0, 16))).isInstanceOf(ReadHoldingRegistersResponse.class);
    }

    // ---- concurrency ----

    @Test
    void eightThreadsOfTwoHundredRequestsWithSixteenInFlight() throws Exception {
        int threads = 8;
        int perThread = 200;
        for (int a = 0; a < threads * perThread + 1; a++) {
            image.setHoldingRegisters(a, valueAt(a));
        }
        ExecutorService answering = Executors.newFixedThreadPool(4);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger maxOutstanding = new AtomicInteger();
        try {
            // answers later, from other threads, so that requests really pile up on the server
            ModbusRequestHandler handler = (unitId, request) -> {
                maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                return CompletableFuture.supplyAsync(
                        () -> {
                            ModbusResponse response = image.apply(request);
                            outstanding.decrementAndGet();
                            return response;
                        },
                        answering);
            };
            server = serverThreads.tcpServer(HOST, 0, handler);
            client = new ModbusClient(
                    clientThreads.tcp(HOST, server.port(), Duration.ofSeconds(5)),
                    new ModbusClientOptions(16, threads * perThread, Duration.ofMillis(100), Duration.ofSeconds(1)),
                    clientThreads.scheduler());

            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<CompletableFuture<ModbusResponse>>>> batches = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                batches.add(callers.submit(() -> {
                    go.await();
                    List<CompletableFuture<ModbusResponse>> replies = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        replies.add(client.send(
                                UNIT, new ReadHoldingRegistersRequest(first + i, 2), NO_TIMEOUT_IN_THIS_TEST));
                    }
                    return replies;
                }));
            }
            go.countDown();
            int checked = 0;
            for (int t = 0; t < threads; t++) {
                List<CompletableFuture<ModbusResponse>> replies = batches.get(t).get(10, SECONDS);
                for (int i = 0; i < perThread; i++) {
                    int a = t * perThread + i;
                    assertThat(replies.get(i).get(40, SECONDS))
                            .as("read at %d", a)
                            .isEqualTo(new ReadHoldingRegistersResponse(RegisterValues.of(valueAt(a), valueAt(a + 1))));
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(threads * perThread);
            assertThat(maxOutstanding.get()).isLessThanOrEqualTo(16).isGreaterThan(1);
        } finally {
            callers.shutdownNow();
            answering.shutdownNow();
        }
    }

    // ---- losing and regaining the device ----

    @Test
    void aStoppedServerFailsRequestsQuicklyAndARestartedOneServesAgain() throws Exception {
        AtomicInteger held = new AtomicInteger();
        ModbusRequestHandler handler = (unitId, request) -> holdAddress999(request, held);
        server = serverThreads.tcpServer(HOST, 0, handler);
        int port = server.port();
        // long enough that this thread, however slow the machine, sends its next request within the delay
        Duration reconnectDelay = Duration.ofSeconds(3);
        client = new ModbusClient(
                clientThreads.tcp(HOST, port, Duration.ofSeconds(2)),
                new ModbusClientOptions(4, 100, reconnectDelay, reconnectDelay),
                clientThreads.scheduler());
        // failure() waits 5 s at most: a request that fails there did not wait for this timeout
        Duration longTimeout = Duration.ofSeconds(30);

        assertThat(call(new WriteSingleRegisterRequest(5, 55))).isEqualTo(new WriteSingleRegisterResponse(5, 55));
        CompletableFuture<ModbusResponse> inFlight =
                client.send(UNIT, new WriteSingleRegisterRequest(999, 1), longTimeout);
        await().atMost(Duration.ofSeconds(5)).until(() -> held.get() == 1);

        server.close();
        server = null;
        assertThat(failure(inFlight))
                .isInstanceOf(ModbusConnectionException.class)
                .hasMessageContaining("lost while the request was in flight")
                .hasMessageContaining("a write may or may not have been applied");
        assertThat(((ModbusConnectionException) failure(inFlight)).mayHaveReachedDevice())
                .isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());

        // the next request tries to connect, is refused, and fails well before its own timeout
        assertThat(failure(client.send(UNIT, new ReadHoldingRegistersRequest(5, 1), longTimeout)))
                .isInstanceOf(ModbusConnectionException.class)
                .hasMessageContaining("cannot connect to tcp://127.0.0.1:" + port);
        // and within the reconnect delay a request fails at once
        CompletableFuture<ModbusResponse> early = client.send(UNIT, new ReadHoldingRegistersRequest(5, 1), longTimeout);
        assertThat(early).isCompletedExceptionally();
        assertThat(failure(early)).isInstanceOf(ModbusConnectionException.class).hasMessageContaining("unreachable");

        // served again once the reconnect delay has passed
        server = serverThreads.tcpServer(HOST, port, handler);
        List<ModbusResponse> answer = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    CompletableFuture<ModbusResponse> reply =
                            client.send(UNIT, new ReadHoldingRegistersRequest(5, 1), longTimeout);
                    try {
                        answer.add(reply.get(5, SECONDS));
                        return true;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(ModbusConnectionException.class);
                        return false;
                    }
                });
        assertThat(answer).containsExactly(new ReadHoldingRegistersResponse(RegisterValues.of(55)));
        assertThat(client.isConnected()).isTrue();
    }

    // ---- helpers ----

    private void start(ModbusRequestHandler handler) throws InterruptedException {
        server = serverThreads.tcpServer(HOST, 0, handler);
        client = new ModbusClient(
                clientThreads.tcp(HOST, server.port(), Duration.ofSeconds(5)),
                new ModbusClientOptions(1, 100, Duration.ofMillis(100), Duration.ofSeconds(1)),
                clientThreads.scheduler());
    }

    private ModbusResponse call(ModbusRequest request) throws Exception {
        return client.send(UNIT, request, TIMEOUT).get(10, SECONDS);
    }

    private static int valueAt(int address) {
        return (address * 37 + 11) & 0xFFFF;
    }

    /** Never answers a request touching address 999; serves everything else from the image. */
    private CompletionStage<ModbusResponse> holdAddress999(ModbusRequest request, AtomicInteger held) {
        if (request instanceof AddressedRequest addressed && addressed.address() == 999) {
            held.incrementAndGet();
            return new CompletableFuture<>();
        }
        return image.handle(UNIT, request);
    }
}
