package org.camelmodbus.protocol;

import java.util.Arrays;

/**
 * How Modbus frames travel on a serial line, or on a TCP stream that carries serial frames: {@link #RTU} (binary, CRC-16,
 * framed by silence) or {@link #ASCII} (hex characters, LRC, framed by ':' and CRLF). Finding a frame in received bytes
 * never throws: noise, a broken checksum or someone else's frame are skipped, and the search goes on in the bytes after
 * them, which is how a receiver gets back in step.
 */
public sealed interface SerialFraming permits RtuFraming, AsciiFraming {
    SerialFraming RTU = RtuFraming.INSTANCE;
    SerialFraming ASCII = AsciiFraming.INSTANCE;

    /** The unit id that addresses every device of a line at once; nobody answers it. */
    int BROADCAST = 0;

    /** The frame that carries {@code pdu} to {@code unitId}. */
    byte[] encode(int unitId, byte[] pdu);

    /**
     * The first complete, intact response in {@code buffer[0, length)} from {@code unitId} to the request {@code
     * requestPdu}, or null while there is none yet.
     */
    SerialFrame findResponse(byte[] buffer, int length, int unitId, byte[] requestPdu);

    /** The first complete, intact request in {@code buffer[0, length)}, to any unit, or null while there is none. */
    SerialFrame findRequest(byte[] buffer, int length);

    /** The longest frame there can be, in bytes: a receiver holding more without a frame is holding noise. */
    int maxFrameLength();

    /** "rtu" or "ascii", for messages and URIs. */
    String name();

    /**
     * The answer a device would give to a broadcast write, which no device gives: a broadcast ends when it has been
     * sent. Broadcasting anything but a write is refused, because nothing comes back to read.
     *
     * @throws IllegalArgumentException for a request that is not a write
     */
    static byte[] impliedBroadcastResponse(byte[] requestPdu) {
        int function = requestPdu.length == 0 ? -1 : requestPdu[0] & 0xFF;
        return switch (function) {
            case 0x05, 0x06, 0x16 -> requestPdu.clone();
            case 0x0F, 0x10 -> Arrays.copyOf(requestPdu, 5);
            default ->
                throw new IllegalArgumentException(String.format(
                        "unit id 0 is the broadcast address of a serial line, which no device answers: only writes"
                                + " (functions 5, 6, 15, 16 and 22) can be broadcast, not function %d",
                        function));
        };
    }
}
