package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.ModbusComponent;
import org.camelmodbus.ModbusConstants;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.server.ProcessImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route as an RTU device on a serial port (modbus:rtu-server, unit 5, on one end of a socat pty pair; another route
 * is unit 7): our RTU client on the other end reads what a route put into the image, its writes reach the route, and a
 * unit no route serves stays silent, as on a real bus. A broadcast write reaches the route of every unit on the port.
 * Unplugged and plugged in again, the port is served again without a restart.
 */
@Timeout(90)
class SerialServerRouteIT extends CamelTestSupport {
    private static final String LINE = "baudRate=19200&parity=even";

    @TempDir
    static Path dir;

    private VirtualSerialPorts bus;

    @Override
    protected void doPreSetup() {
        bus = new VirtualSerialPorts(dir, "rtuserver" + System.nanoTime());
    }

    @AfterEach
    void unplug() {
        bus.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:feed").to("modbus:image:field");
                from("modbus:rtu-server:" + bus.b() + "?unitIds=5&image=field&" + LINE)
                        .routeId("device")
                        .to("mock:writes");
                from("modbus:rtu-server:" + bus.b() + "?unitIds=7&image=other&" + LINE)
                        .routeId("otherDevice")
                        .to("mock:otherWrites");
                from("direct:client").to("modbus:rtu:" + bus.a() + "?timeout=1000&" + LINE);
            }
        };
    }

    private ProcessImage image() {
        return context.getComponent("modbus", ModbusComponent.class).image("field");
    }

    @Test
    void ourRtuClientReadsTheImageAndItsWritesReachTheRoute() throws Exception {
        template.sendBody("direct:feed", List.of(11, 22, 33));
        Object read = template.requestBodyAndHeaders(
                "direct:client", null, Map.of(ModbusConstants.UNIT_ID, 5, ModbusConstants.QUANTITY, 3));
        assertThat(read).isEqualTo(List.of(11, 22, 33));

        MockEndpoint writes = getMockEndpoint("mock:writes");
        writes.expectedMessageCount(1);
        template.requestBodyAndHeaders(
                "direct:client",
                List.of(7, 8),
                Map.of(
                        ModbusConstants.UNIT_ID, 5,
                        ModbusConstants.FUNCTION, "writeMultipleRegisters",
                        ModbusConstants.ADDRESS, 10));
        writes.assertIsSatisfied();
        Exchange write = writes.getExchanges().get(0);
        assertThat(write.getMessage().getHeader(ModbusConstants.ADDRESS)).isEqualTo(10);
        assertThat(write.getMessage().getHeader(ModbusConstants.PEER)).isEqualTo(bus.b());
        assertThat(write.getMessage().getBody()).isEqualTo(List.of(7, 8));
        assertThat(List.of(image().holdingRegister(10), image().holdingRegister(11)))
                .isEqualTo(List.of(7, 8));

        // unit 6 is some other device on the bus: this server does not answer for it
        CamelExecutionException silent = org.junit.jupiter.api.Assertions.assertThrows(
                CamelExecutionException.class,
                () -> template.requestBodyAndHeader("direct:client", null, ModbusConstants.UNIT_ID, 6));
        assertThat(silent.getCause()).isInstanceOf(ModbusTimeoutException.class);
    }

    @Test
    void aBroadcastWriteIsCarriedOutByEveryUnitOnThePort() throws Exception {
        MockEndpoint writes = getMockEndpoint("mock:writes");
        MockEndpoint otherWrites = getMockEndpoint("mock:otherWrites");
        writes.expectedMessageCount(1);
        otherWrites.expectedMessageCount(1);
        template.requestBodyAndHeaders(
                "direct:client",
                9,
                Map.of(
                        ModbusConstants.UNIT_ID, 0,
                        ModbusConstants.FUNCTION, "writeSingleRegister",
                        ModbusConstants.ADDRESS, 20));
        MockEndpoint.assertIsSatisfied(writes, otherWrites);
        assertThat(otherWrites.getExchanges().get(0).getMessage().getHeader(ModbusConstants.UNIT_ID))
                .isEqualTo(0);
        ModbusComponent modbus = context.getComponent("modbus", ModbusComponent.class);
        assertThat(List.of(
                        modbus.image("field").holdingRegister(20),
                        modbus.image("other").holdingRegister(20)))
                .isEqualTo(List.of(9, 9));
    }

    @Test
    void aServerWhosePortFailsServesAgainOnceThePortIsBack() throws Exception {
        template.sendBody("direct:feed", List.of(44, 55));
        assertThat(readTwo()).isEqualTo(List.of(44, 55));

        bus.unplug(); // both ends fail: the server's port and our client's
        bus.start();
        // the client opens its end again after its own backoff; the server must have opened its end too
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(readTwo()).isEqualTo(List.of(44, 55)));
    }

    private Object readTwo() {
        return template.requestBodyAndHeaders(
                "direct:client", null, Map.of(ModbusConstants.UNIT_ID, 5, ModbusConstants.QUANTITY, 2));
    }
}
