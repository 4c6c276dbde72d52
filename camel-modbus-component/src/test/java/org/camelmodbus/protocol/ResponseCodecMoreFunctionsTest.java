package org.camelmodbus.protocol;

import static org.camelmodbus.protocol.ProtocolAssertions.assertBytes;
import static org.camelmodbus.protocol.ProtocolAssertions.assertProtocolError;
import static org.camelmodbus.protocol.ProtocolAssertions.bytes;
import static org.camelmodbus.protocol.ProtocolAssertions.concat;
import static org.camelmodbus.protocol.SpecificationExamplesTest.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Responses of functions 7, 8, 11, 17, 22, 23, 24, 43 / 14 and raw PDUs as a client decodes them, against the request
 * they answer: a response that does not fit the request, or breaks the specification, fails with a
 * {@link ModbusProtocolException}, and nothing is allocated for a length the response merely claims.
 */
class ResponseCodecMoreFunctionsTest {
    private static final ModbusRequest EXCEPTION_STATUS = new ReadExceptionStatusRequest();
    private static final ModbusRequest QUERY_DATA = new ReturnQueryDataRequest(bytes("A5 37"));
    private static final ModbusRequest EVENT_COUNTER = new GetCommEventCounterRequest();
    private static final ModbusRequest SERVER_ID = new ReportServerIdRequest();
    private static final ModbusRequest MASK_WRITE = new MaskWriteRegisterRequest(4, 0x00F2, 0x0025);
    private static final ModbusRequest READ_WRITE =
            new ReadWriteMultipleRegistersRequest(3, 6, 14, RegisterValues.of(0x00FF, 0x00FF, 0x00FF));
    private static final ModbusRequest FIFO = new ReadFifoQueueRequest(0x04DE);
    private static final ReadDeviceIdentificationRequest BASIC =
            new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC, 0);
    private static final ModbusRequest RAW = new RawRequest(0x41, bytes("01 02"));

    private static final String BASIC_OBJECTS = "00 16 " + ascii("Company identification") + " 01 0F "
            + ascii("Product code XX") + " 02 05 " + ascii("V2.11");

    /** Each request with a valid response. */
    static Stream<Arguments> validResponses() {
        return Stream.of(
                Arguments.of(EXCEPTION_STATUS, "07 6D"),
                Arguments.of(QUERY_DATA, "08 00 00 A5 37"),
                Arguments.of(EVENT_COUNTER, "0B FF FF 01 08"),
                Arguments.of(SERVER_ID, "11 04 2A FF 01 02"),
                Arguments.of(MASK_WRITE, "16 00 04 00 F2 00 25"),
                Arguments.of(READ_WRITE, "17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF"),
                Arguments.of(FIFO, "18 00 06 00 02 01 B8 12 84"),
                Arguments.of(BASIC, "2B 0E 01 01 00 00 03 " + BASIC_OBJECTS),
                Arguments.of(RAW, "41 03 04 05"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validResponses")
    void decodesAndReencodesUnchanged(ModbusRequest request, String hex) {
        ModbusResponse response = ResponseCodec.decode(bytes(hex), request);
        assertEquals(request.functionCode(), response.functionCode());
        assertBytes(hex, ResponseCodec.encode(response));
    }

    @ParameterizedTest(name = "{1} to {0}")
    @MethodSource("validResponses")
    void rejectsResponseOfAnotherFunction(ModbusRequest request, String hex) {
        validResponses()
                .map(a -> (ModbusRequest) a.get()[0])
                .filter(other -> other.functionCode() != request.functionCode())
                .forEach(other -> assertProtocolError(
                        () -> ResponseCodec.decode(bytes(hex), other),
                        other.functionName() + " response: function code 0x" + hex.substring(0, 2)
                                + " does not match the request's 0x"
                                + String.format("%02X", other.functionCode())));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ExceptionCode.class)
    void decodesExceptionResponsesToEveryFunction(ExceptionCode code) {
        for (Arguments a : validResponses().toList()) {
            ModbusRequest request = (ModbusRequest) a.get()[0];
            int fc = request.functionCode();
            byte[] pdu = {(byte) (fc | 0x80), (byte) code.code()};
            ExceptionResponse response = assertInstanceOf(ExceptionResponse.class, ResponseCodec.decode(pdu, request));
            assertEquals(fc, response.functionCode());
            assertEquals(code.code(), response.exceptionCode());
            assertArrayEquals(pdu, ResponseCodec.encode(response));
            assertProtocolError(
                    () -> ResponseCodec.decode(concat(pdu, bytes("00")), request), "expected 2 bytes, got 3");
        }
    }

    static Stream<Arguments> truncations() {
        // a raw response cut after its function code is still a raw response, with no data
        return validResponses().filter(a -> a.get()[0] != RAW).flatMap(a -> {
            byte[] pdu = bytes((String) a.get()[1]);
            return IntStream.range(0, pdu.length).mapToObj(n -> Arguments.of(a.get()[0], n, Arrays.copyOf(pdu, n)));
        });
    }

    @ParameterizedTest(name = "{0} cut to {1} bytes")
    @MethodSource("truncations")
    void rejectsTruncatedResponse(ModbusRequest request, int length, byte[] truncated) {
        assertProtocolError(() -> ResponseCodec.decode(truncated, request), request.functionName() + " response");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validResponses")
    void rejectsTrailingBytesExceptInRawResponses(ModbusRequest request, String hex) {
        byte[] longer = concat(bytes(hex), bytes("00"));
        if (request == RAW) {
            assertEquals(new RawResponse(0x41, bytes("03 04 05 00")), ResponseCodec.decode(longer, request));
        } else {
            assertProtocolError(() -> ResponseCodec.decode(longer, request), request.functionName() + " response");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validResponses")
    void rejectsResponsesLongerThan253Bytes(ModbusRequest request, String hex) {
        byte[] huge = Arrays.copyOf(bytes(hex), 300);
        assertProtocolError(() -> ResponseCodec.decode(huge, request), request.functionName() + " response");
    }

    // ---- 0x07, 0x0B

    @Test
    void decodesEveryExceptionStatus() {
        for (int status = 0; status <= 0xFF; status++) {
            byte[] pdu = {0x07, (byte) status};
            assertEquals(new ReadExceptionStatusResponse(status), ResponseCodec.decode(pdu, EXCEPTION_STATUS));
        }
    }

    @ParameterizedTest(name = "status {0}")
    @ValueSource(strings = {"00 01", "80 00", "FF FE", "12 34"})
    void rejectsCommEventStatusOtherThanReadyOrBusy(String status) {
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("0B " + status + " 00 00"), EVENT_COUNTER),
                "Get Comm Event Counter response: status 0x" + status.replace(" ", "") + " is neither");
    }

    @Test
    void decodesIdleCommEventCounter() {
        GetCommEventCounterResponse response =
                (GetCommEventCounterResponse) ResponseCodec.decode(bytes("0B 00 00 FF FF"), EVENT_COUNTER);
        assertFalse(response.busy());
        assertEquals(65535, response.eventCount());
    }

    // ---- 0x08

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"08 00 00 A5 38", "08 00 01 A5 37", "08 00 00 A5", "08 00 00 A5 37 00", "08 00 00"})
    void rejectsAnythingButAnExactEcho(String hex) {
        assertProtocolError(
                () -> ResponseCodec.decode(bytes(hex), QUERY_DATA),
                "Diagnostics response: echo [" + hex + "] differs from the request [08 00 00 A5 37]");
    }

    // ---- 0x11

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            byte count 0         | 11 00                | byte count 0 leaves no room for a 1-byte server id and the run indicator
            byte count 1         | 11 01 2A             | byte count 1 leaves no room
            run indicator 0x01   | 11 03 2A 01 00       | run indicator 0x01 after a 1-byte server id is neither 0x00 (OFF) nor 0xFF (ON)
            run indicator 0xFE   | 11 02 2A FE          | run indicator 0xFE
            count past the end   | 11 05 2A FF 01 02    | Report Server ID response: expected 7 bytes, got 6
            count short          | 11 03 2A FF 01 02    | Report Server ID response: expected 5 bytes, got 6
            count 255, no data   | 11 FF                | expected 257 bytes, got 2
            """)
    void rejectsMalformedServerIdAnswer(String name, String hex, String message) {
        assertProtocolError(() -> ResponseCodec.decode(bytes(hex), SERVER_ID), message);
    }

    @Test
    void findsTheRunIndicatorAfterTheServerIdLengthTheRequestExpects() {
        byte[] pdu = bytes("11 05 00 01 FF 07 08");
        // with the default one-byte server id, 0x01 sits where the run indicator should
        assertProtocolError(() -> ResponseCodec.decode(pdu, SERVER_ID), "is the server id longer?");
        ReportServerIdResponse response =
                (ReportServerIdResponse) ResponseCodec.decode(pdu, new ReportServerIdRequest(2));
        assertArrayEquals(bytes("00 01"), response.serverId());
        assertTrue(response.runIndicator());
        assertArrayEquals(bytes("07 08"), response.additionalData());
        assertArrayEquals(pdu, ResponseCodec.encode(response));
    }

    @Test
    void decodesRunIndicatorOffAndNoAdditionalData() {
        assertEquals(
                new ReportServerIdResponse(bytes("2A"), false, new byte[0]),
                ResponseCodec.decode(bytes("11 02 2A 00"), SERVER_ID));
    }

    @Test
    void encodesTheLargestServerIdAnswer() {
        ReportServerIdResponse largest = new ReportServerIdResponse(new byte[1], true, new byte[249]);
        byte[] pdu = ResponseCodec.encode(largest);
        assertEquals(253, pdu.length);
        assertBytes("11 FB 00 FF", Arrays.copyOf(pdu, 4));
        assertEquals(largest, ResponseCodec.decode(pdu, SERVER_ID));
    }

    // ---- 0x16

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"16 00 05 00 F2 00 25", "16 00 04 00 F3 00 25", "16 00 04 00 F2 00 24"})
    void rejectsMaskWriteEchoThatDiffers(String hex) {
        assertProtocolError(
                () -> ResponseCodec.decode(bytes(hex), MASK_WRITE),
                "Mask Write Register response: echo",
                "differs from the request's 0x0004/0x00F2/0x0025");
    }

    // ---- 0x17

    @ParameterizedTest(name = "byte count {0}")
    @ValueSource(ints = {0, 2, 11, 13, 24, 250, 255})
    void rejectsReadWriteByteCountOtherThanRequested(int byteCount) {
        byte[] claimed = new byte[Math.min(2 + byteCount, 253)];
        claimed[0] = 0x17;
        claimed[1] = (byte) byteCount;
        assertProtocolError(
                () -> ResponseCodec.decode(claimed, READ_WRITE),
                "Read/Write Multiple Registers response: byte count " + byteCount
                        + " does not match the 12 bytes requested");
    }

    @Test
    void decodesTheLargestReadWriteAnswer() {
        ReadWriteMultipleRegistersRequest request =
                new ReadWriteMultipleRegistersRequest(0, 125, 0, RegisterValues.of(1));
        int[] values = IntStream.range(0, 125).map(i -> 65535 - i).toArray();
        byte[] pdu = ResponseCodec.encode(new ReadWriteMultipleRegistersResponse(RegisterValues.of(values)));
        assertEquals(252, pdu.length);
        assertArrayEquals(
                values,
                ((ReadWriteMultipleRegistersResponse) ResponseCodec.decode(pdu, request))
                        .registers()
                        .toArray());
    }

    // ---- 0x18

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            FIFO count 32, consistent count | 18 00 42 00 20 | Read FIFO Queue response: FIFO count 32 exceeds 31
            FIFO count 65535                | 18 FF FF FF FF | FIFO count 65535 exceeds 31
            byte count too large            | 18 00 08 00 02 01 B8 12 84 | byte count 8 does not match FIFO count 2 (expected 6)
            byte count too small            | 18 00 04 00 02 01 B8 12 84 | byte count 4 does not match FIFO count 2 (expected 6)
            byte count without FIFO count   | 18 00 00 00 00 | byte count 0 does not match FIFO count 0 (expected 2)
            values missing                  | 18 00 06 00 02 01 B8 | Read FIFO Queue response: expected 9 bytes, got 7
            """)
    void rejectsMalformedFifoAnswer(String name, String hex, String message) {
        assertProtocolError(() -> ResponseCodec.decode(bytes(hex), FIFO), message);
    }

    @Test
    void decodesEmptyAndFullQueues() {
        ReadFifoQueueResponse empty = (ReadFifoQueueResponse) ResponseCodec.decode(bytes("18 00 02 00 00"), FIFO);
        assertEquals(0, empty.fifoCount());
        int[] values = IntStream.range(0, 31).map(i -> i * 2000).toArray();
        byte[] full = ResponseCodec.encode(new ReadFifoQueueResponse(RegisterValues.of(values)));
        assertEquals(5 + 62, full.length);
        assertBytes("18 00 40 00 1F", Arrays.copyOf(full, 5));
        assertArrayEquals(
                values,
                ((ReadFifoQueueResponse) ResponseCodec.decode(full, FIFO))
                        .values()
                        .toArray());
    }

    // ---- 0x2B / 0x0E

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            MEI type 0x0D          | 2B 0D 01 01 00 00 00 | MEI type 0x0D is not 0x0E
            code of another read   | 2B 0E 02 01 00 00 00 | read device id code 0x02 does not match the request's 0x01
            conformity level 0x00  | 2B 0E 01 00 00 00 00 | conformity level 0x00 is none of 0x01..0x03, 0x81..0x83
            conformity level 0x04  | 2B 0E 01 04 00 00 00 | conformity level 0x04
            conformity level 0x80  | 2B 0E 01 80 00 00 00 | conformity level 0x80
            conformity level 0x84  | 2B 0E 01 84 00 00 00 | conformity level 0x84
            conformity level 0xFF  | 2B 0E 01 FF 00 00 00 | conformity level 0xFF
            more follows 0x01      | 2B 0E 01 01 01 00 00 | more follows 0x01 is neither 0x00 nor 0xFF
            one object announced, none sent | 2B 0E 01 01 00 00 01 | announces 1 objects, but the PDU ends after 0
            object cut after its id | 2B 0E 01 01 00 00 01 00 | announces 1 objects, but the PDU ends after 0
            object shorter than its length | 2B 0E 01 01 00 00 01 00 05 41 42 | object 0x00 announces 5 bytes, but only 2 remain
            object length 255      | 2B 0E 01 01 00 00 01 00 FF 41 | object 0x00 announces 255 bytes, but only 1 remain
            bytes after the objects | 2B 0E 01 01 00 00 01 00 01 41 42 | 1 bytes follow the last of the 1 objects
            object id twice        | 2B 0E 01 01 00 00 02 00 01 41 00 01 42 | device identification object VendorName is given twice
            header cut             | 2B 0E 01 01 00 00 | truncated, needs at least 7 bytes, got 6
            """)
    void rejectsMalformedDeviceIdentification(String name, String hex, String message) {
        assertProtocolError(
                () -> ResponseCodec.decode(bytes(hex), BASIC), "Read Device Identification response", message);
    }

    @Test
    void ignoresNextObjectIdUnlessMoreFollows() {
        // "useless" without more to follow: kept out of the model, so it re-encodes as 00
        ReadDeviceIdentificationResponse response =
                (ReadDeviceIdentificationResponse) ResponseCodec.decode(bytes("2B 0E 01 01 00 05 01 00 01 41"), BASIC);
        assertEquals(0, response.nextObjectId());
        assertBytes("2B 0E 01 01 00 00 01 00 01 41", ResponseCodec.encode(response));

        ReadDeviceIdentificationResponse first =
                (ReadDeviceIdentificationResponse) ResponseCodec.decode(bytes("2B 0E 01 81 FF 02 01 00 01 41"), BASIC);
        assertTrue(first.moreFollows());
        assertEquals(2, first.nextObjectId());
        assertTrue(first.individualAccess());
        assertBytes("2B 0E 01 81 FF 02 01 00 01 41", ResponseCodec.encode(first));
    }

    @Test
    void keepsObjectsInTheOrderReceived() {
        ReadDeviceIdentificationResponse response = (ReadDeviceIdentificationResponse) ResponseCodec.decode(
                bytes("2B 0E 03 83 00 00 03 80 02 01 02 02 00 00 01 41"),
                new ReadDeviceIdentificationRequest(ReadDeviceIdCode.EXTENDED, 0x80));
        assertEquals(List.of(0x80, 0x02, 0x00), response.objects().objectIds());
        assertArrayEquals(bytes("01 02"), response.objects().get(0x80).orElseThrow());
        assertEquals("", response.objects().majorMinorRevision().orElseThrow(), "an empty object");
    }

    @Test
    void individualAccessAnswersExactlyTheObjectAsked() {
        ReadDeviceIdentificationRequest productCode =
                new ReadDeviceIdentificationRequest(ReadDeviceIdCode.SPECIFIC, 0x01);
        ReadDeviceIdentificationResponse response = (ReadDeviceIdentificationResponse)
                ResponseCodec.decode(bytes("2B 0E 04 81 00 00 01 01 02 58 59"), productCode);
        assertEquals("XY", response.objects().productCode().orElseThrow());

        assertProtocolError(
                () -> ResponseCodec.decode(bytes("2B 0E 04 81 00 00 01 02 02 58 59"), productCode),
                "individual access to object 0x01 was answered with objects [2]");
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("2B 0E 04 81 00 00 02 01 01 58 02 01 59"), productCode),
                "individual access to object 0x01 was answered with objects [1, 2]");
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("2B 0E 04 81 FF 02 01 01 02 58 59"), productCode),
                "individual access to object 0x01 was answered with objects [1] and more following");
    }

    @Test
    void encodesAResponseThatFillsThePdu() {
        // 7 header bytes + (2 + 244): the largest single object
        DeviceIdentification one =
                DeviceIdentification.builder().add(0x80, new byte[244]).build();
        ReadDeviceIdentificationResponse response =
                new ReadDeviceIdentificationResponse(ReadDeviceIdCode.EXTENDED, 0x83, false, 0, one);
        byte[] pdu = ResponseCodec.encode(response);
        assertEquals(253, pdu.length);
        assertEquals(
                response, ResponseCodec.decode(pdu, new ReadDeviceIdentificationRequest(ReadDeviceIdCode.EXTENDED, 0)));
    }

    // ---- raw

    @Test
    void rawResponsesCarryWhateverFollowsTheFunctionCode() {
        assertEquals(new RawResponse(0x41, new byte[0]), ResponseCodec.decode(bytes("41"), RAW));
        assertEquals(new RawResponse(0x41, bytes("03 04 05")), ResponseCodec.decode(bytes("41 03 04 05"), RAW));
        assertEquals(new ExceptionResponse(0x41, 0x01), ResponseCodec.decode(bytes("C1 01"), RAW));
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("42 00"), RAW),
                "User-Defined Function response: function code 0x42 does not match the request's 0x41");
        byte[] largest = ResponseCodec.encode(new RawResponse(0x41, new byte[252]));
        assertEquals(253, largest.length);
        assertEquals(new RawResponse(0x41, new byte[252]), ResponseCodec.decode(largest, RAW));
    }

    @Test
    void decodedResponsesDoNotShareTheInputArray() {
        byte[] pdu = bytes("11 04 2A FF 01 02");
        ModbusResponse response = ResponseCodec.decode(pdu, SERVER_ID);
        byte[] raw = bytes("41 03 04 05");
        ModbusResponse rawResponse = ResponseCodec.decode(raw, RAW);
        Arrays.fill(pdu, (byte) 0);
        Arrays.fill(raw, (byte) 0);
        assertEquals(new ReportServerIdResponse(bytes("2A"), true, bytes("01 02")), response);
        assertEquals(new RawResponse(0x41, bytes("03 04 05")), rawResponse);
    }
}
