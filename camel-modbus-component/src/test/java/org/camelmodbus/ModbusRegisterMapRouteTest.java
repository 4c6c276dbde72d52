package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.data.DataType;
import org.camelmodbus.data.PlanOracle;
import org.camelmodbus.data.Point;
import org.camelmodbus.data.PointKind;
import org.camelmodbus.data.RegisterMap;
import org.camelmodbus.data.RegisterOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reads and writes by point name against a device that logs every request and has holes in its registers. */
class ModbusRegisterMapRouteTest extends CamelTestSupport {
    private static final RegisterMap PLANT = RegisterMap.of(
            Point.builder("a", PointKind.HOLDING_REGISTER, 0, DataType.INT16)
                    .writable(true)
                    .build(),
            Point.builder("b", PointKind.HOLDING_REGISTER, 1, DataType.INT16).build(),
            Point.builder("limit", PointKind.HOLDING_REGISTER, 5, DataType.FLOAT32)
                    .order(RegisterOrder.CDAB)
                    .writable(true)
                    .build(),
            Point.builder("d", PointKind.HOLDING_REGISTER, 8, DataType.INT16)
                    .writable(true)
                    .build(),
            Point.builder("e", PointKind.HOLDING_REGISTER, 20, DataType.UINT16).build(),
            Point.builder("ready", PointKind.HOLDING_REGISTER, 30, DataType.BIT)
                    .bit(2)
                    .writable(true)
                    .build(),
            Point.builder("pump", PointKind.COIL, 4, DataType.BOOL)
                    .writable(true)
                    .build());

    private final RegisterMap twoHundred = PlanOracle.mapWithGaps(7, 200, 30);
    private PointDevice device;

    @Override
    protected void doPreSetup() throws Exception {
        device = new PointDevice();
    }

