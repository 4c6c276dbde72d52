package org.camelmodbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camelmodbus.client.ClientFixture.LONG;
import static org.camelmodbus.client.ClientFixture.failure;
import static org.camelmodbus.client.ClientFixture.options;
import static org.camelmodbus.client.ClientFixture.registers;
import static org.camelmodbus.client.ClientFixture.value;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.camelmodbus.client.FakeTransport.FakeConnection;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-unit circuit breaker behind a gateway: unit 1 answers, unit 7 never does, unit 9's gateway says the unit
 * failed to respond (exception 0x0B). All on one connection.
 */
@Timeout(30)
class ModbusClientBreakerTest {
    private static final Duration SHORT = Duration.ofMillis(60);
    private final ClientFixture f = new ClientFixture();

    @BeforeEach
    void answerUnitsOneAndNine() {
        f.transport.answerWith(frame -> switch (frame.unitId()) {
            case 1 -> ClientFixture.echoAddress(frame);
            case 9 -> new MbapFrame(frame.transactionId(), 9, new byte[] {(byte) 0x83, 0x0B});
            default -> null;
        });
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        f.close();
    }

    @Test
    void aUnitThatKeepsTimingOutIsParkedWhileAnotherOnTheSameConnectionIsServed() throws Exception {
        f.start(options(1, 100).withBreaker(breaker(3, 5_000, 10_000)));
        for (int i = 0; i < 3; i++) {
            assertThat(f.client.breakerState(7)).isEqualTo(BreakerState.CLOSED);
            assertThat(failure(f.read(7, i, RequestOptions.of(SHORT)))).isInstanceOf(ModbusTimeoutException.class);
            assertThat(value(f.read(1, i))).isEqualTo(i);
        }
        assertThat(f.client.breakerState(7)).isEqualTo(BreakerState.OPEN);
        int sent = f.transport.sent().size();

        CompletableFuture<ModbusResponse> refused = f.read(7, 10);
        assertThat(refused).isCompletedExceptionally(); // at once, not after a timeout
        ModbusUnitUnavailableException e = (ModbusUnitUnavailableException) failure(refused);
        assertThat(e.unitId()).isEqualTo(7);
        assertThat(e.device()).isEqualTo(FakeTransport.DEVICE);
        assertThat(e.state()).isEqualTo(BreakerState.OPEN);
        assertThat(e.nextProbe()).isPresent();
        assertThat(e.nextProbe().orElseThrow()).isAfter(e.openSince());
        assertThat(e.getMessage())
                .contains(FakeTransport.DEVICE + " unit 7 is parked by its circuit breaker since")
                .contains("3 consecutive timeouts")
                .contains("goes through as a probe");
        assertThat(f.transport.sent()).hasSize(sent);

        assertThat(value(f.read(1, 42))).isEqualTo(42);
        ModbusClientStatus status = f.client.status();
        assertThat(status.parkedUnits()).singleElement().satisfies(unit -> {
            assertThat(unit.unitId()).isEqualTo(7);
            assertThat(unit.state()).isEqualTo(BreakerState.OPEN);
            assertThat(unit.consecutiveTimeouts()).isEqualTo(3);
            assertThat(unit.openDelay()).isEqualTo(Duration.ofSeconds(5));
        });
        assertThat(status.connected()).isTrue();
        assertThat(status.lastSuccess()).isNotNull();
        assertThat(status.lastError()).contains("unit 7");
    }

    @Test
    void requestsWaitingForAUnitFailAtOnceWhenItsBreakerOpens() throws Exception {
        f.start(options(1, 100).withBreaker(breaker(1, 5_000, 10_000)));
        f.transport.answerWith(null);
        CompletableFuture<ModbusResponse> stalls = f.read(7, 0, RequestOptions.of(SHORT));
        CompletableFuture<ModbusResponse> waiting7 = f.read(7, 1);
        CompletableFuture<ModbusResponse> waiting1 = f.read(1, 2);
        assertThat(failure(stalls)).isInstanceOf(ModbusTimeoutException.class);
        assertThat(failure(waiting7)).isInstanceOf(ModbusUnitUnavailableException.class);

        FakeConnection conn = f.transport.connection();
        await().atMost(Duration.ofSeconds(5)).until(() -> conn.sentCount() == 2);
        assertThat(conn.sent(1).unitId()).isEqualTo(1);
        conn.answer(conn.sent(1), registers(2));
        assertThat(value(waiting1)).isEqualTo(2);
    }

