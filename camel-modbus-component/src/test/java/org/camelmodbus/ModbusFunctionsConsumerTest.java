package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** Every function that changes nothing on the device can be polled; each poll delivers what the producer would. */
class ModbusFunctionsConsumerTest extends ModbusRouteTestSupport {

    @Override
    protected void prepareSimulator() {
        simulator.image().setExceptionStatus(0x6D);
        simulator.image().setFifoQueue(1246, 440, 4740);
        simulator.image().setHoldingRegisters(0, 1, 2);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(device("function=readExceptionStatus&delay=50")).to("mock:exceptionStatus");
                from(device("function=diagnostics&requestData=CAFE&delay=50")).to("mock:diagnostics");
                from(device("function=getCommEventCounter&delay=50")).to("mock:eventCounter");
                from(device("function=reportServerId&delay=50")).to("mock:serverId");
                from(device("function=readFifoQueue&address=1246&delay=50")).to("mock:fifo");
                from(device("function=readDeviceIdentification&deviceIdCode=regular&delay=50"))
                        .to("mock:deviceId");
                from(device("function=raw&rawFunctionCode=3&requestData=00000002&delay=50"))
                        .to("mock:raw");
            }
        };
    }

    private Exchange first(String mock) throws InterruptedException {
        MockEndpoint endpoint = getMockEndpoint(mock);
        endpoint.expectedMinimumMessageCount(1);
        endpoint.assertIsSatisfied();
        return endpoint.getReceivedExchanges().get(0);
    }

    @Test
    void pollsExceptionStatus() throws Exception {
        Exchange e = first("mock:exceptionStatus");
        assertEquals(0x6D, e.getMessage().getBody());
        assertEquals("readExceptionStatus", e.getMessage().getHeader(ModbusConstants.FUNCTION));
        assertEquals("tcp://127.0.0.1:" + simulator.port(), e.getMessage().getHeader(ModbusConstants.DEVICE));
    }

    @Test
    void pollsDiagnosticsAsALivenessProbe() throws Exception {
        assertArrayEquals(
                new byte[] {(byte) 0xCA, (byte) 0xFE},
                first("mock:diagnostics").getMessage().getBody(byte[].class));
    }

    @Test
    void pollsTheCommEventCounter() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:eventCounter");
        mock.expectedMinimumMessageCount(2);
        mock.assertIsSatisfied();
        Map<?, ?> counter = mock.getReceivedExchanges().get(1).getMessage().getBody(Map.class);
        assertEquals(0, counter.get("status"));
        assertEquals(false, counter.get("busy"));
        // the other consumers' polls are successful requests too
        assertTrue((Integer) counter.get("eventCount") > 0, counter.toString());
    }

    @Test
    void pollsTheServerId() throws Exception {
        Map<?, ?> answer = first("mock:serverId").getMessage().getBody(Map.class);
        assertEquals("01", answer.get("serverId"));
        assertEquals(true, answer.get("runIndicator"));
    }

    @Test
    void pollsAFifoQueue() throws Exception {
        Exchange e = first("mock:fifo");
        assertEquals(List.of(440, 4740), e.getMessage().getBody());
        assertEquals(1246, e.getMessage().getHeader(ModbusConstants.ADDRESS));
        assertEquals(2, e.getMessage().getHeader(ModbusConstants.QUANTITY));
    }

    @Test
    void pollsDeviceIdentification() throws Exception {
        Exchange e = first("mock:deviceId");
        assertEquals(
                Map.of("VendorName", "camel-modbus", "ProductCode", "ProcessImage", "MajorMinorRevision", "0.1"),
                e.getMessage().getBody());
        assertEquals("regular", e.getMessage().getHeader(ModbusConstants.DEVICE_ID_CODE));
        assertEquals(0, e.getMessage().getHeader(ModbusConstants.OBJECT_ID));
        assertEquals(0x81, e.getMessage().getHeader(ModbusConstants.CONFORMITY_LEVEL));
    }

    @Test
    void pollsARawPdu() throws Exception {
        Exchange e = first("mock:raw");
        assertArrayEquals(new byte[] {4, 0, 1, 0, 2}, e.getMessage().getBody(byte[].class));
        assertEquals(3, e.getMessage().getHeader(ModbusConstants.RAW_FUNCTION_CODE));
    }
}
