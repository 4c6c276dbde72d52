package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.camelmodbus.builder.endpoint.dsl.ModbusEndpointBuilderFactory;
import org.junit.jupiter.api.Test;

/** The generated Endpoint DSL builds the same endpoints as URIs. */
class ModbusEndpointDslTest extends ModbusRouteTestSupport {

    @Override
    protected void prepareSimulator() {
        simulator.image().setCoils(0, true, true, false);
    }

    @Override
    protected EndpointRouteBuilder createRouteBuilder() {
        return new Routes();
    }

    private class Routes extends EndpointRouteBuilder implements ModbusEndpointBuilderFactory.ModbusBuilders {
        @Override
        public void configure() {
            String device = "tcp:127.0.0.1:" + simulator.port();
            from(modbus(device).function(ModbusFunction.readCoils).quantity(3).delay(50))
                    .to("mock:coils");
            from("direct:write")
                    .to(modbus(device)
                            .function(ModbusFunction.writeSingleRegister)
                            .address(9));
        }
    }

    @Test
    void pollsAndWritesThroughTheEndpointDsl() throws Exception {
        MockEndpoint coils = getMockEndpoint("mock:coils");
        coils.expectedMinimumMessageCount(1);
        coils.assertIsSatisfied();
        assertEquals(
                List.of(true, true, false),
                coils.getReceivedExchanges().get(0).getMessage().getBody());

        template.sendBody("direct:write", 321);
        assertEquals(321, simulator.image().holdingRegister(9));
    }
}
