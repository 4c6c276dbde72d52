package org.camelmodbus.protocol;

/** Big-endian writes shared by the request and response encoders. */
final class PduWriter {
    private PduWriter() {}

    static void putU16(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 8);
        target[offset + 1] = (byte) value;
    }

    /** The five-byte form: function code and two 16-bit fields. */
    static byte[] fixed(int fc, int first, int second) {
        byte[] pdu = new byte[5];
        pdu[0] = (byte) fc;
        putU16(pdu, 1, first);
        putU16(pdu, 3, second);
        return pdu;
    }
}
