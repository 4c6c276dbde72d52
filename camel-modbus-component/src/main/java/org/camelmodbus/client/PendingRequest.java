package org.camelmodbus.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.transport.ModbusConnection;

/** One request of a {@link ModbusClient}, from send to its end. The plain fields are guarded by the client's lock. */
final class PendingRequest {
    final int unitId;
    final ModbusRequest request;
    final byte[] pdu;
    final String source;
    /** A poll that changes nothing on the device: the only kind that may be dropped or merged. */
    final boolean droppable;

    final Duration timeout;
    /** When the request times out, a {@link System#nanoTime()} value. */
    final long deadlineNanos;

    final CompletableFuture<ModbusResponse> future = new CompletableFuture<>();
    /**
     * Polls merged into this one; they share its outcome. Created on the first merge; completed outside the lock,
     * hence thread-safe.
     */
    List<PendingRequest> followers;

    long sequence;
    int transactionId = -1;
    ModbusConnection connection;
    /** Whether this request probes its unit's half-open breaker. */
    boolean probe;
    /** For a merged poll, the waiting twin it joined. */
    PendingRequest leader;
    /** The next request to put on the wire after this one, in the batch a drain hands over. */
    PendingRequest nextToSend;
    /** Told the outcome before the future completes, so that whoever the future wakes sees it recorded. */
    Recorder recorder;

    /** Hears how a request ended: answered if {@code error} is null. */
    interface Recorder {
        void ended(PendingRequest request, Throwable error);
    }

    PendingRequest(int unitId, ModbusRequest request, byte[] pdu, String source, boolean droppable, Duration timeout) {
        this.unitId = unitId;
        this.request = request;
        this.pdu = pdu;
        this.source = source;
        this.droppable = droppable;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** Whether {@code other} asks exactly what this poll asks, so one answer serves both. */
    boolean isTwinOf(PendingRequest other) {
        return droppable && other.droppable && unitId == other.unitId && Arrays.equals(pdu, other.pdu);
    }

    /** Merges {@code poll} into this one. Caller holds the client's lock. */
    void follow(PendingRequest poll) {
        if (followers == null) {
            followers = new CopyOnWriteArrayList<>();
        }
        poll.leader = this;
        followers.add(poll);
    }

    /** Takes a merged poll back out; false if it was not (or no longer) merged here. Caller holds the lock. */
    boolean unfollow(PendingRequest poll) {
        return followers != null && followers.remove(poll);
    }

    void complete(ModbusResponse response) {
        if (recorder != null && !future.isDone()) {
            recorder.ended(this, null);
        }
        future.complete(response);
        List<PendingRequest> merged = followers;
        if (merged != null) {
            merged.forEach(f -> f.complete(response));
        }
    }

    void fail(Throwable error) {
        if (recorder != null && !future.isDone()) {
            recorder.ended(this, error);
        }
        future.completeExceptionally(error);
        List<PendingRequest> merged = followers;
        if (merged != null) {
            merged.forEach(f -> f.fail(error));
        }
    }
}
