package org.camelmodbus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.client.ModbusUnitUnavailableException;
import org.camelmodbus.faults.FaultProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A gateway with a dead unit: unit 7 never answers, unit 1 does, on one connection. After two timeouts unit 7 is
 * parked: its requests fail at once with ModbusUnitUnavailableException, unit 1 keeps being served, the header and the
 * device's health check say so; once unit 7 answers a probe, it is served again.
 */
@Timeout(30)
class ModbusCircuitBreakerRouteTest extends CamelTestSupport {
    private static final String BREAKER = "breakerFailureThreshold=2&breakerOpenDelay=300&breakerOpenDelayMax=1000";
    private ScriptedDevice gateway;
    /** Between routes and gateway, so the gateway can become unreachable on a port no other process can take. */
    private FaultProxy proxy;

    private EventLoopGroup proxyThreads;
    private int port;
    private final List<Object> polled = new CopyOnWriteArrayList<>();
    private final List<String> polledStates = new CopyOnWriteArrayList<>();

    @Override
    protected void doPreSetup() throws Exception {
        gateway = new ScriptedDevice();
        gateway.silence(7);
        proxyThreads = new NioEventLoopGroup(1);
        proxy = FaultProxy.start(proxyThreads, "127.0.0.1", gateway.port());
        port = proxy.port();
    }

    @Override
    protected void doPostTearDown() {
        proxy.close();
        proxyThreads.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        gateway.close();
    }

    private String gateway(String options) {
        return "modbus:tcp:127.0.0.1:" + port + "?" + options;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:unit7").to(gateway(BREAKER + "&unitId=7&timeout=200&address=7"));
                from("direct:unit1").to(gateway(BREAKER + "&unitId=1&timeout=2000&address=1"));
                from(gateway(BREAKER + "&unitId=1&address=2&delay=50")).process(e -> {
                    polled.add(e.getMessage().getBody());
                    polledStates.add(e.getMessage().getHeader(ModbusConstants.BREAKER_STATE, String.class));
                });
            }
        };
    }

    @Test
    void aDeadUnitIsParkedWhileTheOtherUnitIsServedAndComesBackAfterAProbe() {
        Exchange served = template.request("direct:unit1", e -> {});
        assertEquals(List.of(1), served.getMessage().getBody());
        assertEquals("CLOSED", served.getMessage().getHeader(ModbusConstants.BREAKER_STATE));

        Exchange first = template.request("direct:unit7", e -> {});
        assertInstanceOf(ModbusTimeoutException.class, first.getException());
        assertEquals("CLOSED", first.getMessage().getHeader(ModbusConstants.BREAKER_STATE));
        Exchange second = template.request("direct:unit7", e -> {});
        assertInstanceOf(ModbusTimeoutException.class, second.getException());
        assertEquals("OPEN", second.getMessage().getHeader(ModbusConstants.BREAKER_STATE));

        int arrived = gateway.arrivals().size();
        long start = System.nanoTime();
        Exchange parked = template.request("direct:unit7", e -> {});
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        ModbusUnitUnavailableException e =
                assertInstanceOf(ModbusUnitUnavailableException.class, parked.getException());
        assertEquals(7, e.unitId());
        assertTrue(e.nextProbe().isPresent());
        assertTrue(e.getMessage().contains("unit 7 is parked by its circuit breaker"), e.getMessage());
        assertEquals("OPEN", parked.getMessage().getHeader(ModbusConstants.BREAKER_STATE));
        assertTrue(elapsedMillis < 200, "failed after " + elapsedMillis + " ms, not at once");

        // unit 1 on the same connection is still served, by the producer and by the consumer
        Exchange stillServed = template.request("direct:unit1", x -> {});
        assertNull(stillServed.getException());
        assertEquals("CLOSED", stillServed.getMessage().getHeader(ModbusConstants.BREAKER_STATE));
        int polledBefore = polled.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> polled.size() > polledBefore + 1);
        assertEquals(List.of(2), polled.get(polled.size() - 1));
        assertTrue(polledStates.stream().allMatch("CLOSED"::equals), polledStates::toString);
        assertTrue(gateway.arrivals().stream().skip(arrived).noneMatch(a -> a.unitId() == 7));

        HealthCheck.Result health = deviceHealth();
        assertEquals(HealthCheck.State.UP, health.getState());
        assertEquals("7", health.getDetails().get("parkedUnits"));
        assertTrue(health.getDetails().get("breaker.unit.7").toString().startsWith("OPEN since"), health::toString);
        assertEquals(true, health.getDetails().get("connected"));
        assertTrue(health.getMessage().orElse("").contains("units parked by their circuit breaker: 7"));

        // the unit comes back: after the open delay a request goes through as the probe and closes the breaker
        gateway.answer(7);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    Exchange probe = template.request("direct:unit7", x -> {});
                    assertNull(probe.getException());
                    assertEquals(List.of(7), probe.getMessage().getBody());
                    assertEquals("CLOSED", probe.getMessage().getHeader(ModbusConstants.BREAKER_STATE));
                });
        assertEquals("", deviceHealth().getDetails().get("parkedUnits"));
    }

    @Test
    void theDeviceHealthCheckIsDownWhileTheDeviceCannotBeReached() {
        template.requestBody("direct:unit1", (Object) null);
        assertEquals(HealthCheck.State.UP, deviceHealth().getState());
        proxy.refuseConnections();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    template.request("direct:unit1", x -> {});
                    return deviceHealth().getState() == HealthCheck.State.DOWN;
                });
        HealthCheck.Result down = deviceHealth();
        assertTrue(down.getMessage().orElse("").contains("127.0.0.1:" + port + " cannot be reached"), down::toString);
        assertTrue(down.getDetails().containsKey("lastError"), down::toString);
    }

    private HealthCheck.Result deviceHealth() {
        String id = "modbus-device:tcp://127.0.0.1:" + port;
        return HealthCheckHelper.invoke(context, id, Map.of())
                .orElseThrow(() -> new AssertionError("no health check " + id + " among "
                        + HealthCheckHelper.getHealthCheckRegistry(context).getCheckIDs()));
    }
}
