package org.camelmodbus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

class ModbusConsumerTest extends ModbusRouteTestSupport {

    @Override
    protected void prepareSimulator() {
        simulator.image().setHoldingRegisters(100, 11, 22, 33, 65535);
        simulator.image().setCoils(7, true, false, true);
        simulator.image().setInputRegisters(0, 5);
        simulator.image().setDiscreteInputs(3, true);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(device("unitId=7&function=readHoldingRegisters&address=100&quantity=4&delay=50"))
                        .to("mock:holding");
                from(device("function=readCoils&address=7&quantity=3&delay=50"))
                        .process(e -> e.getMessage()
                                .setHeader("thread", Thread.currentThread().getName()))
                        .to("mock:coils");
                from(device("function=readInputRegisters&address=0&quantity=1&delay=50"))
                        .to("mock:input");
                from(device("function=readDiscreteInputs&address=2&quantity=2&delay=50"))
                        .to("mock:discrete");
            }
        };
    }

    @Test
    void pollsHoldingRegistersWithDocumentedHeaders() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:holding");
        mock.expectedMinimumMessageCount(2);
        mock.assertIsSatisfied();

        Exchange first = mock.getReceivedExchanges().get(0);
        assertEquals(List.of(11, 22, 33, 65535), first.getMessage().getBody());
        assertEquals(7, first.getMessage().getHeader(ModbusConstants.UNIT_ID));
        assertEquals("readHoldingRegisters", first.getMessage().getHeader(ModbusConstants.FUNCTION));
        assertEquals(100, first.getMessage().getHeader(ModbusConstants.ADDRESS));
        assertEquals(4, first.getMessage().getHeader(ModbusConstants.QUANTITY));
        assertEquals("tcp://127.0.0.1:" + simulator.port(), first.getMessage().getHeader(ModbusConstants.DEVICE));
        assertEquals(
                Long.class,
                first.getMessage().getHeader(ModbusConstants.TIMESTAMP).getClass());
    }

    @Test
    void pollsEveryDataKind() throws Exception {
        assertEquals(List.of(true, false, true), firstBody("mock:coils"));
        assertEquals(List.of(5), firstBody("mock:input"));
        assertEquals(List.of(false, true), firstBody("mock:discrete"));
    }

    private Object firstBody(String mock) throws InterruptedException {
        MockEndpoint endpoint = getMockEndpoint(mock);
        endpoint.expectedMinimumMessageCount(1);
        endpoint.assertIsSatisfied();
        return endpoint.getReceivedExchanges().get(0).getMessage().getBody();
    }

    @Test
    void runsTheRouteOnThePollThreadNotOnTheSharedIoThread() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:coils");
        mock.expectedMinimumMessageCount(3);
        mock.assertIsSatisfied();
        for (Exchange e : mock.getReceivedExchanges()) {
            String thread = e.getMessage().getHeader("thread", String.class);
            assertTrue(thread.contains("modbus://tcp:127.0.0.1"), thread);
        }
    }

    @Test
    void seesValuesChange() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:holding");
        mock.expectedMinimumMessageCount(1);
        mock.assertIsSatisfied();
        simulator.image().setHoldingRegisters(100, 99);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            List<Exchange> received = mock.getReceivedExchanges();
            return received.get(received.size() - 1)
                    .getMessage()
                    .getBody(List.class)
                    .get(0)
                    .equals(99);
        });
    }

    @Test
    void sharesOneConnectionBetweenEndpointsOfOneDevice() {
        ModbusComponent component = context.getComponent("modbus", ModbusComponent.class);
        assertEquals(1, component.deviceCount());
    }
}
