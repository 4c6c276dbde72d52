package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The options of the functions beyond the data tables are checked when the endpoint is created. */
class ModbusFunctionsValidationTest {
    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "modbus:tcp:plc?function=raw | function raw needs rawFunctionCode, the function code to send (1..127)",
                "modbus:tcp:plc?function=raw&rawFunctionCode=128 | function code 128 is out of range 1..127",
                "modbus:tcp:plc?function=raw&rawFunctionCode=65&requestData=XY | requestData 'XY' is not hex bytes",
                "modbus:tcp:plc?function=diagnostics&requestData=ABC | requestData 'ABC' is not hex bytes",
                "modbus:tcp:plc?function=readDeviceIdentification&objectId=256 | object id 256 is out of range 0..255",
                "modbus:tcp:plc?function=readDeviceIdentification&deviceIdCode=full | full",
                "modbus:tcp:plc?function=readWriteMultipleRegisters&quantity=126 | read quantity 126 is out of range 1..125",
                "modbus:tcp:plc?function=readWriteMultipleRegisters&writeAddress=70000 | write address 70000 is out of range 0..65535",
                "modbus:tcp:plc?function=readWriteMultipleRegisters&address=65535&quantity=2 | read address 65535 + quantity 2 passes the last address 65535",
                "modbus:tcp:plc?function=readFifoQueue&address=70000 | FIFO pointer address 70000 is out of range 0..65535",
                "modbus:tcp:plc?function=maskWriteRegister&address=70000 | Mask Write Register: address 70000 is out of range",
                "modbus:tcp:plc?function=reportServerId&serverIdLength=0 | server id length 0 is out of range 1..250",
            })
    void rejectsWithAClearMessage(String uri, String expected) {
        ResolveEndpointFailedException e =
                assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(uri));
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }

    @Test
    void rejectsDiagnosticsDataLongerThan250Bytes() {
        String uri = "modbus:tcp:plc?function=diagnostics&requestData=" + "00".repeat(251);
        ResolveEndpointFailedException e =
                assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(uri));
        assertTrue(e.getMessage().contains("251 bytes of query data exceed 250"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"maskWriteRegister", "readWriteMultipleRegisters", "writeSingleRegister"})
    void consumerRefusesFunctionsThatChangeTheDevice(String function) {
        ModbusEndpoint endpoint = context.getEndpoint("modbus:tcp:plc?function=" + function, ModbusEndpoint.class);
        Exception e = assertThrows(IllegalArgumentException.class, () -> endpoint.createConsumer(exchange -> {}));
        assertTrue(e.getMessage().contains("polls with a read function"), e.getMessage());
        assertTrue(e.getMessage().contains(function + ", which changes the device"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ModbusFunction.class)
    void everyFunctionThatChangesNothingCanBePolled(ModbusFunction function) throws Exception {
        String uri =
                "modbus:tcp:plc?function=" + function + (function == ModbusFunction.raw ? "&rawFunctionCode=65" : "");
        ModbusEndpoint endpoint = context.getEndpoint(uri, ModbusEndpoint.class);
        if (function.isPollable()) {
            endpoint.createConsumer(exchange -> {});
        } else {
            assertThrows(IllegalArgumentException.class, () -> endpoint.createConsumer(exchange -> {}));
        }
        assertEquals(
                !function.name().startsWith("write")
                        && function != ModbusFunction.maskWriteRegister
                        && function != ModbusFunction.readWriteMultipleRegisters,
                function.isPollable());
    }

    @Test
    void optionsBind() {
        ModbusConfiguration c = context.getEndpoint(
                        "modbus:tcp:plc?function=readDeviceIdentification&deviceIdCode=extended&objectId=128"
                                + "&writeAddress=7&rawFunctionCode=100&requestData=0xA5 37&serverIdLength=2",
                        ModbusEndpoint.class)
                .getConfiguration();
        assertEquals(ModbusDeviceIdCode.extended, c.getDeviceIdCode());
        assertEquals(128, c.getObjectId());
        assertEquals(7, c.getWriteAddress());
        assertEquals(100, c.getRawFunctionCode());
        assertEquals(2, c.getServerIdLength());
        assertArrayEquals(
                new byte[] {(byte) 0xA5, 0x37}, ModbusRequests.Spec.of(c).requestData());
    }

    @Test
    void deviceIdCodeHeaderTakesNamesAndCodes() {
        assertEquals(ModbusDeviceIdCode.specific, ModbusDeviceIdCode.parse("Specific"));
        assertEquals(ModbusDeviceIdCode.regular, ModbusDeviceIdCode.parse(2));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModbusDeviceIdCode.parse("all"));
        assertTrue(e.getMessage().contains("expected basic, regular, extended or specific"), e.getMessage());
    }
}
