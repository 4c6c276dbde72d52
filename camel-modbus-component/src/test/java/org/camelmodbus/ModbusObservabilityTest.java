package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.simulator.ModbusSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What operations see of a device, against the simulator and a scripted gateway whose unit 7 never answers:
 * Micrometer meters that count what happened, readiness that goes down once the device has been unreachable past
 * the threshold and up when it is back, and JMX and the dev console showing the same state.
 */
@Timeout(60)
class ModbusObservabilityTest extends ModbusRouteTestSupport {
    /** The device options of every simulator endpoint, which must agree. */
    private static final String DEVICE = "reconnectDelay=50&reconnectDelayMax=100&unreachableThreshold=3000";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ScriptedDevice gateway;
    private int port;

    @Override
    public void configureTest(TestExecutionConfiguration testConfiguration) {
        super.configureTest(testConfiguration);
        testConfiguration.withJMX(true);
    }

    @Override
    protected void doPreSetup() throws Exception {
        super.doPreSetup();
        port = simulator.port();
        gateway = new ScriptedDevice();
        gateway.silence(7);
    }

    @Override
    protected void doPostTearDown() {
        gateway.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("metricsRegistry", meters);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:read").to(device(DEVICE + "&address=0&quantity=2&timeout=1000"));
                from("direct:vendor").to(device(DEVICE + "&function=raw&rawFunctionCode=65&requestData=01"));
                from("direct:unit7").to(gateway.uri("unitId=7&timeout=100&retries=2&retryDelay=10"));
                from("direct:unit1").to(gateway.uri("unitId=1&timeout=5000"));
            }
        };
    }

    private String simulatorDevice() {
        return "tcp://127.0.0.1:" + port;
    }

    private String gatewayDevice() {
        return "tcp://127.0.0.1:" + gateway.port();
    }

    @Test
    void metersCountRequestsLatencyErrorsByKindAndRetries() {
        for (int i = 0; i < 3; i++) {
            template.requestBody("direct:read", (Object) null);
        }
        Exchange refused = template.send("direct:vendor", e -> {});
        Exchange timedOut = template.send("direct:unit7", e -> {});

        assertThat(refused.getException()).hasMessageContaining("Illegal Function");
        assertThat(timedOut.getException()).isInstanceOf(ModbusTimeoutException.class);
        Timer succeeded = meters.get("modbus.requests")
                .tags("device", simulatorDevice(), "outcome", "success")
                .timer();
        assertEquals(3, succeeded.count());
        assertThat(succeeded.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(succeeded.max(TimeUnit.NANOSECONDS)).isPositive();
        assertEquals(
                1,
                meters.get("modbus.requests")
                        .tags("device", simulatorDevice(), "outcome", "error")
                        .timer()
                        .count());
        assertEquals(1, errors(simulatorDevice(), "exceptionResponse"));
        assertEquals(0, errors(simulatorDevice(), "timeout"));
        // one request, three attempts: all timed out, two of them were retries
        assertEquals(3, errors(gatewayDevice(), "timeout"));
        assertEquals(
                2,
                meters.get("modbus.retries")
                        .tags("device", gatewayDevice())
                        .functionCounter()
                        .count());
        assertEquals(1, gauge(simulatorDevice(), "modbus.connected"));
    }

    @Test
    void gaugesShowRequestsInFlightAndQueued() {
        gateway.hold();
        for (int i = 0; i < 3; i++) {
            template.asyncSendBody("direct:unit1", null);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(1, gauge(gatewayDevice(), "modbus.inflight"));
            assertEquals(2, gauge(gatewayDevice(), "modbus.queue.depth"));
        });
        gateway.release();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(0, gauge(gatewayDevice(), "modbus.inflight"));
            assertEquals(0, gauge(gatewayDevice(), "modbus.queue.depth"));
        });
    }

    @Test
    void metersGoAwayWithTheDevice() {
        assertThat(meters.find("modbus.inflight")
                        .tags("device", simulatorDevice())
                        .gauge())
                .isNotNull();
        context.stop(); // the endpoints stop and release their devices
        assertThat(meters.find("modbus.inflight")
                        .tags("device", simulatorDevice())
                        .gauge())
                .isNull();
    }

    @Test
    void readinessGoesDownOnlyAfterTheThresholdAndUpWhenTheDeviceIsBack() throws Exception {
        template.requestBody("direct:read", (Object) null);
        assertEquals(HealthCheck.State.UP, health().getState());

        simulator.close();
        template.send("direct:read", e -> {}); // the connection is found gone, and the next attempt fails
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    template.send("direct:read", e -> {});
                    return health().getDetails().containsKey("unreachableSince");
                });
        HealthCheck.Result early = health();
        assertEquals(HealthCheck.State.UP, early.getState(), early::toString);
        assertThat(early.getMessage().orElse("")).contains("readiness goes down after unreachableThreshold PT3S");

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> health().getState() == HealthCheck.State.DOWN);
        HealthCheck.Result down = health();
        assertThat(down.getMessage().orElse("")).contains(simulatorDevice() + " cannot be reached since");
        assertEquals(false, down.getDetails().get("connected"));
        assertThat(down.getDetails()).containsKeys("lastError", "lastErrorTime", "lastSuccess", "unreachableSince");

        simulator = ModbusSimulator.start("127.0.0.1", port);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    template.send("direct:read", e -> {});
                    return health().getState() == HealthCheck.State.UP;
                });
        assertThat(health().getDetails()).doesNotContainKey("unreachableSince");
    }

    @Test
    void jmxShowsTheDeviceOfEachEndpoint() throws Exception {
        template.requestBody("direct:read", (Object) null);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(
                new ObjectName("org.apache.camel:context=" + context.getManagementName() + ",type=endpoints,*"), null);
        ObjectName read = names.stream()
                .filter(n -> n.getKeyProperty("name").contains("address=0"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no modbus endpoint among " + names));

        assertEquals(simulatorDevice(), server.getAttribute(read, "DeviceAddress"));
        assertEquals(true, server.getAttribute(read, "Connected"));
        assertEquals(1L, server.getAttribute(read, "Requests"));
        assertEquals(0L, server.getAttribute(read, "Failures"));
        assertEquals(0, server.getAttribute(read, "QueuedRequests"));
        assertThat((String) server.getAttribute(read, "LastSuccess")).isNotNull();
    }

    @Test
    void devConsoleShowsEveryDevice() {
        template.requestBody("direct:read", (Object) null);
        template.send("direct:unit7", e -> {});
        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("modbus");

        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertThat(text)
                .contains("Device: " + simulatorDevice() + "\n    connected: true")
                .contains("Device: " + gatewayDevice())
                .contains("timeouts: 3")
                .contains("retries: 2");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> devices = (List<Map<String, Object>>)
                ((Map<String, Object>) console.call(DevConsole.MediaType.JSON)).get("devices");
        Map<String, Object> simulated = devices.stream()
                .filter(d -> simulatorDevice().equals(d.get("device")))
                .findFirst()
                .orElseThrow();
        assertEquals(1L, simulated.get("requests"));
        assertEquals(true, simulated.get("connected"));
    }

    private double errors(String device, String kind) {
        FunctionCounter counter =
                meters.get("modbus.errors").tags("device", device, "kind", kind).functionCounter();
        return counter.count();
    }

    private double gauge(String device, String name) {
        Gauge gauge = meters.get(name).tags("device", device).gauge();
        return gauge.value();
    }

    private HealthCheck.Result health() {
        String id = "modbus-device:" + simulatorDevice();
        return HealthCheckHelper.invoke(context, id, Map.of()).orElseThrow();
    }
}
