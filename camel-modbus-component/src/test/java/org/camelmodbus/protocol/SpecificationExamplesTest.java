package org.camelmodbus.protocol;

import static org.camelmodbus.protocol.ProtocolAssertions.assertBytes;
import static org.camelmodbus.protocol.ProtocolAssertions.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-level examples of the Modbus Application Protocol Specification V1.1b3, sections 6.1 to 6.12 and 7. The
 * specification numbers coils and registers from 1 ("coil 20"), the PDU addresses them from 0 (address 19 = 0x13).
 */
class SpecificationExamplesTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                // 6.1: read coils 20-38
                Arguments.of(
                        "FC01 Read Coils",
                        new ReadCoilsRequest(19, 19),
                        "01 00 13 00 13",
                        new ReadCoilsResponse(BitValues.of(
                                true, false, true, true, false, false, true, true, // CD: coils 27..20
                                true, true, false, true, false, true, true, false, // 6B: coils 35..28
                                true, false, true)), // 05: coils 38..36, five padding zeros
                        "01 03 CD 6B 05"),
                // 6.2: read discrete inputs 197-218
                Arguments.of(
                        "FC02 Read Discrete Inputs",
                        new ReadDiscreteInputsRequest(196, 22),
                        "02 00 C4 00 16",
                        new ReadDiscreteInputsResponse(BitValues.of(
                                false, false, true, true, false, true, false, true, // AC: inputs 204..197
                                true, true, false, true, true, false, true, true, // DB: inputs 212..205
                                true, false, true, false, true, true)), // 35: inputs 218..213, two padding zeros
                        "02 03 AC DB 35"),
                // 6.3: read holding registers 108-110
                Arguments.of(
                        "FC03 Read Holding Registers",
                        new ReadHoldingRegistersRequest(107, 3),
                        "03 00 6B 00 03",
                        new ReadHoldingRegistersResponse(RegisterValues.of(555, 0, 100)),
                        "03 06 02 2B 00 00 00 64"),
                // 6.4: read input register 9
                Arguments.of(
                        "FC04 Read Input Registers",
                        new ReadInputRegistersRequest(8, 1),
                        "04 00 08 00 01",
                        new ReadInputRegistersResponse(RegisterValues.of(10)),
                        "04 02 00 0A"),
                // 6.5: write coil 173 ON
                Arguments.of(
                        "FC05 Write Single Coil",
                        new WriteSingleCoilRequest(172, true),
                        "05 00 AC FF 00",
                        new WriteSingleCoilResponse(172, true),
                        "05 00 AC FF 00"),
                // 6.6: write register 2 to 0x0003
                Arguments.of(
                        "FC06 Write Single Register",
                        new WriteSingleRegisterRequest(1, 3),
                        "06 00 01 00 03",
                        new WriteSingleRegisterResponse(1, 3),
                        "06 00 01 00 03"),
                // 6.11: write 10 coils starting at coil 20
                Arguments.of(
                        "FC15 Write Multiple Coils",
                        new WriteMultipleCoilsRequest(
                                19,
                                BitValues.of(
                                        true, false, true, true, false, false, true, true, // CD: coils 27..20
                                        true, false)), // 01: coils 29..28, six padding zeros
                        "0F 00 13 00 0A 02 CD 01",
                        new WriteMultipleCoilsResponse(19, 10),
                        "0F 00 13 00 0A"),
                // 6.12: write registers 2 and 3 with 00 0A and 01 02
                Arguments.of(
                        "FC16 Write Multiple Registers",
                        new WriteMultipleRegistersRequest(1, RegisterValues.of(0x000A, 0x0102)),
                        "10 00 01 00 02 04 00 0A 01 02",
                        new WriteMultipleRegistersResponse(1, 2),
                        "10 00 01 00 02"),
                // 7: read coil 1186 on a server that does not have it
                Arguments.of(
                        "FC01 exception Illegal Data Address",
                        new ReadCoilsRequest(0x04A1, 1),
                        "01 04 A1 00 01",
                        new ExceptionResponse(FunctionCode.READ_COILS, ExceptionCode.ILLEGAL_DATA_ADDRESS),
                        "81 02"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void requestEncodesToSpecificationBytes(String name, ModbusRequest request, String requestHex) {
        assertBytes(requestHex, RequestCodec.encode(request));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void specificationRequestBytesDecodeToModel(String name, ModbusRequest request, String requestHex) {
        assertEquals(request, RequestCodec.decode(bytes(requestHex)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void responseEncodesToSpecificationBytes(
            String name, ModbusRequest request, String requestHex, ModbusResponse response, String responseHex) {
        assertBytes(responseHex, ResponseCodec.encode(response));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void specificationResponseBytesDecodeToModel(
            String name, ModbusRequest request, String requestHex, ModbusResponse response, String responseHex) {
        assertEquals(response, ResponseCodec.decode(bytes(responseHex), request));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void roundTrips(
            String name, ModbusRequest request, String requestHex, ModbusResponse response, String responseHex) {
        byte[] requestBytes = bytes(requestHex);
        assertArrayEquals(requestBytes, RequestCodec.encode(RequestCodec.decode(requestBytes)));
        assertEquals(request, RequestCodec.decode(RequestCodec.encode(request)));

        byte[] responseBytes = bytes(responseHex);
        assertArrayEquals(responseBytes, ResponseCodec.encode(ResponseCodec.decode(responseBytes, request)));
        assertEquals(response, ResponseCodec.decode(ResponseCodec.encode(response), request));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void responseCarriesTheRequestsFunctionCode(
            String name, ModbusRequest request, String requestHex, ModbusResponse response) {
        assertEquals(request.functionCode().code(), response.functionCode());
        assertEquals(request.functionCode().code(), bytes(requestHex)[0]);
    }

    // The decoded values themselves, spelled out as the specification's tables list them.

    @Test
    void readCoilsValues() {
        ModbusRequest request = RequestCodec.decode(bytes("01 00 13 00 13"));
        assertEquals(FunctionCode.READ_COILS, request.functionCode());
        assertEquals(19, request.address(), "coil 20 is address 19");
        assertEquals(19, request.quantity());

        BitValues coils = ((ReadCoilsResponse) ResponseCodec.decode(bytes("01 03 CD 6B 05"), request)).coils();
        assertEquals(19, coils.size(), "padding bits are not values");
        // coils 27..20 = CD = 1100 1101, the LSB is coil 20
        assertStates(coils, 0, "1011 0011"); // index 0 = coil 20 = address 19
        // coils 35..28 = 6B = 0110 1011
        assertStates(coils, 8, "1101 0110");
        // coils 38..36 = 05 = 101 (the five high bits are padding)
        assertStates(coils, 16, "101");
        assertEquals("[1011001111010110101]", coils.toString());
    }

    @Test
    void readDiscreteInputsValues() {
        ModbusRequest request = RequestCodec.decode(bytes("02 00 C4 00 16"));
        assertEquals(new ReadDiscreteInputsRequest(196, 22), request);
        BitValues inputs =
                ((ReadDiscreteInputsResponse) ResponseCodec.decode(bytes("02 03 AC DB 35"), request)).inputs();
        assertEquals(22, inputs.size());
        // inputs 204..197 = AC = 1010 1100, the LSB is input 197 (address 196)
        assertStates(inputs, 0, "0011 0101"); // index 0 = input 197 = address 196
        // inputs 212..205 = DB = 1101 1011
        assertStates(inputs, 8, "1101 1011");
        // inputs 218..213 = 35 = 11 0101 (the two high bits are padding)
        assertStates(inputs, 16, "1010 11");
    }

    @Test
    void readHoldingRegistersValues() {
        ModbusRequest request = RequestCodec.decode(bytes("03 00 6B 00 03"));
        assertEquals(107, request.address(), "register 108 is address 107");
        RegisterValues registers = ((ReadHoldingRegistersResponse)
                        ResponseCodec.decode(bytes("03 06 02 2B 00 00 00 64"), request))
                .registers();
        assertArrayEquals(new int[] {555, 0, 100}, registers.toArray());
        assertEquals(555, registers.get(0));
        assertEquals(0, registers.get(1));
        assertEquals(100, registers.get(2));
    }

    @Test
    void readInputRegistersValues() {
        ModbusRequest request = RequestCodec.decode(bytes("04 00 08 00 01"));
        assertEquals(8, request.address(), "register 9 is address 8");
        RegisterValues registers =
                ((ReadInputRegistersResponse) ResponseCodec.decode(bytes("04 02 00 0A"), request)).registers();
        assertArrayEquals(new int[] {10}, registers.toArray());
    }

    @Test
    void writeSingleCoilValues() {
        WriteSingleCoilRequest request = (WriteSingleCoilRequest) RequestCodec.decode(bytes("05 00 AC FF 00"));
        assertEquals(172, request.address(), "coil 173 is address 172");
        assertEquals(true, request.value(), "FF 00 is ON");
        assertEquals(false, ((WriteSingleCoilRequest) RequestCodec.decode(bytes("05 00 AC 00 00"))).value());
        assertBytes("05 00 AC 00 00", RequestCodec.encode(new WriteSingleCoilRequest(172, false)));
    }

    @Test
    void writeSingleRegisterValues() {
        WriteSingleRegisterRequest request = (WriteSingleRegisterRequest) RequestCodec.decode(bytes("06 00 01 00 03"));
        assertEquals(1, request.address(), "register 2 is address 1");
        assertEquals(3, request.value());
    }

    @Test
    void writeMultipleCoilsValues() {
        WriteMultipleCoilsRequest request =
                (WriteMultipleCoilsRequest) RequestCodec.decode(bytes("0F 00 13 00 0A 02 CD 01"));
        assertEquals(19, request.address());
        assertEquals(10, request.quantity());
        // CD 01: coils 27..20 = 1100 1101, coils 29..28 = 01
        assertStates(request.values(), 0, "1011 0011 10");
        WriteMultipleCoilsResponse response =
                (WriteMultipleCoilsResponse) ResponseCodec.decode(bytes("0F 00 13 00 0A"), request);
        assertEquals(19, response.address());
        assertEquals(10, response.quantity());
    }

    @Test
    void writeMultipleRegistersValues() {
        WriteMultipleRegistersRequest request =
                (WriteMultipleRegistersRequest) RequestCodec.decode(bytes("10 00 01 00 02 04 00 0A 01 02"));
        assertEquals(1, request.address());
        assertArrayEquals(new int[] {0x000A, 0x0102}, request.values().toArray());
        WriteMultipleRegistersResponse response =
                (WriteMultipleRegistersResponse) ResponseCodec.decode(bytes("10 00 01 00 02"), request);
        assertEquals(new WriteMultipleRegistersResponse(1, 2), response);
    }

    @Test
    void exceptionResponseValues() {
        ModbusResponse response = ResponseCodec.decode(bytes("81 02"), new ReadCoilsRequest(0x04A1, 1));
        ExceptionResponse exception = assertInstanceOf(ExceptionResponse.class, response);
        assertEquals(0x01, exception.functionCode(), "the function code without the 0x80 flag");
        assertEquals(0x02, exception.exceptionCode());
        assertEquals(Optional.of(ExceptionCode.ILLEGAL_DATA_ADDRESS), exception.code());
        assertEquals("Illegal Data Address (0x02)", ExceptionCode.describe(exception.exceptionCode()));
    }

    /**
     * Asserts the states from {@code fromIndex} on, as '1'/'0' in ascending address order (the reverse of how the
     * specification writes a byte, most significant bit first); spaces in {@code states} are ignored.
     */
    private static void assertStates(BitValues bits, int fromIndex, String states) {
        String s = states.replace(" ", "");
        for (int i = 0; i < s.length(); i++) {
            assertEquals(s.charAt(i) == '1', bits.get(fromIndex + i), "state at index " + (fromIndex + i));
        }
    }
}
