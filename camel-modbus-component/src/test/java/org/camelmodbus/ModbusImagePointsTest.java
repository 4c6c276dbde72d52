package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.data.RegisterMapLoader;
import org.camelmodbus.server.ProcessImage;
import org.junit.jupiter.api.Test;

/**
 * A route feeds an image by named point (a register map from the classpath or a bean), and a Modbus client reads the
 * encoded registers: types, word order, scale, single bits of a register, read-only kinds included.
 */
class ModbusImagePointsTest extends CamelTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        context.getRegistry()
                .bind(
                        "tankMap",
                        RegisterMapLoader.parse(
                                "- {name: level, kind: holding, address: 7, type: uint16, scale: 0.5}", "inline"));
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:points").to("modbus:image:points?registerMap=classpath:image-points.yaml");
                from("direct:tank").to("modbus:image:points?registerMap=#tankMap");
                from("direct:noMap").to("modbus:image:points");
                from("modbus:tcp-server:127.0.0.1:0?image=points")
                        .routeId("server")
                        .to("mock:writes");
            }
        };
    }

    private Object read(String options) {
        int port = ((ModbusServerConsumer) context.getRoute("server").getConsumer()).port();
        return template.requestBody("modbus:tcp:127.0.0.1:" + port + "?" + options, (Object) null);
    }

    @Test
    void pointsAreEncodedWithTheirTypeOrderAndScale() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("temperature", 21.5);
        values.put("flow", -12.3);
        values.put("running", true);
        values.put("alarm", "true");
        values.put("counter", 70000);
        template.sendBody("direct:points", values);

        int bits = Float.floatToIntBits(21.5f);
        // CDAB: the low word first
        assertThat(read("function=readHoldingRegisters&address=200&quantity=2"))
                .isEqualTo(List.of(bits & 0xFFFF, bits >>> 16));
        assertThat(read("function=readInputRegisters&address=210&quantity=4"))
                .isEqualTo(List.of(0x10000 - 123, 1 << 3, 70000 >>> 16, 70000 & 0xFFFF));
        assertThat(read("function=readCoils&address=5&quantity=1")).isEqualTo(List.of(true));

        template.sendBody("direct:tank", Map.of("level", 12.5));
        assertThat(read("function=readHoldingRegisters&address=7&quantity=1")).isEqualTo(List.of(25));
    }

    @Test
    void aSingleBitChangesOnlyItsBit() {
        ProcessImage image =
                context.getComponent("modbus", ModbusComponent.class).image("points");
        image.setInputRegisters(211, 0xFF00);
        template.sendBody("direct:points", Map.of("alarm", true));
        assertThat(image.inputRegister(211)).isEqualTo(0xFF08);
        template.sendBody("direct:points", Map.of("alarm", false));
        assertThat(image.inputRegister(211)).isEqualTo(0xFF00);
    }

    @Test
    void aBadValueChangesNothing() {
        ProcessImage image =
                context.getComponent("modbus", ModbusComponent.class).image("points");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("running", true);
        values.put("counter", -1); // uint32
        assertThatThrownBy(() -> template.sendBody("direct:points", values))
                .rootCause()
                .hasMessageStartingWith("point 'counter': ");
        assertThat(image.coil(5)).isFalse();
        assertThatThrownBy(() -> template.sendBody("direct:points", Map.of("nosuch", 1)))
                .hasRootCauseMessage(
                        "unknown point 'nosuch'; the register map has temperature, flow, running, alarm," + " counter");
        assertThatThrownBy(() -> template.sendBody("direct:noMap", Map.of("running", 1)))
                .rootCause()
                .hasMessageContaining("has no registerMap");
    }
}
