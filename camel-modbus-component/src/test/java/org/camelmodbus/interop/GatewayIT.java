package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.ModbusServerConsumer;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.camelmodbus.transport.serial.SerialPortSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TCP to RTU gateway example end to end: libmodbus TCP clients, several at once, talk to our server; the example's
 * route (camel-modbus-examples/src/main/resources/examples/gateway/gateway.yaml, loaded as it is) hands each request
 * to our RTU client, which puts it on a socat virtual serial pair, at whose far end our RTU simulator plays units 1..3.
 * libmodbus checks that every answer carries its request's transaction id, so a mixed-up answer fails the run.
 */
@Timeout(120)
class GatewayIT extends CamelTestSupport {
    private static final Path EXAMPLE =
            Peers.moduleDir().resolve("../camel-modbus-examples/src/main/resources/examples/gateway/gateway.yaml");
    private static final int UNITS = 3;
    /** Each unit's tables hold addresses 0..99; 100 and up are illegal data addresses. */
    private static final int SIZE = 100;

    @RegisterExtension
    static final Peers peers = new Peers();

    @TempDir
    static Path dir;

    private static Path client;
    private final Map<Integer, ProcessImage> units = new ConcurrentHashMap<>();
    private VirtualSerialPorts bus;
    private ModbusSimulator devices;

    @BeforeAll
    static void buildClient() {
        client = Peers.compileLibmodbusProgram("libmodbus_client");
    }

    @Override
    protected void doPreSetup() throws Exception {
        bus = new VirtualSerialPorts(dir, "gateway" + System.nanoTime());
        for (int unit = 1; unit <= UNITS; unit++) {
            ProcessImage image = new ProcessImage(SIZE, SIZE, SIZE, SIZE);
            for (int i = 0; i < 10; i++) {
                image.setHoldingRegisters(i, 100 * unit + i);
                image.setCoils(i, (i + unit) % 2 == 0);
            }
            units.put(unit, image);
        }
        devices = ModbusSimulator.startSerial(
                SerialPortSettings.of(bus.b(), 19200, SerialPortSettings.Parity.EVEN, 1), SerialFraming.RTU, units);
    }

    @BeforeEach
    void loadTheExample() throws Exception {
        Properties p = new Properties();
        p.put("gateway.listen", "127.0.0.1:0");
        p.put("gateway.unitIds", "1..4"); // unit 4 is in the list but not on the bus
        p.put("gateway.replyTimeout", "3000");
        p.put("gateway.bus", "rtu:" + bus.a() + "?timeout=1000");
        context.getPropertiesComponent().setInitialProperties(p);
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.fromString("gateway.yaml", Files.readString(EXAMPLE)));
    }

    @AfterEach
    void unplug() {
        if (devices != null) {
            devices.close();
        }
        bus.close();
    }

    private int port() {
        return ((ModbusServerConsumer) context.getRoute("tcp-to-rtu-gateway").getConsumer()).port();
    }

    @Test
    void severalTcpClientsAtOnceReadAndWriteTheUnitsOnTheBus() throws Exception {
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<CompletableFuture<Map<String, String>>> runs = new ArrayList<>();
            for (int k = 0; k < clients; k++) {
                int unit = 1 + k % UNITS;
                List<String> operations = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    operations.add("rh:0:10#" + round); // '#' keeps the lines of repeated operations apart
                    operations.add("rc:0:8#" + round);
                }
                operations.add("wrs:" + (20 + 2 * k) + ":" + k + "," + (1000 + k));
                operations.add("wc:" + (40 + k) + ":1");
                operations.add("rh:" + (20 + 2 * k) + ":2");
                runs.add(CompletableFuture.supplyAsync(() -> libmodbus(unit, operations), pool));
            }
            for (int k = 0; k < clients; k++) {
                int unit = 1 + k % UNITS;
                Map<String, String> out = runs.get(k).get();
                for (int round = 0; round < 5; round++) {
                    assertThat(out.get("rh:0:10#" + round))
                            .as("client %d, unit %d", k, unit)
                            .isEqualTo("OK " + registers(unit, 0, 10));
                    assertThat(out.get("rc:0:8#" + round))
                            .as("client %d, unit %d", k, unit)
                            .isEqualTo("OK " + coils(unit, 0, 8));
                }
                assertThat(out.get("wrs:" + (20 + 2 * k) + ":" + k + "," + (1000 + k)))
                        .isEqualTo("OK");
                assertThat(out.get("rh:" + (20 + 2 * k) + ":2")).isEqualTo("OK " + k + "," + (1000 + k));
                // each write landed in its own unit's image, and in no other
                assertThat(units.get(unit).holdingRegister(20 + 2 * k)).isEqualTo(k);
                assertThat(units.get(unit).coil(40 + k)).isTrue();
                for (int other = 1; other <= UNITS; other++) {
                    if (other != unit) {
                        assertThat(units.get(other).coil(40 + k)).isFalse();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theUnitsExceptionsAndSilenceReachTheClient() {
        assertThat(libmodbus(2, List.of("rh:98:5", "wr:100:1", "rh:0:1")))
                .containsEntry("rh:98:5", "EXC 2 Illegal data address")
                .containsEntry("wr:100:1", "EXC 2 Illegal data address")
                .containsEntry("rh:0:1", "OK 200");
        // unit 4 is served by the route, but no device answers on the bus: the RTU client times out
        assertThat(libmodbus(4, List.of("rh:0:1")).get("rh:0:1")).startsWith("EXC 11 ");
        // unit 9 is not served by the gateway
        assertThat(libmodbus(9, List.of("rh:0:1")).get("rh:0:1")).startsWith("EXC 10 ");
    }

    /** Runs the libmodbus client; operation -> result. An operation may carry a '#tag' the client does not see. */
    private Map<String, String> libmodbus(int unit, List<String> operations) {
        List<String> command =
                new ArrayList<>(List.of(client.toString(), String.valueOf(port()), String.valueOf(unit)));
        operations.forEach(op -> command.add(op.replaceFirst("#.*", "")));
        Peers.Result result = peers.runRecorded(Duration.ofSeconds(60), command);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        String[] lines = result.stdout().split("\n");
        assertThat(lines).as(result.describe()).hasSize(operations.size());
        Map<String, String> out = new ConcurrentHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            assertThat(line).as(result.describe()).startsWith(operations.get(i).replaceFirst("#.*", "") + " ");
            out.put(operations.get(i), line.substring(line.indexOf(' ') + 1));
        }
        return out;
    }

    private String registers(int unit, int address, int count) {
        List<String> values = new ArrayList<>();
        for (int i = address; i < address + count; i++) {
            values.add(String.valueOf(units.get(unit).holdingRegister(i)));
        }
        return String.join(",", values);
    }

    private String coils(int unit, int address, int count) {
        List<String> values = new ArrayList<>();
        for (int i = address; i < address + count; i++) {
            values.add(units.get(unit).coil(i) ? "1" : "0");
        }
        return String.join(",", values);
    }
}
