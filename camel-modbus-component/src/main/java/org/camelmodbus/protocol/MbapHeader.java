package org.camelmodbus.protocol;

/**
 * The 7-byte Modbus Application Protocol header that precedes every PDU on TCP: transaction id (2 bytes), protocol
 * id (2 bytes, always 0), length of what follows (2 bytes: unit id + PDU, 2..254) and unit id (1 byte).
 *
 * @param transactionId 0..65535, echoed by the server so that pipelined responses can be matched
 * @param unitId 0..255, the addressed unit behind a gateway
 * @param pduLength bytes of PDU that follow the header, 1..253
 */
public record MbapHeader(int transactionId, int unitId, int pduLength) {
    public static final int LENGTH = 7;

    public MbapHeader {
        if (transactionId < 0 || transactionId > 0xFFFF) {
            throw new IllegalArgumentException("transaction id " + transactionId + " is out of range 0..65535");
        }
        ModbusLimits.checkUnitId(unitId);
        if (pduLength < 1 || pduLength > ModbusLimits.MAX_PDU_LENGTH) {
            throw new IllegalArgumentException("PDU length " + pduLength + " is out of range 1..253");
        }
    }

    /** Reads and checks a header from untrusted bytes; the length field is checked before anyone allocates for it. */
    public static MbapHeader decode(byte[] bytes, int offset) {
        if (bytes.length - offset < LENGTH) {
            throw new ModbusProtocolException("MBAP header needs 7 bytes, got " + (bytes.length - offset));
        }
        int transactionId = u16(bytes, offset);
        int protocolId = u16(bytes, offset + 2);
        int length = u16(bytes, offset + 4);
        checkFields(protocolId, length);
        return new MbapHeader(transactionId, bytes[offset + 6] & 0xFF, length - 1);
    }

    /** Checks the two fields a receiver must trust before reading on: protocol id 0, length 2..254. */
    public static void checkFields(int protocolId, int lengthField) {
        if (protocolId != 0) {
            throw new ModbusProtocolException(String.format(
                    "MBAP protocol id 0x%04X is not 0 (Modbus); the stream is not Modbus TCP", protocolId));
        }
        if (lengthField < 2 || lengthField > ModbusLimits.MAX_PDU_LENGTH + 1) {
            throw new ModbusProtocolException("MBAP length field " + lengthField + " is out of range 2..254");
        }
    }

    public void encodeInto(byte[] target, int offset) {
        PduWriter.putU16(target, offset, transactionId);
        PduWriter.putU16(target, offset + 2, 0);
        PduWriter.putU16(target, offset + 4, pduLength + 1);
        target[offset + 6] = (byte) unitId;
    }

    private static int u16(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }
}
