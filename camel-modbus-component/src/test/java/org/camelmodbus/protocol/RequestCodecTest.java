package org.camelmodbus.protocol;

import static org.camelmodbus.protocol.ExceptionCode.ILLEGAL_DATA_ADDRESS;
import static org.camelmodbus.protocol.ExceptionCode.ILLEGAL_DATA_VALUE;
import static org.camelmodbus.protocol.ExceptionCode.ILLEGAL_FUNCTION;
import static org.camelmodbus.protocol.ProtocolAssertions.assertBytes;
import static org.camelmodbus.protocol.ProtocolAssertions.assertProtocolError;
import static org.camelmodbus.protocol.ProtocolAssertions.bytes;
import static org.camelmodbus.protocol.ProtocolAssertions.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request PDUs as a server decodes them from untrusted bytes: every malformed PDU must fail with a
 * {@link ModbusProtocolException} carrying the exception code the specification's state diagrams prescribe (sections
 * 6.1 to 6.12): 0x01 for a function the server does not know, 0x03 for a bad quantity, byte count or length, 0x02
 * for an address range that leaves the 16-bit address space.
 */
class RequestCodecTest {

    /** One valid PDU of each function: the specification examples. */
    static Stream<Arguments> validRequests() {
        return Stream.of(
                Arguments.of("FC01", "01 00 13 00 13"),
                Arguments.of("FC02", "02 00 C4 00 16"),
                Arguments.of("FC03", "03 00 6B 00 03"),
                Arguments.of("FC04", "04 00 08 00 01"),
                Arguments.of("FC05", "05 00 AC FF 00"),
                Arguments.of("FC06", "06 00 01 00 03"),
                Arguments.of("FC15", "0F 00 13 00 0A 02 CD 01"),
                Arguments.of("FC16", "10 00 01 00 02 04 00 0A 01 02"));
    }

    // ---- length of the whole PDU

    @Test
    void rejectsEmptyPdu() {
        assertProtocolError(() -> RequestCodec.decode(new byte[0]), ILLEGAL_DATA_VALUE, "empty request PDU");
    }

    @Test
    void rejectsPduLongerThan253Bytes() {
        // a well-formed FC16 header followed by 248 bytes: the size check comes first
        byte[] pdu = new byte[254];
        System.arraycopy(bytes("10 00 00 00 7C F8"), 0, pdu, 0, 6);
        assertProtocolError(() -> RequestCodec.decode(pdu), ILLEGAL_DATA_VALUE, "request PDU of 254 bytes exceeds 253");
        assertProtocolError(() -> RequestCodec.decode(new byte[1000]), ILLEGAL_DATA_VALUE, "1000 bytes exceeds 253");
    }

    @Test
    void accepts253BytePdu() {
        // FC15 with 1968 coils: 6 + 246 = 252 bytes; FC16 with 123 registers: 6 + 246 = 252 bytes.
        // Neither function can reach 253, so the longest legal request is 252 bytes and passes the size check.
        byte[] coils = new byte[252];
        System.arraycopy(bytes("0F 00 00 07 B0 F6"), 0, coils, 0, 6);
        assertEquals(1968, ((AddressedRequest) RequestCodec.decode(coils)).quantity());
        byte[] registers = new byte[252];
        System.arraycopy(bytes("10 00 00 00 7B F6"), 0, registers, 0, 6);
        assertEquals(123, ((AddressedRequest) RequestCodec.decode(registers)).quantity());
    }

    // ---- function code

    @ParameterizedTest(name = "function code 0x{0}")
    @ValueSource(strings = {"00", "09", "0C", "14", "15", "41", "64", "7F", "80", "81", "83", "90", "AB", "FF"})
    void rejectsUnsupportedFunctionCodeWithIllegalFunction(String fc) {
        // 0x0C (get comm event log), 0x14/0x15 (file records) and the user-defined codes 0x41, 0x64 are valid
        // Modbus but not modelled here; 0x80 and above are exception flags, never a request
        byte[] pdu = bytes(fc + " 00 00 00 01");
        assertProtocolError(() -> RequestCodec.decode(pdu), ILLEGAL_FUNCTION, "unsupported function code 0x" + fc);
        // the function code is judged before the length: a lone unknown byte is still Illegal Function
        assertProtocolError(() -> RequestCodec.decode(bytes(fc)), ILLEGAL_FUNCTION, "0x" + fc);
    }

