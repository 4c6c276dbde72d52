package org.camelmodbus.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Modbus ASCII frames: ':' then unit id, PDU and LRC as upper-case hex digit pairs, then CR LF; at most 513 characters.
 * A ':' always starts a new frame, abandoning an unfinished one, as the specification asks of receivers.
 */
final class AsciiFraming implements SerialFraming {
    static final AsciiFraming INSTANCE = new AsciiFraming();

    static final int MAX_FRAME = 513;

    private static final byte START = ':';
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private AsciiFraming() {}

    @Override
    public String name() {
        return "ascii";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public int maxFrameLength() {
        return MAX_FRAME;
    }

    /** The LRC of {@code length} bytes from {@code offset}: the two's complement of their sum, modulo 256. */
    public static int lrc(byte[] data, int offset, int length) {
        int sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += data[i] & 0xFF;
        }
        return -sum & 0xFF;
    }

    @Override
    public byte[] encode(int unitId, byte[] pdu) {
        byte[] binary = new byte[pdu.length + 2];
        binary[0] = (byte) unitId;
        System.arraycopy(pdu, 0, binary, 1, pdu.length);
        binary[binary.length - 1] = (byte) lrc(binary, 0, binary.length - 1);
        byte[] frame = new byte[binary.length * 2 + 3];
        frame[0] = START;
        for (int i = 0; i < binary.length; i++) {
            frame[1 + 2 * i] = HEX[(binary[i] & 0xF0) >>> 4];
            frame[2 + 2 * i] = HEX[binary[i] & 0x0F];
        }
        frame[frame.length - 2] = CR;
        frame[frame.length - 1] = LF;
        return frame;
    }

    @Override
    public SerialFrame findResponse(byte[] buffer, int length, int unitId, byte[] requestPdu) {
        int function = requestPdu[0] & 0x7F;
        for (SerialFrame f = next(buffer, 0, length); f != null; f = next(buffer, f.end(), length)) {
            if (f.unitId() == unitId && (f.pdu()[0] & 0x7F) == function) {
                return f;
            }
        }
        return null;
    }

    @Override
    public SerialFrame findRequest(byte[] buffer, int length) {
        return next(buffer, 0, length);
    }

    /** The first intact frame that starts at or after {@code from}, or null. */
    private static SerialFrame next(byte[] b, int from, int length) {
        int start = indexOf(b, START, from, length);
        while (start >= 0) {
            int end = start + 1;
            while (end < length && b[end] != START && b[end] != LF) {
                end++;
            }
            if (end >= length) {
                return null; // unfinished
            }
            if (b[end] == START) {
                start = end; // a new frame abandons this one
                continue;
            }
            SerialFrame frame = decode(b, start, end + 1);
            if (frame != null) {
                return frame;
            }
            start = indexOf(b, START, end + 1, length);
        }
        return null;
    }

    /** The frame {@code b[start, end)}, from ':' to LF, or null if it is malformed or its LRC is wrong. */
    private static SerialFrame decode(byte[] b, int start, int end) {
        int digits = end - start - 3; // without ':' and CR LF
        if (b[end - 2] != CR || digits < 6 || digits % 2 != 0 || end - start > MAX_FRAME) {
            return null;
        }
        byte[] binary = new byte[digits / 2];
        for (int i = 0; i < binary.length; i++) {
            int high = hexDigit(b[start + 1 + 2 * i]);
            int low = hexDigit(b[start + 2 + 2 * i]);
            if (high < 0 || low < 0) {
                return null;
            }
            binary[i] = (byte) (high << 4 | low);
        }
        if (lrc(binary, 0, binary.length - 1) != (binary[binary.length - 1] & 0xFF)) {
            return null;
        }
        byte[] pdu = new byte[binary.length - 2];
        System.arraycopy(binary, 1, pdu, 0, pdu.length);
        return new SerialFrame(binary[0] & 0xFF, pdu, start, end);
    }

    /** The value of an upper-case hex digit, the only kind the specification allows; -1 for anything else. */
    private static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static int indexOf(byte[] b, byte value, int from, int length) {
        for (int i = from; i < length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
