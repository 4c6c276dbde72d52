package org.camelmodbus.protocol;

import static org.camelmodbus.protocol.ProtocolAssertions.assertBytes;
import static org.camelmodbus.protocol.ProtocolAssertions.assertIllegalArgument;
import static org.camelmodbus.protocol.ProtocolAssertions.assertProtocolError;
import static org.camelmodbus.protocol.ProtocolAssertions.bytes;
import static org.camelmodbus.protocol.ProtocolAssertions.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The MBAP header and Modbus TCP frame (Modbus Messaging on TCP/IP Implementation Guide V1.0b, section 3.1.3). */
class MbapFrameTest {
    /** Transaction 0x0001, protocol 0, length 6 (unit id + 5 PDU bytes), unit 0xFF, then "read 3 holding registers". */
    private static final String READ_HOLDING_ADU = "00 01 00 00 00 06 FF 03 00 6B 00 03";

    // ---- header

    @Test
    void encodesHeader() {
        byte[] target = new byte[9];
        new MbapHeader(0x0001, 0xFF, 5).encodeInto(target, 1);
        assertBytes("00 00 01 00 00 00 06 FF 00", target);
        assertEquals(7, MbapHeader.LENGTH);
    }

    @Test
    void decodesHeader() {
        assertEquals(new MbapHeader(1, 0xFF, 5), MbapHeader.decode(bytes("00 01 00 00 00 06 FF"), 0));
        // at an offset, ignoring what follows the seven header bytes
        assertEquals(new MbapHeader(0xABCD, 0x11, 253), MbapHeader.decode(bytes("99 AB CD 00 00 00 FE 11 03"), 1));
        assertEquals(new MbapHeader(0xFFFF, 0, 1), MbapHeader.decode(bytes("FF FF 00 00 00 02 00"), 0));
    }

    @ParameterizedTest(name = "tx {0}, unit {1}, PDU length {2}")
    @CsvSource({"0, 0, 1", "1, 255, 5", "65535, 17, 253", "32768, 128, 128"})
    void headerRoundTrips(int transactionId, int unitId, int pduLength) {
        MbapHeader header = new MbapHeader(transactionId, unitId, pduLength);
        byte[] bytes = new byte[MbapHeader.LENGTH];
        header.encodeInto(bytes, 0);
        assertEquals(header, MbapHeader.decode(bytes, 0));
    }

    // ---- frame

    @Test
    void encodesFrame() {
        MbapFrame frame = new MbapFrame(1, 0xFF, RequestCodec.encode(new ReadHoldingRegistersRequest(107, 3)));
        assertBytes(READ_HOLDING_ADU, frame.encode());
        assertEquals(new MbapHeader(1, 0xFF, 5), frame.header());
    }

    @Test
    void decodesFrame() {
        MbapFrame frame = MbapFrame.decode(bytes(READ_HOLDING_ADU));
        assertEquals(1, frame.transactionId());
        assertEquals(0xFF, frame.unitId());
        assertBytes("03 00 6B 00 03", frame.pdu());
        assertEquals(new ReadHoldingRegistersRequest(107, 3), RequestCodec.decode(frame.pdu()));
        assertEquals(new MbapFrame(1, 0xFF, bytes("03 00 6B 00 03")), frame);
    }

    @Test
    void frameRoundTrips() {
        byte[] adu = bytes(READ_HOLDING_ADU);
        assertArrayEquals(adu, MbapFrame.decode(adu).encode());

        byte[] largest = new byte[253];
        Arrays.fill(largest, (byte) 0xA5);
        MbapFrame frame = new MbapFrame(0xFFFF, 0, largest);
        byte[] encoded = frame.encode();
        assertEquals(7 + 253, encoded.length);
        assertBytes("FF FF 00 00 00 FE 00", Arrays.copyOf(encoded, 7));
        assertEquals(frame, MbapFrame.decode(encoded));

        MbapFrame smallest = new MbapFrame(0, 0, bytes("81"));
        assertBytes("00 00 00 00 00 02 00 81", smallest.encode());
        assertEquals(smallest, MbapFrame.decode(smallest.encode()));
    }

    @Test
    void decodedFrameDoesNotShareTheInputArray() {
        byte[] adu = bytes(READ_HOLDING_ADU);
        MbapFrame frame = MbapFrame.decode(adu);
        Arrays.fill(adu, (byte) 0);
        assertBytes("03 00 6B 00 03", frame.pdu());
    }

