package org.camelmodbus.protocol;

/** Bounds-checked big-endian reads over a PDU, failing with a protocol exception instead of an index error. */
final class PduReader {
    private final byte[] pdu;
    private final String what;
    private final ModbusRequest answered;

    PduReader(byte[] pdu, String what) {
        this(pdu, what, null);
    }

    private PduReader(byte[] pdu, String what, ModbusRequest answered) {
        this.pdu = pdu;
        this.what = what;
        this.answered = answered;
    }

    /** A reader of the answer to {@code answered}, named after it only when a message needs the name. */
    static PduReader answerTo(byte[] pdu, ModbusRequest answered) {
        return new PduReader(pdu, null, answered);
    }

    /** What is read, for messages: "Read Holding Registers response". */
    String what() {
        return what != null ? what : answered.functionName() + " response";
    }

    int length() {
        return pdu.length;
    }

    int u8(int offset) {
        require(offset + 1);
        return pdu[offset] & 0xFF;
    }

    int u16(int offset) {
        require(offset + 2);
        return ((pdu[offset] & 0xFF) << 8) | (pdu[offset + 1] & 0xFF);
    }

    /** Fails unless the PDU has exactly {@code expected} bytes. */
    void expectLength(int expected, ExceptionCode replyCode) {
        if (pdu.length != expected) {
            throw new ModbusProtocolException(
                    String.format("%s: expected %d bytes, got %d", what(), expected, pdu.length), replyCode);
        }
    }

    private void require(int needed) {
        if (pdu.length < needed) {
            throw new ModbusProtocolException(
                    String.format("%s: truncated, needs at least %d bytes, got %d", what(), needed, pdu.length),
                    ExceptionCode.ILLEGAL_DATA_VALUE);
        }
    }
}
