package org.camelmodbus.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests per second on ONE connection, reading 10 holding registers: sequential (a thread blocking on each answer)
 * and with N requests outstanding. The libraries take turns within every round, so that a noisy neighbour hurts all
 * of them alike; each configuration is warmed up first.
 */
final class ThroughputSuite {
    private final BenchConfig config;
    private final Report report;

    ThroughputSuite(BenchConfig config, Report report) {
        this.config = config;
        this.report = report;
    }

    void run(ServerProcess server, List<Library> libraries) {
        List<Integer> depths = new ArrayList<>();
        depths.add(0);
        for (int d : config.inFlight()) {
            depths.add(d);
        }
        String loadBefore = Meter.loadAverage();
        Map<Integer, Map<Library, Result>> results = new LinkedHashMap<>();
        for (int depth : depths) {
            results.put(depth, measure(server, libraries, depth));
        }
        write(server, libraries, results, loadBefore + " → " + Meter.loadAverage());
    }

    private Map<Library, Result> measure(ServerProcess server, List<Library> libraries, int depth) {
        Map<Library, Result> results = new LinkedHashMap<>();
        Map<Library, Driver> drivers = new LinkedHashMap<>();
        for (Library library : libraries) {
            Result result = new Result(library.id(), depth, library.setting(depth, config));
            results.put(library, result);
            if (depth > 0 && !library.async()) {
                result.failure = "cannot pipeline";
                continue;
            }
            try {
                drivers.put(library, library.open(server.host(), server.port(), depth, config));
            } catch (Exception | LinkageError e) {
                result.failure = "could not run: " + e;
                progress(server, library, depth, "could not run: " + e);
            }
        }
        try {
            for (Map.Entry<Library, Driver> d : drivers.entrySet()) {
                window(server, d.getValue(), depth, config.warmupSeconds());
            }
            List<Library> order = new ArrayList<>(drivers.keySet());
            for (int round = 0; round < config.rounds(); round++) {
                for (int i = 0; i < order.size(); i++) {
                    // a different library goes first in each round: none always follows the same neighbour
                    Library library = order.get((i + round) % order.size());
                    Window w = window(server, drivers.get(library), depth, config.roundSeconds());
                    results.get(library).rounds.add(w);
                    progress(
                            server,
                            library,
                            depth,
                            String.format(
                                    "round %d/%d: %s req/s, %d errors",
                                    round + 1, config.rounds(), Report.count(w.rate()), w.errors()));
                }
            }
        } finally {
            for (Driver driver : drivers.values()) {
                try {
                    driver.close();
                } catch (Exception e) {
                    System.err.println("closing a driver failed: " + e);
                }
            }
        }
        return results;
    }

    private Window window(ServerProcess server, Driver driver, int depth, double seconds) {
        if (seconds <= 0) {
            return null;
        }
        return depth == 0
                ? Load.sequential(driver, seconds, server)
                : Load.closedLoop(Load.of(driver), depth, seconds, server);
    }

    private static void progress(ServerProcess server, Library library, int depth, String what) {
        System.err.printf(
                "throughput [%s server] %s %s: %s%n",
                server.kind(), library, depth == 0 ? "sequential" : depth + " in flight", what);
    }

