package org.camelmodbus.fuzz;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A Modbus TCP device on 127.0.0.1, plain sockets and a thread per connection, that answers request number {@code i}
 * as {@code actionFor(i)} says: correctly, or in one of the ways a broken or hostile device does. The request's number
 * is its address (or read address) minus {@link #BASE}. Correct answers are computed here from the specification's
 * byte layouts (registers and coils hold {@link #register} and {@link #coil} of their address), so the client under
 * test can compare what it delivers byte for byte. Records which connection served which request and which
 * connections the client closed.
 */
final class MisbehavingDevice implements AutoCloseable {
    static final int BASE = 1000;

    enum Action {
        /** The right answer in one write. */
        CORRECT(Outcome.SUCCESS),
        /** Exception response 0x02. */
        EXCEPTION(Outcome.EXCEPTION_RESPONSE),
        /** The right answer, one to three bytes per write. */
        FRAGMENTED(Outcome.SUCCESS),
        /** Part of the answer, a pause well within the client's timeout, the rest. */
        PAUSE_THEN_REST(Outcome.SUCCESS),
        /** An answer under another transaction id (no request has it), then the right one. */
        WRONG_TID_THEN_RIGHT(Outcome.SUCCESS),
        /** The right answer from another unit id. */
        WRONG_UNIT(Outcome.PROTOCOL_ERROR),
        /** A well-framed PDU that does not answer the request: a byte short or long, or another function code. */
        BAD_PDU(Outcome.PROTOCOL_ERROR),
        /** Random bytes whose protocol id is not 0. */
        GARBAGE(Outcome.CLOSED_BY_CLIENT),
        /** The answer under a header with a protocol id other than 0 or a length field outside 2..254. */
        BAD_HEADER(Outcome.CLOSED_BY_CLIENT),
        /** A header claiming up to 65,535 bytes, and a lot of them. */
        OVERSIZED_LENGTH(Outcome.CLOSED_BY_CLIENT),
        /** Part of the answer, a pause, then the connection closes: a device that died mid-frame. */
        PAUSE_THEN_CLOSE(Outcome.CLOSED_BY_DEVICE),
        /** The connection closes instead of an answer. */
        CLOSE(Outcome.CLOSED_BY_DEVICE),
        /** No answer. */
        SILENCE(Outcome.TIMEOUT),
        /** Only an answer under another transaction id. */
        WRONG_TID_ONLY(Outcome.TIMEOUT),
        /**
         * Part of the answer and then nothing until the client has given up. What the device sends next on this
         * connection lands behind the partial frame: the stream is out of step until the client notices.
         */
        TRUNCATED_STALL(Outcome.TIMEOUT);

        final Outcome outcome;

        Action(Outcome outcome) {
            this.outcome = outcome;
        }
    }

    enum Outcome {
        SUCCESS,
        EXCEPTION_RESPONSE,
        PROTOCOL_ERROR,
        CLOSED_BY_CLIENT,
        CLOSED_BY_DEVICE,
        TIMEOUT
    }

    /**
     * Request {@code index} reached connection {@code connection} as its {@code seq}-th request; the connection was
     * out of step if {@code poisoned}.
     */
    record Served(int index, Action action, int connection, int seq, boolean poisoned) {}

    private final ServerSocket server;
    private final IntFunction<Action> actionFor;
    private final long seed;
    private final Map<Integer, Served> served = new ConcurrentHashMap<>();
    private final Set<Integer> closedByClient = ConcurrentHashMap.newKeySet();
    private final Set<Integer> open = ConcurrentHashMap.newKeySet();
    private final Set<Integer> poisoned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
    /** How long a device pauses in the middle of a frame; TRUNCATED_STALL waits longer than the client does. */
    private final int pauseMillis;

    MisbehavingDevice(IntFunction<Action> actionFor, long seed, int pauseMillis) throws IOException {
        this.actionFor = actionFor;
        this.seed = seed;
        this.pauseMillis = pauseMillis;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "misbehaving-device");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    Served served(int index) {
        return served.get(index);
    }

    int connections() {
        return connections.get();
    }

    boolean closedByClient(int connection) {
        return closedByClient.contains(connection);
    }

    /**
     * Whether the connection that served {@code request} was lost (a bad frame, a close) at some point. Requests
     * pipelined with the one that lost it fail with it, before or after it on the wire: a device that closes with
     * requests still unread in its socket resets the connection, and the client's network stack may then drop answers
     * that had already arrived.
     */
    boolean connectionLost(Served request) {
        return served.values().stream()
                .anyMatch(other -> other.connection() == request.connection()
                        && (other.action().outcome == Outcome.CLOSED_BY_DEVICE
                                || other.action().outcome == Outcome.CLOSED_BY_CLIENT));
    }

    /** Whether a connection that a TRUNCATED_STALL put out of step is still open. */
    boolean outOfStepConnectionOpen() {
        return poisoned.stream().anyMatch(open::contains);
    }

    /** Anything that went wrong inside the device itself (not what it did on purpose). */
    Map<Integer, Throwable> failures() {
        return Map.copyOf(failures);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    // ---- the values the device holds

    static int register(int address) {
        // no zero bytes, so that an out-of-step stream is unlikely to pass for a header by accident
        return 0x8080 | ((address * 0x9E37) & 0x7F7F);
    }

    static boolean coil(int address) {
        return address % 3 != 0;
    }

    /** The correct answer to a well-formed request of function code 1..6, 15, 16, 22 or 23. */
    static byte[] correctResponse(byte[] request) {
        int fc = request[0] & 0xFF;
        ModbusInputs.Pdu p = ModbusInputs.Pdu.of(fc);
        switch (fc) {
            case 1, 2 -> {
                int a = ModbusInputs.u16(request, 1);
                int q = ModbusInputs.u16(request, 3);
                byte[] packed = new byte[(q + 7) / 8];
                for (int i = 0; i < q; i++) {
                    if (coil(a + i)) {
                        packed[i / 8] |= (byte) (1 << (i % 8));
                    }
                }
                p.u8(packed.length);
                for (byte b : packed) {
                    p.u8(b);
                }
                return p.bytes();
            }
            case 3, 4, 23 -> {
                int a = ModbusInputs.u16(request, 1);
                int q = ModbusInputs.u16(request, 3);
                p.u8(2 * q);
                for (int i = 0; i < q; i++) {
                    p.u16(register(a + i));
                }
                return p.bytes();
            }
            case 5, 6, 22 -> {
                return request.clone();
            }
            case 15, 16 -> {
                return Arrays.copyOf(request, 5);
            }
            default -> throw new IllegalArgumentException("no answer for function code " + fc);
        }
    }

    // ---- serving

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int id = connections.incrementAndGet();
                open.add(id);
                Thread t = new Thread(() -> serve(socket, id), "misbehaving-device-" + id);
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, int id) {
        Rng rng = new Rng(seed);
        try (socket) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            byte[] header = new byte[7];
            for (int seq = 0; ; seq++) {
                try {
                    in.readFully(header);
                } catch (IOException endOfStream) {
                    closedByClient.add(id);
                    return;
                }
                byte[] pdu = new byte[ModbusInputs.u16(header, 4) - 1];
                in.readFully(pdu);
                int tid = ModbusInputs.u16(header, 0);
                int unit = header[6] & 0xFF;
                int index = ModbusInputs.u16(pdu, 1) - BASE;
                Action action = actionFor.apply(index);
                served.put(index, new Served(index, action, id, seq, poisoned.contains(id)));
                rng.seedFor(seed ^ 0x646576L, index);
                if (!answer(action, rng, out, tid, unit, pdu, id)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof java.net.SocketException)) {
                failures.put(id, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(id);
        }
    }

    /** Answers as {@code action} says; false when the connection is to close. */
    private boolean answer(Action action, Rng rng, OutputStream out, int tid, int unit, byte[] pdu, int id)
            throws IOException, InterruptedException {
        byte[] correct = ModbusInputs.frame(tid, unit, correctResponse(pdu));
        switch (action) {
            case CORRECT -> out.write(correct);
            case EXCEPTION -> out.write(ModbusInputs.frame(tid, unit, new byte[] {(byte) (pdu[0] | 0x80), 2}));
            case FRAGMENTED -> {
                for (int from = 0; from < correct.length; ) {
                    int to = Math.min(correct.length, from + rng.between(1, 3));
                    out.write(correct, from, to - from);
                    out.flush();
                    from = to;
                }
            }
            case PAUSE_THEN_REST -> {
                int cut = rng.between(1, correct.length - 1);
                out.write(correct, 0, cut);
                out.flush();
                Thread.sleep(rng.between(1, pauseMillis));
                out.write(correct, cut, correct.length - cut);
            }
            case WRONG_TID_THEN_RIGHT -> {
                out.write(ModbusInputs.frame(tid ^ 0x8000, unit, correctResponse(pdu)));
                out.write(correct);
            }
            case WRONG_TID_ONLY -> out.write(ModbusInputs.frame(tid ^ 0x8000, unit, correctResponse(pdu)));
            case WRONG_UNIT -> out.write(ModbusInputs.frame(tid, unit ^ (1 + rng.nextInt(255)), correctResponse(pdu)));
            case BAD_PDU -> out.write(ModbusInputs.frame(tid, unit, notAnAnswer(correctResponse(pdu), rng)));
            case GARBAGE -> {
                byte[] garbage = new byte[rng.between(7, 64)];
                rng.nextBytes(garbage, 0, garbage.length);
                garbage[2] |= 0x01;
                out.write(garbage);
            }
            case BAD_HEADER -> {
                byte[] bad = correct.clone();
                if (rng.nextBoolean()) {
                    bad[2] = (byte) rng.between(1, 255);
                } else {
                    int length = new int[] {0, 1, 255, 256, 0x1000, 0xFFFF}[rng.nextInt(6)];
                    bad[4] = (byte) (length >>> 8);
                    bad[5] = (byte) length;
                }
                out.write(bad);
            }
            case OVERSIZED_LENGTH -> {
                byte[] claim = new byte[7 + rng.between(0, 3000)];
                rng.nextBytes(claim, 7, claim.length);
                System.arraycopy(correct, 0, claim, 0, 4);
                int length = rng.nextBoolean() ? 0xFFFF : rng.between(255, 0xFFFF);
                claim[4] = (byte) (length >>> 8);
                claim[5] = (byte) length;
                claim[6] = (byte) unit;
                out.write(claim);
            }
            case PAUSE_THEN_CLOSE -> {
                out.write(correct, 0, rng.between(1, correct.length - 1));
                out.flush();
                Thread.sleep(rng.between(1, pauseMillis));
                return false;
            }
            case CLOSE -> {
                return false;
            }
            case SILENCE -> {}
            case TRUNCATED_STALL -> {
                out.write(correct, 0, rng.between(1, correct.length - 1));
                poisoned.add(id);
            }
        }
        out.flush();
        return true;
    }

    /** A PDU that cannot pass for the answer: one byte short, one byte long, or another function code. */
    private static byte[] notAnAnswer(byte[] response, Rng rng) {
        return switch (rng.nextInt(3)) {
            case 0 -> Arrays.copyOf(response, response.length - 1);
            case 1 -> Arrays.copyOf(response, response.length + 1);
            default -> {
                byte[] other = response.clone();
                other[0] ^= 0x40;
                yield other;
            }
        };
    }
}
