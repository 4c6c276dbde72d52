package org.camelmodbus.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.RequestCodec;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.junit.jupiter.api.Test;

/** Round-robin service by source, and the searches the overflow policies and the breaker rely on. */
class FairQueueTest {
    private final FairQueue queue = new FairQueue();
    private long sequence;

    @Test
    void sourcesAreServedInTurnAndEachInItsOwnOrder() {
        add("a", 1, 1);
        add("a", 1, 2);
        add("a", 1, 3);
        add("b", 1, 10);
        add("c", 1, 20);
        add("b", 1, 11);
        assertThat(drain()).containsExactly("a1", "b10", "c20", "a2", "b11", "a3");
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.poll()).isNull();
    }

    @Test
    void aSourceThatComesBackJoinsAtTheEndOfTheRound() {
        add("a", 1, 1);
        add("a", 1, 2);
        add("b", 1, 10);
        assertThat(queue.poll().source).isEqualTo("a");
        assertThat(queue.poll().source).isEqualTo("b");
        add("b", 1, 11); // b had nothing left and comes back behind a
        assertThat(drain()).containsExactly("a2", "b11");
    }

    @Test
    void removingTheLastRequestOfASourceTakesItOutOfTheRound() {
        PendingRequest only = add("a", 1, 1);
        add("b", 1, 10);
        assertThat(queue.hasWaiting("a")).isTrue();
        assertThat(queue.remove(only)).isTrue();
        assertThat(queue.remove(only)).isFalse();
        assertThat(queue.hasWaiting("a")).isFalse();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(drain()).containsExactly("b10");
    }

    @Test
    void theOldestDroppablePollIsFoundAcrossSourcesAndWritesAreNeverCandidates() {
        add("w", write(1), false);
        PendingRequest oldPoll = add("b", read(5), true);
        add("a", read(6), true);
        add("a", read(7), false);
        assertThat(queue.oldestDroppable("x", 1)).isSameAs(oldPoll);
        queue.remove(oldPoll);
        assertThat(queue.oldestDroppable("x", 1).pdu)
                .isEqualTo(RequestCodec.encode(new ReadHoldingRegistersRequest(6, 1)));
    }

    @Test
    void onlyTheOwnSourceOrSourcesHoldingEnoughAreVictims() {
        PendingRequest quiet = add("quiet", read(1), true);
        PendingRequest flood = add("flood", read(2), true);
        add("flood", read(3), true);
        add("flood", read(4), true);
        assertThat(queue.oldestDroppable("flood", 4)).isSameAs(flood); // its own, though younger than quiet's
        assertThat(queue.oldestDroppable("other", 3)).isSameAs(flood); // flood holds 3
        assertThat(queue.oldestDroppable("other", 1)).isSameAs(quiet);
        assertThat(queue.oldestDroppable("other", 4)).isNull();
        assertThat(queue.waiting("flood")).isEqualTo(3);
        assertThat(queue.waiting("nobody")).isZero();
        assertThat(queue.anySourceHolds(3)).isTrue();
        assertThat(queue.anySourceHolds(4)).isFalse();
    }

    @Test
    void aTwinAsksExactlyTheSameOfTheSameUnitAndBothArePolls() {
        PendingRequest poll = add("a", read(5), true);
        assertThat(queue.twinOf(pending("b", 1, read(5), true))).isSameAs(poll);
        assertThat(queue.twinOf(pending("b", 2, read(5), true))).isNull(); // another unit
        assertThat(queue.twinOf(pending("b", 1, read(6), true))).isNull(); // another address
        assertThat(queue.twinOf(pending("b", 1, read(5), false))).isNull(); // not a poll
    }

    @Test
    void removeUnitTakesOutEveryRequestOfThatUnitOldestFirst() {
        add("a", 7, 1);
        add("b", 1, 2);
        add("b", 7, 3);
        add("a", 7, 4);
        List<PendingRequest> removed = queue.removeUnit(7);
        assertThat(removed).extracting(p -> p.sequence).containsExactly(1L, 3L, 4L);
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.hasWaiting("a")).isFalse();
        assertThat(drain()).containsExactly("b2");
    }

    private PendingRequest add(String source, int unitId, int address) {
        PendingRequest p = pending(source, unitId, read(address), false);
        queue.add(p);
        return p;
    }

    private PendingRequest add(String source, byte[] pdu, boolean poll) {
        PendingRequest p = pending(source, 1, pdu, poll);
        queue.add(p);
        return p;
    }

    private PendingRequest pending(String source, int unitId, byte[] pdu, boolean poll) {
        PendingRequest p =
                new PendingRequest(unitId, RequestCodec.decode(pdu), pdu, source, poll, Duration.ofSeconds(1));
        p.sequence = ++sequence;
        return p;
    }

    private static byte[] read(int address) {
        return RequestCodec.encode(new ReadHoldingRegistersRequest(address, 1));
    }

    private static byte[] write(int address) {
        return RequestCodec.encode(new WriteSingleRegisterRequest(address, 1));
    }

    /** Polls everything, naming each request by source and address. */
    private List<String> drain() {
        List<String> order = new ArrayList<>();
        for (PendingRequest p = queue.poll(); p != null; p = queue.poll()) {
            order.add(p.source + ((ReadHoldingRegistersRequest) p.request).address());
        }
        return order;
    }
}
