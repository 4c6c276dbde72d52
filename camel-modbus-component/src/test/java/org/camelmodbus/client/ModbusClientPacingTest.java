package org.camelmodbus.client;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camelmodbus.client.ClientFixture.addresses;
import static org.camelmodbus.client.ClientFixture.failure;
import static org.camelmodbus.client.ClientFixture.options;
import static org.camelmodbus.client.ClientFixture.registers;
import static org.camelmodbus.client.ClientFixture.value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.camelmodbus.client.FakeTransport.FakeConnection;
import org.camelmodbus.protocol.ModbusResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * maxRequestsPerSecond and minRequestInterval, measured on the fake transport's send timestamps. The pacer guarantees
 * the lower bounds; upper bounds are generous, so a slow machine cannot fail these tests.
 */
@Timeout(30)
class ModbusClientPacingTest {
    private static final long MS = 1_000_000;
    private final ClientFixture f = new ClientFixture();

    @AfterEach
    void tearDown() throws InterruptedException {
        f.close();
    }

    @Test
    void aRateLimitSpacesRequestsHoweverManyMayBeInFlight() throws Exception {
        f.start(options(16, 100).withPacing(20, Duration.ZERO)); // one per 50 ms
        f.transport.answerWith(ClientFixture::echoAddress);
        List<CompletableFuture<ModbusResponse>> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replies.add(f.read(1, i));
        }
        for (int i = 0; i < 6; i++) {
            assertThat(value(replies.get(i))).isEqualTo(i);
        }
        List<Long> at = f.transport.sentNanos();
        assertThat(at).hasSize(6);
        for (int i = 1; i < at.size(); i++) {
            // the pacer lets a request go 50 ms after the previous one; the fake stamps a few microseconds later
            assertThat(at.get(i) - at.get(i - 1)).as("gap before request %d", i).isGreaterThan(40 * MS);
        }
        assertThat(at.get(5) - at.get(0)).isGreaterThanOrEqualTo(240 * MS).isLessThan(5_000 * MS);
        assertThat(addresses(f.transport.sent())).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void theMinimumIntervalIsAPauseAfterTheAnswerToo() throws Exception {
        f.start(options(1, 100).withPacing(0, Duration.ofMillis(100)));
        CompletableFuture<ModbusResponse> first = f.read(1, 1);
        CompletableFuture<ModbusResponse> second = f.read(1, 2);
        FakeConnection conn = f.transport.connection();
        assertThat(conn.sentCount()).isEqualTo(1);

        // the device answers after 150 ms: the next request still waits 100 ms from that answer
        CompletableFuture<Long> answeredAt = new CompletableFuture<>();
        f.scheduler.schedule(
                () -> {
                    answeredAt.complete(System.nanoTime());
                    conn.answer(conn.sent(0), registers(1));
                },
                150,
                MILLISECONDS);
        assertThat(value(first)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> conn.sentCount() == 2);
        long pause = f.transport.sentNanos().get(1) - answeredAt.get(5, SECONDS);
        assertThat(pause).isGreaterThanOrEqualTo(100 * MS).isLessThan(5_000 * MS);
        conn.answer(conn.sent(1), registers(2));
        assertThat(value(second)).isEqualTo(2);
    }

    @Test
    void aRequestHeldBackByThePacerTimesOutFromItsSendCallAndIsNeverSent() throws Exception {
        f.start(options(4, 100).withPacing(1, Duration.ZERO)); // one per second
        f.transport.answerWith(ClientFixture::echoAddress);
        assertThat(value(f.read(1, 1))).isEqualTo(1);
        long start = System.nanoTime();
        CompletableFuture<ModbusResponse> paced = f.read(1, 2, RequestOptions.of(Duration.ofMillis(200)));
        CompletableFuture<Long> failedAt = paced.handle((r, e) -> System.nanoTime());

        assertThat(failure(paced)).isInstanceOf(ModbusTimeoutException.class).hasMessageContaining("within 200 ms");
        assertThat(failedAt.get(5, SECONDS) - start)
                .isGreaterThanOrEqualTo(200 * MS)
                .isLessThan(5_000 * MS);
        assertThat(addresses(f.transport.sent())).containsExactly(1);

        // the slot it held in the pacer's schedule is not lost: the next request goes at the next second
        assertThat(value(f.read(1, 3))).isEqualTo(3);
        List<Long> at = f.transport.sentNanos();
        assertThat(at.get(1) - at.get(0)).isGreaterThan(900 * MS);
    }

    @Test
    void pacedRequestsStillGoRoundRobinBySource() throws Exception {
        f.start(options(1, 100).withPacing(50, Duration.ZERO));
        f.transport.answerWith(ClientFixture::echoAddress);
        List<CompletableFuture<ModbusResponse>> replies = new ArrayList<>();
        RequestOptions a = RequestOptions.of(ClientFixture.LONG).from("a");
        RequestOptions b = RequestOptions.of(ClientFixture.LONG).from("b");
        for (int i = 0; i < 4; i++) {
            replies.add(f.read(1, i, a));
        }
        replies.add(f.read(1, 100, b));
        for (CompletableFuture<ModbusResponse> reply : replies) {
            value(reply);
        }
        assertThat(addresses(f.transport.sent())).containsExactly(0, 1, 100, 2, 3);
    }
}
