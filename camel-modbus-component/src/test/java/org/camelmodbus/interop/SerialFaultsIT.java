package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.serial.SerialPortSettings;
import org.camelmodbus.transport.serial.SerialTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our RTU client and simulator with a bad cable between them ({@link FaultyLink} across two socat pty pairs): line
 * noise in front of answers and bit errors in them. A damaged answer must never reach the caller as data: it fails
 * with a timeout, while an answer behind noise is found and delivered; once the cable is good again, every request is
 * answered.
 */
@Timeout(120)
class SerialFaultsIT {
    static final int REQUESTS = 150;
    static final RegisterValues VALUES = RegisterValues.of(11, 22, 33, 44, 55, 66, 77, 88, 99, 110);

    @TempDir
    Path dir;

    VirtualSerialPorts clientPair;
    VirtualSerialPorts devicePair;
    FaultyLink link;
    ModbusSimulator simulator;
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (link != null) {
            link.close();
        }
        clientPair.close();
        devicePair.close();
        scheduler.shutdownNow();
    }

    @Test
    void damagedAnswersFailAndNoisyOnesGetThrough() throws Exception {
        clientPair = new VirtualSerialPorts(dir, "client");
        devicePair = new VirtualSerialPorts(dir, "device");
        ProcessImage image = new ProcessImage();
        image.setHoldingRegisters(0, VALUES.toArray());
        simulator = ModbusSimulator.startSerial(settings(devicePair.b()), SerialFraming.RTU, image);
        link = new FaultyLink(clientPair.b(), devicePair.a(), 10, 3);
        SerialPortSettings port = settings(clientPair.a());
        try (ModbusClient client = new ModbusClient(
                new SerialTransport(
                        port, new SerialLineOptions(SerialFraming.RTU, port.timing(), false, Duration.ZERO), scheduler),
                ModbusClientOptions.DEFAULTS,
                scheduler)) {
            // connected first: opening the port may take a while on a loaded machine
            link.faulty = false;
            client.send(1, new ReadHoldingRegistersRequest(0, 10), Duration.ofSeconds(10))
                    .get(15, TimeUnit.SECONDS);
            link.faulty = true;
            int lost = 0;
            int throughNoise = 0;
            for (int i = 0; i < REQUESTS; i++) {
                long corruptedBefore = link.corrupted.get();
                long noisyBefore = link.noisy.get();
                try {
                    var r = (ReadHoldingRegistersResponse)
                            client.send(1, new ReadHoldingRegistersRequest(0, 10), Duration.ofSeconds(1))
                                    .get(5, TimeUnit.SECONDS);
                    assertThat(r.registers())
                            .as("an answer that arrives is intact")
                            .isEqualTo(VALUES);
                    throughNoise += link.noisy.get() > noisyBefore ? 1 : 0;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ModbusTimeoutException.class);
                    assertThat(link.corrupted.get())
                            .as("request %d timed out, so its answer must have been damaged", i)
                            .isGreaterThan(corruptedBefore);
                    lost++;
                }
            }
            assertThat(lost).as("answers with bit errors, lost").isGreaterThan(3);
            assertThat(throughNoise).as("answers behind noise, delivered").isGreaterThan(20);

            link.faulty = false;
            for (int i = 0; i < 50; i++) {
                var r = (ReadHoldingRegistersResponse)
                        client.send(1, new ReadHoldingRegistersRequest(0, 10), Duration.ofMillis(1000))
                                .get(5, TimeUnit.SECONDS);
                assertThat(r.registers()).isEqualTo(VALUES);
            }
        }
    }

    private static SerialPortSettings settings(String port) {
        return SerialPortSettings.of(port, 19200, SerialPortSettings.Parity.EVEN, 1);
    }
}
