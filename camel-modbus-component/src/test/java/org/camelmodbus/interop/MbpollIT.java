package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our embedded server ({@link ModbusSimulator}) against mbpoll 1.4.11 (Debian; a libmodbus master). Each test runs
 * mbpoll once ({@code -1} for reads; writes end by themselves), parses what it printed and compares it with the
 * simulator's image. mbpoll's {@code -r} is 1-based: reference n is address n - 1 unless {@code -0} is given. With
 * one value on the command line mbpoll writes with function 05/06, with several with 15/16.
 */
@Timeout(120)
class MbpollIT {
    static final String MBPOLL_INSTALL =
            "apt-get install -y --no-install-recommends mbpoll (Debian mbpoll 1.4.11)" + Peers.CI_HINT;

    /** A table size small enough to read past with mbpoll's 125-value limit. */
    static final int SIZE = 200;

    /** "[12]: 	1234 (-1234)" or "[12]: 	0x04D2" or "[12]: 	1": reference and first value token. */
    private static final Pattern VALUE_LINE = Pattern.compile("^\\[(\\d+)\\]:\\s+(\\S+).*$");

    @RegisterExtension
    static final Peers peers = new Peers();

    private ProcessImage image;
    private ModbusSimulator simulator;

    @BeforeAll
    static void mbpollIsInstalled() {
        Peers.requireCommand("mbpoll", MBPOLL_INSTALL);
    }

