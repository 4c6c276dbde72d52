package org.camelmodbus.transport;

import java.time.Duration;
import java.util.Objects;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.protocol.SerialTiming;

/**
 * How one end of a serial line frames and times its traffic.
 *
 * @param framing RTU or ASCII
 * @param timing the line's character timing, or null on a TCP stream, where the converter at the far end keeps the
 *     serial timing
 * @param echo whether the adapter echoes what it sends (some two-wire RS-485 adapters do): the echo is recognised and
 *     dropped before the answer is read
 * @param turnaround how long a broadcast write keeps the line quiet, so that devices have time to act on it
 */
public record SerialLineOptions(SerialFraming framing, SerialTiming timing, boolean echo, Duration turnaround) {
    public SerialLineOptions {
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(turnaround, "turnaround");
        if (turnaround.isNegative()) {
            throw new IllegalArgumentException("turnaround delay must not be negative, got " + turnaround);
        }
    }

    /** The 3.5-character silence due between frames; zero on a TCP stream. */
    long interFrameNanos() {
        return timing == null ? 0 : timing.interFrameNanos();
    }

    /** How long {@code bytes} take to leave the port; zero on a TCP stream. */
    long wireNanos(int bytes) {
        return timing == null ? 0 : timing.wireNanos(bytes);
    }
}
