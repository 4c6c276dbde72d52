package org.camelmodbus.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusLimits;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadDeviceIdentificationRequest;
import org.camelmodbus.protocol.RequestCodec;
import org.camelmodbus.protocol.ResponseCodec;
import org.camelmodbus.transport.FrameListener;
import org.camelmodbus.transport.ModbusConnection;
import org.camelmodbus.transport.ModbusTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asynchronous Modbus client for one device. Requests wait in a bounded FIFO queue, at most
 * {@link ModbusClientOptions#maxInFlight()} are on the wire at once, and responses are matched by transaction id.
 * Every request ends: with its response, or with a typed exception (timeout, exception response, connection lost,
 * rejected). The client connects on demand and, after a failed attempt, waits a doubling, capped delay before the
 * next one; requests that arrive during that wait fail at once rather than queue behind a dead device.
 *
 * <p>Nothing here blocks: callers get a future, and the transport's I/O thread completes it.
 */
public final class ModbusClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusClient.class);

    private final ModbusTransport transport;
    private final ModbusClientOptions options;
    private final ScheduledExecutorService scheduler;
    private final String device;

    // All mutable state below is guarded by "this"; futures are completed and frames sent outside the lock.
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Map<Integer, Pending> inFlight = new HashMap<>();
    private ModbusConnection connection;
    private boolean connecting;
    private boolean closed;
    private int lastTransactionId;
    private long reconnectDelayNanos;
    private long nextAttemptNanos;
    private Throwable lastConnectFailure;

    public ModbusClient(ModbusTransport transport, ModbusClientOptions options, ScheduledExecutorService scheduler) {
        this.transport = transport;
        this.options = options;
        this.scheduler = scheduler;
        this.device = transport.describe();
        this.reconnectDelayNanos = options.reconnectDelay().toNanos();
    }

    /** The device in URI form, as used in messages. */
    public String device() {
        return device;
    }

    public ModbusClientOptions options() {
        return options;
    }

    public synchronized boolean isConnected() {
        return connection != null;
    }

    /** Opens the connection ahead of the first request; a failure here only arms the reconnect delay. */
    public void connect() {
        boolean start;
        synchronized (this) {
            start = !closed && connection == null && !connecting;
            connecting |= start;
        }
        if (start) {
            openConnection();
        }
    }

    /**
     * Sends {@code request} to {@code unitId}. The timeout runs from this call, queueing included, so a caller never
     * waits longer than it asked for.
     */
    public CompletableFuture<ModbusResponse> send(int unitId, ModbusRequest request, Duration timeout) {
        ModbusLimits.checkUnitId(unitId);
        Pending p = new Pending(unitId, request, RequestCodec.encode(request));
        boolean startConnect = false;
        List<Pending> toSend;
        RuntimeException refusal = null;
        synchronized (this) {
            if (closed) {
                refusal = new ModbusRequestRejectedException("client for " + device + " is closed");
            } else if (queue.size() >= options.maxQueued()) {
                refusal = new ModbusRequestRejectedException(String.format(
                        "%s: request queue is full (%d waiting); the device cannot keep up with the request rate",
                        device, queue.size()));
            } else if (connection == null && !connecting) {
                long wait = nextAttemptNanos - System.nanoTime();
                if (lastConnectFailure != null && wait > 0) {
                    refusal = new ModbusConnectionException(
                            String.format(
                                    "%s is unreachable (%s); next connection attempt in %d ms",
                                    device, lastConnectFailure.getMessage(), TimeUnit.NANOSECONDS.toMillis(wait)),
                            lastConnectFailure);
                } else {
                    connecting = startConnect = true;
                }
            }
            if (refusal == null) {
                queue.add(p);
                p.timeoutTask = scheduler.schedule(() -> timeout(p, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            toSend = drain();
        }
        if (refusal != null) {
            p.future.completeExceptionally(refusal);
        }
        if (startConnect) {
            openConnection();
        }
        transmit(toSend);
        return p.future;
    }

    /**
     * Sends like {@link #send(int, ModbusRequest, Duration)}, trying again as {@code policy} allows. Each attempt has
     * its own timeout; the future ends with the last attempt's outcome.
     */
    public CompletableFuture<ModbusResponse> send(
            int unitId, ModbusRequest request, Duration timeout, RetryPolicy policy) {
        CompletableFuture<ModbusResponse> result = new CompletableFuture<>();
        attempt(unitId, request, timeout, policy, 1, result);
        return result;
    }

    /**
     * Reads device identification, following the device's "more follows" continuations and merging all objects into
     * one result. With a stream code (basic, regular, extended) {@code first} usually starts at object 0x00; with
     * {@link org.camelmodbus.protocol.ReadDeviceIdCode#SPECIFIC} it reads one object. Each request of the stream is
     * sent like {@link #send(int, ModbusRequest, Duration, RetryPolicy)}, with its own timeout.
     */
    public CompletableFuture<DeviceIdentificationResult> readDeviceIdentification(
            int unitId, ReadDeviceIdentificationRequest first, Duration timeout, RetryPolicy policy) {
        return DeviceIdentificationStream.read(
                device + " unit " + unitId, first, request -> send(unitId, request, timeout, policy));
    }

    /** {@link #readDeviceIdentification(int, ReadDeviceIdentificationRequest, Duration, RetryPolicy)} without retries. */
    public CompletableFuture<DeviceIdentificationResult> readDeviceIdentification(
            int unitId, ReadDeviceIdentificationRequest first, Duration timeout) {
        return readDeviceIdentification(unitId, first, timeout, RetryPolicy.NONE);
    }

    private void attempt(
            int unitId,
            ModbusRequest request,
            Duration timeout,
            RetryPolicy policy,
            int attempt,
            CompletableFuture<ModbusResponse> result) {
        send(unitId, request, timeout).whenComplete((response, error) -> {
            if (error == null) {
                result.complete(response);
            } else if (!policy.shouldRetry(request, error, attempt)) {
                result.completeExceptionally(error);
            } else {
                LOG.debug("{}: retrying after attempt {} failed: {}", device, attempt, error.getMessage());
                try {
                    scheduler.schedule(
                            () -> attempt(unitId, request, timeout, policy, attempt + 1, result),
                            policy.delayAfter(attempt).toNanos(),
                            TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException shuttingDown) {
                    result.completeExceptionally(error);
                }
            }
        });
    }

    @Override
    public void close() {
        List<Pending> abandoned = new ArrayList<>();
        ModbusConnection open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            abandoned.addAll(queue);
            abandoned.addAll(inFlight.values());
            queue.clear();
            inFlight.clear();
            open = connection;
            connection = null;
        }
        for (Pending p : abandoned) {
            p.fail(new ModbusRequestRejectedException("client for " + device + " was closed before the answer came"));
        }
        if (open != null) {
            open.close();
        }
    }

    private void openConnection() {
        Listener listener = new Listener();
        CompletableFuture<ModbusConnection> attempt;
        try {
            attempt = transport.connect(listener);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((opened, failure) -> connectFinished(listener, opened, failure));
    }

    private void connectFinished(Listener listener, ModbusConnection opened, Throwable failure) {
        List<Pending> toSend = List.of();
        List<Pending> failed = List.of();
        boolean closeIt = false;
        synchronized (this) {
            connecting = false;
            if (failure == null && listener.closed) {
                failure = new ModbusConnectionException(device + " closed the connection as soon as it opened", null);
            }
            if (failure != null) {
                lastConnectFailure = rootCause(failure);
                nextAttemptNanos = System.nanoTime() + reconnectDelayNanos;
                reconnectDelayNanos = Math.min(
                        2 * reconnectDelayNanos, options.reconnectDelayMax().toNanos());
                failed = new ArrayList<>(queue);
                queue.clear();
            } else if (closed) {
                closeIt = true;
            } else {
                connection = opened;
                listener.opened = opened;
                lastConnectFailure = null;
                toSend = drain();
            }
        }
        if (failure != null) {
            LOG.debug("Connecting to {} failed: {}", device, failure.toString());
            ModbusConnectionException e = new ModbusConnectionException(
                    "cannot connect to " + device + ": " + rootCause(failure).getMessage(), rootCause(failure));
            failed.forEach(p -> p.fail(e));
        } else if (closeIt) {
            opened.close();
        } else {
            LOG.debug("Connected to {}", device);
        }
        transmit(toSend);
    }

    /** Moves queued requests onto the wire while the in-flight limit allows. Caller holds the lock. */
    private List<Pending> drain() {
        if (connection == null || queue.isEmpty()) {
            return List.of();
        }
        List<Pending> toSend = new ArrayList<>(Math.min(queue.size(), options.maxInFlight()));
        while (inFlight.size() < options.maxInFlight() && !queue.isEmpty()) {
            Pending p = queue.poll();
            p.transactionId = nextTransactionId();
            p.connection = connection;
            inFlight.put(p.transactionId, p);
            toSend.add(p);
        }
        return toSend;
    }

    private void transmit(List<Pending> toSend) {
        for (Pending p : toSend) {
            p.connection.send(new MbapFrame(p.transactionId, p.unitId, p.pdu));
        }
    }

    /** Cycles through 1..65535, skipping ids still in flight so a late answer can never match a newer request. */
    private int nextTransactionId() {
        do {
            lastTransactionId = lastTransactionId == 0xFFFF ? 1 : lastTransactionId + 1;
        } while (inFlight.containsKey(lastTransactionId));
        return lastTransactionId;
    }

    private void timeout(Pending p, Duration timeout) {
        List<Pending> toSend;
        synchronized (this) {
            if (!queue.remove(p) && !inFlight.remove(p.transactionId, p)) {
                return;
            }
            toSend = drain();
        }
        p.fail(new ModbusTimeoutException(device, p.unitId, p.request, timeout));
        transmit(toSend);
    }

    private void received(Listener listener, MbapFrame frame) {
        Pending p;
        List<Pending> toSend;
        synchronized (this) {
            p = inFlight.remove(frame.transactionId());
            if (p != null) {
                // a connection counts as working once it answers, not when it opens
                listener.answered = true;
                reconnectDelayNanos = options.reconnectDelay().toNanos();
            }
            toSend = drain();
        }
        transmit(toSend);
        if (p == null) {
            LOG.debug(
                    "{}: dropping a response with transaction id {} that no request waits for (late after a timeout?)",
                    device,
                    frame.transactionId());
            return;
        }
        if (frame.unitId() != p.unitId) {
            p.fail(new ModbusProtocolException(String.format(
                    "%s: response for transaction %d came from unit %d, but the request went to unit %d",
                    device, frame.transactionId(), frame.unitId(), p.unitId)));
            return;
        }
        try {
            ModbusResponse response = ResponseCodec.decode(frame.pdu(), p.request);
            if (response instanceof ExceptionResponse exception) {
                p.fail(new ModbusExceptionResponseException(device, p.unitId, p.request, exception));
            } else {
                p.complete(response);
            }
        } catch (ModbusProtocolException e) {
            p.fail(new ModbusProtocolException(device + " unit " + p.unitId + ": " + e.getMessage()));
        }
    }

    private void connectionClosed(Listener listener, Throwable cause) {
        List<Pending> lost;
        List<Pending> unsent = List.of();
        boolean reconnect;
        synchronized (this) {
            if (connection != listener.opened) {
                return;
            }
            connection = null;
            lost = new ArrayList<>(inFlight.values());
            inFlight.clear();
            if (listener.answered) {
                // Requests still queued deserve one immediate attempt on a fresh connection.
                reconnect = !closed && !queue.isEmpty() && !connecting;
                connecting |= reconnect;
            } else {
                // A device that accepts connections but drops them unanswered gets the same backoff as one that
                // refuses them, instead of a reconnect loop.
                reconnect = false;
                lastConnectFailure = new ModbusConnectionException(
                        device + " closed the connection without answering"
                                + (cause == null ? "" : " (" + rootCause(cause).getMessage() + ")"),
                        cause);
                nextAttemptNanos = System.nanoTime() + reconnectDelayNanos;
                reconnectDelayNanos = Math.min(
                        2 * reconnectDelayNanos, options.reconnectDelayMax().toNanos());
                unsent = new ArrayList<>(queue);
                queue.clear();
            }
        }
        LOG.debug("Connection to {} closed: {}", device, cause == null ? "by peer" : cause.toString());
        if (!lost.isEmpty()) {
            String why =
                    cause == null ? "closed by the device" : rootCause(cause).getMessage();
            ModbusConnectionException e = new ModbusConnectionException(
                    "connection to " + device + " lost while the request was in flight (" + why
                            + "); a write may or may not have been applied",
                    cause,
                    true);
            lost.forEach(p -> p.fail(e));
        }
        if (!unsent.isEmpty()) {
            ModbusConnectionException e = new ModbusConnectionException(lastConnectFailureMessage(), cause);
            unsent.forEach(p -> p.fail(e));
        }
        if (reconnect) {
            openConnection();
        }
    }

    private synchronized String lastConnectFailureMessage() {
        return lastConnectFailure == null ? device + " closed the connection" : lastConnectFailure.getMessage();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /** One connection attempt's events. Knows its connection, so a stale close cannot hit a newer connection. */
    private final class Listener implements FrameListener {
        ModbusConnection opened; // guarded by the client's lock
        boolean closed; // guarded by the client's lock
        boolean answered; // guarded by the client's lock

        @Override
        public void onFrame(MbapFrame frame) {
            received(this, frame);
        }

        @Override
        public void onClosed(Throwable cause) {
            ModbusConnection which;
            synchronized (ModbusClient.this) {
                closed = true;
                which = opened;
            }
            if (which != null) {
                connectionClosed(this, cause);
            }
        }
    }

    private static final class Pending {
        final int unitId;
        final ModbusRequest request;
        final byte[] pdu;
        final CompletableFuture<ModbusResponse> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> timeoutTask;
        int transactionId = -1;
        ModbusConnection connection;

        Pending(int unitId, ModbusRequest request, byte[] pdu) {
            this.unitId = unitId;
            this.request = request;
            this.pdu = pdu;
        }

        void complete(ModbusResponse response) {
            cancelTimeout();
            future.complete(response);
        }

        void fail(Throwable error) {
            cancelTimeout();
            future.completeExceptionally(error);
        }

        private void cancelTimeout() {
            if (timeoutTask != null) {
                timeoutTask.cancel(false);
            }
        }
    }
}
