package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusConnectionException;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.serial.SerialPortSettings;
import org.camelmodbus.transport.serial.SerialTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Our RTU and ASCII client against our simulator across a socat pty pair, and ports that cannot be opened. */
@Timeout(60)
class SerialRtuIT {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    VirtualSerialPorts ports;
    ScheduledExecutorService scheduler;

    @BeforeEach
    void plugIn() {
        ports = new VirtualSerialPorts(dir, "tty");
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void unplug() {
        ports.close();
        scheduler.shutdownNow();
    }

    static SerialPortSettings settings(String port) {
        return SerialPortSettings.of(port, 19200, SerialPortSettings.Parity.EVEN, 1);
    }

    ModbusClient client(SerialFraming framing) {
        SerialPortSettings port = settings(ports.a());
        return new ModbusClient(
                new SerialTransport(
                        port, new SerialLineOptions(framing, port.timing(), false, Duration.ofMillis(20)), scheduler),
                ModbusClientOptions.DEFAULTS,
                scheduler);
    }

    @Test
    void readsAndWritesUnitsOfASimulatedBus() throws Exception {
        ProcessImage one = new ProcessImage();
        ProcessImage two = new ProcessImage();
        one.setHoldingRegisters(0, new int[] {11, 12, 13});
        two.setHoldingRegisters(0, new int[] {21, 22, 23});
        try (ModbusSimulator sim = ModbusSimulator.startSerial(
                        settings(ports.b()), SerialFraming.RTU, java.util.Map.of(1, one, 2, two));
                ModbusClient client = client(SerialFraming.RTU)) {
            var r1 = (ReadHoldingRegistersResponse) client.send(1, new ReadHoldingRegistersRequest(0, 3), TIMEOUT)
                    .get(5, TimeUnit.SECONDS);
            var r2 = (ReadHoldingRegistersResponse) client.send(2, new ReadHoldingRegistersRequest(0, 3), TIMEOUT)
                    .get(5, TimeUnit.SECONDS);
            System.out.println(r1 + " " + r2);
            client.send(0, new WriteSingleRegisterRequest(5, 77), TIMEOUT).get(5, TimeUnit.SECONDS);
            assertThat(one.holdingRegister(5)).isEqualTo(77);
            assertThat(two.holdingRegister(5)).isEqualTo(77);
        }
    }

    @Test
    void asciiOnASerialPort() throws Exception {
        ProcessImage image = new ProcessImage();
        image.setHoldingRegisters(100, 1, 2, 3, 4);
        try (ModbusSimulator sim = ModbusSimulator.startSerial(settings(ports.b()), SerialFraming.ASCII, image);
                ModbusClient client = client(SerialFraming.ASCII)) {
            var r = (ReadHoldingRegistersResponse) client.send(3, new ReadHoldingRegistersRequest(100, 4), TIMEOUT)
                    .get(5, TimeUnit.SECONDS);
            assertThat(r.registers().toArray()).containsExactly(1, 2, 3, 4);
            client.send(3, new WriteSingleRegisterRequest(100, 0xBEEF), TIMEOUT).get(5, TimeUnit.SECONDS);
            assertThat(image.holdingRegister(100)).isEqualTo(0xBEEF);
        }
    }

    @Test
    void aMissingPortIsNamedInTheError() {
        SerialPortSettings missing = settings(dir.resolve("ttyUSB9").toString());
        try (ModbusClient client = new ModbusClient(
                new SerialTransport(
                        missing,
                        new SerialLineOptions(SerialFraming.RTU, missing.timing(), false, Duration.ZERO),
                        scheduler),
                ModbusClientOptions.DEFAULTS,
                scheduler)) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> client.send(1, new ReadHoldingRegistersRequest(0, 1), TIMEOUT)
                            .get(5, TimeUnit.SECONDS));
            assertThat(e.getCause())
                    .isInstanceOf(ModbusConnectionException.class)
                    .hasMessageContaining("serial port " + missing.portName() + " does not exist");
        }
    }

    @Test
    void aPortInUseIsReportedBusy() throws Exception {
        try (ModbusSimulator sim =
                ModbusSimulator.startSerial(settings(ports.b()), SerialFraming.RTU, new ProcessImage())) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> ModbusSimulator.startSerial(settings(ports.b()), SerialFraming.RTU, new ProcessImage()));
            assertThat(e).hasMessageContaining("serial port " + ports.b() + " is busy");
        }
    }
}
