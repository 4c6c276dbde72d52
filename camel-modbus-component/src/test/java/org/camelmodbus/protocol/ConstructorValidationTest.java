package org.camelmodbus.protocol;

import static org.camelmodbus.protocol.ProtocolAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests and responses check their fields against the specification when built, so that an encoder never has to
 * write a value that does not fit its field. Failures are {@link IllegalArgumentException}s naming the function,
 * the value and the allowed range.
 */
class ConstructorValidationTest {

    /** Every address/quantity-shaped request and response: how to build it from (address, quantity), and its limit. */
    static Stream<Arguments> rangedMessages() {
        return Stream.of(
                ranged(ReadCoilsRequest.class, "Read Coils", 2000, ReadCoilsRequest::new),
                ranged(ReadDiscreteInputsRequest.class, "Read Discrete Inputs", 2000, ReadDiscreteInputsRequest::new),
                ranged(
                        ReadHoldingRegistersRequest.class,
                        "Read Holding Registers",
                        125,
                        ReadHoldingRegistersRequest::new),
                ranged(ReadInputRegistersRequest.class, "Read Input Registers", 125, ReadInputRegistersRequest::new),
                ranged(
                        WriteMultipleCoilsRequest.class,
                        "Write Multiple Coils",
                        1968,
                        (a, q) -> new WriteMultipleCoilsRequest(a, coils(q))),
                ranged(
                        WriteMultipleRegistersRequest.class,
                        "Write Multiple Registers",
                        123,
                        (a, q) -> new WriteMultipleRegistersRequest(a, registers(q))),
                ranged(WriteMultipleCoilsResponse.class, "Write Multiple Coils", 1968, WriteMultipleCoilsResponse::new),
                ranged(
                        WriteMultipleRegistersResponse.class,
                        "Write Multiple Registers",
                        123,
                        WriteMultipleRegistersResponse::new));
    }

