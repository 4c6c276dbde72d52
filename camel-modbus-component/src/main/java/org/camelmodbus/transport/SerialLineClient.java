package org.camelmodbus.transport;

import java.util.Arrays;
import java.util.function.Consumer;
import org.camelmodbus.protocol.HexFormatting;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.SerialFrame;
import org.camelmodbus.protocol.SerialFraming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's end of a serial line, or of a TCP stream carrying serial frames, whatever moves the bytes: turns the
 * client's frames into RTU or ASCII frames and the bytes that come back into frames for the client. One request is
 * out at a time (the client's maxInFlight is 1), so an answer takes the transaction id of the request it answers.
 *
 * <ul>
 *   <li>The next request waits until the line has been quiet for 3.5 characters after the last byte either way.
 *   <li>An answer is complete when its predicted length has arrived: no timer decides where it ends.
 *   <li>Bytes left from before a request are dropped when it is sent; noise and frames that fail their checksum or
 *       come from another unit are skipped, and the answer is looked for in the bytes after them.
 *   <li>With echo suppression, the copy of the request an adapter echoes back is dropped first.
 *   <li>A broadcast (unit id 0) gets no answer: it is done once sent and the turnaround delay has passed.
 * </ul>
 */
public final class SerialLineClient {
    private static final Logger LOG = LoggerFactory.getLogger(SerialLineClient.class);

    private final SerialLineOptions options;
    private final SerialFraming framing;
    private final FrameListener listener;
    private final Consumer<byte[]> output;
    private final Delayer delayer;
    private final String line;

    // guarded by "this"
    private final byte[] buffer;
    private int length;
    private MbapFrame outstanding;
    private byte[] echo;
    private int echoMatched;
    private long lineQuietAtNanos = System.nanoTime();
    private long sendCount;

    /**
     * @param output writes bytes to the line; a failure there is the transport's to report, by closing
     * @param delayer waits out the silent interval before a request and the turnaround after a broadcast
     * @param line the line in URI form, for log messages
     */
    public SerialLineClient(
            SerialLineOptions options, FrameListener listener, Consumer<byte[]> output, Delayer delayer, String line) {
        this.options = options;
        this.framing = options.framing();
        this.listener = listener;
        this.output = output;
        this.delayer = delayer;
        this.line = line;
        this.buffer = new byte[2 * framing.maxFrameLength()];
    }

    /** Sends a request once the line is quiet; called by the connection's {@link ModbusConnection#send}. */
    public void send(MbapFrame frame) {
        byte[] bytes = framing.encode(frame.unitId(), frame.pdu());
        boolean broadcast = frame.unitId() == SerialFraming.BROADCAST;
        byte[] implied = broadcast ? SerialFraming.impliedBroadcastResponse(frame.pdu()) : null;
        long turn;
        long wait;
        synchronized (this) {
            turn = ++sendCount;
            length = 0;
            outstanding = broadcast ? null : frame;
            echo = options.echo() ? bytes : null;
            echoMatched = 0;
            wait = lineQuietAtNanos - System.nanoTime();
        }
        delayer.after(wait, () -> transmit(turn, frame, bytes, implied));
    }

    private void transmit(long turn, MbapFrame frame, byte[] bytes, byte[] implied) {
        long done;
        synchronized (this) {
            if (turn != sendCount) {
                return; // the request timed out while it waited for the line, and another one took its turn
            }
            done = options.wireNanos(bytes.length)
                    + (implied != null ? options.turnaround().toNanos() : 0);
            lineQuietAtNanos = System.nanoTime() + done + options.interFrameNanos();
        }
        output.accept(bytes);
        if (implied != null) {
            delayer.after(done, () -> {
                synchronized (this) {
                    if (turn != sendCount) {
                        return;
                    }
                }
                listener.onFrame(new MbapFrame(frame.transactionId(), SerialFraming.BROADCAST, implied));
            });
        }
    }

    /** Takes bytes the line delivered, on the transport's reader thread. */
    public void received(byte[] data, int offset, int count) {
        MbapFrame request;
        SerialFrame answer;
        synchronized (this) {
            lineQuietAtNanos = Math.max(lineQuietAtNanos, System.nanoTime() + options.interFrameNanos());
            int i = offset;
            int end = offset + count;
            while (echo != null && i < end) {
                if (data[i] != echo[echoMatched]) {
                    LOG.debug(
                            "{}: expected the echo of the request, got other bytes; reading them as the answer", line);
                    echo = null;
                } else if (++echoMatched == echo.length) {
                    echo = null;
                    i++;
                } else {
                    i++;
                }
            }
            if (outstanding == null || i == end) {
                if (outstanding == null && i < end && LOG.isDebugEnabled()) {
                    LOG.debug("{}: dropping {} bytes nobody asked for", line, end - i);
                }
                return;
            }
            append(data, i, end - i);
            answer = framing.findResponse(buffer, length, outstanding.unitId(), outstanding.pdu());
            if (answer == null) {
                return;
            }
            if (answer.start() > 0) {
                LOG.debug(
                        "{}: skipped {} bytes of noise before the answer: {}",
                        line,
                        answer.start(),
                        HexFormatting.hex(Arrays.copyOf(buffer, answer.start())));
            }
            request = outstanding;
            outstanding = null;
            length = 0;
        }
        listener.onFrame(new MbapFrame(request.transactionId(), answer.unitId(), answer.pdu()));
    }

    /** Keeps the newest bytes when more arrive than any answer can hold: the older ones cannot be part of it. */
    private void append(byte[] data, int offset, int count) {
        if (count >= buffer.length) {
            System.arraycopy(data, offset + count - buffer.length, buffer, 0, buffer.length);
            length = buffer.length;
            return;
        }
        int overflow = length + count - buffer.length;
        if (overflow > 0) {
            System.arraycopy(buffer, overflow, buffer, 0, length - overflow);
            length -= overflow;
        }
        System.arraycopy(data, offset, buffer, length, count);
        length += count;
    }
}
