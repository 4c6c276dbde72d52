package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.QueueOverflow;
import org.junit.jupiter.api.Test;

/** A device's settings defined once as a ModbusDevice bean and named by its endpoints with device=#plc. */
class ModbusDeviceBeanTest extends ModbusRouteTestSupport {
    private final ModbusDevice plc = new ModbusDevice();

    @Override
    protected void bindToRegistry(Registry registry) {
        plc.setMaxInFlight(4);
        plc.setMaxQueuedRequests(50);
        plc.setMaxRequestsPerSecond(200);
        plc.setQueueOverflow(ModbusQueueOverflow.mergePoll);
        plc.setBreakerFailureThreshold(3);
        registry.bind("plc", plc);
    }

    @Override
    protected void prepareSimulator() {
        simulator.image().setHoldingRegisters(0, 10, 11);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:first").to(device("device=#plc&address=0"));
                from("direct:second").to(device("device=#plc&address=1&unitId=2"));
            }
        };
    }

    @Test
    void endpointsNamingTheBeanShareOneClientWithItsSettings() {
        assertEquals(List.of(10), template.requestBody("direct:first", (Object) null));
        assertEquals(List.of(11), template.requestBody("direct:second", (Object) null));
        assertEquals(1, context.getComponent("modbus", ModbusComponent.class).deviceCount());

        ModbusConfiguration c = context.getEndpoint(device("device=#plc&address=0"), ModbusEndpoint.class)
                .getConfiguration();
        ModbusClientOptions options = c.deviceSettings().client();
        assertEquals(4, options.maxInFlight());
        assertEquals(50, options.maxQueued());
        assertEquals(200, options.maxRequestsPerSecond());
        assertEquals(QueueOverflow.MERGE_POLL, options.queueOverflow());
        assertEquals(3, options.breaker().failureThreshold());
    }

    @Test
    void anEndpointNamingTheBeanMayNotSetTheDeviceOptionsItself() {
        ResolveEndpointFailedException e = assertThrows(
                ResolveEndpointFailedException.class,
                () -> context.getEndpoint(device("device=#plc&maxInFlight=4&minRequestInterval=10")));
        assertTrue(e.getMessage().contains("maxInFlight, minRequestInterval"), e.getMessage());
        assertTrue(e.getMessage().contains("set them on the bean"), e.getMessage());
    }

    @Test
    void anEndpointWithoutTheBeanMustAgreeWithItToUseTheDevice() {
        // endpoints start as the running context creates them, and take the device then
        String agreeing = device("maxInFlight=4&maxQueuedRequests=50&maxRequestsPerSecond=200&queueOverflow=mergePoll"
                + "&breakerFailureThreshold=3&address=1");
        assertTrue(context.getEndpoint(agreeing, ModbusEndpoint.class).isStarted());
        assertEquals(1, context.getComponent("modbus", ModbusComponent.class).deviceCount());

        ResolveEndpointFailedException e = assertThrows(
                ResolveEndpointFailedException.class, () -> context.getEndpoint(device("maxInFlight=4&address=1")));
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(cause.getMessage().contains("must use the same connection settings"), cause.getMessage());
    }
}