    // ---- truncation and trailing bytes

    static Stream<Arguments> truncations() {
        return validRequests().flatMap(a -> {
            String name = (String) a.get()[0];
            byte[] pdu = bytes((String) a.get()[1]);
            return IntStream.range(1, pdu.length)
                    .mapToObj(n -> Arguments.of(name, n, Arrays.copyOf(pdu, n), pdu.length));
        });
    }

    @ParameterizedTest(name = "{0} cut to {1} bytes")
    @MethodSource("truncations")
    void rejectsTruncatedRequest(String name, int length, byte[] truncated, int fullLength) {
        // up to the fixed header (5 bytes, 6 for FC15/16) the reader reports what it needed;
        // past it, the length the byte count implies
        int header = truncated[0] == 0x0F || truncated[0] == 0x10 ? 6 : 5;
        String detail = length < header
                ? "truncated, needs at least " + (length < 5 ? (length < 3 ? 3 : 5) : 6) + " bytes, got " + length
                : "expected " + fullLength + " bytes, got " + length;
        assertProtocolError(() -> RequestCodec.decode(truncated), ILLEGAL_DATA_VALUE, "request", detail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void rejectsTrailingBytes(String name, String hex) {
        byte[] pdu = bytes(hex);
        for (int extra = 1; extra <= 3; extra++) {
            byte[] longer = concat(pdu, new byte[extra]);
            assertProtocolError(
                    () -> RequestCodec.decode(longer),
                    ILLEGAL_DATA_VALUE,
                    "request: expected " + pdu.length + " bytes, got " + longer.length);
        }
    }

    // ---- quantity

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            FC01 quantity 0         | 01 00 00 00 00             | Read Coils: quantity 0 is out of range 1..2000
            FC01 quantity 2001      | 01 00 00 07 D1             | Read Coils: quantity 2001 is out of range 1..2000
            FC01 quantity 65535     | 01 00 00 FF FF             | quantity 65535 is out of range 1..2000
            FC02 quantity 0         | 02 00 00 00 00             | Read Discrete Inputs: quantity 0 is out of range 1..2000
            FC02 quantity 2001      | 02 00 00 07 D1             | Read Discrete Inputs: quantity 2001 is out of range 1..2000
            FC03 quantity 0         | 03 00 00 00 00             | Read Holding Registers: quantity 0 is out of range 1..125
            FC03 quantity 126       | 03 00 00 00 7E             | Read Holding Registers: quantity 126 is out of range 1..125
            FC04 quantity 0         | 04 00 00 00 00             | Read Input Registers: quantity 0 is out of range 1..125
            FC04 quantity 126       | 04 00 00 00 7E             | Read Input Registers: quantity 126 is out of range 1..125
            FC15 quantity 0         | 0F 00 00 00 00 00          | Write Multiple Coils: quantity 0 is out of range 1..1968
            FC16 quantity 0         | 10 00 00 00 00 00          | Write Multiple Registers: quantity 0 is out of range 1..123
            """)
    void rejectsQuantityOutOfRangeWithIllegalDataValue(String name, String hex, String message) {
        assertProtocolError(() -> RequestCodec.decode(bytes(hex)), ILLEGAL_DATA_VALUE, message);
    }

    @Test
    void rejectsWriteMultipleCoilsQuantity1969() {
        // 1969 coils need 247 bytes, a consistent byte count; the PDU (253 bytes) is within the size limit
        byte[] pdu = new byte[6 + 247];
        System.arraycopy(bytes("0F 00 00 07 B1 F7"), 0, pdu, 0, 6);
        assertProtocolError(
                () -> RequestCodec.decode(pdu),
                ILLEGAL_DATA_VALUE,
                "Write Multiple Coils: quantity 1969 is out of range 1..1968");
    }

    @Test
    void rejectsWriteMultipleRegistersQuantity124() {
        // 124 registers with their 248 data bytes would make a 254-byte PDU, which the size check already refuses;
        // the quantity check itself is reached with a consistent byte count (0xF8 = 248) but no data
        assertProtocolError(
                () -> RequestCodec.decode(bytes("10 00 00 00 7C F8")),
                ILLEGAL_DATA_VALUE,
                "Write Multiple Registers: quantity 124 is out of range 1..123");
        byte[] full = new byte[6 + 248];
        System.arraycopy(bytes("10 00 00 00 7C F8"), 0, full, 0, 6);
        assertProtocolError(() -> RequestCodec.decode(full), ILLEGAL_DATA_VALUE, "exceeds 253");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            FC01 2000 coils            | 01 00 00 07 D0
            FC02 2000 inputs           | 02 00 00 07 D0
            FC03 125 registers         | 03 00 00 00 7D
            FC04 125 registers         | 04 00 00 00 7D
            FC01 1 coil at 65535       | 01 FF FF 00 01
            FC03 1 register at 65535   | 03 FF FF 00 01
            FC01 2000 coils up to 65535 | 01 F8 30 07 D0
            FC04 125 up to 65535       | 04 FF 83 00 7D
            FC05 OFF at 65535          | 05 FF FF 00 00
            FC06 65535 at 65535        | 06 FF FF FF FF
            """)
    void acceptsBoundaryRequests(String name, String hex) {
        byte[] pdu = bytes(hex);
        assertArrayEquals(pdu, RequestCodec.encode(RequestCodec.decode(pdu)));
    }

    // ---- address range

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            FC01 65535 + 2    | 01 FF FF 00 02                | Read Coils: address 65535 + quantity 2 passes the last address 65535
            FC02 64000 + 2000 | 02 FA 00 07 D0                | Read Discrete Inputs: address 64000 + quantity 2000
            FC03 65500 + 100  | 03 FF DC 00 64                | Read Holding Registers: address 65500 + quantity 100
            FC04 65535 + 125  | 04 FF FF 00 7D                | Read Input Registers: address 65535 + quantity 125
            FC15 65535 + 2    | 0F FF FF 00 02 01 03          | Write Multiple Coils: address 65535 + quantity 2
            FC16 65535 + 2    | 10 FF FF 00 02 04 00 01 00 02 | Write Multiple Registers: address 65535 + quantity 2
            """)
    void rejectsAddressRangePastTheAddressSpaceWithIllegalDataAddress(String name, String hex, String message) {
        assertProtocolError(() -> RequestCodec.decode(bytes(hex)), ILLEGAL_DATA_ADDRESS, message);
    }

    // ---- byte count of the multiple writes

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            FC15 10 coils, count 1     | 0F 00 13 00 0A 01 CD          | Write Multiple Coils: byte count 1 does not match quantity 10 (expected 2)
            FC15 10 coils, count 3     | 0F 00 13 00 0A 03 CD 01 00    | Write Multiple Coils: byte count 3 does not match quantity 10 (expected 2)
            FC15 8 coils, count 2      | 0F 00 00 00 08 02 FF 00       | byte count 2 does not match quantity 8 (expected 1)
            FC15 10 coils, count 0     | 0F 00 13 00 0A 00             | byte count 0 does not match quantity 10 (expected 2)
            FC15 1 coil, count 255     | 0F 00 00 00 01 FF 01          | byte count 255 does not match quantity 1 (expected 1)
            FC16 2 registers, count 3  | 10 00 01 00 02 03 00 0A 01    | Write Multiple Registers: byte count 3 does not match quantity 2 (expected 4)
            FC16 2 registers, count 5  | 10 00 01 00 02 05 00 0A 01 02 00 | Write Multiple Registers: byte count 5 does not match quantity 2 (expected 4)
            FC16 2 registers, count 2  | 10 00 01 00 02 02 00 0A       | byte count 2 does not match quantity 2 (expected 4)
            FC16 65535 registers       | 10 00 00 FF FF FE             | byte count 254 does not match quantity 65535 (expected 131070)
            """)
    void rejectsByteCountInconsistentWithQuantity(String name, String hex, String message) {
        assertProtocolError(() -> RequestCodec.decode(bytes(hex)), ILLEGAL_DATA_VALUE, message);
    }