    @BeforeEach
    void startSimulator() throws Exception {
        image = new ProcessImage(SIZE, SIZE, SIZE, SIZE);
        for (int i = 0; i < SIZE; i++) {
            image.setCoils(i, i % 3 == 0);
            image.setDiscreteInputs(i, i % 2 == 1);
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
    void readsCoils() {
        Map<Integer, String> values = poll("-t", "0", "-r", "1", "-c", "125");
        assertThat(values).hasSize(125);
        values.forEach((ref, v) -> assertThat(v).as("coil %d", ref - 1).isEqualTo(image.coil(ref - 1) ? "1" : "0"));
        assertThat(poll("-t", "0", "-r", "200", "-c", "1")).isEqualTo(Map.of(200, "0"));
    }

    @Test
    void readsDiscreteInputs() {
        Map<Integer, String> values = poll("-t", "1", "-r", "10", "-c", "17");
        assertThat(values).hasSize(17);
        values.forEach((ref, v) ->
                assertThat(v).as("discrete input %d", ref - 1).isEqualTo(image.discreteInput(ref - 1) ? "1" : "0"));
    }

    @Test
    void readsInputRegistersUnsigned() {
        Map<Integer, String> values = poll("-t", "3", "-r", "1", "-c", "125");
        assertThat(values).hasSize(125);
        values.forEach((ref, v) -> assertThat(Integer.parseInt(v))
                .as("input register %d", ref - 1)
                .isEqualTo(image.inputRegister(ref - 1)));
        assertThat(values.get(1)).isEqualTo("65535");
    }

    @Test
    void readsHoldingRegistersInDecimalAndHex() {
        Map<Integer, String> decimal = poll("-t", "4", "-r", "76", "-c", "125");
        assertThat(decimal).hasSize(125);
        decimal.forEach((ref, v) -> assertThat(Integer.parseInt(v))
                .as("holding register %d", ref - 1)
                .isEqualTo(image.holdingRegister(ref - 1)));

        Map<Integer, String> hex = poll("-t", "4:hex", "-r", "1", "-c", "3");
        assertThat(hex).isEqualTo(Map.of(1, "0x03E8", 2, "0x03E9", 3, "0x03EA"));
    }

    @Test
    void referencesAreOneBasedUnlessToldOtherwise() {
        assertThat(poll("-t", "4", "-r", "10", "-c", "1")).isEqualTo(Map.of(10, "1009"));
        assertThat(poll("-0", "-t", "4", "-r", "10", "-c", "1")).isEqualTo(Map.of(10, "1010"));
    }

    @Test
    void readsFromAnyUnitId() {
        for (String unit : List.of("1", "17", "247")) {
            assertThat(poll("-a", unit, "-t", "4", "-r", "1", "-c", "2"))
                    .as("unit %s", unit)
                    .isEqualTo(Map.of(1, "1000", 2, "1001"));
        }
    }

    @Test
    void writesSingleCoil() {
        write(List.of("-t", "0", "-r", "6"), "1"); // coil 5, initially off
        assertThat(image.coil(5)).isTrue();
        write(List.of("-t", "0", "-r", "7"), "0"); // coil 6, initially on
        assertThat(image.coil(6)).isFalse();
        assertThat(image.coil(4)).isFalse();
        assertThat(image.coil(3)).isTrue();
    }

    @Test
    void writesMultipleCoils() {
        write(List.of("-t", "0", "-r", "11"), "1", "1", "0", "1", "1", "1", "1", "1", "0", "1");
        boolean[] expected = {true, true, false, true, true, true, true, true, false, true};
        for (int i = 0; i < expected.length; i++) {
            assertThat(image.coil(10 + i)).as("coil %d", 10 + i).isEqualTo(expected[i]);
        }
        assertThat(image.coil(9)).isTrue();
        assertThat(image.coil(20)).isFalse();
    }

    @Test
    void writesSingleRegister() {
        write(List.of("-t", "4", "-r", "21"), "65535");
        assertThat(image.holdingRegister(20)).isEqualTo(65535);
        write(List.of("-t", "4:hex", "-r", "21"), "0x1234");
        assertThat(image.holdingRegister(20)).isEqualTo(0x1234);
        assertThat(image.holdingRegister(19)).isEqualTo(1019);
        assertThat(image.holdingRegister(21)).isEqualTo(1021);
    }

    @Test
    void writesMultipleRegisters() {
        write(List.of("-t", "4", "-r", "31"), "7", "8", "65535");
        assertThat(List.of(image.holdingRegister(30), image.holdingRegister(31), image.holdingRegister(32)))
                .isEqualTo(List.of(7, 8, 65535));
        assertThat(image.holdingRegister(33)).isEqualTo(1033);
        // what mbpoll wrote, it reads back
        assertThat(poll("-t", "4", "-r", "31", "-c", "3")).isEqualTo(Map.of(31, "7", 32, "8", 33, "65535"));
    }

    @Test
    void readPastTheImageIsAnIllegalDataAddress() {
        Peers.Result result = mbpoll(List.of("-1", "-t", "4", "-r", String.valueOf(SIZE - 2), "-c", "5"), List.of());
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderr()).as(result.describe()).contains("Illegal data address");
        assertThat(parse(result.stdout())).isEmpty();

        Peers.Result write = mbpoll(List.of("-t", "0", "-r", String.valueOf(SIZE + 1)), List.of("1"));
        assertThat(write.exitCode()).as(write.describe()).isNotZero();
        assertThat(write.stderr()).as(write.describe()).contains("Illegal data address");
    }

    /** Polls once and returns reference -> value as printed. */
    private Map<Integer, String> poll(String... options) {
        List<String> all = new ArrayList<>(List.of("-1"));
        all.addAll(List.of(options));
        Peers.Result result = mbpoll(all, List.of());
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return parse(result.stdout());
    }

    private void write(List<String> options, String... values) {
        Peers.Result result = mbpoll(options, List.of(values));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).as(result.describe()).contains("Written " + values.length + " reference");
    }

    private Peers.Result mbpoll(List<String> options, List<String> values) {
        List<String> command = new ArrayList<>(List.of("mbpoll", "-m", "tcp", "-p", String.valueOf(simulator.port())));
        command.addAll(List.of("-o", "2"));
        command.addAll(options);
        command.add("127.0.0.1");
        command.addAll(values);
        return peers.runRecorded(Duration.ofSeconds(20), command);
    }

    static Map<Integer, String> parse(String stdout) {
        Map<Integer, String> values = new TreeMap<>();
        for (String line : stdout.split("\n")) {
            Matcher m = VALUE_LINE.matcher(line.strip());
            if (m.matches()) {
                values.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        return values;
    }
}
