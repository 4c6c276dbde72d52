package org.camelmodbus.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How one request is sent.
 *
 * @param timeout how long the request may take from {@link ModbusClient#send(int, org.camelmodbus.protocol.ModbusRequest,
 *     RequestOptions)} on, time spent waiting in the queue or for the pacer included; each retry has its own
 * @param retryPolicy when a failed request is sent again
 * @param source who sends it, for example an endpoint: the client serves the waiting requests of different sources in
 *     turn, so that one busy source cannot starve the others. Use a few stable names (one per endpoint, say): a source
 *     with nothing waiting may exceed the queue bound by one while another floods it
 * @param poll whether the request is a periodic poll, which the client may drop or merge when its queue overflows
 *     (see {@link QueueOverflow}); only requests that change nothing on the device are ever dropped or merged
 */
public record RequestOptions(Duration timeout, RetryPolicy retryPolicy, String source, boolean poll) {
    /** The source of requests that name none; they share one turn. */
    public static final String DEFAULT_SOURCE = "";

    public RequestOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(source, "source");
    }

    /** A request with {@code timeout}, no retries, the default source, not a poll. */
    public static RequestOptions of(Duration timeout) {
        return new RequestOptions(timeout, RetryPolicy.NONE, DEFAULT_SOURCE, false);
    }

    public RequestOptions withRetry(RetryPolicy policy) {
        return new RequestOptions(timeout, policy, source, poll);
    }

    public RequestOptions from(String source) {
        return new RequestOptions(timeout, retryPolicy, source, poll);
    }

    public RequestOptions asPoll() {
        return new RequestOptions(timeout, retryPolicy, source, true);
    }
}