    @Test
    void rejectsByteCountThatDisagreesWithTheActualLength() {
        // byte count and quantity agree, but the data is one byte short / long
        assertProtocolError(
                () -> RequestCodec.decode(bytes("10 00 01 00 02 04 00 0A 01")),
                ILLEGAL_DATA_VALUE,
                "expected 10 bytes, got 9");
        assertProtocolError(
                () -> RequestCodec.decode(bytes("0F 00 13 00 0A 02 CD 01 00")),
                ILLEGAL_DATA_VALUE,
                "expected 8 bytes, got 9");
    }

    // ---- write single coil value

    @ParameterizedTest(name = "value {0}")
    @ValueSource(strings = {"00 01", "00 FF", "FF FF", "FF 01", "01 00", "80 00", "7F 00", "FE 00"})
    void rejectsWriteSingleCoilValueOtherThanOnOrOff(String value) {
        assertProtocolError(
                () -> RequestCodec.decode(bytes("05 00 AC " + value)),
                ILLEGAL_DATA_VALUE,
                "Write Single Coil: value 0x" + value.replace(" ", "") + " is neither 0xFF00 nor 0x0000");
    }

    // ---- encoding

    @Test
    void encodesLargestWrites() {
        boolean[] states = new boolean[1968];
        states[0] = true;
        states[1967] = true;
        byte[] coils = RequestCodec.encode(new WriteMultipleCoilsRequest(65536 - 1968, BitValues.of(states)));
        assertEquals(252, coils.length);
        assertBytes("0F F8 50 07 B0 F6 01", Arrays.copyOf(coils, 7));
        assertEquals((byte) 0x80, coils[251], "coil 1967 is the top bit of the last byte");
        assertEquals(new WriteMultipleCoilsRequest(65536 - 1968, BitValues.of(states)), RequestCodec.decode(coils));

        int[] values = IntStream.range(0, 123).map(i -> i * 531).toArray();
        byte[] registers = RequestCodec.encode(new WriteMultipleRegistersRequest(0, RegisterValues.of(values)));
        assertEquals(252, registers.length);
        assertBytes("10 00 00 00 7B F6 00 00 02 13", Arrays.copyOf(registers, 10));
        assertArrayEquals(
                values,
                ((WriteMultipleRegistersRequest) RequestCodec.decode(registers))
                        .values()
                        .toArray());
    }

