package org.camelmodbus.transport;

import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.camelmodbus.protocol.SerialFrame;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.server.ModbusRequestHandler;
import org.camelmodbus.server.RequestDispatch;

/**
 * The device's end of a serial line, or of a TCP stream carrying serial frames: finds requests in the bytes that
 * arrive, has the handler answer those addressed to its units and sends each answer once the line has been quiet for
 * 3.5 characters after the request. Broadcasts (unit id 0) are carried out and not answered; requests for other units
 * are ignored, as on a shared bus. Noise and frames that fail their checksum are skipped.
 */
public final class SerialLineResponder {
    private final SerialLineOptions options;
    private final SerialFraming framing;
    private final ModbusRequestHandler handler;
    private final IntPredicate units;
    private final Consumer<byte[]> output;
    private final Delayer delayer;
    private final Object peer;

    // guarded by "this"
    private final byte[] buffer;
    private int length;

    /**
     * @param units the unit ids this end answers
     * @param output writes an answer to the line
     * @param delayer waits out the silent interval before an answer
     * @param peer who is at the other end, for log messages
     */
    public SerialLineResponder(
            SerialLineOptions options,
            ModbusRequestHandler handler,
            IntPredicate units,
            Consumer<byte[]> output,
            Delayer delayer,
            Object peer) {
        this.options = options;
        this.framing = options.framing();
        this.handler = handler;
        this.units = units;
        this.output = output;
        this.delayer = delayer;
        this.peer = peer;
        this.buffer = new byte[2 * framing.maxFrameLength()];
    }

    /** Takes bytes the line delivered, on the transport's reader thread. */
    public void received(byte[] data, int offset, int count) {
        int end = offset + count;
        while (offset < end) {
            synchronized (this) {
                if (length == buffer.length) {
                    drop(length - framing.maxFrameLength()); // the older half cannot start a frame any more
                }
                int n = Math.min(end - offset, buffer.length - length);
                System.arraycopy(data, offset, buffer, length, n);
                length += n;
                offset += n;
            }
            // several requests in one read (a master that does not wait for answers) are served in order
            SerialFrame request;
            while ((request = nextBuffered()) != null) {
                serve(request);
            }
        }
    }

    private synchronized SerialFrame nextBuffered() {
        SerialFrame request = framing.findRequest(buffer, length);
        if (request != null) {
            drop(request.end());
        }
        return request;
    }

    /** The line went quiet: what was received so far will never become a frame. */
    public synchronized void idle() {
        length = 0;
    }

    private void drop(int count) {
        System.arraycopy(buffer, count, buffer, 0, length - count);
        length -= count;
    }

    private void serve(SerialFrame request) {
        boolean broadcast = request.unitId() == SerialFraming.BROADCAST;
        if (!broadcast && !units.test(request.unitId())) {
            return;
        }
        long receivedAt = System.nanoTime();
        RequestDispatch.answer(handler, request.unitId(), request.pdu(), peer).thenAccept(pdu -> {
            if (!broadcast) {
                byte[] frame = framing.encode(request.unitId(), pdu);
                long wait = receivedAt + options.interFrameNanos() - System.nanoTime();
                delayer.after(wait, () -> output.accept(frame));
            }
        });
    }
}
