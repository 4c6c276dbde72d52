package org.camelmodbus.protocol;

/**
 * Character timing of a serial line (Modbus over Serial Line V1.02, 2.5.1.1): frames are separated by at least 3.5
 * character times of silence and a frame must not pause longer than 1.5 character times. Above 19200 baud both are
 * fixed, at 1.75 ms and 0.75 ms, so that fast lines do not need sub-millisecond timers.
 *
 * @param characterNanos time one character takes on the wire, start, data, parity and stop bits included
 * @param interCharacterNanos the 1.5-character limit (t1.5)
 * @param interFrameNanos the 3.5-character silent interval (t3.5)
 */
public record SerialTiming(long characterNanos, long interCharacterNanos, long interFrameNanos) {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * @param baudRate bits per second
     * @param dataBits 7 or 8
     * @param parity whether a parity bit is sent (even or odd)
     * @param stopBits 1 or 2 (1.5 counts as 2)
     */
    public static SerialTiming of(int baudRate, int dataBits, boolean parity, int stopBits) {
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baud rate must be positive, got " + baudRate);
        }
        int bits = 1 + dataBits + (parity ? 1 : 0) + stopBits;
        long character = Math.round((double) bits * NANOS_PER_SECOND / baudRate);
        if (baudRate > 19200) {
            return new SerialTiming(character, 750_000L, 1_750_000L);
        }
        return new SerialTiming(character, character * 3 / 2, character * 7 / 2);
    }

    /** Time {@code characters} take on the wire. */
    public long wireNanos(int characters) {
        return characters * characterNanos;
    }
}
