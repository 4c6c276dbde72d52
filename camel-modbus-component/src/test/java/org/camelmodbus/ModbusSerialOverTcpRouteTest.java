package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.client.ModbusRequestRejectedException;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routes to devices behind serial-to-Ethernet converters: RTU and ASCII frames over TCP, each played by the simulator
 * with two units.
 */
class ModbusSerialOverTcpRouteTest extends CamelTestSupport {
    private final ProcessImage one = new ProcessImage();
    private final ProcessImage two = new ProcessImage();
    private ModbusSimulator rtu;
    private ModbusSimulator ascii;

    @Override
    protected void doPreSetup() throws Exception {
        one.setHoldingRegisters(0, 11, 12);
        two.setHoldingRegisters(0, 21, 22);
        rtu = ModbusSimulator.startSerialOverTcp("127.0.0.1", 0, SerialFraming.RTU, Map.of(1, one, 2, two));
        ascii = ModbusSimulator.startSerialOverTcp("127.0.0.1", 0, SerialFraming.ASCII, Map.of(1, one, 2, two));
    }

    @AfterEach
    void stopSimulators() {
        rtu.close();
        ascii.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        String rtuUri = "modbus:rtu-tcp:127.0.0.1:" + rtu.port() + "?turnaroundDelay=10&quantity=2";
        String asciiUri = "modbus:ascii-tcp:127.0.0.1:" + ascii.port() + "?turnaroundDelay=10&quantity=2";
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(rtuUri + "&unitId=1&delay=20").to("mock:rtu1");
                from(rtuUri + "&unitId=2&delay=20").to("mock:rtu2");
                from(asciiUri + "&unitId=2&delay=20").to("mock:ascii2");
                from("direct:broadcast").to(rtuUri + "&unitId=0&function=writeSingleRegister&address=5");
                from("direct:broadcastRead").to(rtuUri + "&unitId=0");
            }
        };
    }

    @Test
    void pollsUnitsThroughBothFramings() throws Exception {
        MockEndpoint rtu1 = getMockEndpoint("mock:rtu1");
        MockEndpoint rtu2 = getMockEndpoint("mock:rtu2");
        MockEndpoint ascii2 = getMockEndpoint("mock:ascii2");
        rtu1.expectedMinimumMessageCount(5);
        rtu2.expectedMinimumMessageCount(5);
        ascii2.expectedMinimumMessageCount(5);
        MockEndpoint.assertIsSatisfied(context);
        rtu1.getReceivedExchanges()
                .forEach(e -> assertThat(e.getMessage().getBody()).isEqualTo(List.of(11, 12)));
        rtu2.getReceivedExchanges()
                .forEach(e -> assertThat(e.getMessage().getBody()).isEqualTo(List.of(21, 22)));
        ascii2.getReceivedExchanges()
                .forEach(e -> assertThat(e.getMessage().getBody()).isEqualTo(List.of(21, 22)));
        assertThat(rtu1.getReceivedExchanges().get(0).getMessage().getHeader(ModbusConstants.DEVICE))
                .isEqualTo("rtu-tcp://127.0.0.1:" + rtu.port());
    }

    @Test
    void aBroadcastWriteReachesEveryUnitAndABroadcastReadIsRefused() {
        template.sendBody("direct:broadcast", 99);
        assertThat(one.holdingRegister(5)).isEqualTo(99);
        assertThat(two.holdingRegister(5)).isEqualTo(99);
        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:broadcastRead", ""));
        assertThat(e.getCause())
                .isInstanceOf(ModbusRequestRejectedException.class)
                .hasMessageContaining("only writes")
                .hasMessageContaining("rtu-tcp://127.0.0.1:" + rtu.port());
    }
}