    @Test
    void equalsComparesPduContent() {
        MbapFrame a = new MbapFrame(7, 1, bytes("03 00 00 00 01"));
        MbapFrame b = new MbapFrame(7, 1, bytes("03 00 00 00 01"));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new MbapFrame(8, 1, bytes("03 00 00 00 01")));
        assertNotEquals(a, new MbapFrame(7, 2, bytes("03 00 00 00 01")));
        assertNotEquals(a, new MbapFrame(7, 1, bytes("03 00 00 00 02")));
        assertEquals("MbapFrame[tx=7, unit=1, pdu=03 00 00 00 01]", a.toString());
    }

    // ---- rejection of untrusted bytes

    @ParameterizedTest(name = "protocol id 0x{0}")
    @ValueSource(strings = {"0001", "0100", "8000", "FFFF"})
    void rejectsProtocolIdOtherThanZero(String protocolId) {
        byte[] adu = bytes("00 01 " + protocolId + " 00 06 FF 03 00 6B 00 03");
        assertProtocolError(() -> MbapFrame.decode(adu), "MBAP protocol id 0x" + protocolId + " is not 0 (Modbus)");
        assertProtocolError(() -> MbapHeader.decode(adu, 0), "protocol id 0x" + protocolId);
    }

    @ParameterizedTest(name = "length field {0}")
    @ValueSource(ints = {0, 1, 255, 256, 65535})
    void rejectsLengthFieldOutOfRange(int length) {
        // 0 and 1 leave no room for unit id and function code; above 254 the PDU would pass 253 bytes
        byte[] adu = new byte[7 + Math.min(length, 300)];
        adu[4] = (byte) (length >> 8);
        adu[5] = (byte) length;
        assertProtocolError(() -> MbapFrame.decode(adu), "MBAP length field " + length + " is out of range 2..254");
        // just the header, as a stream decoder sees it before the body has arrived
        assertProtocolError(() -> MbapHeader.decode(Arrays.copyOf(adu, 7), 0), "length field " + length);
        assertProtocolError(() -> MbapHeader.checkFields(0, length), "length field " + length);
    }

    @Test
    void acceptsLengthFieldBounds() {
        assertDoesNotThrow(() -> MbapHeader.checkFields(0, 2));
        assertDoesNotThrow(() -> MbapHeader.checkFields(0, 254));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 5, 6})
    void rejectsTruncatedHeader(int length) {
        byte[] adu = Arrays.copyOf(bytes(READ_HOLDING_ADU), length);
        assertProtocolError(() -> MbapFrame.decode(adu), "MBAP header needs 7 bytes, got " + length);
        // a header read at an offset counts only the bytes after the offset
        assertProtocolError(
                () -> MbapHeader.decode(concat(bytes("00 00"), adu), 2), "MBAP header needs 7 bytes, got " + length);
    }

    @Test
    void rejectsFrameShorterThanItsLengthField() {
        byte[] adu = bytes(READ_HOLDING_ADU);
        for (int length = 7; length < adu.length; length++) {
            int n = length;
            assertProtocolError(
                    () -> MbapFrame.decode(Arrays.copyOf(adu, n)), "MBAP frame announces 12 bytes but has " + n);
        }
    }

    @Test
    void rejectsFrameLongerThanItsLengthField() {
        assertProtocolError(
                () -> MbapFrame.decode(bytes(READ_HOLDING_ADU + " 00")), "MBAP frame announces 12 bytes but has 13");
        // two pipelined frames in one array are not one frame
        assertProtocolError(
                () -> MbapFrame.decode(bytes(READ_HOLDING_ADU + " " + READ_HOLDING_ADU)),
                "MBAP frame announces 12 bytes but has 24");
    }

    // ---- constructor validation

    @Test
    void headerValidatesItsFields() {
        assertIllegalArgument(() -> new MbapHeader(-1, 0, 5), "transaction id -1 is out of range 0..65535");
        assertIllegalArgument(() -> new MbapHeader(65536, 0, 5), "transaction id 65536 is out of range 0..65535");
        assertIllegalArgument(() -> new MbapHeader(0, -1, 5), "unit id -1 is out of range 0..255");
        assertIllegalArgument(() -> new MbapHeader(0, 256, 5), "unit id 256 is out of range 0..255");
        assertIllegalArgument(() -> new MbapHeader(0, 0, 0), "PDU length 0 is out of range 1..253");
        assertIllegalArgument(() -> new MbapHeader(0, 0, 254), "PDU length 254 is out of range 1..253");
        assertIllegalArgument(() -> ModbusLimits.checkUnitId(300), "unit id 300 is out of range 0..255");
    }

    @Test
    void frameValidatesItsFields() {
        assertIllegalArgument(() -> new MbapFrame(0, 0, new byte[0]), "PDU length 0 is out of range 1..253");
        assertIllegalArgument(() -> new MbapFrame(0, 0, new byte[254]), "PDU length 254");
        assertIllegalArgument(() -> new MbapFrame(70000, 0, bytes("03")), "transaction id 70000");
        assertIllegalArgument(() -> new MbapFrame(0, 256, bytes("03")), "unit id 256");
        assertThrows(NullPointerException.class, () -> new MbapFrame(0, 0, null));
    }
}
