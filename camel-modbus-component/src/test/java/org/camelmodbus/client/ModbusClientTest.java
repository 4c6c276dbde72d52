package org.camelmodbus.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camelmodbus.client.FakeTransport.Attempt;
import org.camelmodbus.client.FakeTransport.ConnectMode;
import org.camelmodbus.client.FakeTransport.FakeConnection;
import org.camelmodbus.protocol.AddressedRequest;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.RequestCodec;
import org.camelmodbus.protocol.ResponseCodec;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client's queueing, matching, timeout and reconnect rules, against an in-memory transport. */
@Timeout(30)
class ModbusClientTest {
    private static final int UNIT = 1;
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final Pattern NEXT_ATTEMPT = Pattern.compile("next connection attempt in (\\d+) ms");

    private ScheduledExecutorService scheduler;
    private FakeTransport transport;
    private ModbusClient client;

    @BeforeEach
    void setUp() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        transport = new FakeTransport();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        scheduler.shutdownNow();
        assertThat(scheduler.awaitTermination(5, SECONDS)).isTrue();
    }

    // ---- order and the in-flight limit ----

    @Test
    void oneInFlightSendsTheNextRequestOnlyAfterTheAnswer() throws Exception {
        client = client(1, 100);
        CompletableFuture<ModbusResponse> a = read(1);
        CompletableFuture<ModbusResponse> b = read(2);
        CompletableFuture<ModbusResponse> c = read(3);
        FakeConnection conn = transport.connection();
        assertThat(addresses(conn)).containsExactly(1);

        conn.answer(conn.sent(0), registers(11));
        assertThat(value(a)).isEqualTo(11);
        assertThat(addresses(conn)).containsExactly(1, 2);
        assertThat(c).isNotDone();

        conn.answer(conn.sent(1), registers(22));
        assertThat(value(b)).isEqualTo(22);
        assertThat(addresses(conn)).containsExactly(1, 2, 3);

        conn.answer(conn.sent(2), registers(33));
        assertThat(value(c)).isEqualTo(33);
        assertThat(conn.maxOutstanding()).isEqualTo(1);
        assertThat(transport.connectAttempts()).isEqualTo(1);
    }

    @Test
    void fourInFlightOfTenSendsOneMorePerAnswerInFifoOrder() throws Exception {
        client = client(4, 100);
        List<CompletableFuture<ModbusResponse>> replies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            replies.add(read(i));
        }
        FakeConnection conn = transport.connection();
        assertThat(addresses(conn)).containsExactly(0, 1, 2, 3);

        for (int k = 0; k < 10; k++) {
            conn.answer(conn.sent(k), registers(100 + k));
            assertThat(conn.sentCount()).isEqualTo(Math.min(10, 4 + k + 1));
            assertThat(conn.outstanding()).hasSizeLessThanOrEqualTo(4);
        }
        assertThat(addresses(conn)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (int i = 0; i < 10; i++) {
            assertThat(value(replies.get(i))).isEqualTo(100 + i);
        }
        assertThat(conn.maxOutstanding()).isEqualTo(4);
    }

    @Test
    void answersInReverseOrderAreMatchedByTransactionId() throws Exception {
        client = client(8, 100);
        List<CompletableFuture<ModbusResponse>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replies.add(read(10 * i));
        }
        FakeConnection conn = transport.connection();
        assertThat(conn.sentCount()).isEqualTo(8);
        assertThat(conn.sent().stream().map(MbapFrame::transactionId).distinct())
                .hasSize(8);

        for (int k = 7; k >= 0; k--) {
            MbapFrame frame = conn.sent(k);
            conn.answer(frame, registers(1000 + address(frame)));
            for (int i = 0; i < 8; i++) {
                assertThat(replies.get(i).isDone()).as("request %d done", i).isEqualTo(i >= k);
            }
        }
        for (int i = 0; i < 8; i++) {
            assertThat(value(replies.get(i))).isEqualTo(1000 + 10 * i);
        }
    }

    @Test
    void transactionIdsStayDistinctAmongRequestsInFlightWhenAnsweredInRandomOrder() throws Exception {
        client = client(8, 1000);
        Random random = new Random(42);
        List<CompletableFuture<ModbusResponse>> replies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            replies.add(read(i));
        }
        FakeConnection conn = transport.connection();
        while (!conn.outstanding().isEmpty()) {
            List<MbapFrame> open = conn.outstanding();
            assertThat(open).hasSizeLessThanOrEqualTo(8);
            assertThat(open.stream().map(MbapFrame::transactionId).distinct()).hasSameSizeAs(open);
            MbapFrame frame = open.get(random.nextInt(open.size()));
            conn.answer(frame, registers(address(frame) + 7));
        }
        assertThat(conn.sentCount()).isEqualTo(500);
        assertThat(conn.reusedTransactionIds()).isEmpty();
        for (int i = 0; i < 500; i++) {
            assertThat(value(replies.get(i))).isEqualTo(i + 7);
        }
    }

    // ---- transaction ids ----

    @Test
    void transactionIdsCycleThroughOneTo65535() throws Exception {
        client = client(1, 10);
        transport.answerWith(ModbusClientTest::echoTransactionId);
        int n = 65_600;
        for (int i = 0; i < n; i++) {
            CompletableFuture<ModbusResponse> reply = read(0);
            int expected = i % 0xFFFF + 1;
            ModbusResponse response = reply.getNow(null);
            if (!(response instanceof ReadHoldingRegistersResponse r)
                    || r.registers().get(0) != expected) {
                throw new AssertionError("request " + i + " expected transaction id " + expected + ", got " + reply);
            }
        }
        List<MbapFrame> sent = transport.connection().sent();
        assertThat(sent).hasSize(n);
        for (int i = 0; i < n; i++) {
            if (sent.get(i).transactionId() != i % 0xFFFF + 1) {
                throw new AssertionError(
                        "frame " + i + " has transaction id " + sent.get(i).transactionId());
            }
        }
        assertThat(sent.get(0xFFFE).transactionId()).isEqualTo(0xFFFF);
        assertThat(sent.get(0xFFFF).transactionId()).isEqualTo(1);
        assertThat(sent).noneMatch(f -> f.transactionId() == 0);
    }

    @Test
    void aRequestHeldInFlightAcrossTheWrapAroundKeepsItsTransactionId() throws Exception {
        client = client(2, 10);
        CompletableFuture<ModbusResponse> held = read(4242);
        FakeConnection conn = transport.connection();
        int heldId = conn.sent(0).transactionId();
        assertThat(heldId).isEqualTo(1);

        transport.answerWith(ModbusClientTest::echoTransactionId);
        int n = 65_600;
        for (int i = 0; i < n; i++) {
            CompletableFuture<ModbusResponse> reply = read(0);
            int expected = i % 0xFFFE + 2; // 2..65535, never 1
            if (!(reply.getNow(null) instanceof ReadHoldingRegistersResponse r)
                    || r.registers().get(0) != expected) {
                throw new AssertionError("request " + i + " expected transaction id " + expected + ", got " + reply);
            }
        }
        transport.answerWith(null);
        List<MbapFrame> later = conn.sent().subList(1, n + 1);
        assertThat(later).noneMatch(f -> f.transactionId() == heldId);
        assertThat(later.stream().filter(f -> f.transactionId() == 2)).hasSize(2); // it did wrap around
        assertThat(conn.reusedTransactionIds()).isEmpty();
        assertThat(held).isNotDone();

        conn.answer(conn.sent(0), registers(4242));
        assertThat(value(held)).isEqualTo(4242);
    }

    // ---- matching answers ----

    @Test
    void anAnswerWithAnUnknownTransactionIdIsDropped() throws Exception {
        client = client(2, 100);
        CompletableFuture<ModbusResponse> a = read(1);
        CompletableFuture<ModbusResponse> b = read(2);
        FakeConnection conn = transport.connection();
        Set<Integer> ids = new HashSet<>();
        conn.sent().forEach(f -> ids.add(f.transactionId()));
        int unknown = 1;
        while (ids.contains(unknown)) {
            unknown++;
        }

        conn.reply(unknown, UNIT, pdu(registers(99)));
        assertThat(a).isNotDone();
        assertThat(b).isNotDone();
        assertThat(conn.isClosed()).isFalse();

        conn.answer(conn.sent(1), registers(22));
        conn.answer(conn.sent(0), registers(11));
        assertThat(value(a)).isEqualTo(11);
        assertThat(value(b)).isEqualTo(22);
    }

    @Test
    void anAnswerFromAnotherUnitFailsTheRequest() throws Exception {
        client = client(1, 100);
        CompletableFuture<ModbusResponse> a = client.send(7, new ReadHoldingRegistersRequest(5, 1), LONG);
        CompletableFuture<ModbusResponse> b = client.send(7, new ReadHoldingRegistersRequest(6, 1), LONG);
        FakeConnection conn = transport.connection();
        MbapFrame request = conn.sent(0);
        assertThat(request.unitId()).isEqualTo(7);

        conn.reply(request.transactionId(), 9, pdu(registers(1)));
        assertThat(failure(a))
                .isInstanceOf(ModbusProtocolException.class)
                .hasMessageContaining(FakeTransport.DEVICE)
                .hasMessageContaining("came from unit 9")
                .hasMessageContaining("went to unit 7");

        // the connection carries on with the next request
        assertThat(conn.sentCount()).isEqualTo(2);
        conn.answer(conn.sent(1), registers(66));
        assertThat(value(b)).isEqualTo(66);
        assertThat(transport.connectAttempts()).isEqualTo(1);
    }

    @Test
    void aMalformedAnswerFailsOnlyItsRequestAndTheConnectionStaysUsable() throws Exception {
        client = client(2, 100);
        byte[][] malformed = {
            {0x03, 0x03, 0, 1, 0, 2}, // byte count 3 for two registers
            {0x03, 0x04, 0, 1}, // truncated
            {0x03, 0x04, 0, 1, 0, 2, 0}, // one byte too many
            {0x04, 0x04, 0, 1, 0, 2}, // another function code
            {(byte) 0x83}, // exception response without its code
        };
        for (byte[] bad : malformed) {
            CompletableFuture<ModbusResponse> victim = client.send(UNIT, new ReadHoldingRegistersRequest(0, 2), LONG);
            CompletableFuture<ModbusResponse> bystander = read(1);
            FakeConnection conn = transport.connection();
            List<MbapFrame> open = conn.outstanding();
            assertThat(open).hasSize(2);

            conn.reply(open.get(0).transactionId(), UNIT, bad);
            assertThat(failure(victim))
                    .isInstanceOf(ModbusProtocolException.class)
                    .hasMessageStartingWith(FakeTransport.DEVICE + " unit " + UNIT + ": ")
                    .hasMessageContaining("Read Holding Registers response");
            assertThat(bystander).isNotDone();

            conn.answer(open.get(1), registers(5));
            assertThat(value(bystander)).isEqualTo(5);
            assertThat(conn.isClosed()).isFalse();
        }
        assertThat(transport.connectAttempts()).isEqualTo(1);
    }

    @Test
    void anExceptionResponseNamesCodeMeaningDeviceUnitFunctionAndAddress() throws Exception {
        client = client(1, 100);
        CompletableFuture<ModbusResponse> reply = client.send(17, new ReadHoldingRegistersRequest(100, 10), LONG);
        FakeConnection conn = transport.connection();
        conn.reply(conn.sent(0).transactionId(), 17, new byte[] {(byte) 0x83, 0x02});

        Throwable error = failure(reply);
        assertThat(error)
                .isInstanceOf(ModbusExceptionResponseException.class)
                .hasMessageContaining("Illegal Data Address (0x02)")
                .hasMessageContaining(ExceptionCode.ILLEGAL_DATA_ADDRESS.meaning())
                .hasMessageContaining(FakeTransport.DEVICE)
                .hasMessageContaining("unit 17")
                .hasMessageContaining("Read Holding Registers (0x03)")
                .hasMessageContaining("address 100");
        ModbusExceptionResponseException e = (ModbusExceptionResponseException) error;
        assertThat(e.exceptionCode()).isEqualTo(2);
        assertThat(e.code()).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(e.unitId()).isEqualTo(17);
        assertThat(e.device()).isEqualTo(FakeTransport.DEVICE);
        assertThat(e.request()).isEqualTo(new ReadHoldingRegistersRequest(100, 10));
    }

    @Test
    void anExceptionCodeOutsideTheSpecificationIsKept() throws Exception {
        client = client(1, 100);
        CompletableFuture<ModbusResponse> reply = client.send(3, new WriteSingleRegisterRequest(8, 1), LONG);
        FakeConnection conn = transport.connection();
        conn.reply(conn.sent(0).transactionId(), 3, new byte[] {(byte) 0x86, 0x42});

        Throwable error = failure(reply);
        assertThat(error)
                .isInstanceOf(ModbusExceptionResponseException.class)
                .hasMessageContaining("Unknown exception code (0x42)")
                .hasMessageContaining("Write Single Register (0x06)")
                .hasMessageContaining("address 8");
        assertThat(((ModbusExceptionResponseException) error).exceptionCode()).isEqualTo(0x42);
        assertThat(((ModbusExceptionResponseException) error).code()).isEmpty();
    }

    // ---- timeouts ----

    @Test
    void aTimeoutFreesTheSlotAndItsLateAnswerIsIgnored() throws Exception {
        client = client(1, 100);
        Duration timeout = Duration.ofMillis(300);
        long start = System.nanoTime();
        CompletableFuture<ModbusResponse> slow = client.send(UNIT, new ReadHoldingRegistersRequest(1, 1), timeout);
        CompletableFuture<Long> failedAt = slow.handle((r, e) -> System.nanoTime());
        CompletableFuture<ModbusResponse> next = read(2);
        FakeConnection conn = transport.connection();
        assertThat(addresses(conn)).containsExactly(1);

        assertThat(failure(slow))
                .isInstanceOf(ModbusTimeoutException.class)
                .hasMessageContaining(FakeTransport.DEVICE)
                .hasMessageContaining("unit " + UNIT)
                .hasMessageContaining("Read Holding Registers (0x03) at address 1")
                .hasMessageContaining(
                        "no response to Read Holding Registers (0x03) at address 1, quantity 1 within 300 ms")
                .extracting(e -> ((ModbusTimeoutException) e).mayHaveReachedDevice())
                .isEqualTo(true);
        long elapsed = failedAt.get(5, SECONDS) - start;
        assertThat(elapsed)
                .isGreaterThanOrEqualTo(timeout.toNanos())
                .isLessThan(timeout.plusSeconds(2).toNanos());

        // the slot went to the queued request
        await().atMost(Duration.ofSeconds(2)).until(() -> conn.sentCount() == 2);
        assertThat(address(conn.sent(1))).isEqualTo(2);
        assertThat(conn.sent(1).transactionId()).isNotEqualTo(conn.sent(0).transactionId());

        // the late answer to the timed-out request completes nothing
        conn.answer(conn.sent(0), registers(111));
        assertThat(next).isNotDone();
        assertThat(conn.sentCount()).isEqualTo(2);

        conn.answer(conn.sent(1), registers(222));
        assertThat(value(next)).isEqualTo(222);
    }

    @Test
    void aRequestStuckInTheQueueTimesOutFromItsSendCall() throws Exception {
        client = client(1, 100);
        CompletableFuture<ModbusResponse> slow = read(1);
        Duration timeout = Duration.ofMillis(200);
        long start = System.nanoTime();
        CompletableFuture<ModbusResponse> stuck = client.send(UNIT, new ReadHoldingRegistersRequest(2, 1), timeout);
        CompletableFuture<Long> failedAt = stuck.handle((r, e) -> System.nanoTime());

        assertThat(failure(stuck))
                .isInstanceOf(ModbusTimeoutException.class)
                .hasMessageContaining("was not sent within 200 ms: it waited in the queue")
                .extracting(e -> ((ModbusTimeoutException) e).mayHaveReachedDevice())
                .isEqualTo(false);
        long elapsed = failedAt.get(5, SECONDS) - start;
        assertThat(elapsed)
                .isGreaterThanOrEqualTo(timeout.toNanos())
                .isLessThan(timeout.plusSeconds(2).toNanos());

        FakeConnection conn = transport.connection();
        assertThat(addresses(conn)).containsExactly(1); // never sent
        conn.answer(conn.sent(0), registers(10));
        assertThat(value(slow)).isEqualTo(10);
        assertThat(conn.sentCount()).isEqualTo(1);
    }

    // ---- queue bound ----

    @Test
    void aFullQueueRejectsTheNextRequestAtOnceAndSendsNothingForIt() throws Exception {
        transport.connectMode(ConnectMode.MANUAL);
        client = client(8, 3);
        List<CompletableFuture<ModbusResponse>> queued = List.of(read(0), read(1), read(2));
        CompletableFuture<ModbusResponse> rejected = read(3);

        assertThat(rejected).isCompletedExceptionally();
        assertThat(failure(rejected))
                .isInstanceOf(ModbusRequestRejectedException.class)
                .hasMessageContaining(FakeTransport.DEVICE)
                .hasMessageContaining("queue is full (3 waiting)");
        assertThat(transport.sent()).isEmpty();
        assertThat(queued).allMatch(f -> !f.isDone());

        FakeConnection conn = transport.lastAttempt().succeed();
        assertThat(addresses(conn)).containsExactly(0, 1, 2);
        for (int i = 0; i < 3; i++) {
            conn.answer(conn.sent(i), registers(i));
            assertThat(value(queued.get(i))).isEqualTo(i);
        }
    }

    @Test
    void theQueueBoundCountsOnlyRequestsWaitingBehindTheInFlightLimit() throws Exception {
        client = client(1, 2);
        CompletableFuture<ModbusResponse> inFlight = read(0);
        CompletableFuture<ModbusResponse> waiting1 = read(1);
        CompletableFuture<ModbusResponse> waiting2 = read(2);
        CompletableFuture<ModbusResponse> rejected = read(3);
        assertThat(failure(rejected)).isInstanceOf(ModbusRequestRejectedException.class);
        FakeConnection conn = transport.connection();
        assertThat(addresses(conn)).containsExactly(0);

        conn.answer(conn.sent(0), registers(0));
        assertThat(value(inFlight)).isZero();
        CompletableFuture<ModbusResponse> accepted = read(4); // one place came free
        assertThat(accepted).isNotDone();
        conn.answer(conn.sent(1), registers(1));
        conn.answer(conn.sent(2), registers(2));
        conn.answer(conn.sent(3), registers(4));
        assertThat(addresses(conn)).containsExactly(0, 1, 2, 4);
        assertThat(value(waiting1)).isEqualTo(1);
        assertThat(value(waiting2)).isEqualTo(2);
        assertThat(value(accepted)).isEqualTo(4);
    }

    // ---- connecting and reconnecting ----

    @Test
    void aConnectFailureFailsEveryQueuedRequestAndArmsTheReconnectDelay() throws Exception {
        transport.connectMode(ConnectMode.MANUAL);
        Duration delay = Duration.ofMillis(300);
        client = client(options(4, 100, delay, Duration.ofSeconds(5)));
        List<CompletableFuture<ModbusResponse>> queued = List.of(read(1), read(2), read(3));
        assertThat(transport.connectAttempts()).isEqualTo(1);

        ConnectException refused = new ConnectException("Connection refused");
        transport.lastAttempt().fail(refused);
        for (CompletableFuture<ModbusResponse> f : queued) {
            assertThat(failure(f))
                    .isInstanceOf(ModbusConnectionException.class)
                    .hasMessageContaining("cannot connect to " + FakeTransport.DEVICE)
                    .hasMessageContaining("Connection refused")
                    .hasCause(refused);
            assertThat(((ModbusConnectionException) failure(f)).mayHaveReachedDevice())
                    .isFalse();
        }
        assertThat(transport.sent()).isEmpty();

        // during the delay: fail fast, no new attempt
        CompletableFuture<ModbusResponse> early = read(4);
        assertThat(early).isCompletedExceptionally();
        assertThat(failure(early))
                .isInstanceOf(ModbusConnectionException.class)
                .hasMessageContaining(FakeTransport.DEVICE + " is unreachable (Connection refused)")
                .hasMessageContaining("next connection attempt in");
        assertThat(failure(early).getCause()).isSameAs(refused);
        assertThat(transport.connectAttempts()).isEqualTo(1);

        // after it: a new attempt, which carries the request that triggered it
        transport.connectMode(ConnectMode.SUCCEED);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    read(5);
                    return transport.connectAttempts() == 2;
                });
        assertThat(transport.attempt(1).startedNanos - transport.attempt(0).startedNanos)
                .isGreaterThanOrEqualTo(delay.toNanos());
        FakeConnection conn = transport.connection();
        assertThat(addresses(conn)).containsExactly(5);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void theReconnectDelayDoublesUpToItsMaximumAndASuccessResetsIt() throws Exception {
        transport.connectMode(ConnectMode.FAIL);
        client = client(options(1, 100, Duration.ofMillis(100), Duration.ofMillis(400)));
        long[] expectedMillis = {100, 200, 400, 400};

        assertThat(failure(read(0))).isInstanceOf(ModbusConnectionException.class);
        assertThat(transport.connectAttempts()).isEqualTo(1);
        for (int i = 0; i < expectedMillis.length; i++) {
            int attemptsBefore = transport.connectAttempts();
            long announced = announcedDelayMillis(read(0));
            assertThat(announced)
                    .as("delay after failure %d", i + 1)
                    .isBetween(expectedMillis[i] / 2, expectedMillis[i]);
            assertThat(transport.connectAttempts()).isEqualTo(attemptsBefore);

            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> {
                        read(0);
                        return transport.connectAttempts() > attemptsBefore;
                    });
            long gap =
                    transport.attempt(attemptsBefore).startedNanos - transport.attempt(attemptsBefore - 1).startedNanos;
            assertThat(gap)
                    .as("gap before attempt %d", attemptsBefore + 1)
                    .isGreaterThanOrEqualTo(expectedMillis[i] * 1_000_000);
        }

        // a connection that answers resets the delay to its start value
        transport.connectMode(ConnectMode.SUCCEED);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
            read(0);
            return client.isConnected();
        });
        FakeConnection working = transport.connection();
        working.answer(working.sent(0), registers(0));
        working.closeFromDevice(null);
        assertThat(client.isConnected()).isFalse();
        transport.connectMode(ConnectMode.FAIL);
        int attemptsBefore = transport.connectAttempts();
        assertThat(failure(read(0)))
                .isInstanceOf(ModbusConnectionException.class)
                .hasMessageContaining("cannot connect");
        assertThat(transport.connectAttempts()).isEqualTo(attemptsBefore + 1);
        assertThat(announcedDelayMillis(read(0))).isBetween(50L, 100L);
    }

    @Test
    void losingTheConnectionFailsRequestsInFlightAndSendsQueuedOnesOnAnImmediateReconnect() throws Exception {
        client = client(options(2, 100, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        FakeConnection first = answerOneRequest();
        List<CompletableFuture<ModbusResponse>> replies = List.of(read(1), read(2), read(3), read(4));
        assertThat(addresses(first)).containsExactly(0, 1, 2);

        IOException reset = new IOException("Connection reset by peer");
        first.closeFromDevice(reset);
        for (int i = 0; i < 2; i++) {
            assertThat(failure(replies.get(i)))
                    .isInstanceOf(ModbusConnectionException.class)
                    .hasMessageContaining(
                            "connection to " + FakeTransport.DEVICE + " lost while the request was in flight")
                    .hasMessageContaining("Connection reset by peer")
                    .hasMessageContaining("a write may or may not have been applied")
                    .hasCause(reset);
            assertThat(((ModbusConnectionException) failure(replies.get(i))).mayHaveReachedDevice())
                    .isTrue();
        }

        // no wait for the reconnect delay: the queued requests go out on a fresh connection at once
        assertThat(transport.connectAttempts()).isEqualTo(2);
        FakeConnection second = transport.connection();
        assertThat(second).isNotSameAs(first);
        assertThat(addresses(second)).containsExactly(3, 4);
        second.answer(second.sent(0), registers(33));
        second.answer(second.sent(1), registers(44));
        assertThat(value(replies.get(2))).isEqualTo(33);
        assertThat(value(replies.get(3))).isEqualTo(44);
    }

    @Test
    void anOrderlyCloseByTheDeviceSaysSoAndTheNextRequestReconnects() throws Exception {
        client = client(1, 100);
        FakeConnection first = answerOneRequest();
        CompletableFuture<ModbusResponse> lost = read(1);
        first.closeFromDevice(null);
        assertThat(failure(lost))
                .isInstanceOf(ModbusConnectionException.class)
                .hasMessageContaining("closed by the device")
                .hasMessageContaining("a write may or may not have been applied");
        assertThat(client.isConnected()).isFalse();
        assertThat(transport.connectAttempts()).isEqualTo(1); // nothing was waiting, so no reconnect yet

        CompletableFuture<ModbusResponse> next = read(2);
        assertThat(transport.connectAttempts()).isEqualTo(2);
        FakeConnection second = transport.connection();
        second.answer(second.sent(0), registers(2));
        assertThat(value(next)).isEqualTo(2);
    }

    @Test
    void aDeviceThatDropsConnectionsUnansweredGetsTheReconnectDelayNotALoop() throws Exception {
        client = client(options(1, 100, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        CompletableFuture<ModbusResponse> inFlight = read(1);
        CompletableFuture<ModbusResponse> queued = read(2);
        transport.connection().closeFromDevice(null);

        assertThat(failure(inFlight)).isInstanceOf(ModbusConnectionException.class);
        assertThat(failure(queued))
                .isInstanceOf(ModbusConnectionException.class)
                .hasMessageContaining("closed the connection without answering");
        assertThat(((ModbusConnectionException) failure(queued)).mayHaveReachedDevice())
                .isFalse();
        assertThat(transport.connectAttempts()).isEqualTo(1);
        assertThat(failure(read(3))).hasMessageContaining("next connection attempt in");
        assertThat(transport.connectAttempts()).isEqualTo(1);
    }

    @Test
    void aConnectionThatClosesBeforeTheClientRegisteredItIsNotTakenForOpen() throws Exception {
        transport.connectMode(ConnectMode.MANUAL);
        client = client(options(1, 100, Duration.ZERO, Duration.ZERO));
        CompletableFuture<ModbusResponse> first = read(1);
        Attempt attempt = transport.lastAttempt();
        attempt.closeBeforeOpened();
        attempt.succeed();

        assertThat(failure(first))
                .isInstanceOf(ModbusConnectionException.class)
                .hasMessageContaining("closed the connection as soon as it opened");
        assertThat(client.isConnected()).isFalse();
        assertThat(attempt.connection().sentCount()).isZero();
        assertThat(attempt.connection().sentAfterClose()).isZero();

        transport.connectMode(ConnectMode.SUCCEED);
        CompletableFuture<ModbusResponse> later = read(2);
        assertThat(transport.connectAttempts()).isEqualTo(2);
        FakeConnection conn = transport.connection();
        assertThat(addresses(conn)).containsExactly(2);
        conn.answer(conn.sent(0), registers(2));
        assertThat(value(later)).isEqualTo(2);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void connectOpensAheadOfTheFirstRequest() throws Exception {
        transport.connectMode(ConnectMode.MANUAL);
        client = client(1, 100);
        client.connect();
        client.connect(); // one attempt at a time
        assertThat(transport.connectAttempts()).isEqualTo(1);
        FakeConnection conn = transport.lastAttempt().succeed();
        assertThat(client.isConnected()).isTrue();

        CompletableFuture<ModbusResponse> reply = read(1);
        conn.answer(conn.sent(0), registers(1));
        assertThat(value(reply)).isEqualTo(1);
        assertThat(transport.connectAttempts()).isEqualTo(1);
    }

    // ---- close ----

    @Test
    void closeRejectsPendingAndLaterRequestsAndClosesTheConnection() throws Exception {
        client = client(1, 100);
        CompletableFuture<ModbusResponse> inFlight = read(1);
        CompletableFuture<ModbusResponse> queued = read(2);
        FakeConnection conn = transport.connection();

        client.close();
        for (CompletableFuture<ModbusResponse> f : List.of(inFlight, queued)) {
            assertThat(failure(f))
                    .isInstanceOf(ModbusRequestRejectedException.class)
                    .hasMessageContaining("client for " + FakeTransport.DEVICE + " was closed");
        }
        assertThat(conn.closedByClient()).isTrue();
        assertThat(client.isConnected()).isFalse();

        CompletableFuture<ModbusResponse> after = read(3);
        assertThat(after).isCompletedExceptionally();
        assertThat(failure(after))
                .isInstanceOf(ModbusRequestRejectedException.class)
                .hasMessageContaining("is closed");
        assertThat(conn.sentCount()).isEqualTo(1);
        assertThat(transport.connectAttempts()).isEqualTo(1);
        client.close(); // twice is harmless
    }

    @Test
    void aConnectionThatOpensAfterCloseIsClosedAtOnce() throws Exception {
        transport.connectMode(ConnectMode.MANUAL);
        client = client(1, 100);
        CompletableFuture<ModbusResponse> reply = read(1);
        client.close();
        assertThat(failure(reply)).isInstanceOf(ModbusRequestRejectedException.class);

        FakeConnection late = transport.lastAttempt().succeed();
        assertThat(late.closedByClient()).isTrue();
        assertThat(late.sentCount()).isZero();
        assertThat(client.isConnected()).isFalse();
    }

    // ---- argument checks ----

    @Test
    void unitIdsOutsideZeroTo255AreRefused() throws Exception {
        client = client(2, 100);
        ModbusRequest request = new ReadHoldingRegistersRequest(0, 1);
        assertThatThrownBy(() -> client.send(-1, request, LONG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit id -1");
        assertThatThrownBy(() -> client.send(256, request, LONG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit id 256");
        assertThat(transport.connectAttempts()).isZero();

        CompletableFuture<ModbusResponse> zero = client.send(0, request, LONG);
        CompletableFuture<ModbusResponse> max = client.send(255, request, LONG);
        FakeConnection conn = transport.connection();
        assertThat(conn.sent()).extracting(MbapFrame::unitId).containsExactly(0, 255);
        conn.answer(conn.sent(0), registers(0));
        conn.answer(conn.sent(1), registers(255));
        assertThat(value(zero)).isZero();
        assertThat(value(max)).isEqualTo(255);
    }

    @Test
    void optionsOutsideTheirRangesAreRefused() {
        Duration d = Duration.ofMillis(100);
        assertThatThrownBy(() -> options(0, 10, d, d)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options(0x10000, 10, d, d)).isInstanceOf(IllegalArgumentException.class);
        // with no queue at all the client would refuse every request, and never even connect
        assertThatThrownBy(() -> options(1, 0, d, d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxQueued 0");
        assertThatThrownBy(() -> options(1, 10, d.negated(), d)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options(1, 10, d, d.minusMillis(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(options(0xFFFF, 1, Duration.ZERO, Duration.ZERO).maxInFlight())
                .isEqualTo(0xFFFF);
    }

    @Test
    void aQueueOfOneStillServesEveryRequestInTurn() throws Exception {
        client = client(1, 1);
        CompletableFuture<ModbusResponse> first = read(1); // waits for the connection, then goes out
        CompletableFuture<ModbusResponse> second = read(2); // waits behind it
        assertThat(failure(read(3))).isInstanceOf(ModbusRequestRejectedException.class);
        FakeConnection conn = transport.connection();
        conn.answer(conn.sent(0), registers(1));
        conn.answer(conn.sent(1), registers(2));
        assertThat(value(first)).isEqualTo(1);
        assertThat(value(second)).isEqualTo(2);
    }

    // ---- helpers ----

    private ModbusClient client(int maxInFlight, int maxQueued) {
        return client(options(maxInFlight, maxQueued, Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    private ModbusClient client(ModbusClientOptions options) {
        return new ModbusClient(transport, options, scheduler);
    }

    private static ModbusClientOptions options(int maxInFlight, int maxQueued, Duration delay, Duration delayMax) {
        return new ModbusClientOptions(maxInFlight, maxQueued, delay, delayMax);
    }

    private CompletableFuture<ModbusResponse> read(int address) {
        return client.send(UNIT, new ReadHoldingRegistersRequest(address, 1), LONG);
    }

    private static ReadHoldingRegistersResponse registers(int... values) {
        return new ReadHoldingRegistersResponse(RegisterValues.of(values));
    }

    private static byte[] pdu(ReadHoldingRegistersResponse response) {
        return ResponseCodec.encode(response);
    }

    /** Answers a one-register read with the frame's own transaction id as the value. */
    private static MbapFrame echoTransactionId(MbapFrame request) {
        int id = request.transactionId();
        return new MbapFrame(id, request.unitId(), new byte[] {0x03, 0x02, (byte) (id >>> 8), (byte) id});
    }

    private static int address(MbapFrame frame) {
        return ((AddressedRequest) RequestCodec.decode(frame.pdu())).address();
    }

    /** Makes the connection prove itself with one answered request, so that losing it counts as a mishap. */
    private FakeConnection answerOneRequest() throws Exception {
        CompletableFuture<ModbusResponse> reply = read(0);
        FakeConnection connection = transport.connection();
        connection.answer(connection.sent(0), registers(0));
        assertThat(value(reply)).isEqualTo(0);
        return connection;
    }

    private static List<Integer> addresses(FakeConnection conn) {
        return conn.sent().stream().map(ModbusClientTest::address).toList();
    }

    private static int value(CompletableFuture<ModbusResponse> reply) throws Exception {
        ModbusResponse response = reply.get(5, SECONDS);
        assertThat(response).isInstanceOf(ReadHoldingRegistersResponse.class);
        return ((ReadHoldingRegistersResponse) response).registers().get(0);
    }

    /** The exception a future failed with; fails the test if it does not fail within 5 s. */
    static Throwable failure(CompletableFuture<?> future) throws InterruptedException, TimeoutException {
        try {
            Object value = future.get(5, SECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static long announcedDelayMillis(CompletableFuture<ModbusResponse> refused) throws Exception {
        assertThat(refused).isCompletedExceptionally();
        Throwable error = failure(refused);
        assertThat(error).isInstanceOf(ModbusConnectionException.class);
        Matcher m = NEXT_ATTEMPT.matcher(error.getMessage());
        assertThat(m.find())
                .as("message '%s' announces the next attempt", error.getMessage())
                .isTrue();
        return Long.parseLong(m.group(1));
    }
}
