package org.camelmodbus.client;

/**
 * What a client does with a request that finds its device's queue full. Only polls (reads sent with
 * {@link RequestOptions#asPoll()}) are ever dropped or merged; writes, and requests that might change the device,
 * are never. A request that is neither admitted nor merged fails at once with a {@link ModbusRequestRejectedException}.
 */
public enum QueueOverflow {
    /** Refuse the new request. */
    FAIL,
    /**
     * Make room by dropping the oldest poll still waiting, which fails with a {@link ModbusRequestRejectedException}
     * saying it was superseded; with no poll waiting, refuse the new request.
     */
    DROP_OLDEST_POLL,
    /**
     * A new poll that finds the identical poll (same unit, same request) waiting joins it and completes with the same
     * outcome; anything else is refused.
     */
    MERGE_POLL
}
