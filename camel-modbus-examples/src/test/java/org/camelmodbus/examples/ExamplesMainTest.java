package org.camelmodbus.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.main.Main;
import org.camelmodbus.simulator.ModbusSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boots the example application with its YAML routes against the simulator, as the README's run command does. */
class ExamplesMainTest {
    @TempDir
    Path out;

    private ModbusSimulator simulator;
    private Main main;

    @BeforeEach
    void start() throws Exception {
        simulator = ModbusSimulator.start("127.0.0.1", 0).animate(Duration.ofMillis(50));
        main = ExamplesMain.newMain("tcp:127.0.0.1:" + simulator.port());
        main.addOverrideProperty("examples.outputDir", out.toString());
        main.addOverrideProperty("modbus.pollDelay", "100");
        main.start();
    }

    @AfterEach
    void stop() {
        main.stop();
        simulator.close();
    }

    @Test
    void writesPolledValuesAsJsonLines() throws Exception {
        Path file = out.resolve("values.jsonl");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(file) && lines(file).size() >= 3);

        ObjectMapper json = new ObjectMapper();
        List<String> lines = lines(file);
        long previousCounter = -1;
        for (String line : lines.subList(0, 3)) {
            JsonNode reading = json.readTree(line);
            assertEquals(
                    "tcp://127.0.0.1:" + simulator.port(), reading.get("device").asText());
            assertEquals(1, reading.get("unitId").asInt());
            assertEquals(10, reading.get("values").size());
            long counter = reading.get("values").get(0).asLong();
            assertTrue(counter > previousCounter, "the simulator's tick counter moves between polls: " + lines);
            previousCounter = counter;
        }
    }

    @Test
    void writesTheSetpointToTheDevice() {
        await().atMost(Duration.ofSeconds(20)).until(() -> simulator.image().holdingRegister(100) > 0);
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }
}
