package org.camelmodbus.protocol;

import static org.camelmodbus.protocol.ProtocolAssertions.assertBytes;
import static org.camelmodbus.protocol.ProtocolAssertions.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-level examples of the Modbus Application Protocol Specification V1.1b3, sections 6.1 to 6.21 and 7. The
 * specification numbers coils and registers from 1 ("coil 20"), the PDU addresses them from 0 (address 19 = 0x13).
 */
class SpecificationExamplesTest {
    private static final DeviceIdentification SPEC_BASIC_OBJECTS = DeviceIdentification.builder()
            .add(0x00, "Company identification")
            .add(0x01, "Product code XX")
            .add(0x02, "V2.11")
            .build();

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
                // 6.7: the eight outputs OFF-ON-ON-OFF-ON-ON-OFF-ON, highest first: 0110 1101
                Arguments.of(
                        "FC07 Read Exception Status",
                        new ReadExceptionStatusRequest(),
                        "07",
                        new ReadExceptionStatusResponse(0x6D),
                        "07 6D"),
                // 6.8: Diagnostics, sub-function 0000 Return Query Data, data A5 37 looped back
                Arguments.of(
                        "FC08 Diagnostics Return Query Data",
                        new ReturnQueryDataRequest(bytes("A5 37")),
                        "08 00 00 A5 37",
                        new ReturnQueryDataResponse(bytes("A5 37")),
                        "08 00 00 A5 37"),
                // 6.9: status FFFF (a program command still in progress), 264 events counted
                Arguments.of(
                        "FC11 Get Comm Event Counter",
                        new GetCommEventCounterRequest(),
                        "0B",
                        new GetCommEventCounterResponse(0xFFFF, 0x0108),
                        "0B FF FF 01 08"),
                // 6.13: the specification leaves the answer device specific; here a one-byte server id 0x2A, run
                // indicator ON and two bytes of additional data
                Arguments.of(
                        "FC17 Report Server ID",
                        new ReportServerIdRequest(),
                        "11",
                        new ReportServerIdResponse(bytes("2A"), true, bytes("01 02")),
                        "11 04 2A FF 01 02"),
                // 6.16: register 5 (address 4), AND mask 00F2, OR mask 0025
                Arguments.of(
                        "FC22 Mask Write Register",
                        new MaskWriteRegisterRequest(4, 0x00F2, 0x0025),
                        "16 00 04 00 F2 00 25",
                        new MaskWriteRegisterResponse(4, 0x00F2, 0x0025),
                        "16 00 04 00 F2 00 25"),
                // 6.17: read six registers from register 4 (address 3), write three from register 15 (address 14)
                Arguments.of(
                        "FC23 Read/Write Multiple Registers",
                        new ReadWriteMultipleRegistersRequest(3, 6, 14, RegisterValues.of(0x00FF, 0x00FF, 0x00FF)),
                        "17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF",
                        new ReadWriteMultipleRegistersResponse(
                                RegisterValues.of(0x00FE, 0x0ACD, 0x0001, 0x0003, 0x000D, 0x00FF)),
                        "17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF"),
                // 6.18: the queue at FIFO pointer address 1246 (04DE) holds two values, 01B8 and 1284
                Arguments.of(
                        "FC24 Read FIFO Queue",
                        new ReadFifoQueueRequest(0x04DE),
                        "18 04 DE",
                        new ReadFifoQueueResponse(RegisterValues.of(0x01B8, 0x1284)),
                        "18 00 06 00 02 01 B8 12 84"),
                // 6.21: basic device identification in one response (object lengths are the strings' lengths)
                Arguments.of(
                        "FC43/14 Read Device Identification",
                        new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC, 0),
                        "2B 0E 01 00",
                        new ReadDeviceIdentificationResponse(
                                ReadDeviceIdCode.BASIC, 0x01, false, 0, SPEC_BASIC_OBJECTS),
                        "2B 0E 01 01 00 00 03 00 16 " + ascii("Company identification") + " 01 0F "
                                + ascii("Product code XX") + " 02 05 " + ascii("V2.11")),
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
        assertEquals(request.functionCode(), response.functionCode());
        assertEquals(request.functionCode(), bytes(requestHex)[0]);
    }

    // The decoded values themselves, spelled out as the specification's tables list them.

    @Test
    void readCoilsValues() {
        AddressedRequest request = (AddressedRequest) RequestCodec.decode(bytes("01 00 13 00 13"));
        assertEquals(FunctionCode.READ_COILS.code(), request.functionCode());
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
        AddressedRequest request = (AddressedRequest) RequestCodec.decode(bytes("03 00 6B 00 03"));
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
        AddressedRequest request = (AddressedRequest) RequestCodec.decode(bytes("04 00 08 00 01"));
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

    @Test
    void readExceptionStatusValues() {
        ReadExceptionStatusResponse response =
                (ReadExceptionStatusResponse) ResponseCodec.decode(bytes("07 6D"), RequestCodec.decode(bytes("07")));
        // 6D = 0110 1101: outputs 7..0 are OFF-ON-ON-OFF-ON-ON-OFF-ON
        String states = "";
        for (int output = 7; output >= 0; output--) {
            states += response.output(output) ? "1" : "0";
        }
        assertEquals("01101101", states);
    }

    @Test
    void diagnosticsReturnQueryDataValues() {
        ReturnQueryDataRequest request = (ReturnQueryDataRequest) RequestCodec.decode(bytes("08 00 00 A5 37"));
        assertArrayEquals(bytes("A5 37"), request.data());
        assertEquals(0x0000, ReturnQueryDataRequest.SUB_FUNCTION);
        ReturnQueryDataResponse response =
                (ReturnQueryDataResponse) ResponseCodec.decode(bytes("08 00 00 A5 37"), request);
        assertArrayEquals(bytes("A5 37"), response.data());
    }

    @Test
    void getCommEventCounterValues() {
        GetCommEventCounterResponse response = (GetCommEventCounterResponse)
                ResponseCodec.decode(bytes("0B FF FF 01 08"), new GetCommEventCounterRequest());
        assertEquals(0xFFFF, response.status());
        assertEquals(true, response.busy(), "FFFF: a previous program command is still being processed");
        assertEquals(264, response.eventCount());
    }

    @Test
    void reportServerIdValues() {
        ReportServerIdResponse response = (ReportServerIdResponse)
                ResponseCodec.decode(bytes("11 04 2A FF 01 02"), RequestCodec.decode(bytes("11")));
        assertArrayEquals(bytes("2A"), response.serverId());
        assertEquals(true, response.runIndicator(), "FF is ON");
        assertArrayEquals(bytes("01 02"), response.additionalData());
        assertEquals(4, response.byteCount());
    }

    @Test
    void maskWriteRegisterValues() {
        MaskWriteRegisterRequest request =
                (MaskWriteRegisterRequest) RequestCodec.decode(bytes("16 00 04 00 F2 00 25"));
        assertEquals(4, request.address(), "register 5 is address 4");
        assertEquals(1, request.quantity());
        // the specification's worked example: current contents 12 hex become 17 hex
        assertEquals(0x17, request.apply(0x12));
        assertEquals(0x0025, new MaskWriteRegisterRequest(0, 0x0000, 0x0025).apply(0xFFFF), "AND 0: the OR mask");
        assertEquals(0xBEEF, new MaskWriteRegisterRequest(0, 0xFFFF, 0x1234).apply(0xBEEF), "AND FFFF: unchanged");
    }

    @Test
    void readWriteMultipleRegistersValues() {
        ReadWriteMultipleRegistersRequest request = (ReadWriteMultipleRegistersRequest)
                RequestCodec.decode(bytes("17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF"));
        assertEquals(3, request.readAddress(), "register 4 is address 3");
        assertEquals(6, request.readQuantity());
        assertEquals(14, request.writeAddress(), "register 15 is address 14");
        assertEquals(3, request.writeQuantity());
        assertArrayEquals(new int[] {0xFF, 0xFF, 0xFF}, request.values().toArray());
        RegisterValues read = ((ReadWriteMultipleRegistersResponse)
                        ResponseCodec.decode(bytes("17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF"), request))
                .registers();
        assertArrayEquals(new int[] {0x00FE, 0x0ACD, 0x0001, 0x0003, 0x000D, 0x00FF}, read.toArray());
    }

    @Test
    void readFifoQueueValues() {
        ReadFifoQueueRequest request = (ReadFifoQueueRequest) RequestCodec.decode(bytes("18 04 DE"));
        assertEquals(1246, request.fifoPointerAddress());
        ReadFifoQueueResponse response =
                (ReadFifoQueueResponse) ResponseCodec.decode(bytes("18 00 06 00 02 01 B8 12 84"), request);
        assertEquals(2, response.fifoCount());
        assertEquals(440, response.values().get(0), "01B8");
        assertEquals(4740, response.values().get(1), "1284");
    }

    @Test
    void readDeviceIdentificationValues() {
        ReadDeviceIdentificationRequest request =
                (ReadDeviceIdentificationRequest) RequestCodec.decode(bytes("2B 0E 01 00"));
        assertEquals(ReadDeviceIdCode.BASIC, request.readDeviceIdCode());
        assertEquals(0, request.objectId());
        ReadDeviceIdentificationResponse response = (ReadDeviceIdentificationResponse) ResponseCodec.decode(
                bytes("2B 0E 01 01 00 00 03 00 16 " + ascii("Company identification") + " 01 0F "
                        + ascii("Product code XX") + " 02 05 " + ascii("V2.11")),
                request);
        assertEquals(0x01, response.conformityLevel(), "basic identification, stream access only");
        assertEquals(false, response.individualAccess());
        assertEquals(false, response.moreFollows());
        assertEquals(0, response.nextObjectId());
        DeviceIdentification objects = response.objects();
        assertEquals(List.of(0, 1, 2), objects.objectIds());
        assertEquals(Optional.of("Company identification"), objects.vendorName());
        assertEquals(Optional.of("Product code XX"), objects.productCode());
        assertEquals(Optional.of("V2.11"), objects.majorMinorRevision());
        assertEquals(Optional.empty(), objects.vendorUrl());
    }

    /** The hex of an ASCII string, for PDUs that carry text. */
    static String ascii(String text) {
        return ProtocolAssertions.hex(text.getBytes(StandardCharsets.US_ASCII));
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