    private void write(
            ServerProcess server, List<Library> libraries, Map<Integer, Map<Library, Result>> results, String load) {
        Library ours = Library.CAMEL_MODBUS;
        List<Library> peers = libraries.stream().filter(l -> l != ours).toList();
        double[] others = results.values().stream()
                .flatMap(m -> m.values().stream())
                .flatMap(r -> r.rounds.stream())
                .mapToDouble(Window::othersShare)
                .filter(x -> !Double.isNaN(x))
                .toArray();
        Samples.Spread noise = Samples.Spread.of(others);
        report.heading("Requests per second, one connection, " + server.kind() + " server");
        report.paragraph("Median of " + config.rounds() + " rounds of " + config.roundSeconds()
                + " s (min–max in brackets); higher is better. Ratios are ours / peer, the median of the per-round "
                + "ratios (the libraries take turns within a round): above 1 we are faster. Other processes used "
                + Report.percent(noise.median()) + " of the machine's CPU in the median window (max "
                + Report.percent(noise.max()) + "); load average " + load + ".");
        List<String> header = new ArrayList<>(List.of("mode"));
        libraries.forEach(l -> header.add(l.id()));
        peers.forEach(p -> header.add(ours.id() + " / " + p.id()));
        List<List<String>> rows = new ArrayList<>();
        Result j2modSequential = results.get(0).get(Library.J2MOD);
        for (Map.Entry<Integer, Map<Library, Result>> e : results.entrySet()) {
            int depth = e.getKey();
            List<String> row = new ArrayList<>(List.of(depth == 0 ? "sequential" : depth + " in flight"));
            for (Library l : libraries) {
                Result r = e.getValue().get(l);
                if (r.measured()) {
                    row.add(Report.spread(r.rate()));
                } else if ("cannot pipeline".equals(r.failure)) {
                    row.add("n/a: cannot pipeline");
                } else {
                    row.add("failed");
                }
            }
            Result mine = e.getValue().get(ours);
            for (Library p : peers) {
                Result peer = e.getValue().get(p);
                if (peer != null && peer.measured()) {
                    row.add(Report.ratio(mine == null ? Double.NaN : mine.pairedRatio(peer)));
                } else if (p == Library.J2MOD && j2modSequential != null && j2modSequential.measured()) {
                    // j2mod's best on one connection is its sequential rate
                    row.add(Report.ratio(mine == null ? Double.NaN : mine.medianRate(), j2modSequential.medianRate())
                            + " (vs its sequential best)");
                } else {
                    row.add("n/a");
                }
            }
            rows.add(row);
        }
        report.table(header, rows);

        report.paragraph("Costs per request (medians over rounds). Client CPU is this whole JVM's CPU time; "
                + "read/write calls are this JVM's read and write system calls (`/proc/self/io`: socket reads, "
                + "writes/flushes, and event-loop wake-ups); allocated bytes are what this JVM's threads allocated (the "
                + "harness adds about 90 bytes per request, a callback and its stage, for every library alike); server CPU is the server "
                + "process's.");
        List<List<String>> costs = new ArrayList<>();
        for (Map.Entry<Integer, Map<Library, Result>> e : results.entrySet()) {
            for (Library l : libraries) {
                Result r = e.getValue().get(l);
                if (r.failure != null && !"cannot pipeline".equals(r.failure)) {
                    costs.add(List.of(
                            e.getKey() == 0 ? "sequential" : e.getKey() + " in flight",
                            l.id(),
                            r.setting,
                            "—",
                            "—",
                            "—",
                            "—",
                            "—",
                            r.failure));
                }
                if (!r.measured()) {
                    continue;
                }
                String error = r.firstError();
                costs.add(List.of(
                        e.getKey() == 0 ? "sequential" : e.getKey() + " in flight",
                        l.id(),
                        r.setting,
                        Report.decimal(r.median(Window::cpuMicrosPerRequest), 1),
                        Report.decimal(r.median(Window::serverCpuMicrosPerRequest), 1),
                        Report.decimal(r.median(Window::readCallsPerRequest), 2),
                        Report.decimal(r.median(Window::writeCallsPerRequest), 2),
                        Report.count(r.median(Window::allocatedBytesPerRequest)),
                        r.errors() + (error == null ? "" : " (" + error + ")")));
            }
        }
        report.table(
                List.of(
                        "mode",
                        "client",
                        "setting",
                        "client CPU µs/req",
                        "server CPU µs/req",
                        "read calls/req",
                        "write calls/req",
                        "allocated bytes/req",
                        "errors"),
                costs);

        report.heading("Sequential latency, one connection, " + server.kind() + " server");
        report.paragraph("Every request of all measured rounds, timed from send to answer; lower is better. Two ways "
                + "of sending one request at a time: a thread blocking on each answer (every library), and the next "
                + "request sent from the previous answer's callback through the asynchronous API (1 in flight; how "
                + "the component's producer and consumer use our client). The last two columns divide our p50 in "
                + "each way by the row's p50: below 1 we are faster.");
        Samples oursBlocking = latencies(results, 0, ours);
        Samples oursOneAtATime = latencies(results, 1, ours);
        List<List<String>> latencyRows = new ArrayList<>();
        for (int depth : new int[] {0, 1}) {
            for (Library l : libraries) {
                Samples s = latencies(results, depth, l);
                if (s == null) {
                    continue;
                }
                latencyRows.add(List.of(
                        l.id(),
                        depth == 0 ? "blocking" : "1 in flight",
                        Report.count(s.size()),
                        Report.micros(s.percentile(0.50)),
                        Report.micros(s.percentile(0.99)),
                        Report.micros(s.percentile(0.999)),
                        Report.micros(s.max()),
                        p50Ratio(oursBlocking, s),
                        p50Ratio(oursOneAtATime, s)));
            }
        }
        report.table(
                List.of(
                        "client",
                        "one at a time",
                        "requests",
                        "p50 µs",
                        "p99 µs",
                        "p99.9 µs",
                        "max µs",
                        "our blocking p50 / this",
                        "our 1-in-flight p50 / this"),
                latencyRows);
    }

    /** The timed requests of {@code library} at {@code depth}, or null if none were timed there. */
    private static Samples latencies(Map<Integer, Map<Library, Result>> results, int depth, Library library) {
        Map<Library, Result> atDepth = results.get(depth);
        Result r = atDepth == null ? null : atDepth.get(library);
        if (r == null || !r.measured()) {
            return null;
        }
        Samples timed = r.latencies(); // merges the rounds: once
        return timed.size() == 0 ? null : timed;
    }

    private static String p50Ratio(Samples ours, Samples peer) {
        return ours == null ? "n/a" : Report.ratio(ours.percentile(0.50), peer.percentile(0.50));
    }
}
