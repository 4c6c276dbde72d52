package org.camelmodbus.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default example, as the README's run command starts it: JSON lines in rotating files, and a setpoint writer. */
class FileExampleTest {
    @TempDir
    Path out;

    @Test
    void writesPolledValuesAsJsonLines() throws Exception {
        try (RunningExample example = RunningExample.start("file", Map.of("files.dir", out.toString()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines().size() >= 5);

            ObjectMapper json = new ObjectMapper();
            List<JsonNode> readings = new ArrayList<>();
            for (String line : lines()) {
                readings.add(json.readTree(line));
            }
            example.assertReadings(readings);
        }
    }

    @Test
    void startsANewFileWhenTheRotationPatternChanges() throws Exception {
        // one file per second instead of per hour
        try (RunningExample example = RunningExample.start(
                "file", Map.of("files.dir", out.toString(), "files.rotation", "yyyyMMdd-HHmmss"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> files().size() >= 3);
        }
        for (Path file : files()) {
            assertTrue(file.getFileName().toString().matches("demo-plc-\\d{8}-\\d{6}\\.jsonl"), file.toString());
        }
        assertTrue(lines().size() >= 10, "every reading is in one of the files");
    }

    @Test
    void writesTheSetpointToTheDevice() throws Exception {
        try (RunningExample example = RunningExample.start("file", Map.of("files.dir", out.toString()))) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> example.simulator.image().holdingRegister(100) > 0);
        }
    }

    private List<Path> files() {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> lines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : files()) {
            Files.readAllLines(file).stream().filter(l -> !l.isBlank()).forEach(lines::add);
        }
        return lines;
    }
}
