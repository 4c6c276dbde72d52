package org.camelmodbus.fuzz;

import java.util.Arrays;

/**
 * Structure-aware inputs for the decoders, written from the specification's byte layouts rather than from this
 * library's model classes, so that the harness covers a function code as soon as the codecs learn it and cannot share
 * a misreading with them. Valid request and response PDUs of every public function code (and of user-defined codes)
 * are the seeds; mutations then break them the ways a broken or hostile peer would: bit flips, boundary bytes
 * (0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF), truncation, extension, inserted and deleted bytes, lying quantity, byte count
 * and MBAP length fields, dirty padding bits, and splices of two inputs. Pure random bytes come on top.
 */
final class ModbusInputs {
    /** Function codes of the Modbus Application Protocol V1.1b3 with a public definition, 43 meaning 43/14. */
    static final int[] PUBLIC_FUNCTION_CODES = {1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 15, 16, 17, 20, 21, 22, 23, 24, 43};

    /** User-defined function codes (65..72, 100..110), which only a raw PDU can carry. */
    static final int[] USER_DEFINED_FUNCTION_CODES = {65, 66, 70, 72, 100, 105, 110};

    private static final int[] BOUNDARY_BYTES = {0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF};
    private static final int[] BOUNDARY_LENGTHS = {0, 1, 2, 3, 253, 254, 255, 256, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF};

    private final Rng r;

    ModbusInputs(Rng r) {
        this.r = r;
    }

    Rng rng() {
        return r;
    }

    /** Mostly public codes, sometimes a user-defined one, rarely anything at all (0, exception-flagged, unassigned). */
    int functionCode() {
        int pick = r.nextInt(32);
        if (pick < 28) {
            return PUBLIC_FUNCTION_CODES[r.nextInt(PUBLIC_FUNCTION_CODES.length)];
        }
        if (pick < 30) {
            return USER_DEFINED_FUNCTION_CODES[r.nextInt(USER_DEFINED_FUNCTION_CODES.length)];
        }
        return r.nextInt(256);
    }

    // ---- requests, as a client sends them

    /** A well-formed request PDU for {@code fc}; for unknown codes, the code and a few bytes. */
    byte[] request(int fc) {
        return switch (fc) {
            case 1, 2 -> addressQuantity(fc, quantity(2000));
            case 3, 4 -> addressQuantity(fc, quantity(125));
            case 5 ->
                Pdu.of(fc).u16(address(1)).u16(r.nextBoolean() ? 0xFF00 : 0).bytes();
            case 6, 22 -> {
                Pdu p = Pdu.of(fc).u16(address(1)).u16(r.nextInt(0x10000));
                yield fc == 22 ? p.u16(r.nextInt(0x10000)).bytes() : p.bytes();
            }
            case 7, 11, 12, 17 -> new byte[] {(byte) fc};
            case 8 -> diagnostics();
            case 15 -> {
                int q = quantity(1968);
                int n = (q + 7) / 8;
                yield Pdu.of(fc)
                        .u16(address(q))
                        .u16(q)
                        .u8(n)
                        .random(n, r)
                        .cleanPadding(q)
                        .bytes();
            }
            case 16 -> {
                int q = quantity(123);
                yield Pdu.of(fc)
                        .u16(address(q))
                        .u16(q)
                        .u8(2 * q)
                        .random(2 * q, r)
                        .bytes();
            }
            case 20, 21 -> fileRecords(fc);
            case 23 -> {
                int rq = quantity(125);
                int wq = quantity(121);
                yield Pdu.of(fc)
                        .u16(address(rq))
                        .u16(rq)
                        .u16(address(wq))
                        .u16(wq)
                        .u8(2 * wq)
                        .random(2 * wq, r)
                        .bytes();
            }
            case 24 -> Pdu.of(fc).u16(r.nextInt(0x10000)).bytes();
            case 43 -> Pdu.of(fc).u8(0x0E).u8(r.between(1, 4)).u8(objectId()).bytes();
            default ->
                Pdu.of(fc).random(r.nextInt(r.nextBoolean() ? 8 : 252), r).bytes();
        };
    }

    private byte[] addressQuantity(int fc, int q) {
        return Pdu.of(fc).u16(address(q)).u16(q).bytes();
    }

