package org.camelmodbus.client;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ResponseCodec;
import org.camelmodbus.transport.FrameListener;
import org.camelmodbus.transport.ModbusConnection;
import org.camelmodbus.transport.ModbusTransport;

/**
 * An in-memory {@link ModbusTransport}: the test decides whether and when a connection opens, sees every frame the
 * client sends, answers with any frame it likes and closes connections from the device's side. Everything the fake
 * does to the client (completing a connect, delivering a frame, reporting a close) happens synchronously on the
 * calling thread, so a test can assert right after the call.
 */
final class FakeTransport implements ModbusTransport {
    static final String DEVICE = "fake://device";

    /** What {@link #connect} does with a new attempt. */
    enum ConnectMode {
        /** Opens the connection at once. */
        SUCCEED,
        /** Fails the attempt at once with {@link #connectFailure(Throwable)}. */
        FAIL,
        /** Leaves the attempt pending until the test calls {@link Attempt#succeed()} or {@link Attempt#fail}. */
        MANUAL
    }

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final List<MbapFrame> sent = new ArrayList<>(); // guarded by itself
    private final List<Long> sentNanos = new ArrayList<>(); // guarded by sent
    private volatile ConnectMode mode = ConnectMode.SUCCEED;
    private volatile Throwable connectFailure = new ConnectException("Connection refused");
    private volatile Function<MbapFrame, MbapFrame> responder;

    @Override
    public CompletableFuture<ModbusConnection> connect(FrameListener listener) {
        Attempt attempt = new Attempt(listener);
        attempts.add(attempt);
        switch (mode) {
            case SUCCEED -> attempt.succeed();
            case FAIL -> attempt.fail(connectFailure);
            case MANUAL -> {}
        }
        return attempt.future;
    }

    @Override
    public String describe() {
        return DEVICE;
    }

    FakeTransport connectMode(ConnectMode mode) {
        this.mode = mode;
        return this;
    }

    FakeTransport connectFailure(Throwable failure) {
        this.connectFailure = failure;
        return this;
    }

    /**
     * Answers every frame sent from now on, synchronously inside the client's send, with what {@code responder}
     * returns for it; null leaves that request unanswered. Null switches answering off.
     */
    FakeTransport answerWith(Function<MbapFrame, MbapFrame> responder) {
        this.responder = responder;
        return this;
    }

    int connectAttempts() {
        return attempts.size();
    }

    Attempt attempt(int index) {
        return attempts.get(index);
    }

    Attempt lastAttempt() {
        if (attempts.isEmpty()) {
            throw new AssertionError("the client never tried to connect");
        }
        return attempts.get(attempts.size() - 1);
    }

    /** The connection of the latest attempt, which must have succeeded. */
    FakeConnection connection() {
        FakeConnection c = lastAttempt().connection;
        if (c == null) {
            throw new AssertionError("the latest connection attempt has not succeeded");
        }
        return c;
    }

    /** Every frame the client sent, over all connections, in order. */
    List<MbapFrame> sent() {
        synchronized (sent) {
            return new ArrayList<>(sent);
        }
    }

    /** When each frame of {@link #sent()} reached the fake, in {@link System#nanoTime()}. */
    List<Long> sentNanos() {
        synchronized (sent) {
            return new ArrayList<>(sentNanos);
        }
    }

    /** One call of {@link #connect}. */
    final class Attempt {
        final FrameListener listener;
        final long startedNanos = System.nanoTime();
        final CompletableFuture<ModbusConnection> future = new CompletableFuture<>();
        private volatile FakeConnection connection;
        private volatile boolean closedBeforeOpened;

        Attempt(FrameListener listener) {
            this.listener = listener;
        }

        /** Completes the attempt with a fresh connection. */
        FakeConnection succeed() {
            FakeConnection c = new FakeConnection(listener, closedBeforeOpened);
            connection = c;
            future.complete(c);
            return c;
        }

        void fail(Throwable cause) {
            future.completeExceptionally(cause);
        }

