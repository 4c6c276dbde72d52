package org.camelmodbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camelmodbus.client.ClientFixture.LONG;
import static org.camelmodbus.client.ClientFixture.failure;
import static org.camelmodbus.client.ClientFixture.options;
import static org.camelmodbus.client.ClientFixture.value;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.camelmodbus.client.FakeTransport.FakeConnection;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One source floods the device; another's requests are still served within a bounded number of turns. */
@Timeout(30)
class ModbusClientFairnessTest {
    private static final RequestOptions FLOOD = RequestOptions.of(LONG).from("flood");
    private static final RequestOptions QUIET = RequestOptions.of(LONG).from("quiet");
    private final ClientFixture f = new ClientFixture();

    @AfterEach
    void tearDown() throws InterruptedException {
        f.close();
    }

    @Test
    void aQuietSourceIsServedEverySecondTurnBehindAFlood() throws Exception {
        f.start(options(1, 1000));
        List<CompletableFuture<ModbusResponse>> flood = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            flood.add(f.read(1, i, FLOOD));
        }
        List<CompletableFuture<ModbusResponse>> quiet = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            quiet.add(f.read(1, 1000 + i, QUIET));
        }
        List<Integer> served = serveOneByOne(12);
        // the flood's first request was on the wire before the quiet source asked; then they alternate
        assertThat(served).startsWith(0, 1, 1000, 2, 1001, 3, 1002, 4, 5, 6);
        for (int i = 0; i < 3; i++) {
            assertThat(value(quiet.get(i))).isEqualTo(1000 + i);
        }
        assertThat(flood.subList(9, 200)).noneMatch(CompletableFuture::isDone); // 12 answers: 9 of the flood, 3 quiet
    }

    @Test
    void withManyInFlightTheQuietSourceGetsOneOfTheNextTwoFreeSlots() throws Exception {
        f.start(options(4, 1000));
        for (int i = 0; i < 100; i++) {
            f.read(1, i, FLOOD);
        }
        CompletableFuture<ModbusResponse> quiet = f.read(1, 1000, QUIET);
        FakeConnection conn = f.transport.connection();
        assertThat(conn.sentCount()).isEqualTo(4);
        // the flood was alone in the round when the quiet source joined behind it: one more flood request, then quiet
        conn.reply(ClientFixture.echoAddress(conn.sent(0)));
        conn.reply(ClientFixture.echoAddress(conn.sent(1)));
        assertThat(ClientFixture.addresses(conn.sent())).containsExactly(0, 1, 2, 3, 4, 1000);
        conn.reply(ClientFixture.echoAddress(conn.sent(5)));
        assertThat(value(quiet)).isEqualTo(1000);
    }

    @Test
    void aFloodThatFillsTheQueueCannotLockAnotherSourceOut() throws Exception {
        f.start(options(1, 10));
        List<CompletableFuture<ModbusResponse>> flood = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flood.add(f.read(1, i, FLOOD));
        }
        // 1 in flight, 10 waiting, the rest refused at once
        assertThat(flood.subList(11, 20)).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(failure(flood.get(11))).isInstanceOf(ModbusRequestRejectedException.class);

        // the quiet source still has room for one waiting request, and it is served next in turn
        CompletableFuture<ModbusResponse> quiet = f.read(1, 1000, QUIET);
        assertThat(quiet).isNotDone();
        assertThat(failure(f.read(1, 1001, QUIET))).isInstanceOf(ModbusRequestRejectedException.class);
        assertThat(serveOneByOne(3)).containsExactly(0, 1, 1000, 2);
        assertThat(value(quiet)).isEqualTo(1000);
    }

    @Test
    void requestsWithoutASourceShareOneFifoAsBefore() throws Exception {
        f.start(options(1, 100));
        for (int i = 0; i < 5; i++) {
            f.read(1, i);
        }
        assertThat(serveOneByOne(5)).containsExactly(0, 1, 2, 3, 4);
    }

    /** Answers the oldest outstanding request {@code count} times; returns the addresses in the order sent. */
    private List<Integer> serveOneByOne(int count) {
        FakeConnection conn = f.transport.connection();
        for (int i = 0; i < count && !conn.outstanding().isEmpty(); i++) {
            MbapFrame oldest = conn.outstanding().get(0);
            conn.reply(ClientFixture.echoAddress(oldest));
        }
        return ClientFixture.addresses(conn.sent());
    }
}