    private byte[] diagnostics() {
        int[] subFunctions = {0x00, 0x01, 0x02, 0x03, 0x04, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x14};
        int sub = subFunctions[r.nextInt(subFunctions.length)];
        Pdu p = Pdu.of(8).u16(sub);
        return switch (sub) {
            case 0x00 ->
                p.random(2 * r.between(0, r.nextBoolean() ? 4 : 125), r).bytes();
            case 0x01 -> p.u16(r.nextBoolean() ? 0xFF00 : 0).bytes();
            case 0x03 -> p.u8(r.nextInt(256)).u8(0).bytes();
            default -> p.u16(0).bytes();
        };
    }

    private byte[] fileRecords(int fc) {
        int records = r.between(1, 4);
        Pdu body = Pdu.of(fc).u8(0);
        for (int i = 0; i < records; i++) {
            int length = r.between(1, 8);
            body.u8(6).u16(r.between(1, 0xFFFF)).u16(r.nextInt(10000)).u16(length);
            if (fc == 21) {
                body.random(2 * length, r);
            }
        }
        byte[] pdu = body.bytes();
        pdu[1] = (byte) (pdu.length - 2);
        return pdu;
    }

    // ---- responses, as a server answers a well-formed request

    /** A well-formed answer to {@code request} (as made by {@link #request}), sometimes an exception response. */
    byte[] response(byte[] request) {
        int fc = request[0] & 0xFF;
        if (r.oneIn(8)) {
            int code = r.nextBoolean() ? r.between(1, 11) : r.nextInt(256);
            return new byte[] {(byte) (fc | 0x80), (byte) code};
        }
        return switch (fc) {
            case 1, 2 -> {
                int q = u16(request, 3);
                int n = (q + 7) / 8;
                yield Pdu.of(fc).u8(n).random(n, r).cleanPadding(q).bytes();
            }
            case 3, 4 -> {
                int q = u16(request, 3);
                yield Pdu.of(fc).u8(2 * q).random(2 * q, r).bytes();
            }
            case 5, 6, 8, 22 -> request.clone();
            case 15, 16 -> Arrays.copyOf(request, 5);
            case 7 -> Pdu.of(fc).u8(r.nextInt(256)).bytes();
            case 11 ->
                Pdu.of(fc)
                        .u16(r.nextBoolean() ? 0 : 0xFFFF)
                        .u16(r.nextInt(0x10000))
                        .bytes();
            case 12 -> {
                int events = r.nextInt(65);
                Pdu p = Pdu.of(fc).u8(6 + events).u16(r.nextBoolean() ? 0 : 0xFFFF);
                yield p.u16(r.nextInt(0x10000))
                        .u16(r.nextInt(0x10000))
                        .random(events, r)
                        .bytes();
            }
            case 17 -> {
                int id = r.between(1, 16);
                int extra = r.nextInt(r.nextBoolean() ? 4 : 200);
                yield Pdu.of(fc)
                        .u8(id + 1 + extra)
                        .random(id, r)
                        .u8(r.nextBoolean() ? 0xFF : 0)
                        .random(extra, r)
                        .bytes();
            }
            case 23 -> {
                int q = u16(request, 3);
                yield Pdu.of(fc).u8(2 * q).random(2 * q, r).bytes();
            }
            case 24 -> {
                int count = r.nextInt(32);
                yield Pdu.of(fc)
                        .u16(2 + 2 * count)
                        .u16(count)
                        .random(2 * count, r)
                        .bytes();
            }
            case 43 -> deviceIdentification(request);
            case 20, 21 -> fc == 21 ? request.clone() : readFileRecordResponse();
            default ->
                Pdu.of(fc).random(r.nextInt(r.nextBoolean() ? 8 : 252), r).bytes();
        };
    }

    private byte[] deviceIdentification(byte[] request) {
        int code = request.length > 2 ? request[2] & 0xFF : 1;
        int objects = code == 4 ? 1 : r.between(1, 6);
        int first = request.length > 3 ? request[3] & 0xFF : 0;
        boolean more = r.oneIn(4);
        Pdu p = Pdu.of(43).u8(0x0E).u8(code).u8(new int[] {0x01, 0x02, 0x03, 0x81, 0x82, 0x83}[r.nextInt(6)]);
        p.u8(more ? 0xFF : 0).u8(more ? first + objects : 0).u8(objects);
        for (int i = 0; i < objects && p.length() < 240; i++) {
            int length = r.nextInt(r.nextBoolean() ? 12 : 40);
            p.u8(first + i).u8(length).ascii(Math.min(length, 250 - p.length()), r);
        }
        byte[] pdu = p.bytes();
        return pdu;
    }