    @AfterEach
    void closeDevice() {
        device.close();
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("plant", PLANT);
        registry.bind("twoHundred", twoHundred);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:plant").to(device.uri("registerMap=#plant"));
                from("direct:guarded").to(device.uri("registerMap=#plant&writeAllow=holding:0-9"));
                from("direct:twoHundred").to(device.uri("registerMap=#twoHundred&maxGap=10"));
            }
        };
    }

    @Test
    void twoHundredPointsWithGapsAreReadInTheFewestRequests() {
        int optimum = PlanOracle.optimum(twoHundred.points(), 10, 125);
        Exchange reply = template.request("direct:twoHundred", e -> {});
        assertThat(reply.getException()).isNull();
        assertThat(device.requests()).hasSize(optimum).allSatisfy(r -> {
            assertThat(r.functionCode()).isEqualTo(3);
            assertThat(r.quantity()).isBetween(1, 125);
        });
        assertThat(reply.getMessage().getBody(Map.class)).hasSize(200).doesNotContainValue(null);
        assertThat(reply.getMessage().getHeader(ModbusConstants.READ_PLAN, List.class))
                .hasSize(optimum);
        assertThat(optimum).isLessThan(200); // gaps within maxGap merged, wider gaps read apart
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReadTheDeviceRefusesIsSplitAndTheSplitIsKept() {
        device.missing(8);
        Exchange first = template.request("direct:plant", e -> {});
        assertThat(first.getException()).isNull();
        Map<String, Object> body = first.getMessage().getBody(Map.class);
        assertThat(body).containsEntry("a", 0).containsEntry("e", 0).containsEntry("d", null);
        Map<?, ?> quality = first.getMessage().getHeader(ModbusConstants.QUALITY, Map.class);
        assertThat(quality.get("a")).isEqualTo("good");
        assertThat((String) quality.get("d"))
                .startsWith("bad: ")
                .contains("Read Holding Registers (0x03) at address 8, quantity 1")
                .contains("Illegal Data Address (0x02)");
        // holding 0..8 in one read, refused; then the runs of adjacent points, 8 alone refused; 20..30 and the coil
        assertThat(device.requests())
                .extracting(PointDevice.Request::address, PointDevice.Request::quantity)
                .containsExactlyInAnyOrder(
                        tuple(4, 1), tuple(0, 9), tuple(20, 11), tuple(0, 2), tuple(5, 2), tuple(8, 1));
        ModbusEndpoint endpoint = context.getEndpoint(device.uri("registerMap=#plant"), ModbusEndpoint.class);
        assertThat(endpoint.readPlan().describe())
                .containsExactly(
                        "coil 4..4 (1 bit): pump",
                        "holding 0..1 (2 registers): a, b",
                        "holding 5..6 (2 registers): limit",
                        "holding 8..8 (1 register): d",
                        "holding 20..30 (11 registers, 9 unused): e, ready");

        device.clear();
        Exchange second = template.request("direct:plant", e -> {});
        assertThat(second.getException()).isNull();
        assertThat(device.requests()).hasSize(5); // the split plan, no refused merged read again
    }

    @Test
    void everyReadFailingFailsTheExchange() {
        device.missing(0);
        RegisterMap one = RegisterMap.of(Point.builder("x", PointKind.HOLDING_REGISTER, 0, DataType.INT16)
                .build());
        context.getRegistry().bind("one", one);
        assertThatThrownBy(() -> template.requestBody(device.uri("registerMap=#one"), (Object) null))
                .isInstanceOf(CamelExecutionException.class)
                .cause()
                .isInstanceOf(ModbusExceptionResponseException.class);
    }

    @Test
    void writesByNameEncodeWithThePointsTypeInOneRequestEach() {
        Exchange reply = template.request(
                "direct:plant",
                e -> e.getMessage().setBody("{\"a\": -2, \"limit\": 123456.0, \"pump\": true, \"ready\": true}"));
        assertThat(reply.getException()).isNull();
        assertThat(device.requests())
                .containsExactly(
                        new PointDevice.Request(6, 0, 1),
                        new PointDevice.Request(16, 5, 2),
                        new PointDevice.Request(5, 4, 1),
                        new PointDevice.Request(22, 30, 1));
        assertThat(device.image.holdingRegister(0)).isEqualTo(0xFFFE);
        assertThat(device.image.holdingRegister(5)).isEqualTo(0x2000); // CDAB: low word first
        assertThat(device.image.holdingRegister(6)).isEqualTo(0x47F1);
        assertThat(device.image.coil(4)).isTrue();
        assertThat(device.image.holdingRegister(30)).isEqualTo(0b100);
        assertThat(reply.getMessage().getHeader(ModbusConstants.POINTS_WRITTEN, List.class))
                .containsExactly("a", "limit", "pump", "ready");
    }

    @Test
    void badWritesAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> template.sendBody("direct:plant", Map.of("b", 1)))
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nothing written: point 'b': is read-only (writable is not set in the register map)");
        assertThatThrownBy(() -> template.sendBody("direct:plant", "{\"a\": 1, \"setpiont\": 2, \"d\": 1.5}"))
                .cause()
                .hasMessage("nothing written: unknown point 'setpiont'; the register map has a, b, limit, d, e, ready,"
                        + " pump; point 'd': cannot write 1.5 (Double): int16 holds whole numbers");
        assertThatThrownBy(() -> template.sendBody("direct:plant", "[1, 2]"))
                .cause()
                .hasMessageStartingWith("expected a JSON object of point names to values");
        assertThat(device.requests()).isEmpty();
    }

    @Test
    void theWriteAllowListCoversEveryPointBeforeTheFirstIsSent() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("a", 1); // allowed
        values.put("ready", true); // holding 30: outside holding:0-9
        assertThatThrownBy(() -> template.sendBody("direct:guarded", values))
                .cause()
                .isInstanceOf(ModbusWriteDeniedException.class);
        assertThat(device.requests()).isEmpty();
    }

    @Test
    void aFailedWriteSaysWhichPointsTookEffect() {
        device.missing(8);
        Map<String, Object> values = new LinkedHashMap<>(); // written in this order: a, then d
        values.put("a", 7);
        values.put("d", 1);
        Exchange reply = template.request("direct:plant", e -> e.getMessage().setBody(values));
        assertThat(reply.getException()).isInstanceOf(ModbusExceptionResponseException.class);
        assertThat(reply.getMessage().getHeader(ModbusConstants.POINTS_WRITTEN, List.class))
                .containsExactly("a");
        assertThat(device.image.holdingRegister(0)).isEqualTo(7);
    }
}
