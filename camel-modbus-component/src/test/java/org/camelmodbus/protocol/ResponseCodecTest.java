package org.camelmodbus.protocol;

import static org.camelmodbus.protocol.ProtocolAssertions.assertBytes;
import static org.camelmodbus.protocol.ProtocolAssertions.assertIllegalArgument;
import static org.camelmodbus.protocol.ProtocolAssertions.assertProtocolError;
import static org.camelmodbus.protocol.ProtocolAssertions.bytes;
import static org.camelmodbus.protocol.ProtocolAssertions.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Response PDUs as a client decodes them: always against the request they answer, so that a response which does not
 * fit the request (function code, byte count, echo) fails with a {@link ModbusProtocolException}.
 */
class ResponseCodecTest {
    private static final ModbusRequest READ_COILS_19 = new ReadCoilsRequest(19, 19);
    private static final ModbusRequest READ_INPUTS_22 = new ReadDiscreteInputsRequest(196, 22);
    private static final ModbusRequest READ_HOLDING_3 = new ReadHoldingRegistersRequest(107, 3);
    private static final ModbusRequest READ_INPUT_1 = new ReadInputRegistersRequest(8, 1);
    private static final ModbusRequest WRITE_COIL = new WriteSingleCoilRequest(172, true);
    private static final ModbusRequest WRITE_REGISTER = new WriteSingleRegisterRequest(1, 3);
    private static final ModbusRequest WRITE_COILS = new WriteMultipleCoilsRequest(
            19, BitValues.of(true, false, true, true, false, false, true, true, true, false));
    private static final ModbusRequest WRITE_REGISTERS =
            new WriteMultipleRegistersRequest(1, RegisterValues.of(0x000A, 0x0102));

    /** Each request with its specification example response. */
    static Stream<Arguments> validResponses() {
        return Stream.of(
                Arguments.of(READ_COILS_19, "01 03 CD 6B 05"),
                Arguments.of(READ_INPUTS_22, "02 03 AC DB 35"),
                Arguments.of(READ_HOLDING_3, "03 06 02 2B 00 00 00 64"),
                Arguments.of(READ_INPUT_1, "04 02 00 0A"),
                Arguments.of(WRITE_COIL, "05 00 AC FF 00"),
                Arguments.of(WRITE_REGISTER, "06 00 01 00 03"),
                Arguments.of(WRITE_COILS, "0F 00 13 00 0A"),
                Arguments.of(WRITE_REGISTERS, "10 00 01 00 02"));
    }

    // ---- function code

    @Test
    void rejectsEmptyResponse() {
        assertProtocolError(
                () -> ResponseCodec.decode(new byte[0], READ_HOLDING_3),
                "Read Holding Registers response: truncated, needs at least 1 bytes, got 0");
    }

    @ParameterizedTest(name = "{1} to {0}")
    @MethodSource("validResponses")
    void rejectsResponseOfAnotherFunction(ModbusRequest request, String hex) {
        // the same PDU answered for each of the other functions
        validResponses()
                .map(a -> (ModbusRequest) a.get()[0])
                .filter(other -> other.functionCode() != request.functionCode())
                .forEach(other -> assertProtocolError(
                        () -> ResponseCodec.decode(bytes(hex), other),
                        other.functionName() + " response: function code 0x" + hex.substring(0, 2)
                                + " does not match the request's 0x"
                                + String.format("%02X", other.functionCode())));
    }

