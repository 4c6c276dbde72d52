package org.camelmodbus.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.protocol.SerialTiming;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.serial.SerialPortSettings;
import org.camelmodbus.transport.serial.SerialTransport;

/**
 * Modbus RTU against the wire-time limit: our client reads 10 holding registers, one request after another, from our
 * simulator through a {@link PacedSerialLink} at 9600, 19200 and 115200 baud (8 data bits, even parity, 1 stop bit:
 * 11 bits a character). A transaction needs at least the request's 8 characters, a silent interval (t3.5), the
 * answer's 25 characters and another silent interval before the next request: the limit is one transaction per
 * {@code 33 * 11 / baud + 2 * t3.5}. The report gives transactions per second and their ratio to that limit, and to
 * the looser bound with a single silent interval, which a device that answers the moment a request ends could reach.
 * How long each rate runs: {@code -Dbench.jvmArgs=-Dbench.serialSeconds=10} (default 10).
 */
final class SerialSuite {
    private static final int[] BAUD_RATES = {9600, 19200, 115200};
    private static final int REQUEST_CHARS = 8;
    private static final int ANSWER_CHARS = 25;

    private final Report report;
    private final double seconds = Double.parseDouble(System.getProperty("bench.serialSeconds", "10"));

    SerialSuite(Report report) {
        this.report = report;
    }

    void run() throws Exception {
        report.heading("Serial RTU: transactions per second against the wire-time limit");
        report.paragraph(String.format(
                "Read 10 holding registers, one at a time, %.0f s per rate after 1 s of warm-up; 8E1 (11 bits a"
                        + " character); request 8 + answer 25 characters; limit = 1 / (33 chars + 2 x t3.5),"
                        + " loose bound = 1 / (33 chars + 1 x t3.5).",
                seconds));
        List<List<String>> rows = new ArrayList<>();
        for (int baud : BAUD_RATES) {
            rows.add(measure(baud));
        }
        report.table(
                List.of(
                        "baud",
                        "t3.5",
                        "transactions/s",
                        "limit/s",
                        "ratio to limit",
                        "loose bound/s",
                        "ratio to loose bound",
                        "failed"),
                rows);
    }

    private List<String> measure(int baud) throws Exception {
        SerialTiming timing = SerialTiming.of(baud, 8, true, 1);
        Path dir = Files.createTempDirectory("modbus-serial-bench");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ProcessImage image = new ProcessImage();
        image.setHoldingRegisters(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        try (PacedSerialLink link = new PacedSerialLink(dir, timing.characterNanos());
                ModbusSimulator device = ModbusSimulator.startSerial(
                        SerialPortSettings.of(link.devicePort(), baud, SerialPortSettings.Parity.EVEN, 1),
                        SerialFraming.RTU,
                        image)) {
            SerialPortSettings port = SerialPortSettings.of(link.clientPort(), baud, SerialPortSettings.Parity.EVEN, 1);
            try (ModbusClient client = new ModbusClient(
                    new SerialTransport(
                            port, new SerialLineOptions(SerialFraming.RTU, timing, false, Duration.ZERO), scheduler),
                    ModbusClientOptions.DEFAULTS,
                    scheduler)) {
                ReadHoldingRegistersRequest read = new ReadHoldingRegistersRequest(0, 10);
                loop(client, read, 1.0);
                long[] counts = loop(client, read, seconds);
                double perSecond = counts[0] / seconds;
                double wire = (REQUEST_CHARS + ANSWER_CHARS) * timing.characterNanos() / 1e9;
                double t35 = timing.interFrameNanos() / 1e9;
                double limit = 1 / (wire + 2 * t35);
                double loose = 1 / (wire + t35);
                System.out.printf(
                        "serial %d baud: %.1f transactions/s, limit %.1f (ratio %.3f)%n",
                        baud, perSecond, limit, perSecond / limit);
                return List.of(
                        String.valueOf(baud),
                        String.format("%.2f ms", t35 * 1e3),
                        String.format("%.1f", perSecond),
                        String.format("%.1f", limit),
                        String.format("%.3f", perSecond / limit),
                        String.format("%.1f", loose),
                        String.format("%.3f", perSecond / loose),
                        String.valueOf(counts[1]));
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Sends one request after another for {@code seconds}; returns {answered, failed}. */
    private static long[] loop(ModbusClient client, ReadHoldingRegistersRequest read, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long answered = 0;
        long failed = 0;
        while (System.nanoTime() < end) {
            try {
                client.send(1, read, Duration.ofSeconds(2)).get(5, TimeUnit.SECONDS);
                answered++;
            } catch (Exception e) {
                failed++;
            }
        }
        return new long[] {answered, failed};
    }
}
