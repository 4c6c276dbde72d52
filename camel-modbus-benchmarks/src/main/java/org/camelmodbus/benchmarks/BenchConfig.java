package org.camelmodbus.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What a run measures and for how long, from {@code bench.*} system properties (the module's pom passes each one on,
 * with its default). Every duration is bounded, so a run ends by itself.
 *
 * @param suites which of throughput, camel, devices, serial to run
 * @param servers server implementations for the throughput suite; the camel suite uses camel-modbus's if listed,
 *     else the first
 * @param clients client libraries for the throughput suite on the first server
 * @param otherServerClients client libraries for the throughput suite on the other servers
 * @param inFlight pipelining depths measured besides sequential
 * @param warmupSeconds unmeasured run of each configuration before its rounds
 * @param rounds measured rounds per configuration; configurations take turns within a round
 * @param roundSeconds length of one measured round
 * @param devices device counts for the many-devices suite
 * @param deviceClients client libraries for the many-devices suite
 * @param deviceSeconds measured polling time per device count and client
 * @param deviceTimers where the many-devices suite's poll timers run: thread (one application thread), io (the
 *     library's event loops), io-slots (the same, timers in 100 slots a second), routes (camel-modbus polling routes)
 * @param ioThreads event-loop threads of our client; 0 means one per processor, as the component's default
 * @param ioSpinMicros how long our client's event loops poll on after work before they sleep (the component option
 *     {@code ioSpinMicros}); 0, the default, sleeps at once
 * @param output markdown file the results are written to
 * @param maxMinutes the whole run is aborted after this long, whatever happens
 */
record BenchConfig(
        List<String> suites,
        List<String> servers,
        List<String> clients,
        List<String> otherServerClients,
        int[] inFlight,
        double warmupSeconds,
        int rounds,
        double roundSeconds,
        int[] devices,
        List<String> deviceClients,
        double deviceSeconds,
        List<String> deviceTimers,
        int ioThreads,
        int ioSpinMicros,
        Path output,
        double maxMinutes) {

    static BenchConfig fromSystemProperties() {
        return new BenchConfig(
                list("bench.suites", "throughput,camel,devices"),
                list("bench.servers", "digitalpetri,camel-modbus"),
                list("bench.clients", "camel-modbus,digitalpetri,j2mod,plc4x"),
                list("bench.otherServerClients", "camel-modbus,digitalpetri"),
                ints("bench.inFlight", "1,8,32,128"),
                number("bench.warmupSeconds", 2, 0, 60),
                (int) number("bench.rounds", 5, 1, 50),
                number("bench.roundSeconds", 1, 0.1, 60),
                ints("bench.devices", "1000,10000"),
                list("bench.deviceClients", "camel-modbus,digitalpetri"),
                number("bench.deviceSeconds", 20, 1, 600),
                list("bench.deviceTimers", "thread,io"),
                (int) number("bench.ioThreads", 0, 0, 64),
                (int) number("bench.ioSpinMicros", 0, 0, 1000),
                Path.of(System.getProperty("bench.output", "target/benchmark-results.md")),
                number("bench.maxMinutes", 30, 1, 240));
    }

    Duration ioSpin() {
        return Duration.ofNanos(ioSpinMicros * 1000L);
    }

    boolean runs(String suite) {
        return suites.contains(suite);
    }

    private static List<String> list(String key, String defaults) {
        return Arrays.stream(System.getProperty(key, defaults).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static int[] ints(String key, String defaults) {
        return list(key, defaults).stream().mapToInt(Integer::parseInt).toArray();
    }

    private static double number(String key, double defaultValue, double min, double max) {
        String value = System.getProperty(key);
        double n = value == null || value.isBlank() ? defaultValue : Double.parseDouble(value.trim());
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " = " + n + " is outside " + min + ".." + max);
        }
        return n;
    }

    @Override
    public String toString() {
        return "suites=" + suites + " servers=" + servers + " clients=" + clients + " otherServerClients="
                + otherServerClients + " inFlight=" + Arrays.toString(inFlight) + " warmupSeconds=" + warmupSeconds
                + " rounds=" + rounds + " roundSeconds=" + roundSeconds + " devices=" + Arrays.toString(devices)
                + " deviceClients=" + deviceClients + " deviceSeconds=" + deviceSeconds + " deviceTimers="
                + deviceTimers + " ioThreads=" + ioThreads + " ioSpinMicros=" + ioSpinMicros;
    }
}
