package org.camelmodbus.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.RequestCodec;
import org.camelmodbus.protocol.ResponseCodec;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our server ({@link ModbusSimulator}: {@code NettyTcpServer} and a {@link ProcessImage}) against plain sockets that
 * send fuzzed byte streams, one connection after another: valid requests of every function code, requests with a
 * broken PDU in a good MBAP frame, frames with broken headers, garbage, a frame cut short at the end, each stream cut
 * into random writes. A reference framer and a shadow process image, fed the same requests in the same order, say
 * what must come back:
 *
 * <ul>
 *   <li>a valid request gets its answer, a request the codec refuses gets the exception response with the code the
 *       specification prescribes, each with the request's transaction and unit id, in order;
 *   <li>a bad MBAP header gets no answer: the server closes the connection after answering what came before it;
 *   <li>a stream that ends cleanly (the client closes its side) gets all its answers, then the close;
 *   <li>meanwhile another client reading on its own connection is served throughout;
 *   <li>nothing is logged at WARN or above (a handler failure, an exception at the end of a pipeline, a leak).
 * </ul>
 */
@Timeout(120)
class ServerConnectionFuzzTest {
    private static final int CONNECTIONS = Integer.getInteger("fuzz.serverConnections", 2_000);
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    @Test
    void theServerAnswersWhatItCanRefusesWhatItMustAndClosesOnABadHeader() throws Exception {
        long seed = Fuzz.SEED ^ 0x736572766572L;
        ProcessImage image = image();
        ProcessImage shadow = image();
        Rng rng = new Rng(seed);
        ModbusInputs gen = new ModbusInputs(rng);
        int frames = 0;
        int refusals = 0;
        int closedOnBadHeader = 0;
        int resets = 0;
        int bystanderReads = 0;
        long start = System.nanoTime();
        try (LogCapture logs = new LogCapture();
                ModbusSimulator server = ModbusSimulator.start("127.0.0.1", 0, image);
                Bystander bystander = new Bystander(server.port())) {
            for (int c = 0; c < CONNECTIONS; c++) {
                rng.seedFor(seed, c);
                byte[] stream = stream(gen);
                MbapStreamFuzzTest.ReferenceFramer framer = new MbapStreamFuzzTest.ReferenceFramer();
                List<MbapFrame> requests = framer.feed(stream, 0, stream.length);
                int end = framer.failed ? stream.length - framer.buffered() + 7 : stream.length;
                List<byte[]> expected = new ArrayList<>();
                for (MbapFrame request : requests) {
                    byte[] answer = answer(shadow, request.pdu());
                    refusals += (answer[0] & 0x80) != 0 ? 1 : 0;
                    expected.add(ModbusInputs.frame(request.transactionId(), request.unitId(), answer));
                }
                Exchange exchange;
                try {
                    exchange = exchange(
                            server.port(), rng, stream, Math.min(stream.length, end + rng.nextInt(16)), !framer.failed);
                } catch (IOException e) {
                    throw new AssertionError(describe(c, stream) + ": " + e, e);
                }
                try {
                    checkAnswers(expected, exchange);
                } catch (AssertionError e) {
                    throw new AssertionError(describe(c, stream) + ": " + e.getMessage(), e);
                }
                frames += requests.size();
                closedOnBadHeader += framer.failed ? 1 : 0;
                resets += exchange.reset ? 1 : 0;
            }
            bystanderReads = bystander.stop();
            assertThat(bystanderReads)
                    .as("reads answered on the bystander's connection")
                    .isGreaterThan(10);
            assertThat(logs.events()).as("logged at WARN or above").isEmpty();
        }
        System.out.printf(
                Locale.ROOT,
                "fuzz NettyTcpServer: %d connections in %.1f s (seed %s; %d frames answered, %d of them with an"
                        + " exception response; %d connections closed on a bad header, %d of them with a reset; %d reads"
                        + " answered on another connection meanwhile)%n",
                CONNECTIONS,
                (System.nanoTime() - start) / 1e9,
                Fuzz.seedText(),
                frames,
                refusals,
                closedOnBadHeader,
                resets,
                bystanderReads);
        if (CONNECTIONS >= 200) {
            assertThat(closedOnBadHeader)
                    .as("connections closed on a bad header")
                    .isGreaterThan(CONNECTIONS / 10);
            assertThat(refusals).as("exception responses").isGreaterThan(CONNECTIONS / 2);
            assertThat(frames - refusals).as("normal responses").isGreaterThan(CONNECTIONS / 2);
        }
    }

