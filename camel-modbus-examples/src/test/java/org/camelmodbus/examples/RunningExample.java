package org.camelmodbus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;
import org.camelmodbus.simulator.ModbusSimulator;

/**
 * One example application as the README's run command starts it, against an animated simulator on a free port,
 * polling ten times a second; {@code overrides} point it at the test's brokers and directories.
 */
final class RunningExample implements AutoCloseable {
    final ModbusSimulator simulator;
    final Main main;

    private RunningExample(ModbusSimulator simulator, Main main) {
        this.simulator = simulator;
        this.main = main;
    }

    static RunningExample start(String example, Map<String, String> overrides) throws Exception {
        ModbusSimulator simulator = ModbusSimulator.start("127.0.0.1", 0).animate(Duration.ofMillis(50));
        Main main = ExamplesMain.newMain(example, "tcp:127.0.0.1:" + simulator.port());
        main.addOverrideProperty("modbus.pollDelay", "100");
        overrides.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception | Error e) {
            simulator.close();
            throw e;
        }
        return new RunningExample(simulator, main);
    }

    /**
     * Checks readings as every example publishes them: the device's name and address, its named points typed and
     * scaled (the simulator's input registers 0..5 in engineering units), and the tick counter never going back and
     * moving on from the first reading to the last (on a loaded machine two polls may see the same tick).
     */
    void assertReadings(List<JsonNode> readings) {
        long first = readings.get(0).get("points").get("ticks").asLong();
        long previous = first;
        for (JsonNode reading : readings) {
            assertEquals("demo-plc", reading.get("device").asText(), reading.toString());
            assertEquals(
                    "tcp://127.0.0.1:" + simulator.port(), reading.get("source").asText());
            assertEquals(1, reading.get("unitId").asInt());
            JsonNode points = reading.get("points");
            assertEquals(9, points.size(), reading.toString());
            double flow = points.get("flow").asDouble(); // register 1: 1000 +- 500, scale 0.01
            assertTrue(flow >= 5 && flow <= 15, "flow in m³/h: " + reading);
            double temperature = points.get("temperature").asDouble(); // register 3: 300 +- 50, scale 0.1
            assertTrue(temperature >= 25 && temperature <= 35, "temperature in °C: " + reading);
            assertTrue(points.get("pump").isBoolean(), reading.toString());
            long ticks = points.get("ticks").asLong();
            assertTrue(ticks >= previous, "the simulator's tick counter never goes back: " + readings);
            previous = ticks;
        }
        assertTrue(previous > first, "the simulator's tick counter moves: " + readings);
    }

    @Override
    public void close() {
        main.stop();
        simulator.close();
    }
}
