package org.camelmodbus.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The requests on the wire, by transaction id. Ids cycle through 1..65535, skipping those still in flight, so a late
 * answer can never match a newer request. The requests are kept in an open-addressing table at most half full, so a
 * lookup is an array read or two, with no boxed key and no map entry per request. Not thread-safe: the client calls
 * it under its lock.
 */
final class InFlight {
    private static final int MAX_TRANSACTION_ID = 0xFFFF;

    private final PendingRequest[] table;
    /** The transaction id of each slot's request, 0 for an empty slot: probing reads no request object. */
    private final int[] ids;

    private final int mask;
    private final int shift;
    private int size;
    private int lastTransactionId;

    /** @param capacity the most requests ever in flight at once, 1..65535 */
    InFlight(int capacity) {
        int length = Integer.highestOneBit(Math.max(1, capacity)) << 2; // a power of two, at least twice capacity
        this.table = new PendingRequest[length];
        this.ids = new int[length];
        this.mask = length - 1;
        this.shift = Integer.SIZE - Integer.numberOfTrailingZeros(length);
    }

    int size() {
        return size;
    }

    /** Gives {@code p} the next transaction id not in flight and records it. Caller ensures room is left. */
    void add(PendingRequest p) {
        int id = lastTransactionId;
        do {
            id = id == MAX_TRANSACTION_ID ? 1 : id + 1;
        } while (indexOf(id) >= 0);
        lastTransactionId = id;
        p.transactionId = id;
        int i = home(id);
        while (ids[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = p;
        ids[i] = id;
        size++;
    }

    /** The request with {@code transactionId}, or null if none is in flight. */
    PendingRequest get(int transactionId) {
        int i = indexOf(transactionId);
        return i < 0 ? null : table[i];
    }

    /** Removes and returns the request with {@code transactionId}, or null if none is in flight. */
    PendingRequest remove(int transactionId) {
        int i = indexOf(transactionId);
        if (i < 0) {
            return null;
        }
        PendingRequest p = table[i];
        removeAt(i);
        return p;
    }

    /** Removes {@code p} if it is in flight, and says whether it was. */
    boolean remove(PendingRequest p) {
        int i = indexOf(p.transactionId);
        if (i < 0 || table[i] != p) {
            return false;
        }
        removeAt(i);
        return true;
    }

    void forEach(Consumer<PendingRequest> action) {
        for (PendingRequest p : table) {
            if (p != null) {
                action.accept(p);
            }
        }
    }

    /** Removes and returns everything, oldest first. */
    List<PendingRequest> removeAll() {
        List<PendingRequest> all = new ArrayList<>(size);
        forEach(all::add);
        all.sort((a, b) -> Long.compare(a.sequence, b.sequence));
        Arrays.fill(table, null);
        Arrays.fill(ids, 0);
        size = 0;
        return all;
    }

    private int indexOf(int transactionId) {
        if (transactionId < 1 || transactionId > MAX_TRANSACTION_ID) {
            return -1; // 0 marks an empty slot; a device may still answer with it
        }
        for (int i = home(transactionId); ; i = (i + 1) & mask) {
            int id = ids[i];
            if (id == transactionId) {
                return i;
            }
            if (id == 0) {
                return -1;
            }
        }
    }

    /**
     * Where the search for {@code transactionId} starts. Consecutive ids are scattered (Fibonacci hashing): placed side
     * by side they would form one long run that every removal has to walk.
     */
    private int home(int transactionId) {
        return (transactionId * 0x9E3779B9) >>> shift;
    }

    /** Empties slot {@code i}, moving back later entries of its probe run so that every lookup still finds them. */
    private void removeAt(int i) {
        table[i] = null;
        ids[i] = 0;
        size--;
        int gap = i;
        for (int j = (i + 1) & mask; ids[j] != 0; j = (j + 1) & mask) {
            int home = home(ids[j]);
            // the entry at j may fill the gap unless its home lies cyclically in (gap, j]
            boolean homeAfterGap = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (!homeAfterGap) {
                table[gap] = table[j];
                ids[gap] = ids[j];
                table[j] = null;
                ids[j] = 0;
                gap = j;
            }
        }
    }
}
