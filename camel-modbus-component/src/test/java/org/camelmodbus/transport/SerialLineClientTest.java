package org.camelmodbus.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.protocol.SerialTiming;
import org.junit.jupiter.api.Test;

/** The master's end of a serial line, with the line and the clock played by the test. */
class SerialLineClientTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] READ = HEX.parseHex("0300000002");
    private static final byte[] ANSWER = HEX.parseHex("0304000A000B");

    private final List<MbapFrame> frames = new ArrayList<>();
    private final List<byte[]> written = new ArrayList<>();
    private final List<Long> waits = new ArrayList<>();
    private final List<Runnable> later = new ArrayList<>();

    private final FrameListener listener = new FrameListener() {
        @Override
        public void onFrame(MbapFrame frame) {
            frames.add(frame);
        }

        @Override
        public void onClosed(Throwable cause) {}
    };

    /** Records each wait and keeps the action for the test to run, as a scheduler would later. */
    private final Delayer delayer = (nanos, action) -> {
        if (nanos <= 0) {
            action.run();
        } else {
            waits.add(nanos);
            later.add(action);
        }
    };

    private SerialLineClient client(SerialFraming framing, boolean echo, SerialTiming timing) {
        return new SerialLineClient(
                new SerialLineOptions(framing, timing, echo, Duration.ofMillis(100)),
                listener,
                written::add,
                delayer,
                "test-line");
    }

    private void feed(SerialLineClient client, byte[] bytes) {
        client.received(bytes, 0, bytes.length);
    }

    @Test
    void theAnswerTakesTheRequestsTransactionIdAndNoiseBeforeItIsSkipped() {
        SerialLineClient client = client(SerialFraming.RTU, false, null);
        client.send(new MbapFrame(77, 5, READ));
        assertThat(written).containsExactly(SerialFraming.RTU.encode(5, READ));
        feed(client, HEX.parseHex("00FF0503"));
        byte[] answer = SerialFraming.RTU.encode(5, ANSWER);
        feed(client, java.util.Arrays.copyOf(answer, 4));
        assertThat(frames).isEmpty();
        feed(client, java.util.Arrays.copyOfRange(answer, 4, answer.length));
        assertThat(frames).containsExactly(new MbapFrame(77, 5, ANSWER));
    }

    @Test
    void theEchoOfTheRequestIsDroppedBeforeTheAnswer() {
        SerialLineClient client = client(SerialFraming.ASCII, true, null);
        client.send(new MbapFrame(3, 9, READ));
        byte[] request = written.get(0);
        byte[] answer = SerialFraming.ASCII.encode(9, ANSWER);
        byte[] both = new byte[request.length + answer.length];
        System.arraycopy(request, 0, both, 0, request.length);
        System.arraycopy(answer, 0, both, request.length, answer.length);
        feed(client, both);
        assertThat(frames).containsExactly(new MbapFrame(3, 9, ANSWER));
    }

    @Test
    void anotherUnitsFrameIsNotTakenForTheAnswer() {
        SerialLineClient client = client(SerialFraming.RTU, false, null);
        client.send(new MbapFrame(1, 5, READ));
        feed(client, SerialFraming.RTU.encode(6, ANSWER));
        assertThat(frames).isEmpty();
        feed(client, SerialFraming.RTU.encode(5, ANSWER));
        assertThat(frames).containsExactly(new MbapFrame(1, 5, ANSWER));
    }

    @Test
    void theNextRequestWaitsForThreeAndAHalfCharactersOfSilenceAfterTheLastByteEitherWay() {
        SerialTiming timing = SerialTiming.of(9600, 8, true, 1);
        SerialLineClient client = client(SerialFraming.RTU, false, timing);
        client.send(new MbapFrame(1, 5, READ));
        feed(client, SerialFraming.RTU.encode(5, ANSWER));
        client.send(new MbapFrame(2, 5, READ));
        assertThat(written).hasSize(1);
        assertThat(waits).hasSize(1);
        // silence after the answer, and after the request had left the port: here the answer came at once
        long requestOnTheWire = timing.wireNanos(8);
        assertThat(waits.get(0)).isBetween(requestOnTheWire, requestOnTheWire + timing.interFrameNanos());
        later.remove(0).run();
        assertThat(written).hasSize(2);
    }

    @Test
    void aBroadcastIsDoneAfterTheTurnaroundWithTheImpliedAnswer() {
        SerialLineClient client = client(SerialFraming.RTU, false, null);
        byte[] write = HEX.parseHex("0600010003");
        client.send(new MbapFrame(9, 0, write));
        assertThat(written).containsExactly(SerialFraming.RTU.encode(0, write));
        assertThat(frames).isEmpty();
        assertThat(waits).containsExactly(Duration.ofMillis(100).toNanos());
        later.remove(0).run();
        assertThat(frames).containsExactly(new MbapFrame(9, 0, write));
    }

    @Test
    void aRequestThatWaitedForTheLineIsNotSentOnceAnotherTookItsTurn() {
        SerialTiming timing = SerialTiming.of(9600, 8, true, 1);
        SerialLineClient client = client(SerialFraming.RTU, false, timing);
        client.send(new MbapFrame(1, 5, READ));
        feed(client, SerialFraming.RTU.encode(5, ANSWER));
        client.send(new MbapFrame(2, 5, READ)); // waits for the line
        client.send(new MbapFrame(3, 6, READ)); // the client gave up on 2 and sent 3
        later.forEach(Runnable::run);
        assertThat(written).containsExactly(SerialFraming.RTU.encode(5, READ), SerialFraming.RTU.encode(6, READ));
    }
}
