package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.client.RetryPolicy;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadCoilsRequest;
import org.camelmodbus.protocol.ReadCoilsResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.ReadInputRegistersRequest;
import org.camelmodbus.protocol.ReadInputRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.serial.SerialPortSettings;
import org.camelmodbus.transport.serial.SerialTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our RTU client against a libmodbus 3.1.6 RTU device (src/test/c/libmodbus_rtu_server.c, unit 7, 19200 8E1) across
 * a socat pty pair: libmodbus reads a request to its predicted length and checks its CRC, and ignores other units.
 */
@Timeout(90)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibmodbusRtuServerIT {
    static final int UNIT = 7;
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @RegisterExtension
    static final Peers peers = new Peers();

    @TempDir
    static Path dir;

    VirtualSerialPorts ports;
    ScheduledExecutorService scheduler;
    ModbusClient client;

    @BeforeAll
    void start() {
        ports = new VirtualSerialPorts(dir, "rtu");
        Path server = Peers.compileLibmodbusProgram("libmodbus_rtu_server");
        peers.startServer(
                "libmodbus RTU server", Peers.workDir(), List.of(server.toString(), ports.b(), String.valueOf(UNIT)));
        scheduler = Executors.newSingleThreadScheduledExecutor();
        SerialPortSettings port = SerialPortSettings.of(ports.a(), 19200, SerialPortSettings.Parity.EVEN, 1);
        client = new ModbusClient(
                new SerialTransport(
                        port,
                        new SerialLineOptions(SerialFraming.RTU, port.timing(), false, Duration.ofMillis(50)),
                        scheduler),
                ModbusClientOptions.DEFAULTS,
                scheduler);
    }

    @AfterAll
    void stop() {
        client.close();
        scheduler.shutdownNow();
        ports.close();
    }

    private ModbusResponse send(int unit, ModbusRequest request) throws Exception {
        return client.send(unit, request, TIMEOUT).get(10, TimeUnit.SECONDS);
    }

    @Test
    void readsEachTableUpToTheLargestRequest() throws Exception {
        var holding = (ReadHoldingRegistersResponse) send(UNIT, new ReadHoldingRegistersRequest(0, 125));
        assertThat(holding.registers().get(0)).isEqualTo(1000);
        assertThat(holding.registers().get(124)).isEqualTo(1124);
        var input = (ReadInputRegistersResponse) send(UNIT, new ReadInputRegistersRequest(10, 3));
        assertThat(input.registers()).isEqualTo(RegisterValues.of(0xFFFF - 10, 0xFFFF - 11, 0xFFFF - 12));
        var coils = (ReadCoilsResponse) send(UNIT, new ReadCoilsRequest(0, 2000));
        for (int i = 0; i < 2000; i++) {
            assertThat(coils.coils().get(i)).as("coil %d", i).isEqualTo(i % 3 == 0);
        }
    }

    @Test
    void writesAndReadsBack() throws Exception {
        send(UNIT, new WriteSingleRegisterRequest(200, 4321));
        send(UNIT, new WriteMultipleRegistersRequest(201, RegisterValues.of(1, 2, 65535)));
        var back = (ReadHoldingRegistersResponse) send(UNIT, new ReadHoldingRegistersRequest(200, 5));
        assertThat(back.registers()).isEqualTo(RegisterValues.of(4321, 1, 2, 65535, 1204));
    }

    @Test
    void aBroadcastWriteReachesTheDevice() throws Exception {
        send(SerialFraming.BROADCAST, new WriteSingleRegisterRequest(250, 777));
        var back = (ReadHoldingRegistersResponse) send(UNIT, new ReadHoldingRegistersRequest(250, 1));
        assertThat(back.registers()).isEqualTo(RegisterValues.of(777));
    }

    @Test
    void anAddressPastTheTableIsException02AndTheLineStaysInStep() throws Exception {
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> client.send(UNIT, new ReadHoldingRegistersRequest(299, 2), TIMEOUT)
                        .get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(ModbusExceptionResponseException.class);
        assertThat(((ModbusExceptionResponseException) e.getCause()).code())
                .contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(((ReadHoldingRegistersResponse) send(UNIT, new ReadHoldingRegistersRequest(0, 1))).registers())
                .isEqualTo(RegisterValues.of(1000));
    }

    /**
     * libmodbus, having ignored a request for another unit, takes the next frame on the line for that unit's answer
     * and drops it, if it comes within its response timeout (0.5 s): on a bus where nobody answered, that is our next
     * request. One retry gets it through; from then on the device answers every request.
     */
    @Test
    void anotherUnitTimesOutAndTheDeviceAnswersAgainAfterOneRetry() throws Exception {
        CompletableFuture<ModbusResponse> nobody =
                client.send(UNIT + 1, new ReadHoldingRegistersRequest(0, 1), Duration.ofMillis(300));
        ExecutionException e = assertThrows(ExecutionException.class, () -> nobody.get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(ModbusTimeoutException.class);
        RetryPolicy oneRetry = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Set.of(), false);
        var first = (ReadHoldingRegistersResponse)
                client.send(UNIT, new ReadHoldingRegistersRequest(0, 1), Duration.ofMillis(700), oneRetry)
                        .get(10, TimeUnit.SECONDS);
        assertThat(first.registers()).isEqualTo(RegisterValues.of(1000));
        for (int i = 0; i < 50; i++) {
            var r = (ReadHoldingRegistersResponse) send(UNIT, new ReadHoldingRegistersRequest(i, 1));
            assertThat(r.registers()).isEqualTo(RegisterValues.of(1000 + i));
        }
    }
}
