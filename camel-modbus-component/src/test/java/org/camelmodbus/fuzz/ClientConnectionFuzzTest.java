package org.camelmodbus.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusConnectionException;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.fuzz.MisbehavingDevice.Action;
import org.camelmodbus.fuzz.MisbehavingDevice.Outcome;
import org.camelmodbus.fuzz.MisbehavingDevice.Served;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.RequestCodec;
import org.camelmodbus.protocol.ResponseCodec;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our {@link ModbusClient} on the Netty TCP transport against a {@link MisbehavingDevice} that answers 2,000
 * requests, one at a time, each as its fuzzed action says: mostly right, otherwise with an exception response,
 * fragments and pauses, wrong transaction or unit ids, a PDU that does not answer, garbage, bad or oversized MBAP
 * headers, a frame cut short followed by a close or by nothing, or silence. Checks, request by request:
 *
 * <ul>
 *   <li>every request completes, within its timeout and a margin: never a hang;
 *   <li>what completes normally is exactly the right answer (compared byte for byte with the device's), never another
 *       request's or a misread one;
 *   <li>what fails, fails with the {@link org.camelmodbus.protocol.ModbusException} the action calls for;
 *   <li>a bad frame closes the connection (the device sees the client hang up), and the next request goes out on a new
 *       connection and succeeds; so does a frame cut short and abandoned (TRUNCATED_STALL): when its request times
 *       out, the client hangs up on the connection, which is out of step, before anything else can land behind the
 *       partial frame; after a failure that leaves the stream in step (exception response, protocol error, timeout)
 *       the connection stays;
 *   <li>nothing is logged at WARN or above.
 * </ul>
 */
@Timeout(120)
class ClientConnectionFuzzTest {
    private static final int REQUESTS = Integer.getInteger("fuzz.clientRequests", 2_000);
    private static final int UNIT = 1;
    private static final Duration LONG = Duration.ofSeconds(5);
    /** For requests the device will not answer: the client's wait is the test's time. */
    private static final Duration SHORT = Duration.ofMillis(100);
    /** For a frame cut short: long enough for its first part to have arrived when the request times out. */
    private static final Duration STALL = Duration.ofMillis(250);
    /** Mid-frame pauses, well within LONG; a stall outlasts SHORT. */
    private static final int PAUSE_MILLIS = 20;

    private static final Action[] WEIGHTED = weighted(40);
    /** Pipelined, a bad frame costs all requests in flight: rarer, so that most connections live a while. */
    private static final Action[] PIPELINED_WEIGHTED = weighted(160);

    @Test
    void everyRequestEndsWithTheRightAnswerOrATypedErrorAndABadFrameCostsOnlyItsConnection() throws Exception {
        long seed = Fuzz.SEED ^ 0x636C69656E74L;
        Rng rng = new Rng(seed);
        Map<Action, int[]> tally = new EnumMap<>(Action.class);
        int neverSent = 0;
        List<Integer> hungUp = new ArrayList<>();
        long start = System.nanoTime();
        try (LogCapture logs = new LogCapture();
                MisbehavingDevice device = new MisbehavingDevice(i -> action(seed, i), seed, PAUSE_MILLIS);
                NettyTransports threads = new NettyTransports(1);
                ModbusClient client = new ModbusClient(
                        threads.tcp("127.0.0.1", device.port(), Duration.ofSeconds(2)),
                        // no reconnect delay: the request after a bad frame must go out on a new connection at once
                        new ModbusClientOptions(1, 10, Duration.ZERO, Duration.ZERO),
                        threads.scheduler())) {
            Served previous = null;
            for (int i = 0; i < REQUESTS; i++) {
                rng.seedFor(seed, i);
                byte[] pdu = requestPdu(rng, i);
                Action action = action(seed, i);
                Duration timeout =
                        action == Action.TRUNCATED_STALL ? STALL : action.outcome == Outcome.TIMEOUT ? SHORT : LONG;
                CompletableFuture<ModbusResponse> reply = client.send(UNIT, RequestCodec.decode(pdu), timeout);
                Throwable error = null;
                ModbusResponse response = null;
                try {
                    response = reply.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    error = e.getCause();
                } catch (TimeoutException e) {
                    throw new AssertionError(describe(i, pdu, action) + " never completed");
                }
                Served served = device.served(i);
                try {
                    assertThat(served != null && served.poisoned())
                            .as("served on a connection a frame cut short had put out of step")
                            .isFalse();
                    check(pdu, action, served, false, false, response, error);
                    checkConnection(previous, served);
                    if (served != null && action == Action.TRUNCATED_STALL) {
                        await().atMost(Duration.ofSeconds(5))
                                .alias("the client hangs up on the connection the cut frame put out of step")
                                .until(() -> !device.outOfStepConnectionOpen());
                    }
                } catch (AssertionError e) {
                    throw new AssertionError(describe(i, pdu, action) + ": " + e.getMessage(), e);
                }
                if (served == null) {
                    neverSent++;
                } else {
                    previous = served;
                    if (action.outcome == Outcome.CLOSED_BY_CLIENT || action == Action.TRUNCATED_STALL) {
                        hungUp.add(served.connection());
                    }
                }
                tally.computeIfAbsent(action, a -> new int[2])[error == null ? 0 : 1]++;
            }
            // the device notices a hang-up when it reads next, which it may not have done yet
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(hungUp)
                            .as("connections the client should have hung up on after a bad frame")
                            .allMatch(device::closedByClient));
            assertThat(device.failures()).as("errors inside the device").isEmpty();
            assertThat(logs.events()).as("logged at WARN or above").isEmpty();
        }
        System.out.printf(
                Locale.ROOT,
                "fuzz ModbusClient: %d requests in %.1f s (seed %s; succeeded/failed by device action %s;"
                        + " %d not seen by the device in time)%n",
                REQUESTS,
                (System.nanoTime() - start) / 1e9,
                Fuzz.seedText(),
                format(tally),
                neverSent);
        if (REQUESTS >= 1_000) {
            assertThat(tally).as("actions taken").hasSize(Action.values().length);
        }
    }

    /**
     * The same device actions, with up to eight requests on the wire at once, sent in waves of 64: a bad frame or a
     * close now costs every request in flight on its connection, but an answer still never reaches another request.
     * Except a frame cut short and abandoned: pipelined, the next answer follows it at once and completes it, and a
     * frame shorter than its header says followed by another is a lie no MBAP receiver can see through (the result
     * may pass for the first request's answer). That action is a close after the cut here.
     */
    @Test
    void pipelinedRequestsGetTheirOwnAnswerOrATypedError() throws Exception {
        long seed = Fuzz.SEED ^ 0x706970656C696EL;
        IntFunction<Action> actions = i -> {
            Action a = action(seed, i, PIPELINED_WEIGHTED);
            return a == Action.TRUNCATED_STALL ? Action.PAUSE_THEN_CLOSE : a;
        };
        int requests = REQUESTS / 2;
        int wave = 64;
        Map<Action, int[]> tally = new EnumMap<>(Action.class);
        int lenientCount = 0;
        long start = System.nanoTime();
        try (LogCapture logs = new LogCapture();
                MisbehavingDevice device = new MisbehavingDevice(actions, seed, PAUSE_MILLIS);
                NettyTransports threads = new NettyTransports(1);
                ModbusClient client = new ModbusClient(
                        threads.tcp("127.0.0.1", device.port(), Duration.ofSeconds(2)),
                        new ModbusClientOptions(8, wave, Duration.ZERO, Duration.ZERO),
                        threads.scheduler())) {
            Rng rng = new Rng(seed);
            for (int first = 0; first < requests; first += wave) {
                int last = Math.min(requests, first + wave);
                List<byte[]> pdus = new ArrayList<>();
                List<CompletableFuture<ModbusResponse>> replies = new ArrayList<>();
                for (int i = first; i < last; i++) {
                    rng.seedFor(seed, i);
                    byte[] pdu = requestPdu(rng, i);
                    Duration timeout = actions.apply(i).outcome == Outcome.TIMEOUT ? SHORT : LONG;
                    pdus.add(pdu);
                    replies.add(client.send(UNIT, RequestCodec.decode(pdu), timeout));
                }
                for (int i = first; i < last; i++) {
                    byte[] pdu = pdus.get(i - first);
                    Action action = actions.apply(i);
                    Throwable error = null;
                    ModbusResponse response = null;
                    try {
                        response = replies.get(i - first).get(LONG.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                    } catch (ExecutionException e) {
                        error = e.getCause();
                    } catch (TimeoutException e) {
                        throw new AssertionError(describe(i, pdu, action) + " never completed");
                    }
                    Served served = device.served(i);
                    boolean lenient = served != null && (served.poisoned() || closedOutOfStep(error));
                    boolean lost = served != null && device.connectionLost(served);
                    try {
                        check(pdu, action, served, lenient, lost, response, error);
                    } catch (AssertionError e) {
                        throw new AssertionError(describe(i, pdu, action) + ": " + e.getMessage(), e);
                    }
                    lenientCount += lenient || (lost && error instanceof ModbusConnectionException) ? 1 : 0;
                    tally.computeIfAbsent(action, a -> new int[2])[error == null ? 0 : 1]++;
                }
            }
            assertThat(device.failures()).as("errors inside the device").isEmpty();
            assertThat(logs.events()).as("logged at WARN or above").isEmpty();
        }
        System.out.printf(
                Locale.ROOT,
                "fuzz ModbusClient pipelined: %d requests, 8 in flight, in %.1f s (seed %s; succeeded/failed by device"
                        + " action %s; %d failed with a connection another request lost)%n",
                requests,
                (System.nanoTime() - start) / 1e9,
                Fuzz.seedText(),
                format(tally),
                lenientCount);
    }

    /** The client closed the connection because a request went unanswered while part of a frame had arrived. */
    private static boolean closedOutOfStep(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ModbusProtocolException
                    && String.valueOf(t.getMessage()).contains("out of step")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param lenient the stream was out of step: any ModbusException will do
     * @param connectionLost the connection was lost while the request may have been on it: a ModbusConnectionException
     *     will do too
     */
    private static void check(
            byte[] pdu,
            Action action,
            Served served,
            boolean lenient,
            boolean connectionLost,
            ModbusResponse response,
            Throwable error) {
        if (error == null) {
            // whatever the device did, a delivered answer is the right one
            String expected = Fuzz.hex(MisbehavingDevice.correctResponse(pdu));
            String delivered = Fuzz.hex(ResponseCodec.encode(response));
            assertThat(delivered).as("the answer delivered").isEqualTo(expected);
            assertThat(lenient || action.outcome == Outcome.SUCCESS)
                    .as("succeeded although the device's action was " + action)
                    .isTrue();
            return;
        }
        assertThat(error).as("the failure").isInstanceOf(org.camelmodbus.protocol.ModbusException.class);
        if (served == null) {
            // not (yet) seen by the device: refused before it was sent, or timed out before the device read it
            assertThat(error)
                    .as("a request the device has not seen")
                    .isInstanceOfAny(ModbusConnectionException.class, ModbusTimeoutException.class);
            return;
        }
        if (lenient || (connectionLost && error instanceof ModbusConnectionException)) {
            return;
        }
        switch (action.outcome) {
            case SUCCESS -> throw new AssertionError("failed although the device answered right", error);
            case EXCEPTION_RESPONSE -> {
                assertThat(error).isInstanceOf(ModbusExceptionResponseException.class);
                assertThat(((ModbusExceptionResponseException) error).exceptionCode())
                        .isEqualTo(2);
            }
            case PROTOCOL_ERROR -> assertThat(error).isExactlyInstanceOf(ModbusProtocolException.class);
            case CLOSED_BY_CLIENT, CLOSED_BY_DEVICE -> assertThat(error).isInstanceOf(ModbusConnectionException.class);
            case TIMEOUT -> assertThat(error).isInstanceOf(ModbusTimeoutException.class);
        }
    }

    /** A bad frame costs its connection, and only a bad frame or a close does; the next request works on a new one. */
    private static void checkConnection(Served previous, Served served) {
        if (previous == null || served == null || previous.poisoned() || served.poisoned()) {
            return;
        }
        Outcome before = previous.action().outcome;
        boolean connectionLost = before == Outcome.CLOSED_BY_CLIENT
                || before == Outcome.CLOSED_BY_DEVICE
                || previous.action() == Action.TRUNCATED_STALL;
        if (connectionLost) {
            assertThat(served.connection())
                    .as("connection after " + previous.action() + " on connection " + previous.connection())
                    .isNotEqualTo(previous.connection());
        } else {
            assertThat(served.connection())
                    .as("connection after " + previous.action() + ", which leaves the stream in step")
                    .isEqualTo(previous.connection());
        }
    }

    // ---- inputs

    /** Mostly right answers; every way of going wrong a few percent of the time. */
    static Action action(long seed, int index) {
        return action(seed, index, WEIGHTED);
    }

    static Action action(long seed, int index, Action[] weighted) {
        Rng rng = new Rng(seed);
        rng.seedFor(seed ^ 0x616374L, index);
        return weighted[rng.nextInt(weighted.length)];
    }

    private static Action[] weighted(int correct) {
        List<Action> all = new ArrayList<>();
        for (Action a : Action.values()) {
            int weight = switch (a) {
                case CORRECT -> correct;
                case SILENCE, WRONG_TID_ONLY, TRUNCATED_STALL -> 1;
                default -> 4;
            };
            for (int k = 0; k < weight; k++) {
                all.add(a);
            }
        }
        return all.toArray(new Action[0]);
    }

    /** A well-formed request whose address (or read address) is {@code BASE + index}, of one of ten functions. */
    static byte[] requestPdu(Rng rng, int index) {
        int a = MisbehavingDevice.BASE + index;
        ModbusInputs gen = new ModbusInputs(rng);
        return switch (rng.nextInt(10)) {
            case 0 -> ModbusInputs.Pdu.of(1).u16(a).u16(gen.quantity(2000)).bytes();
            case 1 -> ModbusInputs.Pdu.of(2).u16(a).u16(gen.quantity(2000)).bytes();
            case 2 -> ModbusInputs.Pdu.of(3).u16(a).u16(gen.quantity(125)).bytes();
            case 3 -> ModbusInputs.Pdu.of(4).u16(a).u16(gen.quantity(125)).bytes();
            case 4 ->
                ModbusInputs.Pdu.of(5)
                        .u16(a)
                        .u16(rng.nextBoolean() ? 0xFF00 : 0)
                        .bytes();
            case 5 -> ModbusInputs.Pdu.of(6).u16(a).u16(rng.nextInt(0x10000)).bytes();
            case 6 -> {
                int q = gen.quantity(1968);
                yield ModbusInputs.Pdu.of(15)
                        .u16(a)
                        .u16(q)
                        .u8((q + 7) / 8)
                        .random((q + 7) / 8, rng)
                        .cleanPadding(q)
                        .bytes();
            }
            case 7 -> {
                int q = gen.quantity(123);
                yield ModbusInputs.Pdu.of(16)
                        .u16(a)
                        .u16(q)
                        .u8(2 * q)
                        .random(2 * q, rng)
                        .bytes();
            }
            case 8 ->
                ModbusInputs.Pdu.of(22)
                        .u16(a)
                        .u16(rng.nextInt(0x10000))
                        .u16(rng.nextInt(0x10000))
                        .bytes();
            default -> {
                int q = gen.quantity(121);
                yield ModbusInputs.Pdu.of(23)
                        .u16(a)
                        .u16(gen.quantity(125))
                        .u16(gen.address(q))
                        .u16(q)
                        .u8(2 * q)
                        .random(2 * q, rng)
                        .bytes();
            }
        };
    }

    private static String describe(int index, byte[] pdu, Action action) {
        return String.format(
                "request #%d (seed %s) %s, device action %s", index, Fuzz.seedText(), Fuzz.hex(pdu), action);
    }

    private static String format(Map<Action, int[]> tally) {
        StringBuilder sb = new StringBuilder("{");
        tally.forEach((a, n) -> sb.append(sb.length() > 1 ? ", " : "")
                .append(a)
                .append('=')
                .append(n[0])
                .append('/')
                .append(n[1]));
        return sb.append('}').toString();
    }
}
