package org.camelmodbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camelmodbus.client.ClientFixture.LONG;
import static org.camelmodbus.client.ClientFixture.addresses;
import static org.camelmodbus.client.ClientFixture.failure;
import static org.camelmodbus.client.ClientFixture.options;
import static org.camelmodbus.client.ClientFixture.registers;
import static org.camelmodbus.client.ClientFixture.value;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.camelmodbus.client.FakeTransport.FakeConnection;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.RawRequest;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.protocol.WriteSingleRegisterResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a request that finds the queue full does under each overflow policy. Every test keeps one request in flight
 * with maxInFlight=1 and a queue of 3, so the fourth waiting request overflows. Nothing ends silently: dropped polls
 * fail saying they were superseded, merged polls complete with their twin's answer.
 */
@Timeout(30)
class ModbusClientOverflowTest {
    private static final RequestOptions POLL =
            RequestOptions.of(LONG).from("poller").asPoll();
    private static final RequestOptions PRODUCER = RequestOptions.of(LONG).from("producer");
    private final ClientFixture f = new ClientFixture();

    @AfterEach
    void tearDown() throws InterruptedException {
        f.close();
    }

    @Test
    void failRefusesTheNewRequestAndKeepsTheQueued() throws Exception {
        f.start(options(1, 3));
        CompletableFuture<ModbusResponse> inFlight = f.read(1, 0, POLL);
        List<CompletableFuture<ModbusResponse>> queued =
                List.of(f.read(1, 1, POLL), f.read(1, 2, POLL), f.read(1, 3, POLL));
        CompletableFuture<ModbusResponse> refused = f.read(1, 1, POLL);
        assertThat(failure(refused))
                .isInstanceOf(ModbusRequestRejectedException.class)
                .hasMessageContaining("queue is full (3 waiting)");
        assertThat(queued).noneMatch(CompletableFuture::isDone);
        FakeConnection conn = answerAll();
        assertThat(addresses(conn.sent())).containsExactly(0, 1, 2, 3);
        assertThat(value(inFlight)).isZero();
    }

    @Test
    void dropOldestPollFailsTheOldestWaitingPollAsSupersededAndQueuesTheNewOne() throws Exception {
        f.start(options(1, 3).withQueueOverflow(QueueOverflow.DROP_OLDEST_POLL));
        f.read(1, 0, POLL);
        CompletableFuture<ModbusResponse> write = write(50, 5);
        CompletableFuture<ModbusResponse> oldest = f.read(1, 1, POLL);
        CompletableFuture<ModbusResponse> younger = f.read(1, 2, POLL);
        CompletableFuture<ModbusResponse> newest = f.read(1, 3, POLL);

        assertThat(failure(oldest))
                .isInstanceOf(ModbusRequestRejectedException.class)
                .hasMessageContaining("superseded")
                .hasMessageContaining("unit 1")
                .hasMessageContaining("Read Holding Registers (0x03) at address 1")
                .hasMessageContaining(FakeTransport.DEVICE);
        assertThat(write).isNotDone();
        assertThat(younger).isNotDone();
        assertThat(newest).isNotDone();

        FakeConnection conn = answerAll();
        assertThat(addresses(conn.sent())).containsExactly(0, 50, 2, 3); // the dropped poll never went out
        assertThat(value(younger)).isEqualTo(2);
        assertThat(value(newest)).isEqualTo(3);
        assertThat(write.get()).isInstanceOf(WriteSingleRegisterResponse.class);
    }

    @Test
    void dropOldestPollNeverDropsAWriteAndRefusesWhenNoPollWaits() throws Exception {
        f.start(options(1, 3).withQueueOverflow(QueueOverflow.DROP_OLDEST_POLL));
        f.read(1, 0, POLL);
        List<CompletableFuture<ModbusResponse>> writes = List.of(write(50, 1), write(51, 2), write(52, 3));
        assertThat(failure(f.read(1, 1, RequestOptions.of(LONG).from("producer").asPoll())))
                .isInstanceOf(ModbusRequestRejectedException.class)
                .hasMessageContaining("queue is full");
        assertThat(failure(write(53, 4))).isInstanceOf(ModbusRequestRejectedException.class);
        assertThat(writes).noneMatch(CompletableFuture::isDone);
        FakeConnection conn = answerAll();
        assertThat(addresses(conn.sent())).containsExactly(0, 50, 51, 52);
    }

    @Test
    void aRequestThatMightChangeTheDeviceIsNeverDroppedEvenWhenSentAsAPoll() throws Exception {
        f.start(options(1, 2).withQueueOverflow(QueueOverflow.DROP_OLDEST_POLL));
        f.read(1, 0, POLL);
        CompletableFuture<ModbusResponse> raw = f.client.send(1, new RawRequest(0x41, new byte[] {1}), POLL);
        CompletableFuture<ModbusResponse> read = f.read(1, 1, POLL);
        CompletableFuture<ModbusResponse> newest = f.read(1, 2, POLL);
        assertThat(failure(read)).hasMessageContaining("superseded"); // the older raw poll stays
        assertThat(raw).isNotDone();
        assertThat(newest).isNotDone();
        CompletableFuture<ModbusResponse> another = f.read(1, 3, POLL);
        assertThat(failure(newest)).hasMessageContaining("superseded");
        assertThat(raw).isNotDone();
        assertThat(another).isNotDone();
    }

