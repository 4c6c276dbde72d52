package org.camelmodbus.protocol;

import java.util.Arrays;

/**
 * Modbus RTU frames: unit id, PDU, CRC-16 low byte first; at most 256 bytes. A frame's length is predicted from its
 * function code and, where the function has one, its byte count, so a receiver knows the frame is complete the moment
 * its last byte arrives instead of waiting for 3.5 characters of silence. Only for functions whose length cannot be
 * predicted (user-defined codes, Diagnostics' Return Query Data) a frame is taken to end where the bytes so far end
 * with their own CRC; a device takes such a request only at the start of what it holds (right after the previous
 * frame or a pause), since any noise would otherwise get that many chances to pass for a frame.
 */
final class RtuFraming implements SerialFraming {
    static final RtuFraming INSTANCE = new RtuFraming();

    static final int MAX_FRAME = 256;

    /** The length is not known yet: more bytes are needed to tell. */
    private static final int NEED_MORE = -1;
    /** The function's length cannot be predicted. */
    private static final int UNKNOWN = -2;

    private RtuFraming() {}

    @Override
    public String name() {
        return "rtu";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public int maxFrameLength() {
        return MAX_FRAME;
    }

    @Override
    public byte[] encode(int unitId, byte[] pdu) {
        byte[] frame = new byte[pdu.length + 3];
        frame[0] = (byte) unitId;
        System.arraycopy(pdu, 0, frame, 1, pdu.length);
        int crc = Crc16.of(frame, 0, pdu.length + 1);
        frame[pdu.length + 1] = (byte) crc;
        frame[pdu.length + 2] = (byte) (crc >>> 8);
        return frame;
    }

    @Override
    public SerialFrame findResponse(byte[] buffer, int length, int unitId, byte[] requestPdu) {
        int function = requestPdu[0] & 0xFF;
        for (int start = 0; start + 4 <= length; start++) {
            if ((buffer[start] & 0xFF) != unitId || (buffer[start + 1] & 0x7F) != function) {
                continue;
            }
            SerialFrame frame = frameAt(buffer, start, length, responseLength(buffer, start, length, requestPdu));
            if (frame != null) {
                return frame;
            }
        }
        return null;
    }

    @Override
    public SerialFrame findRequest(byte[] buffer, int length) {
        for (int start = 0; start + 4 <= length; start++) {
            int function = buffer[start + 1] & 0xFF;
            if (function == 0 || function >= 0x80) {
                continue;
            }
            int predicted = requestLength(buffer, start, length);
            if (predicted == UNKNOWN && start > 0) {
                continue;
            }
            SerialFrame frame = frameAt(buffer, start, length, predicted);
            if (frame != null) {
                return frame;
            }
        }
        return null;
    }

    /** The intact frame of {@code predicted} bytes at {@code start}, if all of it is there and its CRC holds. */
    private static SerialFrame frameAt(byte[] buffer, int start, int length, int predicted) {
        int frameLength = predicted;
        if (predicted == UNKNOWN) {
            frameLength = Math.min(length - start, MAX_FRAME);
        } else if (predicted == NEED_MORE || predicted > MAX_FRAME || start + predicted > length) {
            return null;
        }
        if (!Crc16.matches(buffer, start, frameLength)) {
            return null;
        }
        int end = start + frameLength;
        return new SerialFrame(buffer[start] & 0xFF, Arrays.copyOfRange(buffer, start + 1, end - 2), start, end);
    }

    /**
     * The length of the response frame at {@code s} to {@code requestPdu}, unit id and CRC included; {@link #NEED_MORE}
     * until its byte count has arrived, {@link #UNKNOWN} for functions without a predictable length.
     */
    static int responseLength(byte[] b, int s, int length, byte[] requestPdu) {
        int function = b[s + 1] & 0xFF;
        if ((function & 0x80) != 0) {
            return 5; // unit, function, exception code, CRC
        }
        return switch (function) {
            case 0x01, 0x02, 0x03, 0x04, 0x0C, 0x11, 0x14, 0x15, 0x17 -> byteCounted(b, s, length, 2, 1, 3);
            case 0x05, 0x06, 0x0B, 0x0F, 0x10 -> 8;
            case 0x07 -> 5;
            case 0x08 -> requestPdu.length + 3; // an echo of the request
            case 0x16 -> 10;
            case 0x18 -> byteCounted(b, s, length, 2, 2, 4);
            case 0x2B -> requestPdu.length > 1 && requestPdu[1] == 0x0E ? deviceIdLength(b, s, length) : UNKNOWN;
            default -> UNKNOWN;
        };
    }

    /** The length of the request frame at {@code s}, as {@link #responseLength}. */
    static int requestLength(byte[] b, int s, int length) {
        int function = b[s + 1] & 0xFF;
        return switch (function) {
            case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 -> 8;
            case 0x07, 0x0B, 0x0C, 0x11 -> 4;
            // sub-function and two bytes of data, except Return Query Data (0x0000), which echoes any length
            case 0x08 -> length - s < 4 ? NEED_MORE : b[s + 2] == 0 && b[s + 3] == 0 ? UNKNOWN : 8;
            case 0x0F, 0x10 -> byteCounted(b, s, length, 6, 1, 7);
            case 0x14, 0x15 -> byteCounted(b, s, length, 2, 1, 3);
            case 0x16 -> 10;
            case 0x17 -> byteCounted(b, s, length, 10, 1, 11);
            case 0x18 -> 6;
            case 0x2B -> length - s > 2 && b[s + 2] == 0x0E ? 7 : UNKNOWN;
            default -> UNKNOWN;
        };
    }

    /**
     * A frame whose byte count of {@code width} bytes (1 or 2, big-endian) sits at {@code at} after the start and
     * counts the bytes after {@code header} bytes, before the CRC.
     */
    private static int byteCounted(byte[] b, int s, int length, int at, int width, int header) {
        if (s + at + width > length) {
            return NEED_MORE;
        }
        int count = width == 1 ? b[s + at] & 0xFF : (b[s + at] & 0xFF) << 8 | b[s + at + 1] & 0xFF;
        return header + count + 2;
    }

    /**
     * Read Device Identification: unit, function, MEI type, code, conformity, more follows, next object, object
     * count, then objects of id, length and value.
     */
    private static int deviceIdLength(byte[] b, int s, int length) {
        if (s + 8 > length) {
            return NEED_MORE;
        }
        int objects = b[s + 7] & 0xFF;
        int at = s + 8;
        for (int i = 0; i < objects; i++) {
            if (at + 2 > length) {
                return NEED_MORE;
            }
            at += 2 + (b[at + 1] & 0xFF);
            if (at - s > MAX_FRAME) {
                return at - s; // too long to be a frame
            }
        }
        return at - s + 2;
    }
}
