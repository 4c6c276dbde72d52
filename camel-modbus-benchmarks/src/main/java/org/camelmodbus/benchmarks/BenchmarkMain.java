package org.camelmodbus.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark suites chosen by {@code bench.suites} against servers in child JVMs on loopback, and writes the
 * results as markdown to {@code bench.output}. See BENCHMARKS.md for the command and what each number means.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.fromSystemProperties();
        startWatchdog(config.maxMinutes());
        Report report = new Report(config.output());
        long started = System.nanoTime();
        report.paragraph(
                "## Results of " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE));
        report.paragraph("- machine: " + machine()
                + "\n- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                + "\n- code: " + git("describe", "--always", "--dirty")
                + "\n- configuration: " + config);

        List<ServerProcess> servers = new ArrayList<>();
        try {
            if (config.runs("throughput") || config.runs("camel")) {
                for (String kind : config.servers()) {
                    servers.add(ServerProcess.start(kind, 0, List.of("127.0.0.1"), "512m"));
                }
            }
            if (config.runs("throughput")) {
                ThroughputSuite suite = new ThroughputSuite(config, report);
                for (int i = 0; i < servers.size(); i++) {
                    List<String> ids = i == 0 ? config.clients() : config.otherServerClients();
                    suite.run(servers.get(i), ids.stream().map(Library::of).toList());
                }
            }
            if (config.runs("camel")) {
                // the cheaper server leaves the client side as the bottleneck, where Camel's cost shows
                ServerProcess server = servers.stream()
                        .filter(s -> s.kind().equals("camel-modbus"))
                        .findFirst()
                        .orElse(servers.get(0));
                new CamelSuite(config, report).run(server);
            }
            if (config.runs("devices")) {
                new DevicesSuite(config, report).run();
            }
            if (config.runs("serial")) {
                new SerialSuite(report).run();
            }
        } finally {
            servers.forEach(ServerProcess::close);
        }
        report.paragraph(String.format(
                "Whole run: %.1f minutes; results in %s",
                (System.nanoTime() - started) / 60e9, config.output().toAbsolutePath()));
        System.exit(0); // the peers' libraries leave non-daemon threads behind
    }

    /** Ends the run, whatever it is waiting for, after the bound: a benchmark must never hang a machine or a CI job. */
    private static void startWatchdog(double maxMinutes) {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep((long) (maxMinutes * 60_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.err.println("benchmark: exceeded bench.maxMinutes=" + maxMinutes + ", aborting");
                    Runtime.getRuntime().halt(3);
                },
                "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static String machine() {
        String cpu = "unknown CPU";
        String memory = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .map(l -> ", " + Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB RAM")
                    .findFirst()
                    .orElse("");
        } catch (Exception e) {
            // not Linux: the OS name below still says what it was
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + ")" + memory + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static String git(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out = r.readLine();
            }
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out != null ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
