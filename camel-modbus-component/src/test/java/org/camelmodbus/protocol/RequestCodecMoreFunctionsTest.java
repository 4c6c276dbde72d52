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
 * Requests of functions 7, 8, 11, 17, 22, 23, 24 and 43 / 14 as a server decodes them from untrusted bytes: each
 * malformed PDU fails with a {@link ModbusProtocolException} carrying the exception code of the specification's state
 * diagrams (sections 6.7 to 6.21): 0x01 for an unsupported Diagnostics sub-function or MEI type, 0x02 for an address
 * range past 65535, 0x03 for a bad quantity, byte count, Read Device ID code or length.
 */
class RequestCodecMoreFunctionsTest {

    /** One valid PDU of each function whose length is fixed by its header. */
    static Stream<Arguments> fixedLengthRequests() {
        return Stream.of(
                Arguments.of("FC07", "07"),
                Arguments.of("FC11", "0B"),
                Arguments.of("FC17", "11"),
                Arguments.of("FC22", "16 00 04 00 F2 00 25"),
                Arguments.of("FC23", "17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF"),
                Arguments.of("FC24", "18 04 DE"),
                Arguments.of("FC43/14", "2B 0E 01 00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedLengthRequests")
    void decodesAndReencodesUnchanged(String name, String hex) {
        byte[] pdu = bytes(hex);
        assertArrayEquals(pdu, RequestCodec.encode(RequestCodec.decode(pdu)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedLengthRequests")
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

    static Stream<Arguments> truncations() {
        return fixedLengthRequests().flatMap(a -> {
            byte[] pdu = bytes((String) a.get()[1]);
            return IntStream.range(1, pdu.length).mapToObj(n -> Arguments.of(a.get()[0], n, Arrays.copyOf(pdu, n)));
        });
    }

    @ParameterizedTest(name = "{0} cut to {1} bytes")
    @MethodSource("truncations")
    void rejectsTruncatedRequestWithIllegalDataValue(String name, int length, byte[] truncated) {
        assertProtocolError(() -> RequestCodec.decode(truncated), ILLEGAL_DATA_VALUE, "request", "got " + length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            FC22 cut to 6         | 16 00 04 00 F2 00         | Mask Write Register request: expected 7 bytes, got 6
            FC23 cut to 9         | 17 00 03 00 06 00 0E 00 03 | Read/Write Multiple Registers request: truncated, needs at least 10 bytes, got 9
            FC23 cut in the data  | 17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 | Read/Write Multiple Registers request: expected 16 bytes, got 15
            FC24 cut to 2         | 18 04                     | Read FIFO Queue request: expected 3 bytes, got 2
            FC43 without MEI type | 2B                        | Encapsulated Interface Transport request: truncated, needs at least 2 bytes, got 1
            FC43/14 cut to 3      | 2B 0E 01                  | Read Device Identification request: expected 4 bytes, got 3
            FC08 cut to 2         | 08 00                     | Diagnostics request: truncated, needs at least 3 bytes, got 2
            """)
    void namesWhatIsMissing(String name, String hex, String message) {
        assertProtocolError(() -> RequestCodec.decode(bytes(hex)), ILLEGAL_DATA_VALUE, message);
    }

    // ---- 0x08 Diagnostics

    @ParameterizedTest(name = "data [{0}]")
    @ValueSource(strings = {"", "A5", "A5 37", "00 00 00", "FF FF FF FF FF FF FF FF FF FF FF FF FF"})
    void diagnosticsEchoesAnyData(String data) {
        byte[] pdu = bytes("08 00 00 " + data);
        ReturnQueryDataRequest request = (ReturnQueryDataRequest) RequestCodec.decode(pdu);
        assertArrayEquals(bytes(data), request.data());
        assertArrayEquals(pdu, RequestCodec.encode(request));
    }

    @Test
    void diagnosticsTakesUpTo250BytesOfData() {
        byte[] largest = new byte[ModbusLimits.MAX_PDU_LENGTH];
        largest[0] = 0x08;
        Arrays.fill(largest, 3, largest.length, (byte) 0x5A);
        assertEquals(250, ((ReturnQueryDataRequest) RequestCodec.decode(largest)).data().length);
        assertArrayEquals(largest, RequestCodec.encode(RequestCodec.decode(largest)));
        byte[] tooLong = Arrays.copyOf(largest, 254);
        assertProtocolError(() -> RequestCodec.decode(tooLong), ILLEGAL_DATA_VALUE, "request PDU of 254 bytes");
    }

    @ParameterizedTest(name = "sub-function {0}")
    @ValueSource(strings = {"00 01", "00 02", "00 04", "00 0A", "00 0B", "00 14", "01 00", "FF FF"})
    void rejectsOtherDiagnosticsSubFunctionsWithIllegalFunction(String subFunction) {
        // the specification's diagram answers an unsupported sub-function like an unsupported function: 0x01
        assertProtocolError(
                () -> RequestCodec.decode(bytes("08 " + subFunction + " 00 00")),
                ILLEGAL_FUNCTION,
                "Diagnostics: sub-function 0x" + subFunction.replace(" ", "") + " is not supported");
    }

    // ---- 0x16 Mask Write Register

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"16 00 00 00 00 00 00", "16 FF FF FF FF FF FF", "16 FF FF 00 00 FF FF"})
    void maskWriteTakesAnyAddressAndMasks(String hex) {
        assertArrayEquals(bytes(hex), RequestCodec.encode(RequestCodec.decode(bytes(hex))));
    }

    // ---- 0x17 Read/Write Multiple Registers

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            read quantity 0      | 17 00 00 00 00 00 00 00 01 02 00 01 | Read/Write Multiple Registers: read quantity 0 is out of range 1..125
            read quantity 126    | 17 00 00 00 7E 00 00 00 01 02 00 01 | Read/Write Multiple Registers: read quantity 126 is out of range 1..125
            read quantity 65535  | 17 00 00 FF FF 00 00 00 01 02 00 01 | read quantity 65535 is out of range 1..125
            write quantity 0     | 17 00 00 00 01 00 00 00 00 00       | Read/Write Multiple Registers: write quantity 0 is out of range 1..121
            write quantity 122   | 17 00 00 00 01 00 00 00 7A F4       | Read/Write Multiple Registers: write quantity 122 is out of range 1..121
            byte count 3 for 2   | 17 00 00 00 01 00 00 00 02 03 00 01 00 | write byte count 3 does not match quantity 2 (expected 4)
            byte count 0 for 1   | 17 00 00 00 01 00 00 00 01 00       | write byte count 0 does not match quantity 1 (expected 2)
            byte count 255 for 1 | 17 00 00 00 01 00 00 00 01 FF 00 01 | write byte count 255 does not match quantity 1 (expected 2)
            """)
    void rejectsReadWriteQuantityOrByteCountWithIllegalDataValue(String name, String hex, String message) {
        assertProtocolError(() -> RequestCodec.decode(bytes(hex)), ILLEGAL_DATA_VALUE, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            read past 65535  | 17 FF FF 00 02 00 00 00 01 02 00 01 | Read/Write Multiple Registers: read address 65535 + quantity 2 passes the last address 65535
            write past 65535 | 17 00 00 00 01 FF FF 00 02 04 00 01 00 02 | Read/Write Multiple Registers: write address 65535 + quantity 2 passes the last address 65535
            """)
    void rejectsReadWriteAddressRangeWithIllegalDataAddress(String name, String hex, String message) {
        assertProtocolError(() -> RequestCodec.decode(bytes(hex)), ILLEGAL_DATA_ADDRESS, message);
    }

    @Test
    void checksReadWriteQuantitiesBeforeAddresses() {
        // both ranges leave the address space and the read quantity is bad: 0x03 wins, as in the state diagram
        assertProtocolError(
                () -> RequestCodec.decode(bytes("17 FF FF 00 7E FF FF 00 02 04 00 01 00 02")),
                ILLEGAL_DATA_VALUE,
                "read quantity 126");
    }

    @Test
    void acceptsTheLargestReadWrite() {
        // read 125 up to 65535, write 121 up to 65535: 10 + 242 = 252 bytes
        byte[] pdu = new byte[252];
        System.arraycopy(bytes("17 FF 83 00 7D FF 87 00 79 F2"), 0, pdu, 0, 10);
        ReadWriteMultipleRegistersRequest request = (ReadWriteMultipleRegistersRequest) RequestCodec.decode(pdu);
        assertEquals(125, request.readQuantity());
        assertEquals(121, request.writeQuantity());
        assertArrayEquals(pdu, RequestCodec.encode(request));
    }

    // ---- 0x18 Read FIFO Queue

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"18 00 00", "18 FF FF"})
    void fifoTakesAnyPointerAddress(String hex) {
        assertArrayEquals(bytes(hex), RequestCodec.encode(RequestCodec.decode(bytes(hex))));
    }

    // ---- 0x2B / 0x0E Read Device Identification

    @ParameterizedTest(name = "MEI type 0x{0}")
    @ValueSource(strings = {"00", "0D", "0F", "FF"})
    void rejectsOtherMeiTypesWithIllegalFunction(String meiType) {
        // 0x0D is CANopen General Reference, valid Modbus but not served here
        assertProtocolError(
                () -> RequestCodec.decode(bytes("2B " + meiType + " 01 00")),
                ILLEGAL_FUNCTION,
                "MEI type 0x" + meiType + " is not supported");
        // judged before the length, as the function code is
        assertProtocolError(() -> RequestCodec.decode(bytes("2B " + meiType)), ILLEGAL_FUNCTION, "MEI type");
    }

    @ParameterizedTest(name = "code 0x{0}")
    @ValueSource(strings = {"00", "05", "80", "FF"})
    void rejectsReadDeviceIdCodeOutside1To4WithIllegalDataValue(String code) {
        assertProtocolError(
                () -> RequestCodec.decode(bytes("2B 0E " + code + " 00")),
                ILLEGAL_DATA_VALUE,
                "Read Device Identification: read device id code 0x" + code + " is not 0x01..0x04");
    }

    @Test
    void acceptsEveryReadDeviceIdCodeAndObjectId() {
        for (ReadDeviceIdCode code : ReadDeviceIdCode.values()) {
            for (int objectId = 0; objectId <= 0xFF; objectId++) {
                byte[] pdu = {0x2B, 0x0E, (byte) code.code(), (byte) objectId};
                assertEquals(new ReadDeviceIdentificationRequest(code, objectId), RequestCodec.decode(pdu));
                assertArrayEquals(pdu, RequestCodec.encode(new ReadDeviceIdentificationRequest(code, objectId)));
            }
        }
    }

    // ---- raw requests: sent as given, never decoded by a server

    @Test
    void encodesRawRequestsAsGiven() {
        assertBytes("41", RequestCodec.encode(new RawRequest(0x41, new byte[0])));
        assertBytes("64 01 02 03", RequestCodec.encode(new RawRequest(100, bytes("01 02 03"))));
        // a public function sent raw: Diagnostics sub-function 0x000A, clear counters
        assertBytes("08 00 0A 00 00", RequestCodec.encode(new RawRequest(0x08, bytes("00 0A 00 00"))));
        byte[] largest = RequestCodec.encode(new RawRequest(0x7F, new byte[252]));
        assertEquals(253, largest.length);
    }

    @Test
    void aServerRefusesAnUnmodelledFunctionRatherThanDecodingItRaw() {
        assertProtocolError(
                () -> RequestCodec.decode(RequestCodec.encode(new RawRequest(0x41, bytes("00 01")))),
                ILLEGAL_FUNCTION,
                "unsupported function code 0x41");
    }

    @Test
    void decodedRequestsDoNotShareTheInputArray() {
        byte[] diagnostics = bytes("08 00 00 A5 37");
        ModbusRequest echo = RequestCodec.decode(diagnostics);
        byte[] readWrite = bytes("17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF");
        ModbusRequest both = RequestCodec.decode(readWrite);
        Arrays.fill(diagnostics, (byte) 0);
        Arrays.fill(readWrite, (byte) 0);
        assertEquals(new ReturnQueryDataRequest(bytes("A5 37")), echo);
        assertEquals(new ReadWriteMultipleRegistersRequest(3, 6, 14, RegisterValues.of(255, 255, 255)), both);
    }
}
