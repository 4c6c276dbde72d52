package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.protocol.DeviceIdentification;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.RawRequest;
import org.camelmodbus.protocol.ReadDeviceIdCode;
import org.camelmodbus.protocol.ReadDeviceIdentificationRequest;
import org.camelmodbus.protocol.ReadDeviceIdentificationResponse;
import org.camelmodbus.protocol.ReadExceptionStatusRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.ReportServerIdRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our client and Camel routes against node's modbus-serial 8.0.25 ServerTCP (src/test/node/modbus_serial_server.js).
 * The package is installed by {@code npm ci} from the committed package.json and lockfile into target/interop/node-peer
 * (once; later runs reuse it). Its exception responses come from the vector throwing {@code {modbusErrorCode}}.
 */
class ModbusSerialNodeIT extends ServerPeerTests {
    static final String NODE_INSTALL = "apt-get install -y --no-install-recommends nodejs npm" + Peers.CI_HINT;
    static final String VERSION = "8.0.25";

    private Path peerDir;

    @Override
    protected int startPeer(Peers peers) {
        peerDir = installPeer();
        return startServer(peers, 0).port();
    }

    private Peers.PeerProcess startServer(Peers peers, int unitId) {
        return peers.startServer(
                "modbus-serial ServerTCP",
                peerDir,
                List.of("node", "modbus_serial_server.js", String.valueOf(Peers.freePort()), String.valueOf(unitId)));
    }

    /** Copies the committed package files and script to target/interop/node-peer and installs them with npm ci. */
    static Path installPeer() {
        Peers.requireCommand("node", NODE_INSTALL);
        Peers.requireCommand("npm", NODE_INSTALL);
        Path source = Peers.moduleDir().resolve("src/test/node");
        Path dir = Peers.workDir().resolve("node-peer");
        try {
            Files.createDirectories(dir);
            boolean lockChanged = !Files.exists(dir.resolve("package-lock.json"))
                    || Files.mismatch(source.resolve("package-lock.json"), dir.resolve("package-lock.json")) != -1;
            for (String file : List.of("package.json", "package-lock.json", "modbus_serial_server.js")) {
                Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Path installed = dir.resolve("node_modules/modbus-serial/package.json");
            if (lockChanged || !Files.exists(installed)) {
                // serialport (optional, native, node >= 20) is not needed for TCP: leave it out, and run no scripts
                Peers.Result npm = Peers.run(
                        Duration.ofSeconds(180),
                        dir,
                        List.of("npm", "ci", "--omit=optional", "--ignore-scripts", "--no-audit", "--no-fund"));
                if (npm.exitCode() != 0) {
                    throw new AssertionError("npm ci of modbus-serial " + VERSION + " failed (is the npm registry "
                            + "reachable?)\n" + npm.describe());
                }
            }
            assertThat(Files.readString(installed)).contains("\"version\": \"" + VERSION + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    @Test
    void clientReadsDeviceIdentification() throws Exception {
        ReadDeviceIdentificationResponse basic = read(
                new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC), ReadDeviceIdentificationResponse.class);
        assertThat(basic.moreFollows()).isFalse();
        assertThat(basic.objects().objectIds())
                .containsExactly(
                        DeviceIdentification.VENDOR_NAME,
                        DeviceIdentification.PRODUCT_CODE,
                        DeviceIdentification.MAJOR_MINOR_REVISION);
        assertThat(basic.objects().getString(DeviceIdentification.VENDOR_NAME)).contains("camel-modbus interop");
        assertThat(basic.objects().getString(DeviceIdentification.PRODUCT_CODE)).contains("modbus-serial ServerTCP");
        assertThat(basic.objects().getString(DeviceIdentification.MAJOR_MINOR_REVISION))
                .contains(VERSION);

        ReadDeviceIdentificationResponse one = read(
                new ReadDeviceIdentificationRequest(ReadDeviceIdCode.SPECIFIC, DeviceIdentification.PRODUCT_CODE),
                ReadDeviceIdentificationResponse.class);
        assertThat(one.objects().objectIds()).containsExactly(DeviceIdentification.PRODUCT_CODE);
        assertThat(one.individualAccess()).isTrue();
    }

    @BeforeAll
    void nodeRoutes() throws Exception {
        camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:readDeviceIdentification").to(device("function=readDeviceIdentification"));
                from("direct:raw").to(device("function=raw&rawFunctionCode=65"));
            }
        });
    }

    @Test
    void camelReadsDeviceIdentification() {
        assertThat(template().requestBody("direct:readDeviceIdentification", (Object) null))
                .isEqualTo(Map.of(
                        "VendorName", "camel-modbus interop",
                        "ProductCode", "modbus-serial ServerTCP",
                        "MajorMinorRevision", VERSION));
    }

    @Test
    void camelRouteGetsIllegalFunction() {
        CamelExecutionException e = assertThrows(
                CamelExecutionException.class, () -> template().requestBody("direct:raw", new byte[] {0, 0}));
        assertThat(e.getCause()).isInstanceOf(ModbusExceptionResponseException.class);
        assertThat(((ModbusExceptionResponseException) e.getCause()).code()).contains(ExceptionCode.ILLEGAL_FUNCTION);
    }

    @Test
    void unknownFunctionCodeIsAnIllegalFunction() throws Exception {
        assertThat(exceptionFrom(client, new RawRequest(0x41, new byte[] {0, 0}))
                        .code())
                .contains(ExceptionCode.ILLEGAL_FUNCTION);
    }

    /**
     * ServerTCP silently drops a request whose PDU is shorter than three bytes (it checks the length before it looks
     * at the function), so Report Server ID (17) and Read Exception Status (07), which are the function code alone,
     * time out; the connection goes on serving.
     */
    @Test
    void functionCodeOnlyRequestsAreIgnoredSoTheyTimeOut() throws Exception {
        for (ModbusRequest request : List.of(new ReportServerIdRequest(), new ReadExceptionStatusRequest())) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> client.send(UNIT, request, Duration.ofMillis(500)).get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).as("%s", request).isInstanceOf(ModbusTimeoutException.class);
        }
        assertThat(read(new ReadHoldingRegistersRequest(0, 1), ReadHoldingRegistersResponse.class)
                        .registers())
                .isEqualTo(RegisterValues.of(1000));
    }

    /**
     * With its unitID set, ServerTCP ignores requests to other units instead of answering them: our client times out
     * on those, and the connection keeps serving the unit it does answer.
     */
    @Test
    void requestToAUnitTheServerIgnoresTimesOut() throws Exception {
        try (Peers.PeerProcess unitOne = startServer(peers, 1);
                ModbusClient c = new ModbusClient(
                        threads.tcp("127.0.0.1", unitOne.port(), TIMEOUT),
                        ModbusClientOptions.DEFAULTS,
                        threads.scheduler())) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> c.send(2, new ReadHoldingRegistersRequest(0, 1), Duration.ofMillis(500))
                            .get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(ModbusTimeoutException.class);
            assertThat(c.send(1, new ReadHoldingRegistersRequest(0, 1), TIMEOUT).get(10, TimeUnit.SECONDS))
                    .isEqualTo(new ReadHoldingRegistersResponse(RegisterValues.of(1000)));
        }
    }
}