    @Test
    void encodesUnsignedRegisterValues() {
        assertBytes("06 FF FF FF FF", RequestCodec.encode(new WriteSingleRegisterRequest(65535, 65535)));
        assertBytes(
                "10 00 00 00 02 04 80 00 7F FF",
                RequestCodec.encode(new WriteMultipleRegistersRequest(0, RegisterValues.of(0x8000, 0x7FFF))));
    }

    @Test
    void encodesPaddingBitsAsZero() {
        assertBytes(
                "0F 00 00 00 03 01 07",
                RequestCodec.encode(new WriteMultipleCoilsRequest(0, BitValues.of(true, true, true))));
    }

    @Test
    void decodesNonZeroPaddingBitsAsPadding() {
        // padding past the last coil carries no value: 0xFF for 3 coils is the same request as 0x07
        ModbusRequest request = RequestCodec.decode(bytes("0F 00 00 00 03 01 FF"));
        assertEquals(new WriteMultipleCoilsRequest(0, BitValues.of(true, true, true)), request);
        assertBytes("0F 00 00 00 03 01 07", RequestCodec.encode(request));
    }

    @Test
    void decodedRequestDoesNotShareTheInputArray() {
        byte[] pdu = bytes("10 00 01 00 02 04 00 0A 01 02");
        ModbusRequest request = RequestCodec.decode(pdu);
        Arrays.fill(pdu, (byte) 0);
        assertEquals(new WriteMultipleRegistersRequest(1, RegisterValues.of(10, 258)), request);
    }
}
