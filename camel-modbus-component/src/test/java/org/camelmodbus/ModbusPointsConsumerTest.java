package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polling a register map: typed values as JSON, report-by-exception with deadbands and heartbeat, map sources. */
class ModbusPointsConsumerTest extends ModbusRouteTestSupport {

    @Override
    protected void prepareSimulator() {
        simulator.image().setInputRegisters(0, 215); // temperature 21.5 °C
        int pressure = Float.floatToIntBits(1.25f);
        simulator.image().setInputRegisters(1, pressure & 0xFFFF, pressure >>> 16); // CDAB
        simulator.image().setHoldingRegisters(10, 200); // setpoint 20.0 °C
        simulator.image().setHoldingRegisters(20, 0x504C, 0x432D, 0x3700, 0); // "PLC-7"
        simulator.image().setCoils(0, true);
    }

    private void route(String options, String to) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(device(options)).to(to);
            }
        });
    }

    @Test
    void pointsBecomeJsonOutOfTheBox() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(device("registerMap=classpath:maps/boiler.yaml&delay=100"))
                        .marshal()
                        .json()
                        // a String, not the stream cache that the mock's copy would share with the live exchange
                        // (Camel rewinds it when the route ends, which a reader on the test thread could see)
                        .convertBodyTo(String.class)
                        .to("mock:json");
            }
        });
        MockEndpoint json = getMockEndpoint("mock:json");
        json.expectedMinimumMessageCount(1);
        json.assertIsSatisfied();
        Exchange first = json.getExchanges().get(0);
        assertThat(first.getMessage().getBody(String.class))
                .isEqualTo("{\"temperature\":21.5,\"pressure\":1.25,\"setpoint\":20.0,\"burner\":true,"
                        + "\"model\":\"PLC-7\"}");
        assertThat(first.getMessage().getHeader(ModbusConstants.QUALITY, Map.class))
                .containsEntry("temperature", "good")
                .hasSize(5);
        assertThat(first.getMessage().getHeader(ModbusConstants.TIMESTAMP, Long.class))
                .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(first.getMessage().getHeader(ModbusConstants.READ_PLAN, List.class))
                .containsExactly(
                        "coil 0..0 (1 bit): burner",
                        "holding 10..23 (14 registers, 9 unused): setpoint, model",
                        "input 0..2 (3 registers): temperature, pressure");
    }

    @Test
    void reportByExceptionSendsChangesBeyondTheDeadbandAndAHeartbeat() throws Exception {
        route("registerMap=classpath:maps/boiler.yaml&reportByException=true&heartbeat=2000&delay=20", "mock:changes");
        MockEndpoint changes = getMockEndpoint("mock:changes");
        await().atMost(Duration.ofSeconds(10)).until(() -> changes.getReceivedCounter() >= 1);
        Exchange first = changes.getExchanges().get(0);
        assertThat(first.getMessage().getBody(Map.class)).hasSize(5);
        assertThat(first.getMessage().getHeader(ModbusConstants.HEARTBEAT, Boolean.class))
                .isTrue();

        simulator.image().setInputRegisters(0, 219); // 21.9: within the deadband of 0.5
        simulator.image().setHoldingRegisters(10, 201); // setpoint has no deadband: any change
        await().atMost(Duration.ofSeconds(10)).until(() -> changes.getReceivedCounter() >= 2);
        Exchange second = changes.getExchanges().get(1);
        assertThat(second.getMessage().getBody(Map.class)).isEqualTo(Map.of("setpoint", 20.1));
        assertThat(second.getMessage().getHeader(ModbusConstants.HEARTBEAT, Boolean.class))
                .isFalse();
        assertThat(second.getMessage().getHeader(ModbusConstants.QUALITY, Map.class))
                .isEqualTo(Map.of("setpoint", "good"));

        simulator.image().setInputRegisters(0, 221); // 22.1: 0.6 from the 21.5 reported
        await().atMost(Duration.ofSeconds(10)).until(() -> changes.getReceivedCounter() >= 3);
        Exchange third = changes.getExchanges().get(2);
        assertThat(third.getMessage().getBody(Map.class)).isEqualTo(Map.of("temperature", 22.1));

        // nothing changes from now on: the next exchange is the heartbeat, with every point
        await().atMost(Duration.ofSeconds(10)).until(() -> changes.getReceivedCounter() >= 4);
        Exchange beat = changes.getExchanges().get(3);
        assertThat(beat.getMessage().getHeader(ModbusConstants.HEARTBEAT, Boolean.class))
                .isTrue();
        assertThat(beat.getMessage().getBody(Map.class)).hasSize(5).containsEntry("temperature", 22.1);
        long sinceFirst = beat.getMessage().getHeader(ModbusConstants.TIMESTAMP, Long.class)
                - first.getMessage().getHeader(ModbusConstants.TIMESTAMP, Long.class);
        assertThat(sinceFirst).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void mapsLoadFromAFilePathAndRefuseBadPointsAtStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plc.yaml");
        Files.writeString(file, "- {name: level, kind: input, address: 0, type: uint16, scale: 0.5}\n");
        route("registerMap=" + file + "&delay=100", "mock:file");
        MockEndpoint mock = getMockEndpoint("mock:file");
        mock.expectedMinimumMessageCount(1);
        mock.assertIsSatisfied();
        assertThat(mock.getExchanges().get(0).getMessage().getBody(Map.class)).isEqualTo(Map.of("level", 107.5));

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "- {name: level, kind: input, address: 0, type: uint16, writable: true}\n");
        assertThatThrownBy(() -> route("registerMap=" + bad, "mock:bad"))
                .rootCause()
                .hasMessage("register map " + bad + ": point 'level': an input register is read-only; it cannot be"
                        + " writable");
        assertThatThrownBy(() -> route("registerMap=classpath:maps/nothing.yaml", "mock:none"))
                .rootCause()
                .hasMessageStartingWith("registerMap: found no file or resource classpath:maps/nothing.yaml");
        assertThatThrownBy(() -> route("reportByException=true", "mock:rbe"))
                .rootCause()
                .hasMessage("reportByException reports the points of a register map: set registerMap too");
    }

    @Test
    void typeConvertersTurnRegistersIntoNumbers() throws Exception {
        int[] registers = ModbusTypeConverters.fromFloat(123456f);
        assertThat(registers).containsExactly(0x47F1, 0x2000);
        simulator.image().setHoldingRegisters(100, registers);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:float").to(device("address=100&quantity=2")).convertBodyTo(Float.class);
            }
        });
        assertThat(template.requestBody("direct:float", null, Object.class)).isEqualTo(123456f);
        var converter = context.getTypeConverter();
        assertThat(converter.convertTo(Integer.class, List.of(0xFFFF, 0xFFFE))).isEqualTo(-2);
        assertThat(converter.convertTo(Short.class, List.of(0x8000))).isEqualTo(Short.MIN_VALUE);
        assertThat(converter.convertTo(Double.class, List.of(0x4009, 0x21FB, 0x5444, 0x2D18)))
                .isEqualTo(Math.PI);
        assertThat(converter.convertTo(Long.class, List.of(0, 0, 0, 7))).isEqualTo(7L);
        assertThat(converter.convertTo(int[].class, -1L)).containsExactly(0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF);
        // not registers, or the wrong count: no conversion
        assertThat(converter.convertTo(Float.class, List.of(1, 2, 3))).isNull();
        assertThat(converter.convertTo(Float.class, List.of("a", "b"))).isNull();
    }
}