        /**
         * The device closes the socket before the client learnt that it opened: the close reaches the listener
         * first, the successful connect afterwards (call {@link #succeed()} next).
         */
        void closeBeforeOpened() {
            closedBeforeOpened = true;
            listener.onClosed(null);
        }

        FakeConnection connection() {
            return connection;
        }
    }

    /** One open connection as the device sees it. */
    final class FakeConnection implements ModbusConnection {
        private final FrameListener listener;
        private final List<MbapFrame> frames = new ArrayList<>(); // guarded by this
        private final Map<Integer, MbapFrame> outstanding = new LinkedHashMap<>(); // guarded by this
        private final List<MbapFrame> reusedTransactionIds = new ArrayList<>(); // guarded by this
        private int maxOutstanding; // guarded by this
        private int sentAfterClose; // guarded by this
        private boolean closed; // guarded by this
        private boolean closedByClient; // guarded by this

        FakeConnection(FrameListener listener, boolean closed) {
            this.listener = listener;
            this.closed = closed;
        }

        @Override
        public void send(MbapFrame frame) {
            synchronized (this) {
                if (closed) {
                    sentAfterClose++;
                    return;
                }
                frames.add(frame);
                if (outstanding.putIfAbsent(frame.transactionId(), frame) != null) {
                    reusedTransactionIds.add(frame);
                }
                maxOutstanding = Math.max(maxOutstanding, outstanding.size());
            }
            synchronized (sent) {
                sentNanos.add(System.nanoTime());
                sent.add(frame);
            }
            Function<MbapFrame, MbapFrame> r = responder;
            if (r != null) {
                MbapFrame answer = r.apply(frame);
                if (answer != null) {
                    reply(answer);
                }
            }
        }

        /** The client closes: like a real channel, the listener then hears about it. */
        @Override
        public void close() {
            synchronized (this) {
                closedByClient = true;
                if (closed) {
                    return;
                }
                closed = true;
            }
            listener.onClosed(null);
        }

        /** Delivers any frame to the client as if the device had sent it. */
        void reply(MbapFrame frame) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("cannot reply on a closed connection");
                }
                MbapFrame request = outstanding.get(frame.transactionId());
                if (request != null && request.unitId() == frame.unitId()) {
                    outstanding.remove(frame.transactionId());
                }
            }
            listener.onFrame(frame);
        }

        void reply(int transactionId, int unitId, byte[] pdu) {
            reply(new MbapFrame(transactionId, unitId, pdu));
        }

        /** Answers {@code request} correctly: its transaction and unit id, the encoded {@code response}. */
        void answer(MbapFrame request, ModbusResponse response) {
            reply(request.transactionId(), request.unitId(), ResponseCodec.encode(response));
        }

        /** The device closes the connection: orderly (null) or with an error. */
        void closeFromDevice(Throwable cause) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("already closed");
                }
                closed = true;
            }
            listener.onClosed(cause);
        }

        /** Frames received on this connection, in order. */
        synchronized List<MbapFrame> sent() {
            return new ArrayList<>(frames);
        }

        synchronized MbapFrame sent(int index) {
            return frames.get(index);
        }

        synchronized int sentCount() {
            return frames.size();
        }

        /** Frames sent and not yet answered through {@link #reply}, in send order. */
        synchronized List<MbapFrame> outstanding() {
            return new ArrayList<>(outstanding.values());
        }

        /** The most frames that were ever outstanding at once. */
        synchronized int maxOutstanding() {
            return maxOutstanding;
        }

        /** Frames that carried the transaction id of a frame still outstanding. */
        synchronized List<MbapFrame> reusedTransactionIds() {
            return new ArrayList<>(reusedTransactionIds);
        }

        synchronized int sentAfterClose() {
            return sentAfterClose;
        }

        synchronized boolean isClosed() {
            return closed;
        }

        synchronized boolean closedByClient() {
            return closedByClient;
        }
    }
}