    private byte[] readFileRecordResponse() {
        int records = r.between(1, 4);
        Pdu p = Pdu.of(20).u8(0);
        for (int i = 0; i < records; i++) {
            int length = r.between(1, 8);
            p.u8(1 + 2 * length).u8(6).random(2 * length, r);
        }
        byte[] pdu = p.bytes();
        pdu[1] = (byte) (pdu.length - 2);
        return pdu;
    }

    // ---- frames and byte strings

    /** An MBAP frame around {@code pdu} (the length field is as announced only if the PDU fits). */
    static byte[] frame(int transactionId, int unitId, byte[] pdu) {
        byte[] adu = new byte[7 + pdu.length];
        adu[0] = (byte) (transactionId >>> 8);
        adu[1] = (byte) transactionId;
        adu[4] = (byte) ((pdu.length + 1) >>> 8);
        adu[5] = (byte) (pdu.length + 1);
        adu[6] = (byte) unitId;
        System.arraycopy(pdu, 0, adu, 7, pdu.length);
        return adu;
    }

    /** A request or response PDU of any function code, wrapped in a well-formed MBAP header. */
    byte[] validFrame() {
        byte[] request = request(functionCode());
        byte[] pdu = r.nextBoolean() ? request : response(request);
        return frame(
                r.nextInt(0x10000), r.oneIn(4) ? r.nextInt(256) : 1, Arrays.copyOf(pdu, Math.min(pdu.length, 253)));
    }

    byte[] randomBytes(int maxLength) {
        byte[] bytes = new byte[r.nextInt(maxLength + 1)];
        r.nextBytes(bytes, 0, bytes.length);
        return bytes;
    }

    /** Random bytes behind a function code that matters: public, user-defined or exception-flagged. */
    byte[] randomPdu() {
        byte[] pdu = randomBytes(r.nextBoolean() ? 12 : 260);
        if (pdu.length > 0) {
            pdu[0] = (byte) (functionCode() | (r.oneIn(4) ? 0x80 : 0));
        }
        return pdu;
    }

    // ---- mutations

    /** Zero to four mutations; about one input in eight stays as it was. */
    byte[] mutate(byte[] valid, boolean framed) {
        byte[] bytes = valid;
        int mutations = r.oneIn(8) ? 0 : r.between(1, r.nextBoolean() ? 1 : 4);
        for (int m = 0; m < mutations; m++) {
            bytes = switch (r.nextInt(framed ? 11 : 10)) {
                case 0 -> flipBit(bytes);
                case 1, 2 -> substitute(bytes);
                case 3 -> truncate(bytes);
                case 4 -> extend(bytes);
                case 5 -> insertOrDelete(bytes);
                case 6, 7 -> lieAboutALength(bytes, framed ? 7 : 0);
                case 8 -> dirtyPadding(bytes);
                case 9 -> splice(bytes, framed ? validFrame() : request(functionCode()));
                default -> lieInTheMbapHeader(bytes);
            };
        }
        return bytes;
    }

    private byte[] flipBit(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        copy[r.nextInt(copy.length)] ^= (byte) (1 << r.nextInt(8));
        return copy;
    }

    private byte[] substitute(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        copy[r.nextInt(copy.length)] =
                (byte) (r.nextBoolean() ? BOUNDARY_BYTES[r.nextInt(BOUNDARY_BYTES.length)] : r.nextInt(256));
        return copy;
    }

    private byte[] truncate(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        return Arrays.copyOf(bytes, r.nextBoolean() ? bytes.length - 1 : r.nextInt(bytes.length));
    }

    private byte[] extend(byte[] bytes) {
        int extra = r.nextBoolean() ? r.between(1, 3) : r.between(1, 64);
        byte[] copy = Arrays.copyOf(bytes, bytes.length + extra);
        if (r.oneIn(3)) {
            Arrays.fill(copy, bytes.length, copy.length, (byte) BOUNDARY_BYTES[r.nextInt(BOUNDARY_BYTES.length)]);
        } else {
            r.nextBytes(copy, bytes.length, copy.length);
        }
        return copy;
    }

