package org.camelmodbus.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * A serial-line frame found in a buffer: the unit id and PDU it carries, and where in the buffer it lay, so that the
 * caller can drop what came before (noise) and the frame itself. The PDU array is handed over, not copied.
 *
 * @param start index of the frame's first byte
 * @param end index after its last byte
 */
public record SerialFrame(int unitId, byte[] pdu, int start, int end) {
    public SerialFrame {
        Objects.requireNonNull(pdu, "pdu");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SerialFrame f
                && f.unitId == unitId
                && Arrays.equals(f.pdu, pdu)
                && f.start == start
                && f.end == end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(unitId, Arrays.hashCode(pdu), start, end);
    }

    @Override
    public String toString() {
        return "SerialFrame[unit=" + unitId + ", pdu=" + HexFormatting.hex(pdu) + ", bytes " + start + ".." + end + "]";
    }
}
