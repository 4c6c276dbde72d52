package org.camelmodbus.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.SerialFraming;

/**
 * Hands each request to the handler of its unit id, so that one server can be many devices. Units nobody serves fall
 * to the catch-all handler if there is one; otherwise they are answered with exception 0x0A (gateway path
 * unavailable), which tells a client at once that no device is behind that unit id, instead of letting it time out.
 * Handlers come and go while the server runs (routes start and stop).
 */
public final class UnitDispatcher implements PeerAwareHandler {
    private final AtomicReferenceArray<ModbusRequestHandler> units = new AtomicReferenceArray<>(256);
    private volatile ModbusRequestHandler catchAll;

    /**
     * Serves {@code unitIds} with {@code handler}, or every unit id no other handler claims when {@code unitIds} is
     * empty. Fails, claiming nothing, when another handler already serves one of them.
     */
    public synchronized void register(List<Integer> unitIds, ModbusRequestHandler handler) {
        if (unitIds.isEmpty()) {
            if (catchAll != null) {
                throw new IllegalStateException("another route already serves every unit id that has no route of"
                        + " its own; give this one unitIds");
            }
            catchAll = handler;
            return;
        }
        List<Integer> taken = new ArrayList<>();
        for (int unitId : unitIds) {
            if (units.get(unitId) != null) {
                taken.add(unitId);
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalStateException("unit ids " + taken + " are already served by another route");
        }
        unitIds.forEach(unitId -> units.set(unitId, handler));
    }

    /** Stops serving the unit ids {@code handler} was registered with. */
    public synchronized void unregister(ModbusRequestHandler handler) {
        if (catchAll == handler) {
            catchAll = null;
        }
        for (int unitId = 0; unitId < units.length(); unitId++) {
            units.compareAndSet(unitId, handler, null);
        }
    }

    /** Whether a handler serves {@code unitId}: its own, or the catch-all. */
    public boolean serves(int unitId) {
        return units.get(unitId) != null || catchAll != null;
    }

    /** Whether no unit id is served any more. */
    public synchronized boolean isEmpty() {
        if (catchAll != null) {
            return false;
        }
        for (int unitId = 0; unitId < units.length(); unitId++) {
            if (units.get(unitId) != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * This dispatcher as a serial line's devices: there unit id 0 is a broadcast, and every device on the line carries
     * it out, so each handler gets it once (with unit id 0) unless one serves unit 0 itself. On Modbus TCP unit id 0
     * often just means "the device", so {@link #handle} leaves it to the unit's own handler or the catch-all.
     */
    public ModbusRequestHandler onSerialLine() {
        return (PeerAwareHandler) (unitId, request, peer) ->
                unitId == SerialFraming.BROADCAST && units.get(SerialFraming.BROADCAST) == null
                        ? broadcast(request, peer)
                        : handle(unitId, request, peer);
    }

    /** Hands a broadcast to every handler once; nobody answers a broadcast, so only the last answer is returned. */
    private CompletionStage<ModbusResponse> broadcast(ModbusRequest request, Object peer) {
        Set<ModbusRequestHandler> handlers = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int unitId = 0; unitId < units.length(); unitId++) {
            ModbusRequestHandler handler = units.get(unitId);
            if (handler != null) {
                handlers.add(handler);
            }
        }
        ModbusRequestHandler all = catchAll;
        if (all != null) {
            handlers.add(all);
        }
        CompletionStage<ModbusResponse> last = CompletableFuture.completedFuture(
                new ExceptionResponse(request.functionCode(), ExceptionCode.GATEWAY_PATH_UNAVAILABLE));
        for (ModbusRequestHandler handler : handlers) {
            last = handler.handle(SerialFraming.BROADCAST, request, peer);
        }
        return last;
    }

    @Override
    public CompletionStage<ModbusResponse> handle(int unitId, ModbusRequest request, Object peer) {
        ModbusRequestHandler handler = units.get(unitId);
        if (handler == null) {
            handler = catchAll;
        }
        if (handler == null) {
            return CompletableFuture.completedFuture(
                    new ExceptionResponse(request.functionCode(), ExceptionCode.GATEWAY_PATH_UNAVAILABLE));
        }
        return handler.handle(unitId, request, peer);
    }
}
