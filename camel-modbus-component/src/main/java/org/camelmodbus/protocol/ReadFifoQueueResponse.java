package org.camelmodbus.protocol;

import java.util.Objects;

/**
 * Answer to {@link ReadFifoQueueRequest}. On the wire: a byte count (two bytes) of what follows, the FIFO count (two
 * bytes), then the queued values, oldest first.
 *
 * @param values 0..31 queued register values, unsigned
 */
public record ReadFifoQueueResponse(RegisterValues values) implements ModbusResponse {
    public ReadFifoQueueResponse {
        Objects.requireNonNull(values, "values");
        if (values.size() > ModbusLimits.MAX_FIFO_COUNT) {
            throw new IllegalArgumentException(String.format(
                    "Read FIFO Queue: FIFO count %d exceeds %d", values.size(), ModbusLimits.MAX_FIFO_COUNT));
        }
    }

    /** Values in the queue, 0..31. */
    public int fifoCount() {
        return values.size();
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_FIFO_QUEUE.code();
    }
}
