package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.protocol.ExceptionCode;
import org.junit.jupiter.api.Test;

/**
 * Proxy mode: every request of the route's unit ids is an exchange whose reply is the answer. The headers and body of
 * the exchange are what a modbus producer takes, so a route to another device is a gateway: here Modbus TCP to the
 * embedded simulator, the same shape as the TCP to RTU gateway.
 */
class ModbusProxyRouteTest extends ModbusRouteTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("modbus:tcp-server:127.0.0.1:0?proxy=true&unitIds=1..3")
                        .routeId("gateway")
                        .to(device(""));
                from("modbus:tcp-server:127.0.0.1:0?proxy=true&replyTimeout=300")
                        .routeId("computed")
                        .choice()
                        .when(header(ModbusConstants.UNIT_ID).isEqualTo(9))
                        .to("direct:never")
                        .when(header(ModbusConstants.QUANTITY).isEqualTo(2))
                        .setBody(constant(List.of(4, 5)))
                        .otherwise()
                        .setBody(constant(List.of(1)));
                from("direct:never").delay(3000);
                // answers 1 when the route knows which client asked
                from("modbus:tcp-server:127.0.0.1:0?proxy=true")
                        .routeId("whoAsked")
                        .setBody(exchange -> List.of(
                                exchange.getMessage()
                                                .getHeader(ModbusConstants.PEER, "", String.class)
                                                .matches("127\\.0\\.0\\.1:\\d+")
                                        ? 1
                                        : 0));
            }
        };
    }

    private String client(String routeId, String options) {
        return "modbus:tcp:127.0.0.1:"
                + ((ModbusServerConsumer) context.getRoute(routeId).getConsumer()).port() + "?" + options;
    }

    private int exceptionCode(String routeId, String options, Object body) {
        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.requestBody(client(routeId, options), body));
        assertThat(e.getCause()).isInstanceOf(ModbusExceptionResponseException.class);
        return ((ModbusExceptionResponseException) e.getCause()).exceptionCode();
    }

    @Test
    void readsAndWritesPassThroughToTheDeviceBehind() {
        simulator.image().setHoldingRegisters(100, 7, 8, 9);
        assertThat(template.requestBody(
                        client("gateway", "function=readHoldingRegisters&unitId=2&address=100&quantity=3"),
                        (Object) null))
                .isEqualTo(List.of(7, 8, 9));
        template.requestBody(client("gateway", "function=writeMultipleCoils&unitId=3&address=4"), "1,1,0,1");
        assertThat(List.of(
                        simulator.image().coil(4),
                        simulator.image().coil(5),
                        simulator.image().coil(6),
                        simulator.image().coil(7)))
                .isEqualTo(List.of(true, true, false, true));
        template.requestBody(client("gateway", "function=writeSingleRegister&unitId=1&address=3"), -1);
        assertThat(simulator.image().holdingRegister(3)).isEqualTo(65535);
    }

    @Test
    void theDevicesExceptionsReachTheClient() {
        // the simulator does not know function 0x41
        assertThat(exceptionCode("gateway", "function=raw&rawFunctionCode=65", new byte[0]))
                .isEqualTo(ExceptionCode.ILLEGAL_FUNCTION.code());
        assertThat(exceptionCode("gateway", "function=readHoldingRegisters&unitId=4", null))
                .isEqualTo(ExceptionCode.GATEWAY_PATH_UNAVAILABLE.code());
    }

    @Test
    void theRouteKnowsWhichClientAsked() {
        assertThat(template.requestBody(client("whoAsked", "function=readHoldingRegisters"), (Object) null))
                .isEqualTo(List.of(1));
    }

    @Test
    void theRoutesBodyIsTheAnswer() {
        assertThat(template.requestBody(client("computed", "function=readInputRegisters&quantity=2"), (Object) null))
                .isEqualTo(List.of(4, 5));
        assertThat(template.requestBody(client("computed", "function=readCoils&quantity=1"), (Object) null))
                .isEqualTo(List.of(true));
        // one value for a read of three: the route's reply cannot answer it
        assertThat(exceptionCode("computed", "function=readHoldingRegisters&quantity=3", null))
                .isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE.code());
    }

    @Test
    void aRouteThatDoesNotReplyInTimeIsATargetThatFailedToRespond() {
        assertThat(exceptionCode("computed", "function=readHoldingRegisters&unitId=9", null))
                .isEqualTo(ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND.code());
    }
}