    @Test
    void rejectsExceptionResponseOfAnotherFunction() {
        // 0x84 is an exception to Read Input Registers, not to Read Holding Registers
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("84 02"), READ_HOLDING_3),
                "function code 0x84 does not match the request's 0x03");
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("80 01"), READ_COILS_19),
                "function code 0x80 does not match the request's 0x01");
    }

    // ---- byte count of the reads

    @ParameterizedTest(name = "byte count {0}")
    @ValueSource(ints = {0, 1, 3, 4, 250, 255})
    void rejectsRegisterByteCountOtherThanRequested(int byteCount) {
        // a 1-register request expects byte count 2; whatever the response claims, decoding must not trust it.
        // Both a PDU that stops after the count and one that really carries byteCount bytes are refused on the count.
        String message =
                "Read Input Registers response: byte count " + byteCount + " does not match the 2 bytes requested";
        assertProtocolError(() -> ResponseCodec.decode(new byte[] {4, (byte) byteCount}, READ_INPUT_1), message);
        byte[] claimed = new byte[2 + byteCount];
        claimed[0] = 4;
        claimed[1] = (byte) byteCount;
        assertProtocolError(() -> ResponseCodec.decode(claimed, READ_INPUT_1), message);
    }

    @Test
    void rejectsHoldingRegisterByteCountTooSmallAndTooLarge() {
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("03 04 02 2B 00 00"), READ_HOLDING_3),
                "Read Holding Registers response: byte count 4 does not match the 6 bytes requested");
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("03 08 02 2B 00 00 00 64 00 00"), READ_HOLDING_3),
                "byte count 8 does not match the 6 bytes requested");
        // an odd byte count can never be registers
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("03 05 02 2B 00 00 00"), READ_HOLDING_3),
                "byte count 5 does not match the 6 bytes requested");
    }

    @Test
    void rejectsBitByteCountTooSmallAndTooLarge() {
        // 19 coils need 3 bytes
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("01 02 CD 6B"), READ_COILS_19),
                "Read Coils response: byte count 2 does not match the 3 bytes requested");
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("01 04 CD 6B 05 00"), READ_COILS_19),
                "Read Coils response: byte count 4 does not match the 3 bytes requested");
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("02 FA AC DB 35"), READ_INPUTS_22),
                "Read Discrete Inputs response: byte count 250 does not match the 3 bytes requested");
    }

    @Test
    void rejectsByteCountThatDisagreesWithTheActualLength() {
        // the count is right, the data is not there / more than announced
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("03 06 02 2B 00 00 00"), READ_HOLDING_3),
                "Read Holding Registers response: expected 8 bytes, got 7");
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("01 03 CD 6B 05 00"), READ_COILS_19),
                "Read Coils response: expected 5 bytes, got 6");
    }

    // ---- truncation and trailing bytes

    static Stream<Arguments> truncations() {
        return validResponses().flatMap(a -> {
            byte[] pdu = bytes((String) a.get()[1]);
            return IntStream.range(0, pdu.length)
                    .mapToObj(n -> Arguments.of(a.get()[0], n, Arrays.copyOf(pdu, n), pdu.length));
        });
    }

    @ParameterizedTest(name = "{0} cut to {1} bytes")
    @MethodSource("truncations")
    void rejectsTruncatedResponse(ModbusRequest request, int length, byte[] truncated, int fullLength) {
        // all fail on a missing function code; reads then on the missing byte count, then on the missing data
        // (the length the expected byte count implies); writes on the length of the five-byte echo
        boolean read = request.functionCode() <= 4;
        String detail;
        if (length == 0) {
            detail = "truncated, needs at least 1 bytes, got 0";
        } else if (read && length == 1) {
            detail = "truncated, needs at least 2 bytes, got 1";
        } else {
            detail = "expected " + fullLength + " bytes, got " + length;
        }
        assertProtocolError(
                () -> ResponseCodec.decode(truncated, request), request.functionName() + " response: " + detail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validResponses")
    void rejectsTrailingBytes(ModbusRequest request, String hex) {
        byte[] pdu = bytes(hex);
        byte[] longer = concat(pdu, bytes("00"));
        assertProtocolError(
                () -> ResponseCodec.decode(longer, request), "expected " + pdu.length + " bytes, got " + longer.length);
    }

    // ---- write echoes

    static Stream<Arguments> wrongEchoes() {
        return Stream.of(
                Arguments.of(
                        WRITE_COIL,
                        "05 00 AD FF 00",
                        "Write Single Coil response: echo 0x00AD/0xFF00 differs from the request's 0x00AC/0xFF00"),
                Arguments.of(
                        WRITE_COIL, "05 00 AC 00 00", "echo 0x00AC/0x0000 differs from the request's 0x00AC/0xFF00"),
                Arguments.of(WRITE_COIL, "05 00 AC FF 01", "echo 0x00AC/0xFF01 differs"),
                Arguments.of(
                        WRITE_REGISTER,
                        "06 00 01 00 04",
                        "Write Single Register response: echo 0x0001/0x0004 differs from the request's 0x0001/0x0003"),
                Arguments.of(WRITE_REGISTER, "06 01 01 00 03", "echo 0x0101/0x0003 differs"),
                Arguments.of(
                        WRITE_COILS,
                        "0F 00 13 00 0B",
                        "Write Multiple Coils response: echo 0x0013/0x000B differs from the request's 0x0013/0x000A"),
                Arguments.of(WRITE_COILS, "0F 00 14 00 0A", "echo 0x0014/0x000A differs"),
                Arguments.of(
                        WRITE_REGISTERS,
                        "10 00 00 00 02",
                        "Write Multiple Registers response: echo 0x0000/0x0002 differs from the request's"
                                + " 0x0001/0x0002"),
                Arguments.of(WRITE_REGISTERS, "10 00 01 00 01", "echo 0x0001/0x0001 differs"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wrongEchoes")
    void rejectsWriteEchoThatDiffersFromTheRequest(ModbusRequest request, String hex, String message) {
        assertProtocolError(() -> ResponseCodec.decode(bytes(hex), request), message);
    }

    @Test
    void decodesWriteSingleCoilOffEcho() {
        assertEquals(
                new WriteSingleCoilResponse(172, false),
                ResponseCodec.decode(bytes("05 00 AC 00 00"), new WriteSingleCoilRequest(172, false)));
    }

    // ---- exception responses

    @ParameterizedTest(name = "{0}")
    @EnumSource(ExceptionCode.class)
    void decodesEveryKnownExceptionCode(ExceptionCode code) {
        for (Arguments a : validResponses().toList()) {
            ModbusRequest request = (ModbusRequest) a.get()[0];
            int fc = request.functionCode();
            byte[] pdu = {(byte) (fc | 0x80), (byte) code.code()};
            ExceptionResponse response = assertInstanceOf(ExceptionResponse.class, ResponseCodec.decode(pdu, request));
            assertEquals(fc, response.functionCode());
            assertEquals(code.code(), response.exceptionCode());
            assertEquals(Optional.of(code), response.code());
            assertArrayEquals(pdu, ResponseCodec.encode(response));
        }
    }

    @ParameterizedTest(name = "code 0x{0}")
    @ValueSource(strings = {"00", "07", "09", "0C", "42", "80", "FF"})
    void preservesUnknownExceptionCode(String code) {
        ExceptionResponse response =
                assertInstanceOf(ExceptionResponse.class, ResponseCodec.decode(bytes("83 " + code), READ_HOLDING_3));
        assertEquals(3, response.functionCode());
        assertEquals(Integer.parseInt(code, 16), response.exceptionCode());
        assertEquals(Optional.empty(), response.code());
        assertEquals("Unknown exception code (0x" + code + ")", ExceptionCode.describe(response.exceptionCode()));
        assertBytes("83 " + code, ResponseCodec.encode(response));
    }

    @Test
    void rejectsExceptionResponseWithExtraOrMissingBytes() {
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("81 02 00"), READ_COILS_19),
                "Read Coils response: expected 2 bytes, got 3");
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("90 04 00 00 00"), WRITE_REGISTERS),
                "Write Multiple Registers response: expected 2 bytes, got 5");
        assertProtocolError(
                () -> ResponseCodec.decode(bytes("81"), READ_COILS_19), "Read Coils response: expected 2 bytes, got 1");
    }

    @Test
    void exceptionCodeDescriptions() {
        assertEquals("Illegal Function (0x01)", ExceptionCode.describe(1));
        assertEquals("Gateway Target Device Failed to Respond (0x0B)", ExceptionCode.describe(0x0B));
        assertEquals("Unknown exception code (0x42)", ExceptionCode.describe(0x42));
        assertEquals(Optional.of(ExceptionCode.MEMORY_PARITY_ERROR), ExceptionCode.of(8));
        assertEquals(Optional.empty(), ExceptionCode.of(7));
    }

    @Test
    void exceptionResponseValidatesItsFields() {
        assertIllegalArgument(() -> new ExceptionResponse(0, 2), "function code 0 is out of range 1..127");
        assertIllegalArgument(() -> new ExceptionResponse(0x80, 2), "function code 128 is out of range 1..127");
        assertIllegalArgument(() -> new ExceptionResponse(3, -1), "exception code -1 is out of range 0..255");
        assertIllegalArgument(() -> new ExceptionResponse(3, 256), "exception code 256 is out of range 0..255");
        assertEquals(new ExceptionResponse(0x2B, 1), new ExceptionResponse(0x2B, 1));
    }

    // ---- encoding

    @Test
    void encodesLargestReadResponses() {
        boolean[] states = new boolean[2000];
        states[1999] = true;
        byte[] coils = ResponseCodec.encode(new ReadCoilsResponse(BitValues.of(states)));
        assertEquals(2 + 250, coils.length);
        assertBytes("01 FA", Arrays.copyOf(coils, 2));
        assertEquals((byte) 0x80, coils[251]);
        assertEquals(
                new ReadCoilsResponse(BitValues.of(states)),
                ResponseCodec.decode(coils, new ReadCoilsRequest(0, 2000)));

        int[] values = IntStream.range(0, 125).map(i -> 65535 - i).toArray();
        byte[] registers = ResponseCodec.encode(new ReadInputRegistersResponse(RegisterValues.of(values)));
        assertEquals(2 + 250, registers.length);
        assertBytes("04 FA FF FF FF FE", Arrays.copyOf(registers, 6));
        assertEquals(
                new ReadInputRegistersResponse(RegisterValues.of(values)),
                ResponseCodec.decode(registers, new ReadInputRegistersRequest(0, 125)));
    }

    @Test
    void decodesBitResponsesIgnoringPaddingBits() {
        // three coils answered with 0xFF: the five padding bits carry nothing
        ModbusResponse response = ResponseCodec.decode(bytes("01 01 FF"), new ReadCoilsRequest(0, 3));
        assertEquals(new ReadCoilsResponse(BitValues.of(true, true, true)), response);
        assertBytes("01 01 07", ResponseCodec.encode(response));
    }

    @Test
    void decodedResponseDoesNotShareTheInputArray() {
        byte[] pdu = bytes("03 06 02 2B 00 00 00 64");
        ModbusResponse response = ResponseCodec.decode(pdu, READ_HOLDING_3);
        Arrays.fill(pdu, (byte) 0);
        assertEquals(new ReadHoldingRegistersResponse(RegisterValues.of(555, 0, 100)), response);
    }
}
