package org.camelmodbus.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
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
    final CompletableFuture<ModbusResponse> future = new CompletableFuture<>();
    /** Polls merged into this one; they share its outcome. Completed outside the lock, hence thread-safe. */
    final List<PendingRequest> followers = new CopyOnWriteArrayList<>();

    volatile ScheduledFuture<?> timeoutTask;
    long sequence;
    int transactionId = -1;
    ModbusConnection connection;
    /** Whether this request probes its unit's half-open breaker. */
    boolean probe;
    /** For a merged poll, the waiting twin it joined. */
    PendingRequest leader;

    PendingRequest(int unitId, ModbusRequest request, byte[] pdu, String source, boolean droppable, Duration timeout) {
        this.unitId = unitId;
        this.request = request;
        this.pdu = pdu;
        this.source = source;
        this.droppable = droppable;
        this.timeout = timeout;
    }

    /** Whether {@code other} asks exactly what this poll asks, so one answer serves both. */
    boolean isTwinOf(PendingRequest other) {
        return droppable && other.droppable && unitId == other.unitId && Arrays.equals(pdu, other.pdu);
    }

    void complete(ModbusResponse response) {
        cancelTimeout();
        future.complete(response);
        followers.forEach(f -> f.complete(response));
    }

    void fail(Throwable error) {
        cancelTimeout();
        future.completeExceptionally(error);
        followers.forEach(f -> f.fail(error));
    }

    private void cancelTimeout() {
        ScheduledFuture<?> task = timeoutTask;
        if (task != null) {
            task.cancel(false);
        }
    }
}
