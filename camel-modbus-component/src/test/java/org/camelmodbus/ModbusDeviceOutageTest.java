package org.camelmodbus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.camelmodbus.client.ModbusConnectionException;
import org.camelmodbus.protocol.ModbusException;
import org.camelmodbus.simulator.ModbusSimulator;
import org.junit.jupiter.api.Test;

/** A device that goes away: routes get an exception within the timeout, never a hang, and resume when it returns. */
class ModbusDeviceOutageTest extends ModbusRouteTestSupport {
    private static final String OPTIONS = "timeout=1000&reconnectDelay=50&reconnectDelayMax=200";
    private final List<Throwable> pollErrors = new CopyOnWriteArrayList<>();
    private final List<Object> polled = new CopyOnWriteArrayList<>();
    private int port;

    @Override
    protected void prepareSimulator() {
        port = simulator.port();
        simulator.image().setHoldingRegisters(0, 1);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(device(OPTIONS + "&delay=50&bridgeErrorHandler=true"))
                        .routeId("poller")
                        .onException(ModbusException.class)
                        .handled(true)
                        .process(e -> pollErrors.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                        .end()
                        .process(e -> polled.add(e.getMessage().getBody()));
                from("direct:write").to(device(OPTIONS + "&function=writeSingleRegister&address=1"));
            }
        };
    }

    @Test
    void producerFailsFastWhileDownAndWritesAgainWhenBack() throws Exception {
        template.sendBody("direct:write", 5);
        assertEquals(5, simulator.image().holdingRegister(1));

        simulator.close();
        long start = System.nanoTime();
        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.sendBody("direct:write", 6));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(ModbusException.class, e.getCause());
        assertTrue(elapsedMillis < 1500, "took " + elapsedMillis + " ms, the timeout is 1000 ms");

        simulator = ModbusSimulator.start("127.0.0.1", port);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    template.sendBody("direct:write", 7);
                    assertEquals(7, simulator.image().holdingRegister(1));
                });
    }

    @Test
    void pollingReportsTheOutageAndResumes() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> !polled.isEmpty());

        simulator.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !pollErrors.isEmpty());
        assertTrue(pollErrors.stream().allMatch(ModbusException.class::isInstance), pollErrors::toString);
        assertTrue(pollErrors.stream().anyMatch(ModbusConnectionException.class::isInstance), pollErrors::toString);

        ModbusSimulator back = ModbusSimulator.start("127.0.0.1", port);
        simulator = back;
        back.image().setHoldingRegisters(0, 42);
        await().atMost(Duration.ofSeconds(5)).until(() -> List.of(42).equals(polled.get(polled.size() - 1)));
    }
}
