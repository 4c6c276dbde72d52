package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point down: Camel layer, then device, client, transport, protocol. Only transport.netty imports Netty
 * and only the root package imports Camel, so the protocol stays plain Java and each layer can be read on its own.
 * data (typed points, register maps, request planning) stands alone: plain Java, its loader on Jackson.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/org/camelmodbus");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    /** For each package (relative to org.camelmodbus), the import prefixes it may use besides java.* and itself. */
    private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
            Map.entry("protocol", List.of()),
            Map.entry(
                    "transport",
                    List.of(
                            "org.slf4j",
                            "org.camelmodbus.protocol",
                            "org.camelmodbus.server",
                            "javax.net.ssl",
                            "javax.crypto")),
            Map.entry("server", List.of("org.slf4j", "org.camelmodbus.protocol")),
            Map.entry("client", List.of("org.slf4j", "org.camelmodbus.protocol", "org.camelmodbus.transport")),
            Map.entry("device", List.of("org.camelmodbus.client")),
            Map.entry("micrometer", List.of("io.micrometer", "org.camelmodbus.client", "org.camelmodbus.protocol")),
            Map.entry("data", List.of("com.fasterxml.jackson")),
            Map.entry(
                    "transport.netty",
                    List.of(
                            "io.netty",
                            "javax.net.ssl",
                            "org.slf4j",
                            "org.camelmodbus.protocol",
                            "org.camelmodbus.transport",
                            "org.camelmodbus.server")),
            Map.entry(
                    "transport.serial",
                    List.of(
                            "com.fazecast.jSerialComm",
                            "org.slf4j",
                            "org.camelmodbus.protocol",
                            "org.camelmodbus.transport",
                            "org.camelmodbus.server")),
            Map.entry(
                    "simulator",
                    List.of("org.camelmodbus.protocol", "org.camelmodbus.server", "org.camelmodbus.transport")),
            Map.entry("", List.of("org.apache.camel", "org.slf4j", "org.camelmodbus", "javax.net.ssl")));

    @Test
    void packagesImportOnlyTheLayersBelowThem() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                List<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(file + ": package org.camelmodbus." + pkg + " has no entry in ArchitectureTest");
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(1);
                    boolean ok = imported.startsWith("java.")
                            || imported.equals("org.camelmodbus" + (pkg.isEmpty() ? "" : "." + pkg))
                            || allowed.stream().anyMatch(imported::startsWith);
                    boolean foreignIo = imported.startsWith("io.netty") && !pkg.equals("transport.netty")
                            || imported.startsWith("com.fazecast") && !pkg.equals("transport.serial");
                    if (!ok || foreignIo) {
                        violations.add(file + " imports " + imported);
                    }
                }
                checked++;
            }
        }
        assertTrue(checked > 30, "found only " + checked + " sources under " + SOURCES);
        assertEquals(List.of(), violations);
    }
}