    @Test
    void dropOldestPollTakesTheOldestAmongSourcesThatEachHaveOnePollWaiting() throws Exception {
        f.start(options(1, 3).withQueueOverflow(QueueOverflow.DROP_OLDEST_POLL));
        f.read(1, 0, poller("a"));
        CompletableFuture<ModbusResponse> oldest = f.read(1, 1, poller("b"));
        f.read(1, 2, poller("c"));
        f.read(1, 3, poller("d"));
        CompletableFuture<ModbusResponse> newest = f.read(1, 4, poller("e"));
        assertThat(failure(oldest)).hasMessageContaining("superseded");
        FakeConnection conn = answerAll();
        assertThat(addresses(conn.sent())).containsExactly(0, 2, 3, 4);
        assertThat(value(newest)).isEqualTo(4);
    }

    @Test
    void aFloodingSourceSupersedesOnlyItsOwnPollsNeverAQuieterSources() throws Exception {
        f.start(options(1, 3).withQueueOverflow(QueueOverflow.DROP_OLDEST_POLL));
        f.read(1, 0, poller("flood"));
        CompletableFuture<ModbusResponse> quiet = f.read(1, 100, poller("quiet"));
        CompletableFuture<ModbusResponse> ownOldest = f.read(1, 1, poller("flood"));
        f.read(1, 2, poller("flood"));
        CompletableFuture<ModbusResponse> newest = f.read(1, 3, poller("flood"));
        assertThat(failure(ownOldest)).hasMessageContaining("superseded");
        assertThat(quiet).isNotDone();
        FakeConnection conn = answerAll();
        assertThat(addresses(conn.sent())).containsExactly(0, 100, 2, 3);
        assertThat(value(quiet)).isEqualTo(100);
        assertThat(value(newest)).isEqualTo(3);
    }

    @Test
    void mergePollJoinsAnIdenticalWaitingPollAndSharesItsAnswer() throws Exception {
        f.start(options(1, 3).withQueueOverflow(QueueOverflow.MERGE_POLL));
        f.read(1, 0, POLL);
        CompletableFuture<ModbusResponse> twin = f.read(1, 7, POLL);
        f.read(1, 8, POLL);
        f.read(1, 9, POLL);
        RequestOptions otherPoller =
                RequestOptions.of(LONG).from("another poller").asPoll();
        f.read(1, 10, otherPoller); // every source has room for one waiting request
        CompletableFuture<ModbusResponse> merged = f.read(1, 7, otherPoller);
        assertThat(merged).isNotDone();

        FakeConnection conn = answerAll();
        assertThat(addresses(conn.sent())).containsExactly(0, 7, 10, 8, 9); // 7 went out once
        assertThat(value(twin)).isEqualTo(7);
        assertThat(value(merged)).isEqualTo(7);
        assertThat(merged.get()).isSameAs(twin.get());
    }

    @Test
    void mergePollRefusesWhatHasNoTwinAndNeverMergesWrites() throws Exception {
        f.start(options(1, 3).withQueueOverflow(QueueOverflow.MERGE_POLL));
        f.read(1, 0, POLL);
        f.read(1, 7, POLL);
        write(50, 1);
        f.read(1, 8, POLL);
        assertThat(failure(f.read(1, 9, POLL))).isInstanceOf(ModbusRequestRejectedException.class);
        assertThat(failure(f.read(2, 7, POLL))).isInstanceOf(ModbusRequestRejectedException.class); // other unit
        assertThat(failure(f.read(1, 7, RequestOptions.of(LONG).from("poller")))) // not a poll
                .isInstanceOf(ModbusRequestRejectedException.class);
        assertThat(failure(write(50, 1))).isInstanceOf(ModbusRequestRejectedException.class); // a write's twin
        FakeConnection conn = answerAll();
        assertThat(addresses(conn.sent())).containsExactly(0, 7, 50, 8);
    }

    @Test
    void aMergedPollFailsLikeItsTwinAndStillKeepsItsOwnTimeout() throws Exception {
        f.start(options(1, 2).withQueueOverflow(QueueOverflow.MERGE_POLL));
        f.read(1, 0, POLL);
        CompletableFuture<ModbusResponse> twin = f.read(1, 7, POLL);
        f.read(1, 8, POLL);
        CompletableFuture<ModbusResponse> impatient = f.read(
                1, 7, RequestOptions.of(Duration.ofMillis(100)).from("poller").asPoll());
        CompletableFuture<ModbusResponse> patient = f.read(1, 7, POLL);
        assertThat(failure(impatient))
                .isInstanceOf(ModbusTimeoutException.class)
                .hasMessageContaining("within 100 ms");
        assertThat(twin).isNotDone();
        assertThat(patient).isNotDone();

        // the device refuses the twin: the poll merged into it fails the same way
        FakeConnection conn = f.transport.connection();
        conn.answer(conn.sent(0), registers(0));
        conn.reply(conn.sent(1).transactionId(), 1, new byte[] {(byte) 0x83, 0x02});
        assertThat(failure(twin)).isInstanceOf(ModbusExceptionResponseException.class);
        assertThat(failure(patient)).isSameAs(failure(twin));
    }

    private static RequestOptions poller(String source) {
        return RequestOptions.of(LONG).from(source).asPoll();
    }

    private CompletableFuture<ModbusResponse> write(int address, int value) {
        return f.client.send(1, new WriteSingleRegisterRequest(address, value), PRODUCER);
    }

    /** Answers whatever is outstanding, reads with their address, writes with their echo, until nothing is left. */
    private FakeConnection answerAll() {
        FakeConnection conn = f.transport.connection();
        for (int round = 0; round < 100 && !conn.outstanding().isEmpty(); round++) {
            var frame = conn.outstanding().get(0);
            if (frame.pdu()[0] == 0x06) {
                conn.reply(frame.transactionId(), frame.unitId(), frame.pdu());
            } else {
                conn.reply(ClientFixture.echoAddress(frame));
            }
        }
        assertThat(conn.outstanding()).isEmpty();
        return conn;
    }
}
