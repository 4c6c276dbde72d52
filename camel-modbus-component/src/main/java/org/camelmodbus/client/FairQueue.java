package org.camelmodbus.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The requests waiting for a device: one FIFO per source, served round-robin, one request per turn. A source whose
 * FIFO was empty joins at the end of the round. With k sources waiting, the n-th request of any source is sent within
 * n rounds of k turns, however many requests another source has queued. Not thread-safe: the client calls it under
 * its lock.
 */
final class FairQueue {
    private final Map<String, ArrayDeque<PendingRequest>> bySource = new HashMap<>();
    /** Sources with requests waiting, the next to serve first. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();

    private int size;

    /**
     * Whether a request may join the queue: as is, merged into a waiting {@code twin}, or after the {@code
     * superseded} poll was taken out to make room.
     */
    record Admission(boolean admitted, PendingRequest twin, PendingRequest superseded) {
        static final Admission ADMIT = new Admission(true, null, null);
        static final Admission REFUSE = new Admission(false, null, null);
    }

    /**
     * Decides whether {@code p} may join a queue bounded by {@code maxQueued}; when the queue is full, as {@code
     * policy} says: a poll merges into its waiting twin, or the oldest poll of {@code p}'s source or of a source with
     * at least as many waiting is dropped (and removed here). Otherwise a request whose source has nothing waiting is
     * still admitted while another source has two or more waiting, so that a flood cannot lock the others out.
     */
    Admission admission(PendingRequest p, int maxQueued, QueueOverflow policy) {
        if (size < maxQueued) {
            return Admission.ADMIT;
        }
        int waiting = waiting(p.source);
        if (policy == QueueOverflow.MERGE_POLL && p.droppable) {
            PendingRequest twin = twinOf(p);
            if (twin != null) {
                return new Admission(true, twin, null);
            }
        }
        if (policy == QueueOverflow.DROP_OLDEST_POLL) {
            PendingRequest victim = oldestDroppable(p.source, waiting + 1);
            if (victim != null) {
                remove(victim);
                return new Admission(true, null, victim);
            }
        }
        return waiting == 0 && anySourceHolds(2) ? Admission.ADMIT : Admission.REFUSE;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Whether {@code source} has a request waiting. */
    boolean hasWaiting(String source) {
        return bySource.containsKey(source);
    }

    /** How many requests {@code source} has waiting. */
    int waiting(String source) {
        ArrayDeque<PendingRequest> fifo = bySource.get(source);
        return fifo == null ? 0 : fifo.size();
    }

    /** Whether some source has at least {@code count} requests waiting. */
    boolean anySourceHolds(int count) {
        return bySource.values().stream().anyMatch(fifo -> fifo.size() >= count);
    }

    void add(PendingRequest p) {
        ArrayDeque<PendingRequest> fifo = bySource.get(p.source);
        if (fifo == null) {
            fifo = new ArrayDeque<>();
            bySource.put(p.source, fifo);
            turns.addLast(p.source);
        }
        fifo.addLast(p);
        size++;
    }

    /** The next request in turn, or null when none waits. */
    PendingRequest poll() {
        String source = turns.pollFirst();
        if (source == null) {
            return null;
        }
        ArrayDeque<PendingRequest> fifo = bySource.get(source);
        PendingRequest p = fifo.pollFirst();
        size--;
        if (fifo.isEmpty()) {
            bySource.remove(source);
        } else {
            turns.addLast(source);
        }
        return p;
    }

    boolean remove(PendingRequest p) {
        ArrayDeque<PendingRequest> fifo = bySource.get(p.source);
        if (fifo == null || !fifo.remove(p)) {
            return false;
        }
        size--;
        if (fifo.isEmpty()) {
            bySource.remove(p.source);
            turns.remove(p.source);
        }
        return true;
    }

    /**
     * The droppable poll that has waited longest among those of {@code source} and of the sources with at least
     * {@code minWaiting} requests waiting, or null.
     */
    PendingRequest oldestDroppable(String source, int minWaiting) {
        PendingRequest oldest = null;
        for (Map.Entry<String, ArrayDeque<PendingRequest>> entry : bySource.entrySet()) {
            if (!entry.getKey().equals(source) && entry.getValue().size() < minWaiting) {
                continue;
            }
            for (PendingRequest p : entry.getValue()) {
                if (p.droppable && (oldest == null || p.sequence < oldest.sequence)) {
                    oldest = p;
                }
            }
        }
        return oldest;
    }

    /** A waiting poll that asks exactly what {@code p} asks, or null. */
    PendingRequest twinOf(PendingRequest p) {
        for (ArrayDeque<PendingRequest> fifo : bySource.values()) {
            for (PendingRequest q : fifo) {
                if (q.isTwinOf(p)) {
                    return q;
                }
            }
        }
        return null;
    }

    /** Hands every waiting request to {@code action}, which must not change the queue. */
    void forEach(Consumer<PendingRequest> action) {
        for (ArrayDeque<PendingRequest> fifo : bySource.values()) {
            fifo.forEach(action);
        }
    }

    /** Removes and returns every request waiting for {@code unitId}, oldest first. */
    List<PendingRequest> removeUnit(int unitId) {
        List<PendingRequest> removed = new ArrayList<>();
        for (ArrayDeque<PendingRequest> fifo : bySource.values()) {
            for (Iterator<PendingRequest> it = fifo.iterator(); it.hasNext(); ) {
                PendingRequest p = it.next();
                if (p.unitId == unitId) {
                    it.remove();
                    removed.add(p);
                }
            }
        }
        size -= removed.size();
        bySource.values().removeIf(ArrayDeque::isEmpty);
        turns.removeIf(source -> !bySource.containsKey(source));
        removed.sort((a, b) -> Long.compare(a.sequence, b.sequence));
        return removed;
    }

    /** Removes and returns everything, oldest first. */
    List<PendingRequest> clear() {
        List<PendingRequest> all = new ArrayList<>(size);
        bySource.values().forEach(all::addAll);
        all.sort((a, b) -> Long.compare(a.sequence, b.sequence));
        bySource.clear();
        turns.clear();
        size = 0;
        return all;
    }
}
