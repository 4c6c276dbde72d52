package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * mbpoll 1.4.11 (a libmodbus master) in RTU mode against our simulator playing two RTU devices, units 1 and 2, on one
 * end of a socat pty pair, at 19200 baud 8E1 (mbpoll's default parity).
 */
@Timeout(120)
class MbpollRtuIT {
    @RegisterExtension
    static final Peers peers = new Peers();

    @TempDir
    Path dir;

    private VirtualSerialPorts ports;
    private ProcessImage one;
    private ProcessImage two;
    private ModbusSimulator simulator;

    @BeforeAll
    static void mbpollIsInstalled() {
        Peers.requireCommand("mbpoll", MbpollIT.MBPOLL_INSTALL);
    }

    @BeforeEach
    void start() throws Exception {
        ports = new VirtualSerialPorts(dir, "tty");
        one = new ProcessImage(100, 100, 100, 100);
        two = new ProcessImage(100, 100, 100, 100);
        for (int i = 0; i < 100; i++) {
            one.setHoldingRegisters(i, 1000 + i);
            two.setHoldingRegisters(i, 2000 + i);
            one.setCoils(i, i % 3 == 0);
        }
        simulator = ModbusSimulator.startSerial(
                SerialPortSettings.of(ports.b(), 19200, SerialPortSettings.Parity.EVEN, 1),
                SerialFraming.RTU,
                Map.of(1, one, 2, two));
    }

    @AfterEach
    void stop() {
        simulator.close();
        ports.close();
    }

    @Test
    void readsEachUnitsRegistersAndCoils() {
        Map<Integer, String> unit1 = poll("-a", "1", "-t", "4", "-r", "1", "-c", "100");
        Map<Integer, String> unit2 = poll("-a", "2", "-t", "4", "-r", "1", "-c", "3");
        assertThat(unit1).hasSize(100).containsEntry(1, "1000").containsEntry(100, "1099");
        assertThat(unit2).isEqualTo(Map.of(1, "2000", 2, "2001", 3, "2002"));
        Map<Integer, String> coils = poll("-a", "1", "-t", "0", "-r", "1", "-c", "20");
        coils.forEach((ref, v) -> assertThat(v).as("coil %d", ref - 1).isEqualTo((ref - 1) % 3 == 0 ? "1" : "0"));
    }

    @Test
    void writesRegistersOfOneUnitOnly() {
        write(List.of("-a", "2", "-t", "4", "-r", "11"), "7", "8", "65535");
        assertThat(List.of(two.holdingRegister(10), two.holdingRegister(11), two.holdingRegister(12)))
                .isEqualTo(List.of(7, 8, 65535));
        assertThat(one.holdingRegister(10)).isEqualTo(1010);
        write(List.of("-a", "1", "-t", "0", "-r", "2"), "1");
        assertThat(one.coil(1)).isTrue();
    }

    @Test
    void anAddressPastTheImageIsAnIllegalDataAddress() {
        Peers.Result result = mbpoll(List.of("-1", "-a", "1", "-t", "4", "-r", "99", "-c", "5"), List.of());
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderr()).as(result.describe()).contains("Illegal data address");
    }

    private Map<Integer, String> poll(String... options) {
        List<String> all = new ArrayList<>(List.of("-1"));
        all.addAll(List.of(options));
        Peers.Result result = mbpoll(all, List.of());
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return MbpollIT.parse(result.stdout());
    }

    private void write(List<String> options, String... values) {
        Peers.Result result = mbpoll(options, List.of(values));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).as(result.describe()).contains("Written " + values.length + " reference");
    }

    private Peers.Result mbpoll(List<String> options, List<String> values) {
        List<String> command = new ArrayList<>(List.of("mbpoll", "-m", "rtu", "-b", "19200", "-P", "even"));
        command.addAll(List.of("-o", "2"));
        command.addAll(options);
        command.add(ports.a());
        command.addAll(values);
        return peers.runRecorded(Duration.ofSeconds(20), command);
    }
}
