package org.camelmodbus.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Modbus TCP application data unit: MBAP header fields and the PDU bytes. The PDU array is handed over, not
 * copied, because frames only travel between codec and client; neither side changes it afterwards.
 */
public record MbapFrame(int transactionId, int unitId, byte[] pdu) {
    public MbapFrame {
        Objects.requireNonNull(pdu, "pdu");
        new MbapHeader(transactionId, unitId, pdu.length); // validates ranges
    }

    public MbapHeader header() {
        return new MbapHeader(transactionId, unitId, pdu.length);
    }

    public byte[] encode() {
        byte[] adu = new byte[MbapHeader.LENGTH + pdu.length];
        header().encodeInto(adu, 0);
        System.arraycopy(pdu, 0, adu, MbapHeader.LENGTH, pdu.length);
        return adu;
    }

    /** Decodes exactly one complete frame; trailing or missing bytes are an error. */
    public static MbapFrame decode(byte[] adu) {
        MbapHeader header = MbapHeader.decode(adu, 0);
        int expected = MbapHeader.LENGTH + header.pduLength();
        if (adu.length != expected) {
            throw new ModbusProtocolException("MBAP frame announces " + expected + " bytes but has " + adu.length);
        }
        return new MbapFrame(
                header.transactionId(), header.unitId(), Arrays.copyOfRange(adu, MbapHeader.LENGTH, expected));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MbapFrame f
                && f.transactionId == transactionId
                && f.unitId == unitId
                && Arrays.equals(f.pdu, pdu);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * transactionId + unitId) + Arrays.hashCode(pdu);
    }

    @Override
    public String toString() {
        return "MbapFrame[tx=" + transactionId + ", unit=" + unitId + ", pdu=" + HexFormatting.hex(pdu) + "]";
    }
}
