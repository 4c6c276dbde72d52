package org.camelmodbus.client;

/**
 * What a client does with a request that finds its device's queue full. Only polls (reads sent with
 * {@link RequestOptions#asPoll()}) are ever dropped or merged; writes, and requests that might change the device,
 * are never. Whatever the policy, a request from a source with nothing waiting is still admitted while another source
 * has two or more waiting, so that a flooding source cannot lock the others out. A request that is neither admitted
 * nor merged fails at once with a {@link ModbusRequestRejectedException}.
 */
public enum QueueOverflow {
    /** Refuse the new request. */
    FAIL,
    /**
     * Make room by dropping the oldest poll still waiting, which fails with a {@link ModbusRequestRejectedException}
     * saying it was superseded; with no such poll, refuse the new request. The poll dropped is the new request's
     * source's own, or one of a source with at least as many requests waiting: a flood never evicts the polls of a
     * quieter source.
     */
    DROP_OLDEST_POLL,
    /**
     * A new poll that finds the identical poll (same unit, same request) waiting joins it and completes with the same
     * outcome; anything else is refused.
     */
    MERGE_POLL
}
