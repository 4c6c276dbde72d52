package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.server.ProcessImage;
import org.junit.jupiter.api.Test;

class ModbusProducerTest extends ModbusRouteTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:writeRegister").to(device("function=writeSingleRegister&address=200"));
                from("direct:writeRegisters").to(device("function=writeMultipleRegisters&address=300"));
                from("direct:writeCoil").to(device("function=writeSingleCoil&address=5"));
                from("direct:writeCoils").to(device("function=writeMultipleCoils&address=10"));
                from("direct:read").to(device("function=readHoldingRegisters&address=300&quantity=3"));
                from("direct:readCoils").to(device("function=readCoils&address=10&quantity=4"));
            }
        };
    }

    @Test
    void writesSingleRegisterFromNumbersAndStrings() {
        template.sendBody("direct:writeRegister", 1234);
        assertEquals(1234, image().holdingRegister(200));
        template.sendBody("direct:writeRegister", "0x00FF");
        assertEquals(255, image().holdingRegister(200));
        template.sendBody("direct:writeRegister", -2);
        assertEquals(65534, image().holdingRegister(200));
    }

    @Test
    void writesMultipleRegistersFromArraysListsAndText() {
        template.sendBody("direct:writeRegisters", new int[] {1, 2, 3});
        assertArrayEquals(new int[] {1, 2, 3}, registers(300, 3));
        template.sendBody("direct:writeRegisters", List.of(7, 8));
        assertArrayEquals(new int[] {7, 8, 3}, registers(300, 3));
        template.sendBody("direct:writeRegisters", "[40, 50, 60]");
        assertArrayEquals(new int[] {40, 50, 60}, registers(300, 3));
    }

    @Test
    void writesCoils() {
        template.sendBody("direct:writeCoil", true);
        assertTrue(image().coil(5));
        template.sendBody("direct:writeCoil", "off");
        assertFalse(image().coil(5));
        template.sendBody("direct:writeCoils", new boolean[] {true, false, true, true});
        assertEquals(List.of(true, false, true, true), template.requestBody("direct:readCoils", null, List.class));
    }

    @Test
    void writeReportsWhatWasWrittenInHeadersAndKeepsTheBody() {
        Exchange result =
                template.request("direct:writeRegisters", e -> e.getMessage().setBody(List.of(9, 9)));
        assertEquals(List.of(9, 9), result.getMessage().getBody());
        assertEquals(300, result.getMessage().getHeader(ModbusConstants.ADDRESS));
        assertEquals(2, result.getMessage().getHeader(ModbusConstants.QUANTITY));
        assertEquals("writeMultipleRegisters", result.getMessage().getHeader(ModbusConstants.FUNCTION));
    }

    @Test
    void readsOnDemand() {
        image().setHoldingRegisters(300, 10, 20, 30);
        assertEquals(List.of(10, 20, 30), template.requestBody("direct:read", null, List.class));
    }

    @Test
    void headersOverrideUnitAddressQuantityAndFunction() {
        image().setHoldingRegisters(500, 5, 6);
        Object body = template.requestBodyAndHeaders(
                "direct:read",
                null,
                Map.of(ModbusConstants.ADDRESS, 500, ModbusConstants.QUANTITY, 2, ModbusConstants.UNIT_ID, 3));
        assertEquals(List.of(5, 6), body);

        template.requestBodyAndHeaders(
                "direct:read",
                77,
                Map.of(ModbusConstants.FUNCTION, "writeSingleRegister", ModbusConstants.ADDRESS, 501));
        assertEquals(77, image().holdingRegister(501));
    }

    @Test
    void badBodyFailsBeforeAnythingIsSent() {
        image().setHoldingRegisters(200, 42);
        CamelExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                CamelExecutionException.class, () -> template.sendBody("direct:writeRegister", 70000));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("70000"), e.getCause().getMessage());
        assertEquals(42, image().holdingRegister(200));

        e = org.junit.jupiter.api.Assertions.assertThrows(
                CamelExecutionException.class, () -> template.sendBody("direct:writeRegister", List.of(1, 2)));
        assertTrue(
                e.getCause().getMessage().contains("exactly one value"),
                e.getCause().getMessage());

        e = org.junit.jupiter.api.Assertions.assertThrows(
                CamelExecutionException.class, () -> template.sendBody("direct:writeCoil", "maybe"));
        assertTrue(e.getCause().getMessage().contains("'maybe'"), e.getCause().getMessage());
    }

    @Test
    void exceptionResponseReachesTheRouteTyped() throws Exception {
        simulator.close();
        simulator = org.camelmodbus.simulator.ModbusSimulator.start("127.0.0.1", 0, new ProcessImage(0, 0, 10, 0));
        String uri = device("function=readHoldingRegisters&address=8&quantity=5");
        CamelExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                CamelExecutionException.class, () -> template.requestBody(uri, (Object) null));
        ModbusExceptionResponseException cause = assertInstanceOf(ModbusExceptionResponseException.class, e.getCause());
        assertEquals(ExceptionCode.ILLEGAL_DATA_ADDRESS, cause.code().orElseThrow());
        assertTrue(cause.getMessage().contains("Illegal Data Address (0x02)"), cause.getMessage());
        assertTrue(cause.getMessage().contains("unit 1"), cause.getMessage());
        assertTrue(cause.getMessage().contains("address 8"), cause.getMessage());
    }

    private ProcessImage image() {
        return simulator.image();
    }

    private int[] registers(int address, int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = image().holdingRegister(address + i);
        }
        return values;
    }
}
