package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/** The component from YAML routes, as users of Camel Main and JBang write them. */
class ModbusYamlRouteTest extends ModbusRouteTestSupport {

    @Override
    protected void prepareSimulator() {
        simulator.image().setInputRegisters(0, 3, 4);
    }

    @Test
    void pollsAndWritesFromYaml() throws Exception {
        context.getPropertiesComponent().setInitialProperties(toProperties(Map.of("device", device(""))));
        // The JSON becomes a String before the mock: marshal leaves a stream cache, which the mock's stored copy
        // shares with the live exchange, and Camel rewinds it when the route ends. Read by this thread meanwhile,
        // it came out twice ("[3,4][3,4]") on a loaded machine.
        String yaml = """
                - route:
                    from:
                      uri: "{{device}}"
                      parameters:
                        function: readInputRegisters
                        quantity: 2
                        delay: 50
                      steps:
                        - marshal:
                            json: {}
                        - convertBodyTo:
                            type: String
                        - to: "mock:json"
                - route:
                    from:
                      uri: "direct:setpoint"
                      steps:
                        - to:
                            uri: "{{device}}"
                            parameters:
                              function: writeSingleRegister
                              address: 200
                """;
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", yaml));

        MockEndpoint json = getMockEndpoint("mock:json");
        json.expectedMinimumMessageCount(1);
        json.assertIsSatisfied();
        assertEquals("[3,4]", json.getReceivedExchanges().get(0).getMessage().getBody(String.class));

        template.sendBody("direct:setpoint", 215);
        assertEquals(215, simulator.image().holdingRegister(200));
    }

    @Test
    void devicesShareAPollPoolDefinedAsABeanInYaml() throws Exception {
        context.getPropertiesComponent().setInitialProperties(toProperties(Map.of("device", device(""))));
        String yaml = """
                - beans:
                    - name: pollers
                      type: java.util.concurrent.ScheduledThreadPoolExecutor
                      constructors:
                        0: 4
                      destroyMethod: shutdown
                - route:
                    id: meter1
                    from:
                      uri: "{{device}}"
                      parameters: {unitId: 1, function: readInputRegisters, quantity: 2, delay: 50,
                                   scheduledExecutorService: "#pollers"}
                      steps:
                        - to: "mock:meter1"
                - route:
                    id: meter2
                    from:
                      uri: "{{device}}"
                      parameters: {unitId: 2, function: readInputRegisters, quantity: 2, delay: 50,
                                   scheduledExecutorService: "#pollers"}
                      steps:
                        - to: "mock:meter2"
                """;
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", yaml));

        MockEndpoint.expectsMessageCount(1, getMockEndpoint("mock:meter1"), getMockEndpoint("mock:meter2"));
        MockEndpoint.assertIsSatisfied(context);
        Object pollers = context.getRegistry().lookupByName("pollers");
        for (String route : new String[] {"meter1", "meter2"}) {
            ModbusConsumer consumer = (ModbusConsumer) context.getRoute(route).getConsumer();
            assertSame(pollers, consumer.getScheduledExecutorService());
        }
    }

    private static java.util.Properties toProperties(Map<String, String> map) {
        java.util.Properties p = new java.util.Properties();
        p.putAll(map);
        return p;
    }
}