    private static Arguments ranged(
            Class<?> type, String function, int max, BiFunction<Integer, Integer, Object> factory) {
        return Arguments.of(type.getSimpleName(), function, max, factory);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rangedMessages")
    void acceptsQuantityFromOneToMax(
            String type, String function, int max, BiFunction<Integer, Integer, Object> factory) {
        assertDoesNotThrow(() -> factory.apply(0, 1));
        assertDoesNotThrow(() -> factory.apply(0, max));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rangedMessages")
    void rejectsQuantityOutOfRange(
            String type, String function, int max, BiFunction<Integer, Integer, Object> factory) {
        assertIllegalArgument(() -> factory.apply(0, 0), function + ": quantity 0 is out of range 1.." + max);
        assertIllegalArgument(
                () -> factory.apply(0, max + 1), function + ": quantity " + (max + 1) + " is out of range 1.." + max);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rangedMessages")
    void rejectsAddressOutOfRange(String type, String function, int max, BiFunction<Integer, Integer, Object> factory) {
        assertIllegalArgument(() -> factory.apply(-1, 1), function + ": address -1 is out of range 0..65535");
        assertIllegalArgument(() -> factory.apply(65536, 1), function + ": address 65536 is out of range 0..65535");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rangedMessages")
    void rejectsRangePastTheLastAddress(
            String type, String function, int max, BiFunction<Integer, Integer, Object> factory) {
        // address + quantity may reach 65536 (the last address touched is 65535), not pass it
        assertDoesNotThrow(() -> factory.apply(65535, 1));
        assertDoesNotThrow(() -> factory.apply(65536 - max, max));
        assertIllegalArgument(
                () -> factory.apply(65535, 2), function + ": address 65535 + quantity 2 passes the last address 65535");
        assertIllegalArgument(
                () -> factory.apply(65537 - max, max),
                function + ": address " + (65537 - max) + " + quantity " + max + " passes the last address 65535");
    }

    @Test
    void readHoldingRegistersMessageNamesQuantityAndRange() {
        IllegalArgumentException e = assertIllegalArgument(() -> new ReadHoldingRegistersRequest(0, 126));
        assertEquals("Read Holding Registers: quantity 126 is out of range 1..125", e.getMessage());
    }

    @Test
    void readResponsesCarryOneToMaxValues() {
        // the byte count is one byte and the PDU at most 253: 2000 bits (250 bytes) or 125 registers at most
        assertDoesNotThrow(() -> new ReadCoilsResponse(coils(2000)));
        assertDoesNotThrow(() -> new ReadInputRegistersResponse(registers(125)));
        assertIllegalArgument(() -> new ReadCoilsResponse(coils(0)), "Read Coils: quantity 0 is out of range 1..2000");
        assertIllegalArgument(
                () -> new ReadCoilsResponse(coils(2001)), "Read Coils: quantity 2001 is out of range 1..2000");
        assertIllegalArgument(
                () -> new ReadDiscreteInputsResponse(coils(2048)),
                "Read Discrete Inputs: quantity 2048 is out of range 1..2000");
        assertIllegalArgument(
                () -> new ReadHoldingRegistersResponse(registers(0)),
                "Read Holding Registers: quantity 0 is out of range 1..125");
        assertIllegalArgument(
                () -> new ReadHoldingRegistersResponse(registers(200)),
                "Read Holding Registers: quantity 200 is out of range 1..125");
        assertIllegalArgument(
                () -> new ReadInputRegistersResponse(registers(126)),
                "Read Input Registers: quantity 126 is out of range 1..125");
        assertThrows(NullPointerException.class, () -> new ReadCoilsResponse(null));
        assertThrows(NullPointerException.class, () -> new ReadHoldingRegistersResponse(null));
    }

    @Test
    void singleWritesValidateAddress() {
        assertDoesNotThrow(() -> new WriteSingleCoilRequest(65535, true));
        assertIllegalArgument(
                () -> new WriteSingleCoilRequest(-1, true), "Write Single Coil: address -1 is out of range 0..65535");
        assertIllegalArgument(
                () -> new WriteSingleCoilRequest(65536, false), "Write Single Coil: address 65536 is out of range");
        assertIllegalArgument(
                () -> new WriteSingleCoilResponse(70000, true), "Write Single Coil: address 70000 is out of range");
        assertIllegalArgument(
                () -> new WriteSingleRegisterRequest(65536, 0), "Write Single Register: address 65536 is out of range");
        assertIllegalArgument(
                () -> new WriteSingleRegisterResponse(-1, 0), "Write Single Register: address -1 is out of range");
    }

    @Test
    void registerValuesAreUnsigned16Bit() {
        assertDoesNotThrow(() -> new WriteSingleRegisterRequest(0, 0));
        assertDoesNotThrow(() -> new WriteSingleRegisterRequest(0, 65535));
        assertIllegalArgument(
                () -> new WriteSingleRegisterRequest(0, -1),
                "Write Single Register: register value -1 is out of range 0..65535");
        assertIllegalArgument(
                () -> new WriteSingleRegisterRequest(0, 65536),
                "Write Single Register: register value 65536 is out of range 0..65535");
        assertIllegalArgument(
                () -> new WriteSingleRegisterResponse(0, 65536), "register value 65536 is out of range 0..65535");
        assertIllegalArgument(
                () -> RegisterValues.of(1, 2, -1), "register value -1 at index 2 is out of range 0..65535");
        assertIllegalArgument(
                () -> RegisterValues.of(65536), "register value 65536 at index 0 is out of range 0..65535");
    }

    @Test
    void multipleWritesRejectNullValues() {
        assertThrows(NullPointerException.class, () -> new WriteMultipleCoilsRequest(0, null));
        assertThrows(NullPointerException.class, () -> new WriteMultipleRegistersRequest(0, null));
    }

    @Test
    void requestsReportFunctionAddressAndQuantity() {
        AddressedRequest request = new WriteMultipleCoilsRequest(100, coils(9));
        assertEquals(FunctionCode.WRITE_MULTIPLE_COILS.code(), request.functionCode());
        assertEquals(100, request.address());
        assertEquals(9, request.quantity());
        assertEquals(1, new WriteSingleCoilRequest(5, true).quantity());
        assertEquals(1, new WriteSingleRegisterRequest(5, 7).quantity());
        assertEquals(123, new WriteMultipleRegistersRequest(0, registers(123)).quantity());
    }

    @Test
    void functionCodes() {
        assertEquals(0x0F, FunctionCode.WRITE_MULTIPLE_COILS.code());
        assertEquals("Write Multiple Registers (0x10)", FunctionCode.WRITE_MULTIPLE_REGISTERS.toString());
        assertEquals(FunctionCode.READ_INPUT_REGISTERS, FunctionCode.of(4).orElseThrow());
        assertEquals(FunctionCode.READ_EXCEPTION_STATUS, FunctionCode.of(7).orElseThrow());
        assertEquals(
                FunctionCode.ENCAPSULATED_INTERFACE_TRANSPORT,
                FunctionCode.of(0x2B).orElseThrow());
        // Get Comm Event Log (0x0C), the file records (0x14, 0x15) and user-defined codes are not modelled
        for (int code : new int[] {-1, 0, 9, 0x0C, 0x14, 0x15, 0x41, 0x7F, 0x80, 0x81, 0xFF, 0x100}) {
            assertEquals(java.util.Optional.empty(), FunctionCode.of(code), "code " + code);
        }
    }

    private static BitValues coils(int n) {
        return BitValues.of(new boolean[n]);
    }

    private static RegisterValues registers(int n) {
        return RegisterValues.of(new int[n]);
    }
}
