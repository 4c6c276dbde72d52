package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.protocol.DeviceIdentification;
import org.camelmodbus.protocol.ExceptionCode;
import org.junit.jupiter.api.Test;

/**
 * Every function through a producer route against the simulator: what each takes from the message, what it puts
 * there, and how it fails.
 */
class ModbusFunctionsProducerTest extends ModbusRouteTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:discreteInputs").to(device("function=readDiscreteInputs&address=3&quantity=3"));
                from("direct:inputRegisters").to(device("function=readInputRegisters&address=2&quantity=2"));
                from("direct:exceptionStatus").to(device("function=readExceptionStatus"));
                from("direct:diagnostics").to(device("function=diagnostics&requestData=CAFE"));
                from("direct:eventCounter").to(device("function=getCommEventCounter"));
                from("direct:serverId").to(device("function=reportServerId"));
                from("direct:serverId2").to(device("function=reportServerId&serverIdLength=2"));
                from("direct:maskWrite").to(device("function=maskWriteRegister&address=4"));
                from("direct:readWrite")
                        .to(device("function=readWriteMultipleRegisters&address=3&quantity=6&writeAddress=14"));
                from("direct:fifo").to(device("function=readFifoQueue&address=1246"));
                from("direct:deviceId").to(device("function=readDeviceIdentification"));
                from("direct:deviceIdExtended").to(device("function=readDeviceIdentification&deviceIdCode=extended"));
                from("direct:deviceIdSpecific")
                        .to(device("function=readDeviceIdentification&deviceIdCode=specific&objectId=1"));
                from("direct:raw").to(device("function=raw&rawFunctionCode=3"));
                from("direct:rawUserDefined").to(device("function=raw&rawFunctionCode=65&requestData=0001"));
            }
        };
    }

    @Test
    void readsDiscreteInputsAndInputRegistersOnDemand() {
        simulator.image().setDiscreteInputs(3, true, false, true);
        simulator.image().setInputRegisters(2, 7, 65535);
        assertEquals(List.of(true, false, true), template.requestBody("direct:discreteInputs", null, List.class));
        assertEquals(List.of(7, 65535), template.requestBody("direct:inputRegisters", null, List.class));
    }

    @Test
    void readsExceptionStatusAsAnInteger() {
        simulator.image().setExceptionStatus(0x6D);
        Exchange result = template.request("direct:exceptionStatus", e -> {});
        assertEquals(0x6D, result.getMessage().getBody());
        assertEquals("readExceptionStatus", result.getMessage().getHeader(ModbusConstants.FUNCTION));
        assertNull(result.getMessage().getHeader(ModbusConstants.ADDRESS), "no address to report");
    }

    @Test
    void diagnosticsEchoesTheBodyOrTheRequestData() {
        byte[] probe = {(byte) 0xA5, 0x37};
        assertArrayEquals(probe, template.requestBody("direct:diagnostics", probe, byte[].class));
        assertArrayEquals(
                "ping".getBytes(StandardCharsets.UTF_8),
                template.requestBody("direct:diagnostics", "ping", byte[].class),
                "a String body is sent as its bytes");
        assertArrayEquals(
                new byte[] {(byte) 0xCA, (byte) 0xFE},
                template.requestBody("direct:diagnostics", null, byte[].class),
                "no body: the endpoint's requestData");
    }

    @Test
    void readsTheCommEventCounterAsAMap() {
        template.requestBody("direct:exceptionStatus", (Object) null);
        template.requestBody("direct:exceptionStatus", (Object) null);
        simulator.image().setCommEventBusy(true);
        Map<?, ?> counter = template.requestBody("direct:eventCounter", null, Map.class);
        assertEquals(Map.of("status", 0xFFFF, "busy", true, "eventCount", 2), counter);
    }

    @Test
    void reportsTheServerIdAsAMap() {
        Map<?, ?> answer = template.requestBody("direct:serverId", null, Map.class);
        assertEquals("01", answer.get("serverId"));
        assertEquals(true, answer.get("runIndicator"));
        assertEquals(
                HexFormat.of().withUpperCase().formatHex("camel-modbus".getBytes(StandardCharsets.US_ASCII)),
                answer.get("additionalData"));

        simulator.image().setServerId(new byte[] {0x12, 0x34}, new byte[0]);
        simulator.image().setRunIndicator(false);
        assertEquals(
                Map.of("serverId", "1234", "runIndicator", false, "additionalData", ""),
                template.requestBody("direct:serverId2", null, Map.class));
    }

    @Test
    void maskWritesWithMasksFromABodyMapOrHeaders() {
        simulator.image().setHoldingRegisters(4, 0x12);
        Map<String, Object> masks = Map.of("andMask", 0xF2, "orMask", "0x0025");
        Exchange result =
                template.request("direct:maskWrite", e -> e.getMessage().setBody(masks));
        assertEquals(0x17, simulator.image().holdingRegister(4));
        assertEquals(masks, result.getMessage().getBody(), "a write leaves the body as it was");
        assertEquals(4, result.getMessage().getHeader(ModbusConstants.ADDRESS));
        assertEquals(0xF2, result.getMessage().getHeader(ModbusConstants.AND_MASK));
        assertEquals(0x25, result.getMessage().getHeader(ModbusConstants.OR_MASK));

        // set bit 15, keep the others
        template.sendBodyAndHeaders(
                "direct:maskWrite", null, Map.of(ModbusConstants.AND_MASK, 0x7FFF, ModbusConstants.OR_MASK, 0x8000));
        assertEquals(0x8017, simulator.image().holdingRegister(4));
    }

    @Test
    void maskWriteWithoutMasksFailsBeforeAnythingIsSent() {
        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.sendBody("direct:maskWrite", "0x0001"));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(
                e.getCause().getMessage().contains("needs an AND and an OR mask"),
                e.getCause().getMessage());
        e = assertThrows(
                CamelExecutionException.class,
                () -> template.sendBody("direct:maskWrite", Map.of("andMask", 70000, "orMask", 0)));
        assertTrue(
                e.getCause().getMessage().contains("Cannot use '70000' (Integer) as andMask"),
                e.getCause().getMessage());
    }

    @Test
    void readWriteWritesTheBodyAndReadsIntoIt() {
        simulator.image().setHoldingRegisters(3, 0xFE, 0xACD, 1, 3, 0xD, 0xFF);
        Exchange result =
                template.request("direct:readWrite", e -> e.getMessage().setBody(List.of(7, 8, 9)));
        assertEquals(List.of(0xFE, 0xACD, 1, 3, 0xD, 0xFF), result.getMessage().getBody());
        assertEquals(9, simulator.image().holdingRegister(16));
        assertEquals(3, result.getMessage().getHeader(ModbusConstants.ADDRESS));
        assertEquals(6, result.getMessage().getHeader(ModbusConstants.QUANTITY));
        assertEquals(14, result.getMessage().getHeader(ModbusConstants.WRITE_ADDRESS));

        // the write comes first: writing into the read range reads the new values
        Object overlapping = template.requestBodyAndHeader("direct:readWrite", "1,2", ModbusConstants.WRITE_ADDRESS, 4);
        assertEquals(List.of(0xFE, 1, 2, 3, 0xD, 0xFF), overlapping);
    }

    @Test
    void readsAFifoQueue() {
        simulator.image().setFifoQueue(1246, 440, 4740);
        Exchange result = template.request("direct:fifo", e -> {});
        assertEquals(List.of(440, 4740), result.getMessage().getBody());
        assertEquals(1246, result.getMessage().getHeader(ModbusConstants.ADDRESS));
        assertEquals(2, result.getMessage().getHeader(ModbusConstants.QUANTITY));

        simulator.image().setFifoQueue(1246, new int[40]);
        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:fifo", (Object) null));
        ModbusExceptionResponseException refused =
                assertInstanceOf(ModbusExceptionResponseException.class, e.getCause());
        assertEquals(ExceptionCode.ILLEGAL_DATA_VALUE, refused.code().orElseThrow());
    }

    @Test
    void readsDeviceIdentificationAsAMapOfObjectNames() {
        Exchange result = template.request("direct:deviceId", e -> {});
        assertEquals(
                Map.of("VendorName", "camel-modbus", "ProductCode", "ProcessImage", "MajorMinorRevision", "0.1"),
                result.getMessage().getBody());
        assertEquals(
                List.of("VendorName", "ProductCode", "MajorMinorRevision"),
                List.copyOf(result.getMessage().getBody(Map.class).keySet()),
                "in the device's order");
        assertEquals(0x81, result.getMessage().getHeader(ModbusConstants.CONFORMITY_LEVEL));
        assertEquals("basic", result.getMessage().getHeader(ModbusConstants.DEVICE_ID_CODE));
    }

    @Test
    void mergesContinuationsOfAnExtendedStream() {
        DeviceIdentification.Builder objects = DeviceIdentification.builder()
                .add(DeviceIdentification.VENDOR_NAME, "vendor")
                .add(DeviceIdentification.PRODUCT_CODE, "code")
                .add(DeviceIdentification.MAJOR_MINOR_REVISION, "2.11")
                .add(DeviceIdentification.MODEL_NAME, "model");
        for (int id = 0x80; id < 0x84; id++) {
            objects.add(id, "x".repeat(200)); // one per response
        }
        simulator.image().setDeviceIdentification(objects.build());

        Map<?, ?> all = template.requestBody("direct:deviceIdExtended", null, Map.class);
        assertEquals(
                List.of("VendorName", "ProductCode", "MajorMinorRevision", "ModelName", "0x80", "0x81", "0x82", "0x83"),
                List.copyOf(all.keySet()));
        assertEquals("x".repeat(200), all.get("0x83"));

        assertEquals(Map.of("ProductCode", "code"), template.requestBody("direct:deviceIdSpecific", null, Map.class));
        assertEquals(
                Map.of("0x81", "x".repeat(200)),
                template.requestBodyAndHeader("direct:deviceIdSpecific", null, ModbusConstants.OBJECT_ID, 0x81));
        assertEquals(
                Map.of("VendorName", "vendor", "ProductCode", "code", "MajorMinorRevision", "2.11"),
                template.requestBodyAndHeader(
                        "direct:deviceIdExtended", null, ModbusConstants.DEVICE_ID_CODE, "basic"));
    }

    @Test
    void sendsRawPdusAndReturnsTheAnswersData() {
        simulator.image().setHoldingRegisters(0, 1, 2);
        Exchange result = template.request("direct:raw", e -> e.getMessage().setBody(new byte[] {0, 0, 0, 2}));
        assertArrayEquals(new byte[] {4, 0, 1, 0, 2}, result.getMessage().getBody(byte[].class));
        assertEquals(3, result.getMessage().getHeader(ModbusConstants.RAW_FUNCTION_CODE));

        // the header picks another function code: write single register 1 = 0x0102
        template.sendBodyAndHeader("direct:raw", new byte[] {0, 1, 1, 2}, ModbusConstants.RAW_FUNCTION_CODE, 6);
        assertEquals(0x0102, simulator.image().holdingRegister(1));
    }

    @Test
    void rawUserDefinedFunctionIsRefusedByTheSimulator() {
        CamelExecutionException e = assertThrows(
                CamelExecutionException.class, () -> template.requestBody("direct:rawUserDefined", (Object) null));
        ModbusExceptionResponseException refused =
                assertInstanceOf(ModbusExceptionResponseException.class, e.getCause());
        assertEquals(ExceptionCode.ILLEGAL_FUNCTION, refused.code().orElseThrow());
        assertTrue(
                refused.getMessage().contains("User-Defined Function (0x41) as a raw PDU with 2 data bytes"),
                refused.getMessage());
    }

    @Test
    void functionHeaderSwitchesToAnyFunction() {
        simulator.image().setExceptionStatus(3);
        assertEquals(
                3, template.requestBodyAndHeader("direct:fifo", null, ModbusConstants.FUNCTION, "readExceptionStatus"));
    }
}
