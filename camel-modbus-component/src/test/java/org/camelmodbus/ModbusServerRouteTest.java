package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.server.ProcessImage;
import org.junit.jupiter.api.Test;

/**
 * Routes as a Modbus server, talked to by our own client through modbus producers: reads come from the image that
 * routes fill, writes reach the route and are applied only when it accepts them, and the route's refusals, failures
 * and silence reach the client as exception codes.
 */
class ModbusServerRouteTest extends CamelTestSupport {
    private final AtomicInteger slowRoutesDone = new AtomicInteger();
    /** Holds the slow route until its client has had its answer, however long the machine takes to get there. */
    private final CountDownLatch slowRouteMayFinish = new CountDownLatch(1);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:feed").to("modbus:image:plant?address=10");
                from("direct:feedCoils").to("modbus:image:plant?table=coils");

                from("modbus:tcp-server:127.0.0.1:0?unitIds=1&image=plant&replyTimeout=2000")
                        .routeId("plant")
                        .choice()
                        .when(simple("${header.CamelModbusAddress} == 90"))
                        .throwException(new ModbusRefusedException(ExceptionCode.ILLEGAL_DATA_VALUE, "locked"))
                        .when(simple("${header.CamelModbusAddress} == 91"))
                        .throwException(new IllegalStateException("downstream is down"))
                        .when(simple("${header.CamelModbusAddress} == 92"))
                        .to("direct:slow")
                        .when(simple("${body[0]} > 100"))
                        .setHeader(ModbusConstants.EXCEPTION_CODE, constant("ILLEGAL_DATA_VALUE"))
                        .end()
                        .to("mock:writes");
                from("direct:slow")
                        .process(e -> slowRouteMayFinish.await(20, TimeUnit.SECONDS))
                        .process(e -> slowRoutesDone.incrementAndGet());