    private byte[] insertOrDelete(byte[] bytes) {
        int at = r.nextInt(bytes.length + 1);
        if (r.nextBoolean() && at < bytes.length) {
            byte[] copy = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, copy, 0, at);
            System.arraycopy(bytes, at + 1, copy, at, copy.length - at);
            return copy;
        }
        byte[] copy = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, copy, 0, at);
        copy[at] = (byte) r.nextInt(256);
        System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
        return copy;
    }

    /**
     * Rewrites a field that says how much follows, relative to the PDU at {@code offset}: a quantity (bytes 3-4), a
     * byte count (byte 1, 2 or 5, or 9 for FC 23), to a boundary value, a value off by a little, or anything.
     */
    private byte[] lieAboutALength(byte[] bytes, int offset) {
        int[] positions = {1, 2, 3, 4, 5, 5, 9};
        int at = offset + positions[r.nextInt(positions.length)];
        if (at >= bytes.length) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        boolean wide = r.nextBoolean() && at + 1 < copy.length;
        int old = wide ? u16(copy, at) : copy[at] & 0xFF;
        int value = switch (r.nextInt(3)) {
            case 0 -> BOUNDARY_LENGTHS[r.nextInt(BOUNDARY_LENGTHS.length)];
            case 1 -> old + r.between(-2, 2);
            default -> r.nextInt(0x10000);
        };
        if (wide) {
            copy[at] = (byte) (value >>> 8);
            copy[at + 1] = (byte) value;
        } else {
            copy[at] = (byte) value;
        }
        return copy;
    }

    /** The MBAP fields a receiver must trust: protocol id (bytes 2-3) and length (4-5). */
    private byte[] lieInTheMbapHeader(byte[] bytes) {
        if (bytes.length < 6) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        int at = r.nextInt(4) == 0 ? 2 : 4;
        int value = switch (r.nextInt(3)) {
            case 0 -> BOUNDARY_LENGTHS[r.nextInt(BOUNDARY_LENGTHS.length)];
            case 1 -> u16(copy, at) + r.between(-2, 2);
            default -> r.nextInt(0x10000);
        };
        copy[at] = (byte) (value >>> 8);
        copy[at + 1] = (byte) value;
        return copy;
    }

    /** Sets high bits of the last byte, where a packed bit string keeps its padding. */
    private byte[] dirtyPadding(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        copy[copy.length - 1] |= (byte) (r.nextInt(256) & (0xFF << r.between(1, 7)));
        return copy;
    }

    /** A prefix of one input followed by a suffix of another: a frame cut short and the next one. */
    byte[] splice(byte[] first, byte[] second) {
        int a = r.nextInt(first.length + 1);
        int b = r.nextInt(second.length + 1);
        byte[] spliced = Arrays.copyOf(first, a + second.length - b);
        System.arraycopy(second, b, spliced, a, second.length - b);
        return spliced;
    }

    // ---- fields

    /** Small quantities, where most bugs hide, the maximum, and anything between. */
    int quantity(int max) {
        return switch (r.nextInt(6)) {
            case 0 -> 1;
            case 1 -> max;
            case 2, 3 -> r.between(1, Math.min(max, 17));
            default -> r.between(1, max);
        };
    }

    /** An address that leaves room for {@code quantity}, often at either end of the address space. */
    int address(int quantity) {
        int last = 0x10000 - quantity;
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> last;
            default -> r.nextInt(last + 1);
        };
    }

    private int objectId() {
        return r.nextBoolean() ? r.nextInt(7) : r.nextInt(256);
    }

    static int u16(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    /** A tiny PDU builder. */
    static final class Pdu {
        private byte[] buf = new byte[16];
        private int length;

        static Pdu of(int fc) {
            return new Pdu().u8(fc);
        }

        Pdu u8(int value) {
            grow(1);
            buf[length++] = (byte) value;
            return this;
        }

        Pdu u16(int value) {
            return u8(value >>> 8).u8(value);
        }

        Pdu random(int n, Rng r) {
            grow(n);
            r.nextBytes(buf, length, length + n);
            length += n;
            return this;
        }

        Pdu ascii(int n, Rng r) {
            grow(n);
            for (int i = 0; i < n; i++) {
                buf[length++] = (byte) r.between(0x20, 0x7E);
            }
            return this;
        }

        /** Zeroes the padding bits after {@code quantity} bits that end the PDU. */
        Pdu cleanPadding(int quantity) {
            if (quantity % 8 != 0) {
                buf[length - 1] &= (byte) ((1 << (quantity % 8)) - 1);
            }
            return this;
        }

        int length() {
            return length;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, length);
        }

        private void grow(int n) {
            if (length + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(2 * buf.length, length + n));
            }
        }
    }
}
