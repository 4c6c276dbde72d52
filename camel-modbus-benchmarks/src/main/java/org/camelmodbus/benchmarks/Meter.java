package org.camelmodbus.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A snapshot of the costs a benchmark window is charged with: wall time, CPU time of this JVM and of the server
 * process, this JVM's read and write system calls (Linux {@code /proc/self/io}: every socket read, write and flush
 * is one; the epoll waits in between are not counted), the whole machine's busy CPU time, so that what other
 * processes took during a window can be told, and the bytes this JVM's live threads have allocated.
 */
record Meter(
        long wallNanos,
        long cpuNanos,
        long serverCpuNanos,
        long readCalls,
        long writeCalls,
        long machineNanos,
        long allocatedBytes) {
    static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Linux reports /proc/stat in USER_HZ ticks, 100 per second on every common architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private static final Path STAT = Path.of("/proc/stat");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Path IO = Path.of("/proc/self/io");

    static Meter now(ServerProcess server) {
        long[] io = io();
        return new Meter(
                System.nanoTime(),
                OS.getProcessCpuTime(),
                server == null ? -1 : server.cpuNanos(),
                io[0],
                io[1],
                machineBusyNanos(),
                allocated());
    }

    /** The costs between {@code start} and this snapshot. */
    Meter since(Meter start) {
        return new Meter(
                wallNanos - start.wallNanos,
                cpuNanos - start.cpuNanos,
                serverCpuNanos < 0 || start.serverCpuNanos < 0 ? -1 : serverCpuNanos - start.serverCpuNanos,
                readCalls - start.readCalls,
                writeCalls - start.writeCalls,
                machineNanos < 0 || start.machineNanos < 0 ? -1 : machineNanos - start.machineNanos,
                allocatedBytes < 0 || start.allocatedBytes < 0 ? -1 : allocatedBytes - start.allocatedBytes);
    }

    /**
     * Share of the machine's CPU capacity that neither this JVM nor the server used during this window: noise from
     * other processes. NaN if unknown.
     */
    double othersShare() {
        if (machineNanos < 0 || serverCpuNanos < 0) {
            return Double.NaN;
        }
        return Math.max(0, (double) (machineNanos - cpuNanos - serverCpuNanos) / wallNanos / CORES);
    }

    /** The 1, 5 and 15 minute load averages, as the kernel reports them. */
    static String loadAverage() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/loadavg")).get(0).split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Bytes allocated so far by the threads alive now (a thread that ended takes its count with it). */
    private static long allocated() {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    double seconds() {
        return wallNanos / 1e9;
    }

    private static long[] io() {
        long[] calls = {-1, -1};
        try {
            for (String line : Files.readAllLines(IO)) {
                if (line.startsWith("syscr:")) {
                    calls[0] = Long.parseLong(line.substring(6).trim());
                } else if (line.startsWith("syscw:")) {
                    calls[1] = Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no I/O accounting: the columns read n/a
        }
        return calls;
    }
}
