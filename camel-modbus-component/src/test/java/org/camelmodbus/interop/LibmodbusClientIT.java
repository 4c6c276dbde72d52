package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our embedded server ({@link ModbusSimulator}) against a libmodbus 3.1.6 client (src/test/c/libmodbus_client.c,
 * built here with gcc against Debian's libmodbus-dev). The client runs a list of operations on one connection and
 * prints one line per operation; the tests compare those lines with the simulator's image, and the image with what
 * the client wrote. Functions 01..06, 15, 16, 17, 22 and 23 go through libmodbus's own calls, 07 and unknown codes as
 * raw PDUs. (libmodbus 3.1.6 finds the end of an answer by its function code, not the MBAP length, so answers to
 * functions it does not know, such as 08, 11 or 43, cannot be read with it.)
 */
@Timeout(120)
class LibmodbusClientIT {
    static final int BITS = 2000;
    static final int REGISTERS = 200;

    @RegisterExtension
    static final Peers peers = new Peers();

    private static Path client;
    private ProcessImage image;
    private ModbusSimulator simulator;

    @BeforeAll
    static void buildClient() {
        client = Peers.compileLibmodbusProgram("libmodbus_client");
    }

    @BeforeEach
    void startSimulator() throws Exception {
        image = new ProcessImage(BITS, BITS, REGISTERS, REGISTERS);
        for (int i = 0; i < BITS; i++) {
            image.setCoils(i, i % 3 == 0);
            image.setDiscreteInputs(i, i % 2 == 1);
        }
        for (int i = 0; i < REGISTERS; i++) {
            image.setHoldingRegisters(i, 1000 + i);
            image.setInputRegisters(i, 0xFFFF - i);
        }
        simulator = ModbusSimulator.start("127.0.0.1", 0, image);
    }

    @AfterEach
    void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void readsEachDataKindUpToTheLargestRequest() {
        Map<String, String> out = run(1, "rc:0:2000", "rd:3:13", "rh:0:125", "ri:75:125");
        assertThat(out.get("rc:0:2000")).isEqualTo("OK " + bits(0, 2000, true));
        assertThat(out.get("rd:3:13")).isEqualTo("OK " + bits(3, 13, false));
        assertThat(out.get("rh:0:125")).isEqualTo("OK " + registers(0, 125, true));
        assertThat(out.get("ri:75:125")).isEqualTo("OK " + registers(75, 125, false));
        assertThat(out.get("ri:75:125")).startsWith("OK 65460,");
    }

    @Test
    void writesEachDataKind() {
        Map<String, String> out = run(
                1,
                "wc:5:1", // 05, coil 5 was off
                "wc:6:0", // 05, coil 6 was on
                "wr:7:65535", // 06
                "wcs:10:1,0,1,1,0,0,0,1,1", // 15, nine coils: crosses a byte boundary
                "wrs:20:1,2,0x8000", // 16
                "rc:5:2",
                "rh:7:1",
                "rc:10:9",
                "rh:20:3");
        assertThat(out.values().stream().limit(5)).allMatch("OK"::equals);
        assertThat(image.coil(5)).isTrue();
        assertThat(image.coil(6)).isFalse();
        assertThat(image.holdingRegister(7)).isEqualTo(65535);
        boolean[] written = {true, false, true, true, false, false, false, true, true};
        for (int i = 0; i < written.length; i++) {
            assertThat(image.coil(10 + i)).as("coil %d", 10 + i).isEqualTo(written[i]);
        }
        assertThat(image.coil(19)).isFalse(); // the next coil was left alone
        assertThat(List.of(image.holdingRegister(20), image.holdingRegister(21), image.holdingRegister(22)))
                .isEqualTo(List.of(1, 2, 0x8000));
        assertThat(image.holdingRegister(23)).isEqualTo(1023);
        // and libmodbus reads back what it wrote
        assertThat(out.get("rc:5:2")).isEqualTo("OK 1,0");
        assertThat(out.get("rh:7:1")).isEqualTo("OK 65535");
        assertThat(out.get("rc:10:9")).isEqualTo("OK 1,0,1,1,0,0,0,1,1");
        assertThat(out.get("rh:20:3")).isEqualTo("OK 1,2,32768");
    }

    @Test
    void writesTheLargestRequests() {
        StringJoiner coils = new StringJoiner(",");
        for (int i = 0; i < 1968; i++) {
            coils.add(i % 5 == 0 ? "1" : "0");
        }
        StringJoiner registers = new StringJoiner(",");
        for (int i = 0; i < 123; i++) {
            registers.add(String.valueOf(i * 531));
        }
        Map<String, String> out = run(1, "wcs:32:" + coils, "wrs:77:" + registers);
        assertThat(out.values()).containsOnly("OK");
        for (int i = 0; i < 1968; i++) {
            assertThat(image.coil(32 + i)).as("coil %d", 32 + i).isEqualTo(i % 5 == 0);
        }
        for (int i = 0; i < 123; i++) {
            assertThat(image.holdingRegister(77 + i)).as("register %d", 77 + i).isEqualTo(i * 531);
        }
    }

    @Test
    void answersEveryUnitIdWithItsOwnUnitId() {
        for (int unit : new int[] {0, 17, 255}) {
            assertThat(run(unit, "rh:0:2").get("rh:0:2")).as("unit %d", unit).isEqualTo("OK 1000,1001");
        }
    }

    @Test
    void addressesPastTheImageAreIllegalDataAddresses() {
        Map<String, String> out = run(
                1,
                "rc:1999:2",
                "rd:2000:1",
                "rh:195:10",
                "ri:200:1",
                "wc:2000:1",
                "wr:200:1",
                "wcs:1999:1,1",
                "wrs:199:1,2",
                "rh:0:1");
        out.forEach((op, result) -> {
            if (!op.equals("rh:0:1")) {
                assertThat(result).as(op).isEqualTo("EXC 2 Illegal data address");
            }
        });
        // the connection survived the exceptions, and nothing was written
        assertThat(out.get("rh:0:1")).isEqualTo("OK 1000");
        assertThat(image.coil(1999)).isFalse();
        assertThat(image.holdingRegister(199)).isEqualTo(1199);
    }

    @Test
    void reportsServerId() {
        image.setServerId(new byte[] {42}, "interop".getBytes(StandardCharsets.US_ASCII));
        // libmodbus prints what follows the byte count: server id, run indicator, additional data
        assertThat(run(1, "id").get("id")).isEqualTo("OK 42,255,105,110,116,101,114,111,112");
    }

    @Test
    void maskWritesRegister() {
        image.setHoldingRegisters(5, 0x1234);
        Map<String, String> out = run(1, "mask:5:0xF0F0:0x0505", "rh:5:1", "mask:200:0:0");
        assertThat(out.get("mask:5:0xF0F0:0x0505")).isEqualTo("OK");
        assertThat(image.holdingRegister(5)).isEqualTo(0x1535);
        assertThat(out.get("rh:5:1")).isEqualTo("OK " + 0x1535);
        assertThat(out.get("mask:200:0:0")).isEqualTo("EXC 2 Illegal data address");
    }

    @Test
    void readsAndWritesMultipleRegistersInOneRequest() {
        Map<String, String> out = run(1, "wrr:9:5:10:7,8,9", "wrr:0:1:199:1,2");
        // written first, then read: the read sees the new values
        assertThat(out.get("wrr:9:5:10:7,8,9")).isEqualTo("OK 1009,7,8,9,1013");
        assertThat(List.of(image.holdingRegister(10), image.holdingRegister(11), image.holdingRegister(12)))
                .isEqualTo(List.of(7, 8, 9));
        assertThat(out.get("wrr:0:1:199:1,2")).isEqualTo("EXC 2 Illegal data address");
        assertThat(image.holdingRegister(199)).isEqualTo(1199);
    }

    @Test
    void readsExceptionStatus() {
        // libmodbus has no call for function 07; a raw PDU gets the answer's PDU back
        image.setExceptionStatus(0xA5);
        assertThat(run(1, "raw:07").get("raw:07")).isEqualTo("OK 07A5");
    }

    @Test
    void unknownFunctionCodeIsAnIllegalFunction() {
        // 0x41 is a user-defined function code the simulator does not serve
        assertThat(run(1, "raw:41", "rh:0:1")).isEqualTo(Map.of("raw:41", "OK C101", "rh:0:1", "OK 1000"));
    }

    /** Runs the client with {@code operations}; returns operation -> the rest of its line, in order. */
    private Map<String, String> run(int unit, String... operations) {
        List<String> command =
                new ArrayList<>(List.of(client.toString(), String.valueOf(simulator.port()), String.valueOf(unit)));
        command.addAll(List.of(operations));
        Peers.Result result = peers.runRecorded(Duration.ofSeconds(30), command);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : result.stdout().split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                lines.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        assertThat(lines.keySet()).as(result.describe()).containsExactly(operations);
        return lines;
    }

    private String bits(int address, int count, boolean coils) {
        StringJoiner out = new StringJoiner(",");
        for (int i = address; i < address + count; i++) {
            out.add((coils ? image.coil(i) : image.discreteInput(i)) ? "1" : "0");
        }
        return out.toString();
    }

    private String registers(int address, int count, boolean holding) {
        StringJoiner out = new StringJoiner(",");
        for (int i = address; i < address + count; i++) {
            out.add(String.valueOf(holding ? image.holdingRegister(i) : image.inputRegister(i)));
        }
        return out.toString();
    }
}
