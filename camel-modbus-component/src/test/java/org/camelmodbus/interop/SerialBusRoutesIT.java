package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.ModbusComponent;
import org.camelmodbus.ModbusConstants;
import org.camelmodbus.RecordingExceptionHandler;
import org.camelmodbus.client.ModbusConnectionException;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.camelmodbus.transport.serial.SerialPortSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes on one RS-485 bus, made of a socat pty pair with our RTU simulator playing three devices at the far end:
 * several unit ids polled at once by routes that share the port's one queue, a broadcast write, and an adapter that
 * is unplugged and plugged in again.
 */
@Timeout(90)
class SerialBusRoutesIT extends CamelTestSupport {
    private static final int[] UNITS = {1, 2, 3};
    /** The port's settings, which every endpoint on it must agree on. */
    private static final String DEVICE_OPTIONS = "reconnectDelay=50&reconnectDelayMax=200&turnaroundDelay=20";

    @TempDir
    static Path dir;

    private VirtualSerialPorts ports;
    private ModbusSimulator simulator;
    private final Map<Integer, ProcessImage> images = new ConcurrentHashMap<>();
    private final Map<Integer, List<Object>> polled = new ConcurrentHashMap<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    protected void doPreSetup() throws Exception {
        ports = new VirtualSerialPorts(dir, "bus" + System.nanoTime());
        for (int unit : UNITS) {
            ProcessImage image = new ProcessImage();
            image.setHoldingRegisters(0, 100 * unit, 100 * unit + 1);
            images.put(unit, image);
            polled.put(unit, new CopyOnWriteArrayList<>());
        }
        startSimulator();
    }

    private void startSimulator() throws Exception {
        simulator = ModbusSimulator.startSerial(
                SerialPortSettings.of(ports.b(), 19200, SerialPortSettings.Parity.EVEN, 1), SerialFraming.RTU, images);
    }

    @AfterEach
    void unplug() {
        if (simulator != null) {
            simulator.close();
        }
        ports.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:broadcast")
                        .to("modbus:rtu:" + ports.a() + "?unitId=0&function=writeSingleRegister&address=9&"
                                + DEVICE_OPTIONS);
            }
        };
    }

    /** The README's example: three routes, three unit ids, one port; one of them polls as fast as it can. */
    private void loadPollers(String fastest) throws Exception {
        Properties p = new Properties();
        p.put("port", ports.a());
        context.getPropertiesComponent().setInitialProperties(p);
        // the pollers' failures end up in the errors list
        context.getRegistry().bind("errorCollector", new RecordingExceptionHandler(errors));
        StringBuilder yaml = new StringBuilder();
        for (int unit : UNITS) {
            String delay = String.valueOf(unit == 1 ? 0 : 20);
            yaml.append("""
                    - route:
                        id: unit%d
                        from:
                          uri: "modbus:rtu:{{port}}"
                          parameters:
                            unitId: %d
                            quantity: 2
                            delay: %s
                            timeout: 1000
                            reconnectDelay: 50
                            reconnectDelayMax: 200
                            turnaroundDelay: 20
                            exceptionHandler: "#errorCollector"
                          steps:
                            - to: "direct:polled"
                    """.formatted(unit, unit, unit == 1 ? fastest : delay));
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:polled")
                        .process(e -> polled.get(e.getMessage().getHeader(ModbusConstants.UNIT_ID, Integer.class))
                                .add(e.getMessage().getBody()));
            }
        });
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("bus.yaml", yaml.toString()));
    }

    @Test
    void routesOfSeveralUnitsShareThePortWithoutCollisionsOrStarvation() throws Exception {
        loadPollers("0");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> polled.values().stream().allMatch(l -> l.size() >= 30));
        assertThat(errors).as("no timeouts, no mixed-up answers").isEmpty();
        assertThat(context.getComponent("modbus", ModbusComponent.class).deviceCount())
                .as("one client, one queue for the port")
                .isEqualTo(1);
        for (int unit : UNITS) {
            assertThat(polled.get(unit))
                    .as("unit %d got only its own registers", unit)
                    .allSatisfy(body -> assertThat(body).isEqualTo(List.of(100 * unit, 100 * unit + 1)));
        }
    }

    @Test
    void aBroadcastReachesEveryUnitAndCompletesAfterTheTurnaround() {
        long start = System.nanoTime();
        template.sendBody("direct:broadcast", 4242);
        assertThat(System.nanoTime() - start)
                .as("the turnaround delay was kept")
                .isGreaterThan(20_000_000L);
        for (int unit : UNITS) {
            await().atMost(Duration.ofSeconds(5)).until(() -> images.get(unit).holdingRegister(9) == 4242);
        }
    }

    @Test
    void pollingReportsAnUnpluggedAdapterAndResumesWhenItIsBack() throws Exception {
        loadPollers("20");
        await().atMost(Duration.ofSeconds(10)).until(() -> polled.get(1).size() >= 3);
        HealthCheck check = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("modbus-device:"))
                .findFirst()
                .orElseThrow()
                .getCheck();

        simulator.close();
        simulator = null;
        ports.unplug();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> errors.stream().anyMatch(ModbusConnectionException.class::isInstance));
        assertThat(errors.stream()
                        .filter(ModbusConnectionException.class::isInstance)
                        .map(Throwable::getMessage))
                .anySatisfy(m -> assertThat(m).contains(ports.a()));
        await().atMost(Duration.ofSeconds(10)).until(() -> check.call().getState() == HealthCheck.State.DOWN);
        assertThat(check.call().getMessage())
                .hasValueSatisfying(m -> assertThat(m).contains("does not exist"));

        ports.start();
        startSimulator();
        AtomicInteger before = new AtomicInteger(polled.get(2).size());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> polled.get(2).size() >= before.get() + 5
                        && polled.get(3).size() > 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> check.call().getState() == HealthCheck.State.UP);
    }
}
