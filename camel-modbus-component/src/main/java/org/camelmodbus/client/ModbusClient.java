package org.camelmodbus.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusLimits;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadDeviceIdentificationRequest;
import org.camelmodbus.protocol.RequestCodec;
import org.camelmodbus.protocol.ResponseCodec;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.transport.FrameListener;
import org.camelmodbus.transport.ModbusConnection;
import org.camelmodbus.transport.ModbusTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asynchronous Modbus client for one device. Requests wait in a bounded queue, served round-robin by source
 * ({@link FairQueue}); at most {@link ModbusClientOptions#maxInFlight()} are on the wire at once, no faster than the
 * {@link Pacer} allows, and responses are matched by transaction id. A unit that keeps timing out is parked by its
 * circuit breaker ({@link UnitBreakers}) while the other units are served. Every request ends: with its response, or
 * with a typed exception (timeout, exception response, connection lost, rejected, unit unavailable). The client
 * connects on demand and, after a failed attempt, waits a doubling, capped delay before the next one; requests that
 * arrive during that wait fail at once rather than queue behind a dead device.
 *
 * <p>Nothing here blocks: callers get a future, the transport's I/O thread completes it, and paced requests are sent
 * by a wake-up on the scheduler.
 */
public final class ModbusClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusClient.class);

    private final ModbusTransport transport;
    private final ModbusClientOptions options;
    private final ScheduledExecutorService scheduler;
    private final String device;

    // All mutable state below is guarded by "this"; futures are completed and frames sent outside the lock.
    private final FairQueue queue = new FairQueue();
    private final InFlight inFlight;
    private final Pacer pacer;
    private final UnitBreakers breakers;
    /** Sends what the pacer held back, when it lets the next request go. */
    private final Alarm wakeup;
    /** Fails what timed out: one alarm for the earliest deadline instead of a timer per request. */
    private final Alarm timeouts;

    private long sequence;
    private ModbusConnection connection;
    private boolean connecting;
    private boolean closed;
    private long reconnectDelayNanos;
    private long nextAttemptNanos;
    private Throwable lastConnectFailure;

    private final ModbusClientStats stats = new ModbusClientStats();
    private final List<ModbusClientListener> listeners = new CopyOnWriteArrayList<>();

    // for status(): written on completion, outside the lock
    private volatile long lastSuccessMillis;
    private volatile Failure lastFailure;
    private final PendingRequest.Recorder recorder = this::ended;
    /** The options of the last {@link #send(int, ModbusRequest, Duration)}, reused while the timeout stays the same. */
    private volatile RequestOptions plainOptions = RequestOptions.of(Duration.ZERO);

    private record Failure(long atMillis, String message) {}

    public ModbusClient(ModbusTransport transport, ModbusClientOptions options, ScheduledExecutorService scheduler) {
        this.transport = transport;
        this.options = options;
        this.scheduler = scheduler;
        this.device = transport.describe();
        if (transport.serialLine() && options.maxInFlight() != 1) {
            throw new IllegalArgumentException(String.format(
                    "maxInFlight is %d, but %s is a serial line, which carries one request at a time: use 1",
                    options.maxInFlight(), device));
        }
        this.reconnectDelayNanos = options.reconnectDelay().toNanos();
        this.pacer = new Pacer(options.maxRequestsPerSecond(), options.minRequestInterval());
        this.breakers = new UnitBreakers(options.breaker(), device);
        this.inFlight = new InFlight(options.maxInFlight());
        this.wakeup = new Alarm(scheduler, this::wakeUp);
        this.timeouts = new Alarm(scheduler, this::expire);
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

    /** The circuit breaker state of {@code unitId}; always CLOSED while the breaker is off. */
    public synchronized BreakerState breakerState(int unitId) {
        return breakers.state(unitId);
    }

    /** Running totals of the requests' outcomes, for monitoring. */
    public ModbusClientStats stats() {
        return stats;
    }

    /** {@code listener} hears of every attempt's end and every retry from now on. */
    public void addListener(ModbusClientListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ModbusClientListener listener) {
        listeners.remove(listener);
    }

    /** A snapshot of the connection, the queue, the last outcomes and the units' breakers. */
    public ModbusClientStatus status() {
        long success = lastSuccessMillis;
        Failure failure = lastFailure;
        synchronized (this) {
            return new ModbusClientStatus(
                    device,
                    connection != null,
                    lastConnectFailure == null || connection != null ? null : lastConnectFailure.getMessage(),
                    success == 0 ? null : Instant.ofEpochMilli(success),
                    failure == null ? null : Instant.ofEpochMilli(failure.atMillis()),
                    failure == null ? null : failure.message(),
                    queue.size(),
                    inFlight.size(),
                    breakers.snapshot(System.nanoTime()));
        }
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
        RequestOptions how = plainOptions;
        if (!how.timeout().equals(timeout)) {
            how = RequestOptions.of(timeout);
            plainOptions = how;
        }
        return send(unitId, request, how);
    }

    /**
     * Sends like {@link #send(int, ModbusRequest, Duration)}, trying again as {@code policy} allows. Each attempt has
     * its own timeout; the future ends with the last attempt's outcome.
     */
    public CompletableFuture<ModbusResponse> send(
            int unitId, ModbusRequest request, Duration timeout, RetryPolicy policy) {
        return send(unitId, request, RequestOptions.of(timeout).withRetry(policy));
    }

    /**
     * Sends {@code request} to {@code unitId} with the timeout, retry policy, source and poll flag of {@code how}.
     * Each attempt's timeout runs from the moment it is handed to the client, time in the queue and before the pacer
     * lets it go included.
     */
    public CompletableFuture<ModbusResponse> send(int unitId, ModbusRequest request, RequestOptions how) {
        ModbusLimits.checkUnitId(unitId);
        if (how.retryPolicy().retries() == 0) {
            return sendOnce(unitId, request, how);
        }
        CompletableFuture<ModbusResponse> result = new CompletableFuture<>();
        attempt(unitId, request, how, 1, result);
        return result;
    }

    /**
     * Reads device identification, following the device's "more follows" continuations and merging all objects into
     * one result. With a stream code (basic, regular, extended) {@code first} usually starts at object 0x00; with
     * {@link org.camelmodbus.protocol.ReadDeviceIdCode#SPECIFIC} it reads one object. Each request of the stream is
     * sent like {@link #send(int, ModbusRequest, RequestOptions)}, with its own timeout.
     */
    public CompletableFuture<DeviceIdentificationResult> readDeviceIdentification(
            int unitId, ReadDeviceIdentificationRequest first, RequestOptions how) {
        return DeviceIdentificationStream.read(
                device + " unit " + unitId, first, request -> send(unitId, request, how));
    }

    /** {@link #readDeviceIdentification(int, ReadDeviceIdentificationRequest, RequestOptions)} with a retry policy. */
    public CompletableFuture<DeviceIdentificationResult> readDeviceIdentification(
            int unitId, ReadDeviceIdentificationRequest first, Duration timeout, RetryPolicy policy) {
        return readDeviceIdentification(
                unitId, first, RequestOptions.of(timeout).withRetry(policy));
    }

    /** {@link #readDeviceIdentification(int, ReadDeviceIdentificationRequest, RequestOptions)} without retries. */
    public CompletableFuture<DeviceIdentificationResult> readDeviceIdentification(
            int unitId, ReadDeviceIdentificationRequest first, Duration timeout) {
        return readDeviceIdentification(unitId, first, RequestOptions.of(timeout));
    }

    private void attempt(
            int unitId,
            ModbusRequest request,
            RequestOptions how,
            int attempt,
            CompletableFuture<ModbusResponse> result) {
        sendOnce(unitId, request, how).whenComplete((response, error) -> {
            if (error == null) {
                result.complete(response);
            } else if (!how.retryPolicy().shouldRetry(request, error, attempt)) {
                result.completeExceptionally(error);
            } else {
                LOG.debug("{}: retrying after attempt {} failed: {}", device, attempt, error.getMessage());
                stats.retried();
                tell(l -> l.retrying(unitId, request, attempt, error));
                try {
                    scheduler.schedule(
                            () -> attempt(unitId, request, how, attempt + 1, result),
                            how.retryPolicy().delayAfter(attempt).toNanos(),
                            TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException shuttingDown) {
                    result.completeExceptionally(error);
                }
            }
        });
    }

    private CompletableFuture<ModbusResponse> sendOnce(int unitId, ModbusRequest request, RequestOptions how) {
        PendingRequest p = new PendingRequest(
                unitId,
                request,
                RequestCodec.encode(request),
                how.source(),
                how.poll() && !RetryPolicy.changesState(request),
                how.timeout());
        p.recorder = recorder;
        if (unitId == SerialFraming.BROADCAST && transport.serialLine()) {
            try {
                SerialFraming.impliedBroadcastResponse(p.pdu);
            } catch (IllegalArgumentException notAWrite) {
                p.fail(new ModbusRequestRejectedException(device + ": " + notAWrite.getMessage()));
                return p.future;
            }
        }
        boolean startConnect = false;
        PendingRequest toSend = null;
        PendingRequest superseded = null;
        RuntimeException refusal = null;
        synchronized (this) {
            long now = System.nanoTime();
            p.sequence = ++sequence;
            if (closed) {
                refusal = new ModbusRequestRejectedException("client for " + device + " is closed");
            } else {
                refusal = breakers.refusal(unitId, now);
            }
            if (refusal == null && connection == null && !connecting) {
                long wait = nextAttemptNanos - now;
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
            PendingRequest twin = null;
            if (refusal == null) {
                FairQueue.Admission admission = queue.admission(p, options.maxQueued(), options.queueOverflow());
                if (!admission.admitted()) {
                    refusal = queueFull();
                }
                twin = admission.twin();
                superseded = admission.superseded();
                if (superseded != null) {
                    unsent(superseded, now);
                }
            }
            if (refusal == null) {
                timeouts.atOrBefore(p.deadlineNanos, now);
                if (twin != null) {
                    twin.follow(p);
                } else {
                    p.probe = breakers.admit(unitId, now);
                    if (queue.isEmpty() && maySendNow(now)) {
                        toSend = onWire(p, now); // nothing waits: the queue would hand it straight back
                    } else {
                        queue.add(p);
                        toSend = drain();
                    }
                }
            }
        }
        if (refusal != null) {
            p.fail(refusal);
        }
        if (superseded != null) {
            superseded.fail(new ModbusRequestRejectedException(String.format(
                    "%s unit %d: poll %s was superseded: the request queue was full (%d waiting) and it was the"
                            + " oldest poll, dropped unsent to make room for a newer request",
                    device, superseded.unitId, superseded.request.describe(), options.maxQueued())));
        }
        if (startConnect) {
            openConnection();
        }
        transmit(toSend);
        return p.future;
    }

    private ModbusRequestRejectedException queueFull() {
        return new ModbusRequestRejectedException(String.format(
                "%s: request queue is full (%d waiting); the device cannot keep up with the request rate",
                device, queue.size()));
    }

    private void ended(PendingRequest p, Throwable error) {
        long nanos = System.nanoTime() - (p.deadlineNanos - p.timeout.toNanos());
        int unitId = p.unitId;
        ModbusRequest request = p.request;
        if (error == null) {
            lastSuccessMillis = System.currentTimeMillis();
        } else {
            lastFailure = new Failure(System.currentTimeMillis(), error.getMessage());
        }
        stats.ended(error);
        tell(l -> l.requestEnded(unitId, request, nanos, error));
    }

    /** A listener that throws must not keep a request from ending nor the others from hearing of it. */
    private void tell(Consumer<ModbusClientListener> event) {
        for (ModbusClientListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("{}: listener {} failed: {}", device, listener, e.toString());
            }
        }
    }

    @Override
    public void close() {
        List<PendingRequest> abandoned;
        ModbusConnection open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            abandoned = queue.clear();
            abandoned.addAll(inFlight.removeAll());
            open = connection;
            connection = null;
            wakeup.cancel();
            timeouts.cancel();
        }
        for (PendingRequest p : abandoned) {
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
        PendingRequest toSend = null;
        List<PendingRequest> failed = List.of();
        boolean closeIt = false;
        synchronized (this) {
            connecting = false;
            if (failure == null && listener.closed) {
                failure = new ModbusConnectionException(device + " closed the connection as soon as it opened", null);
            }
            if (failure != null) {
                stats.unreachable(System.currentTimeMillis());
                lastConnectFailure = rootCause(failure);
                nextAttemptNanos = System.nanoTime() + reconnectDelayNanos;
                reconnectDelayNanos = Math.min(
                        2 * reconnectDelayNanos, options.reconnectDelayMax().toNanos());
                failed = unsentAll();
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

    /**
     * Moves queued requests onto the wire while the in-flight limit and the pacer allow; when only the pacer holds
     * them back, arms a wake-up for the moment it will let the next one go. Caller holds the lock. Returns the first
     * request to transmit, linked to the others by {@link PendingRequest#nextToSend}, or null.
     */
    private PendingRequest drain() {
        if (connection == null || queue.isEmpty()) {
            return null;
        }
        PendingRequest first = null;
        PendingRequest last = null;
        long now = System.nanoTime();
        while (inFlight.size() < options.maxInFlight() && !queue.isEmpty()) {
            long wait = pacer.delayNanos(now);
            if (wait > 0) {
                wakeup.atOrBefore(now + wait, now);
                break;
            }
            PendingRequest p = onWire(queue.poll(), now);
            if (first == null) {
                first = p;
            } else {
                last.nextToSend = p;
            }
            last = p;
        }
        return first;
    }

    /** Whether a request may go on the wire at once. Caller holds the lock. */
    private boolean maySendNow(long now) {
        return connection != null && inFlight.size() < options.maxInFlight() && pacer.delayNanos(now) <= 0;
    }

    /** Puts {@code p} in flight on the open connection. Caller holds the lock and checked {@link #maySendNow}. */
    private PendingRequest onWire(PendingRequest p, long now) {
        p.connection = connection;
        inFlight.add(p);
        pacer.sent(now);
        return p;
    }

    private void wakeUp() {
        PendingRequest toSend;
        synchronized (this) {
            wakeup.rang();
            toSend = drain();
        }
        transmit(toSend);
    }

    /** Sends {@code first} and the requests linked after it, outside the lock. */
    private static void transmit(PendingRequest first) {
        for (PendingRequest p = first; p != null; ) {
            PendingRequest next = p.nextToSend;
            p.nextToSend = null;
            p.connection.send(new MbapFrame(p.transactionId, p.unitId, p.pdu));
            p = next;
        }
    }

    /** Times out every request whose deadline passed, and arms the alarm for the next deadline. */
    private void expire() {
        Expiry expiry;
        synchronized (this) {
            timeouts.rang();
            expiry = new Expiry(System.nanoTime());
            queue.forEach(expiry);
            inFlight.forEach(expiry);
            if (expiry.pending) {
                timeouts.atOrBefore(expiry.next, expiry.now);
            }
        }
        expiry.expired.forEach(this::timeout);
    }

    /** Sorts requests (and the polls merged into them) into timed out and not yet, noting the next deadline. */
    private static final class Expiry implements Consumer<PendingRequest> {
        final long now;
        final List<PendingRequest> expired = new ArrayList<>();
        boolean pending;
        long next;

        Expiry(long now) {
            this.now = now;
        }

        @Override
        public void accept(PendingRequest p) {
            check(p);
            if (p.followers != null) {
                p.followers.forEach(this::check);
            }
        }

        private void check(PendingRequest p) {
            if (p.deadlineNanos - now <= 0) {
                expired.add(p);
            } else if (!pending || p.deadlineNanos - next < 0) {
                pending = true;
                next = p.deadlineNanos;
            }
        }
    }

    /** {@code p} leaves the client without reaching its unit. Caller holds the lock. */
    private void unsent(PendingRequest p, long now) {
        if (p.probe) {
            breakers.probeAborted(p.unitId, now);
        }
    }

    /** Empties the queue of requests that will never be sent. Caller holds the lock. */
    private List<PendingRequest> unsentAll() {
        List<PendingRequest> all = queue.clear();
        long now = System.nanoTime();
        all.forEach(p -> unsent(p, now));
        return all;
    }

    /** Requests taken out of the queue because their unit was just parked, and what they fail with. */
    private record Parked(List<PendingRequest> requests, ModbusUnitUnavailableException reason) {
        static final Parked NONE = new Parked(List.of(), null);

        void fail() {
            for (int i = 0; i < requests.size(); i++) {
                requests.get(i).fail(reason);
            }
        }
    }

    /**
     * {@code p}, on the wire, timed out or was reported failed by a gateway: tells the unit's breaker, and if that
     * parks the unit, takes its waiting requests out of the queue. Caller holds the lock.
     */
    private Parked unitFailed(PendingRequest p, long now) {
        if (!breakers.timedOut(p.unitId, p.probe, now)) {
            return Parked.NONE;
        }
        return new Parked(queue.removeUnit(p.unitId), breakers.unavailable(p.unitId, now));
    }

    private void timeout(PendingRequest p) {
        PendingRequest toSend = null;
        Parked parked = Parked.NONE;
        ModbusConnection unanswered = null;
        boolean neverSent = false;
        synchronized (this) {
            long now = System.nanoTime();
            if (p.leader != null) {
                if (!p.leader.unfollow(p)) {
                    return;
                }
            } else if (queue.remove(p)) {
                unsent(p, now);
                neverSent = true;
            } else if (inFlight.remove(p)) {
                pacer.ended(now);
                parked = unitFailed(p, now);
                unanswered = p.connection;
            } else {
                return;
            }
            if (unanswered == null) {
                toSend = drain();
            }
        }
        p.fail(new ModbusTimeoutException(device, p.unitId, p.request, p.timeout, !neverSent));
        parked.fail();
        // Caught in the middle of a frame, the connection is out of step and closes; what waits goes out on the next.
        if (unanswered != null && !unanswered.closeIfMidFrame()) {
            synchronized (this) {
                toSend = drain();
            }
        }
        transmit(toSend);
    }

    private void received(Listener listener, MbapFrame frame) {
        PendingRequest p;
        PendingRequest toSend;
        Parked parked = Parked.NONE;
        synchronized (this) {
            long now = System.nanoTime();
            p = inFlight.remove(frame.transactionId());
            if (p != null) {
                // a connection counts as working once it answers, not when it opens
                listener.answered = true;
                reconnectDelayNanos = options.reconnectDelay().toNanos();
                pacer.ended(now);
                if (frame.unitId() != p.unitId) {
                    unsent(p, now);
                } else if (isGatewayTimeout(frame.pdu())) {
                    parked = unitFailed(p, now);
                } else {
                    breakers.answered(p.unitId);
                }
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
        parked.fail();
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

    /** A gateway's exception 0x0A (no path to the unit) or 0x0B (the unit did not answer): a timeout by proxy. */
    private static boolean isGatewayTimeout(byte[] pdu) {
        if (pdu.length != 2 || (pdu[0] & 0x80) == 0) {
            return false;
        }
        int code = pdu[1] & 0xFF;
        return code == ExceptionCode.GATEWAY_PATH_UNAVAILABLE.code()
                || code == ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND.code();
    }

    private void connectionClosed(Listener listener, Throwable cause) {
        List<PendingRequest> lost;
        List<PendingRequest> unsent = List.of();
        boolean reconnect;
        synchronized (this) {
            if (connection != listener.opened) {
                return;
            }
            long now = System.nanoTime();
            connection = null;
            lost = inFlight.removeAll();
            if (!lost.isEmpty()) {
                pacer.ended(now);
                lost.forEach(p -> unsent(p, now));
            }
            if (listener.answered) {
                // Requests still queued deserve one immediate attempt on a fresh connection.
                reconnect = !closed && !queue.isEmpty() && !connecting;
                connecting |= reconnect;
            } else {
                // A device that accepts connections but drops them unanswered gets the same backoff as one that
                // refuses them, instead of a reconnect loop.
                reconnect = false;
                stats.unreachable(System.currentTimeMillis());
                lastConnectFailure = new ModbusConnectionException(
                        device + " closed the connection without answering"
                                + (cause == null ? "" : " (" + rootCause(cause).getMessage() + ")"),
                        cause);
                nextAttemptNanos = now + reconnectDelayNanos;
                reconnectDelayNanos = Math.min(
                        2 * reconnectDelayNanos, options.reconnectDelayMax().toNanos());
                unsent = unsentAll();
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
}