    @Test
    void afterTheOpenDelayOneRequestProbesAndItsAnswerClosesTheBreaker() throws Exception {
        f.start(options(4, 100).withBreaker(breaker(1, 100, 1_000)));
        assertThat(failure(f.read(7, 0, RequestOptions.of(SHORT)))).isInstanceOf(ModbusTimeoutException.class);
        assertThat(f.client.breakerState(7)).isEqualTo(BreakerState.OPEN);

        CompletableFuture<ModbusResponse> probe = probe(LONG);
        assertThat(f.client.breakerState(7)).isEqualTo(BreakerState.HALF_OPEN);
        FakeConnection conn = f.transport.connection();
        MbapFrame probeFrame = lastSent();
        assertThat(probeFrame.unitId()).isEqualTo(7);

        // while the probe is out, the unit's other requests still fail at once
        ModbusUnitUnavailableException e = (ModbusUnitUnavailableException) failure(f.read(7, 2));
        assertThat(e.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(e.nextProbe()).isEmpty();
        assertThat(e.getMessage()).contains("a probe request is on its way");
        assertThat(value(f.read(1, 3))).isEqualTo(3);

        conn.answer(probeFrame, registers(77));
        assertThat(value(probe)).isEqualTo(77);
        assertThat(f.client.breakerState(7)).isEqualTo(BreakerState.CLOSED);
        assertThat(f.client.status().breakers()).isEmpty();
        CompletableFuture<ModbusResponse> served = f.read(7, 4);
        assertThat(served).isNotDone();
        conn.answer(lastSent(), registers(4));
        assertThat(value(served)).isEqualTo(4);
    }

    @Test
    void aProbeThatTimesOutParksTheUnitForTwiceAsLongUpToTheMaximum() throws Exception {
        f.start(options(4, 100).withBreaker(breaker(1, 100, 300)));
        assertThat(failure(f.read(7, 0, RequestOptions.of(SHORT)))).isInstanceOf(ModbusTimeoutException.class);
        assertThat(openDelayOf(7)).isEqualTo(Duration.ofMillis(100));
        for (long expected : new long[] {200, 300, 300}) {
            CompletableFuture<ModbusResponse> probe = probe(SHORT);
            assertThat(failure(probe)).isInstanceOf(ModbusTimeoutException.class);
            assertThat(f.client.breakerState(7)).isEqualTo(BreakerState.OPEN);
            assertThat(openDelayOf(7)).isEqualTo(Duration.ofMillis(expected));
        }
        // an answer resets the delay: the next opening parks for the first delay again
        CompletableFuture<ModbusResponse> probe = probe(LONG);
        FakeConnection conn = f.transport.connection();
        conn.answer(lastSent(), registers(1));
        assertThat(value(probe)).isEqualTo(1);
        assertThat(failure(f.read(7, 0, RequestOptions.of(SHORT)))).isInstanceOf(ModbusTimeoutException.class);
        assertThat(openDelayOf(7)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aGatewaySayingTheUnitFailedToRespondCountsAsATimeout() throws Exception {
        f.start(options(1, 100).withBreaker(breaker(2, 5_000, 10_000)));
        for (int i = 0; i < 2; i++) {
            ModbusExceptionResponseException e = (ModbusExceptionResponseException) failure(f.read(9, i));
            assertThat(e.code()).contains(ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND);
        }
        assertThat(failure(f.read(9, 2))).isInstanceOf(ModbusUnitUnavailableException.class);
        assertThat(value(f.read(1, 3))).isEqualTo(3);
    }

    @Test
    void anyOtherAnswerFromTheUnitResetsTheCount() throws Exception {
        f.start(options(1, 100).withBreaker(breaker(2, 5_000, 10_000)));
        f.transport.answerWith(null);
        assertThat(failure(f.read(7, 0, RequestOptions.of(SHORT)))).isInstanceOf(ModbusTimeoutException.class);
        CompletableFuture<ModbusResponse> refused = f.read(7, 1);
        FakeConnection conn = f.transport.connection();
        await().atMost(Duration.ofSeconds(5)).until(() -> conn.sentCount() == 2);
        conn.reply(lastSent().transactionId(), 7, new byte[] {(byte) 0x83, 0x02});
        assertThat(failure(refused)).isInstanceOf(ModbusExceptionResponseException.class);
        assertThat(failure(f.read(7, 2, RequestOptions.of(SHORT)))).isInstanceOf(ModbusTimeoutException.class);
        assertThat(f.client.breakerState(7)).isEqualTo(BreakerState.CLOSED);
        assertThat(failure(f.read(7, 3, RequestOptions.of(SHORT)))).isInstanceOf(ModbusTimeoutException.class);
        assertThat(f.client.breakerState(7)).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void timeoutsInTheQueueSayNothingAboutTheUnit() throws Exception {
        f.start(options(1, 100).withBreaker(breaker(1, 5_000, 10_000)));
        f.transport.answerWith(null);
        CompletableFuture<ModbusResponse> slow = f.read(1, 0); // holds the only slot
        for (int i = 0; i < 3; i++) {
            assertThat(failure(f.read(7, i, RequestOptions.of(SHORT)))).isInstanceOf(ModbusTimeoutException.class);
        }
        assertThat(f.client.breakerState(7)).isEqualTo(BreakerState.CLOSED);
        assertThat(f.transport.sent()).hasSize(1);
        FakeConnection conn = f.transport.connection();
        conn.answer(conn.sent(0), registers(0));
        assertThat(value(slow)).isZero();
    }

    @Test
    void withTheBreakerOffAUnitIsNeverParked() throws Exception {
        f.start(options(4, 100));
        for (int i = 0; i < 6; i++) {
            assertThat(failure(f.read(7, i, RequestOptions.of(SHORT)))).isInstanceOf(ModbusTimeoutException.class);
        }
        assertThat(f.client.breakerState(7)).isEqualTo(BreakerState.CLOSED);
        assertThat(f.client.status().breakers()).isEmpty();
        assertThat(f.transport.sent()).hasSize(6);
    }

    private static CircuitBreakerOptions breaker(int threshold, long delayMillis, long delayMaxMillis) {
        return new CircuitBreakerOptions(threshold, Duration.ofMillis(delayMillis), Duration.ofMillis(delayMaxMillis));
    }

    /**
     * Sends to unit 7 until a request is let through as the probe, at most for a few seconds: until the open delay
     * has passed, each attempt fails at once without being sent.
     */
    private CompletableFuture<ModbusResponse> probe(Duration timeout) {
        AtomicReference<CompletableFuture<ModbusResponse>> probe = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    CompletableFuture<ModbusResponse> attempt = f.read(7, 100, RequestOptions.of(timeout));
                    probe.set(attempt);
                    return !attempt.isCompletedExceptionally()
                            || !(attempt.handle((r, e) -> e).join() instanceof ModbusUnitUnavailableException);
                });
        return probe.get();
    }

    /** The frame sent last; timed-out frames stay outstanding on the fake, so this is the one the client awaits. */
    private MbapFrame lastSent() {
        FakeConnection conn = f.transport.connection();
        return conn.sent(conn.sentCount() - 1);
    }

    private Duration openDelayOf(int unitId) {
        return f.client.status().breakers().stream()
                .filter(b -> b.unitId() == unitId)
                .findFirst()
                .orElseThrow()
                .openDelay();
    }
}
