package org.camelmodbus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.camelmodbus.ModbusServerConsumer;
import org.junit.jupiter.api.Test;

/**
 * The gateway example as the README's run command starts it, without a serial port: Modbus TCP clients reach the
 * simulator through the gateway route. (GatewayIT in camel-modbus-component runs the same route to an RTU bus.)
 */
class GatewayExampleTest {

    @Test
    void clientsReadAndWriteTheDeviceBehindTheGateway() throws Exception {
        try (RunningExample example = RunningExample.start("gateway", Map.of("gateway.listen", "127.0.0.1:0"))) {
            example.simulator.image().setHoldingRegisters(50, 5, 6, 7);
            int port = ((ModbusServerConsumer) example.main
                            .getCamelContext()
                            .getRoute("tcp-to-rtu-gateway")
                            .getConsumer())
                    .port();
            String gateway = "modbus:tcp:127.0.0.1:" + port + "?unitId=7&address=50";
            ProducerTemplate template = example.main.getCamelContext().createProducerTemplate();
            assertEquals(List.of(5, 6, 7), template.requestBody(gateway + "&quantity=3", (Object) null));
            template.requestBody(gateway + "&function=writeSingleRegister", 42);
            assertEquals(42, example.simulator.image().holdingRegister(50));
        }
    }
}
