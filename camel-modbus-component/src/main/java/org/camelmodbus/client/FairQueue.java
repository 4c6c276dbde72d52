package org.camelmodbus.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
