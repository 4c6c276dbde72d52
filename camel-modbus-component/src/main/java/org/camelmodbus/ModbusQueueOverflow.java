package org.camelmodbus;

import org.camelmodbus.client.QueueOverflow;

/** What a request that finds its device's queue full does, named as in the URI. */
public enum ModbusQueueOverflow {
    /** It fails at once with a ModbusRequestRejectedException. */
    fail(QueueOverflow.FAIL),
    /**
     * The oldest poll waiting makes room for it and fails with a ModbusRequestRejectedException saying it was
     * superseded; with no poll waiting, the new request fails.
     */
    dropOldestPoll(QueueOverflow.DROP_OLDEST_POLL),
    /** A poll that finds the identical poll waiting joins it and gets the same answer; anything else fails. */
    mergePoll(QueueOverflow.MERGE_POLL);

    private final QueueOverflow policy;

    ModbusQueueOverflow(QueueOverflow policy) {
        this.policy = policy;
    }

    public QueueOverflow policy() {
        return policy;
    }
}