    /** What the server must answer to {@code pdu}: the specification's exception code, or the image's answer. */
    private static byte[] answer(ProcessImage shadow, byte[] pdu) {
        ModbusRequest request;
        try {
            request = RequestCodec.decode(pdu);
        } catch (ModbusProtocolException e) {
            ExceptionCode code = e.replyCode().orElseThrow(() -> new AssertionError("no reply code: " + e));
            return new byte[] {(byte) (pdu[0] | 0x80), (byte) code.code()};
        }
        return ResponseCodec.encode(shadow.apply(request));
    }

    /** Everything the server sent, and how the connection ended. */
    record Exchange(byte[] received, boolean reset) {}

    /**
     * Writes {@code stream[0..end)} in random pieces, half-closes if {@code clean}, and reads until the server closes.
     * A server that closes with unread bytes in its socket (what followed a bad header) resets the connection, which
     * may cost the client what was in flight to it; the check allows for that.
     */
    private static Exchange exchange(int port, Rng rng, byte[] stream, int end, boolean clean) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                for (int from = 0; from < end; ) {
                    int to = Math.min(end, from + (rng.nextBoolean() ? end : rng.between(1, 40)));
                    out.write(stream, from, to - from);
                    out.flush();
                    from = to;
                }
                if (clean) {
                    socket.shutdownOutput();
                }
            } catch (SocketException closedByServer) {
                // the server may close before it has all of a stream that has a bad header
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    received.write(buf, 0, n);
                }
            } catch (SocketException reset) {
                return new Exchange(received.toByteArray(), true);
            }
            return new Exchange(received.toByteArray(), false);
        }
    }

    private static void checkAnswers(List<byte[]> expected, Exchange exchange) {
        List<String> expectedHex = new ArrayList<>();
        expected.forEach(e -> expectedHex.add(Fuzz.hex(e)));
        List<String> received = new ArrayList<>();
        byte[] bytes = exchange.received();
        int at = 0;
        while (at < bytes.length) {
            assertThat(bytes.length - at).as("bytes left of the answers").isGreaterThanOrEqualTo(7);
            int frameLength = 6 + ModbusInputs.u16(bytes, at + 4);
            assertThat(at + frameLength).as("end of an answer").isLessThanOrEqualTo(bytes.length);
            byte[] frame = Arrays.copyOfRange(bytes, at, at + frameLength);
            if (received.size() < expected.size()
                    && isCommEventCounter(frame)
                    && isCommEventCounter(expected.get(received.size()))) {
                // the bystander's reads count as events too: only the status is the shadow's
                System.arraycopy(expected.get(received.size()), 10, frame, 10, 2);
            }
            received.add(Fuzz.hex(frame));
            at += frameLength;
        }
        if (exchange.reset()) {
            assertThat(expectedHex)
                    .as("answers (the connection was reset)")
                    .startsWith(received.toArray(new String[0]));
        } else {
            assertThat(received).as("answers").containsExactlyElementsOf(expectedHex);
        }
    }

    private static boolean isCommEventCounter(byte[] frame) {
        return frame.length == 12 && frame[7] == 0x0B;
    }

    /** A connection's bytes: up to eight pieces, each a valid, broken or cut-short frame, or garbage. */
    private static byte[] stream(ModbusInputs gen) {
        Rng rng = gen.rng();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int n = rng.between(1, 8); n > 0; n--) {
            int tid = rng.nextInt(0x10000);
            int unit = rng.nextInt(256);
            byte[] piece = switch (rng.nextInt(20)) {
                case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> ModbusInputs.frame(tid, unit, gen.request(gen.functionCode()));
                case 10, 11, 12, 13, 14 -> {
                    byte[] pdu = gen.mutate(gen.request(gen.functionCode()), false);
                    pdu = pdu.length == 0
                            ? new byte[] {(byte) rng.nextInt(256)}
                            : Arrays.copyOf(pdu, Math.min(pdu.length, 253));
                    yield ModbusInputs.frame(tid, unit, pdu);
                }
                case 15, 16 -> gen.mutate(ModbusInputs.frame(tid, unit, gen.request(gen.functionCode())), true);
                case 17 -> {
                    byte[] bad = ModbusInputs.frame(tid, unit, gen.request(gen.functionCode()));
                    if (rng.nextBoolean()) {
                        bad[2] = (byte) rng.between(1, 255);
                    } else {
                        int length = new int[] {0, 1, 255, 256, 0xFFFF}[rng.nextInt(5)];
                        bad[4] = (byte) (length >>> 8);
                        bad[5] = (byte) length;
                    }
                    yield bad;
                }
                case 18 -> gen.randomBytes(64);
                default -> {
                    byte[] frame = ModbusInputs.frame(tid, unit, gen.request(gen.functionCode()));
                    yield Arrays.copyOf(frame, rng.nextInt(frame.length));
                }
            };
            stream.writeBytes(piece);
        }
        return stream.toByteArray();
    }

    /** Input registers and discrete inputs (tables no request can write) hold a pattern the bystander checks. */
    private static ProcessImage image() {
        ProcessImage image = new ProcessImage();
        int[] registers = new int[0x10000];
        for (int a = 0; a < registers.length; a++) {
            registers[a] = MisbehavingDevice.register(a);
        }
        image.setInputRegisters(0, registers);
        return image;
    }

    private static String describe(int connection, byte[] stream) {
        return String.format("connection #%d (seed %s), stream %s", connection, Fuzz.seedText(), Fuzz.hex(stream));
    }

    /** Another client, reading input registers over its own connection for as long as the fuzzing goes on. */
    static final class Bystander implements AutoCloseable {
        private final NettyTransports threads = new NettyTransports(1);
        private final ModbusClient client;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger reads = new AtomicInteger();
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Bystander(int port) {
            client = new ModbusClient(
                    threads.tcp("127.0.0.1", port, Duration.ofSeconds(2)),
                    new ModbusClientOptions(1, 10, Duration.ofMillis(10), Duration.ofMillis(100)),
                    threads.scheduler());
            Thread t = new Thread(this::run, "fuzz-bystander");
            t.setDaemon(true);
            t.start();
        }

        private void run() {
            try {
                Rng rng = new Rng(0);
                for (int i = 0; running.get(); i++) {
                    rng.seedFor(Fuzz.SEED, i);
                    int q = rng.between(1, 125);
                    int a = rng.nextInt(0x10000 - q + 1);
                    byte[] pdu = ModbusInputs.Pdu.of(4).u16(a).u16(q).bytes();
                    byte[] answer = ResponseCodec.encode(client.send(1, RequestCodec.decode(pdu), Duration.ofSeconds(5))
                            .get(10, TimeUnit.SECONDS));
                    assertThat(Fuzz.hex(answer)).isEqualTo(Fuzz.hex(MisbehavingDevice.correctResponse(pdu)));
                    reads.incrementAndGet();
                    Thread.sleep(2);
                }
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }

        /** Stops reading; fails if any read failed; returns how many there were. */
        int stop() throws Exception {
            running.set(false);
            done.get(15, TimeUnit.SECONDS);
            return reads.get();
        }

        @Override
        public void close() {
            running.set(false);
            client.close();
            threads.close();
        }
    }
}