                from("modbus:tcp-server:127.0.0.1:0?unitIds=2..3&image=boiler&readableAddresses=0..9"
                                + "&writableAddresses=5&allowedFunctions=readHoldingRegisters,writeSingleRegister,0x10")
                        .routeId("boiler")
                        .to("mock:boiler");
            }
        };
    }

    private int port(String routeId) {
        return ((ModbusServerConsumer) context.getRoute(routeId).getConsumer()).port();
    }

    private String client(String routeId, String options) {
        return "modbus:tcp:127.0.0.1:" + port(routeId) + "?" + options;
    }

    private ProcessImage image(String name) {
        return context.getComponent("modbus", ModbusComponent.class).image(name);
    }

    private Object request(String routeId, String options, Object body) {
        return template.requestBody(client(routeId, options), body);
    }

    private int exceptionCode(String routeId, String options, Object body) {
        Throwable e = org.junit.jupiter.api.Assertions.assertThrows(
                CamelExecutionException.class, () -> request(routeId, options, body));
        assertThat(e.getCause()).isInstanceOf(ModbusExceptionResponseException.class);
        return ((ModbusExceptionResponseException) e.getCause()).exceptionCode();
    }

    @Test
    void clientsReadWhatRoutesPutIntoTheImage() {
        template.sendBody("direct:feed", List.of(1, 2, -3));
        template.sendBodyAndHeader("direct:feedCoils", "1,0,1", ModbusConstants.ADDRESS, 4);
        assertThat(request("plant", "function=readHoldingRegisters&address=10&quantity=3", null))
                .isEqualTo(List.of(1, 2, 65533));
        assertThat(request("plant", "function=readCoils&address=3&quantity=5", null))
                .isEqualTo(List.of(false, true, false, true, false));
        // the producer's table header, and values past the table fail the exchange
        template.sendBodyAndHeader("direct:feed", 7, ModbusConstants.TABLE, "inputRegisters");
        assertThat(request("plant", "function=readInputRegisters&address=10&quantity=1", null))
                .isEqualTo(List.of(7));
        assertThatThrownBy(() -> template.sendBodyAndHeader("direct:feed", "1,2", ModbusConstants.ADDRESS, 65535))
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesReachTheRouteAndAreAppliedWhenItAccepts() throws Exception {
        MockEndpoint writes = getMockEndpoint("mock:writes");
        writes.expectedMessageCount(2);
        request("plant", "function=writeMultipleRegisters&address=20", List.of(5, 6, 7));
        request("plant", "function=writeSingleCoil&address=30", true);
        writes.assertIsSatisfied();

        Exchange registers = writes.getExchanges().get(0);
        assertThat(registers.getMessage().getHeaders())
                .containsEntry(ModbusConstants.UNIT_ID, 1)
                .containsEntry(ModbusConstants.FUNCTION, "writeMultipleRegisters")
                .containsEntry(ModbusConstants.ADDRESS, 20)
                .containsEntry(ModbusConstants.QUANTITY, 3);
        // who wrote: our client's end of the connection, not the server's
        String peer = registers.getMessage().getHeader(ModbusConstants.PEER, String.class);
        assertThat(peer).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:" + port("plant"));
        assertThat(registers.getMessage().getBody()).isEqualTo(List.of(5, 6, 7));
        assertThat(writes.getExchanges().get(1).getMessage().getBody()).isEqualTo(List.of(true));

        ProcessImage plant = image("plant");
        assertThat(List.of(plant.holdingRegister(20), plant.holdingRegister(21), plant.holdingRegister(22)))
                .isEqualTo(List.of(5, 6, 7));
        assertThat(plant.coil(30)).isTrue();
    }

    @Test
    void theRouteRefusesWritesWithTheExceptionCodeItChooses() {
        image("plant").setHoldingRegisters(40, 11);
        assertThat(exceptionCode("plant", "function=writeSingleRegister&address=40", 500))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE.code());
        assertThat(exceptionCode("plant", "function=writeSingleRegister&address=90", 1))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE.code());
        assertThat(exceptionCode("plant", "function=writeSingleRegister&address=91", 1))
                .isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE.code());
        assertThat(image("plant").holdingRegister(40)).isEqualTo(11);
        assertThat(image("plant").holdingRegister(90)).isZero();
        assertThat(image("plant").holdingRegister(91)).isZero();
    }

    @Test
    void aWriteTheRouteDoesNotDecideInTimeFailsAndIsNeverApplied() {
        int done = slowRoutesDone.get();
        assertThat(exceptionCode("plant", "function=writeSingleRegister&address=92&timeout=20000", 9))
                .isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE.code());
        slowRouteMayFinish.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> slowRoutesDone.get() > done);
        assertThat(image("plant").holdingRegister(92)).isZero();
    }

    @Test
    void eachUnitIdHasItsOwnImageAndUnservedUnitIdsAreRefused() {
        image("boiler").setHoldingRegisters(0, 42);
        image("plant").setHoldingRegisters(0, 17);
        assertThat(request("boiler", "function=readHoldingRegisters&unitId=2", null))
                .isEqualTo(List.of(42));
        assertThat(request("boiler", "function=readHoldingRegisters&unitId=3", null))
                .isEqualTo(List.of(42));
        assertThat(request("plant", "function=readHoldingRegisters&unitId=1", null))
                .isEqualTo(List.of(17));
        assertThat(exceptionCode("boiler", "function=readHoldingRegisters&unitId=1", null))
                .isEqualTo(ExceptionCode.GATEWAY_PATH_UNAVAILABLE.code());
    }

    @Test
    void accessRulesRefuseFunctionsAndAddressesBeforeTheRouteSeesThem() throws Exception {
        MockEndpoint boiler = getMockEndpoint("mock:boiler");
        boiler.expectedMessageCount(1);
        assertThat(exceptionCode("boiler", "function=readCoils&unitId=2", null))
                .isEqualTo(ExceptionCode.ILLEGAL_FUNCTION.code());
        assertThat(exceptionCode("boiler", "function=readHoldingRegisters&unitId=2&address=8&quantity=3", null))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS.code());
        assertThat(exceptionCode("boiler", "function=writeSingleRegister&unitId=2&address=4", 1))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS.code());
        assertThat(exceptionCode("boiler", "function=writeMultipleRegisters&unitId=2&address=5", "1,2"))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS.code());
        request("boiler", "function=writeMultipleRegisters&unitId=2&address=5", "77");
        boiler.assertIsSatisfied();
        assertThat(image("boiler").holdingRegister(5)).isEqualTo(77);
        assertThat(image("boiler").holdingRegister(4)).isZero();
    }

    @Test
    void writeExchangesCarryWhatAProducerTakes() {
        Map<String, Object> headers = Map.of(ModbusConstants.UNIT_ID, 1);
        template.requestBodyAndHeaders(
                client("plant", "function=maskWriteRegister&address=50"),
                Map.of("andMask", 0x00FF, "orMask", 0x1200),
                headers);
        Exchange mask = getMockEndpoint("mock:writes").getExchanges().get(0);
        assertThat(mask.getMessage().getHeaders())
                .containsEntry(ModbusConstants.FUNCTION, "maskWriteRegister")
                .containsEntry(ModbusConstants.AND_MASK, 0x00FF)
                .containsEntry(ModbusConstants.OR_MASK, 0x1200);
        assertThat(image("plant").holdingRegister(50)).isEqualTo(0x1200);
    }
}
