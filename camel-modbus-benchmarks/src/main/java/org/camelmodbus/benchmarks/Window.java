package org.camelmodbus.benchmarks;

/**
 * What one measured window produced: answers, failures, and its costs.
 *
 * @param ok requests answered correctly within the window
 * @param errors requests that failed or came back wrong
 * @param cost wall time, CPU and system calls of the window
 * @param latencies per-request latencies in nanoseconds, for sequential windows; otherwise null
 * @param firstError a failure seen in the window, for the report; null if none
 */
record Window(long ok, long errors, Meter cost, Samples latencies, Throwable firstError) {

    double rate() {
        return ok / cost.seconds();
    }

    /** Microseconds of client CPU per answered request. */
    double cpuMicrosPerRequest() {
        return ok == 0 ? Double.NaN : cost.cpuNanos() / 1e3 / ok;
    }

    double serverCpuMicrosPerRequest() {
        return ok == 0 || cost.serverCpuNanos() < 0 ? Double.NaN : cost.serverCpuNanos() / 1e3 / ok;
    }

    double readCallsPerRequest() {
        return ok == 0 || cost.readCalls() < 0 ? Double.NaN : (double) cost.readCalls() / ok;
    }

    /** Bytes allocated in this JVM per answered request. */
    double allocatedBytesPerRequest() {
        return ok == 0 || cost.allocatedBytes() < 0 ? Double.NaN : (double) cost.allocatedBytes() / ok;
    }

    /** Share of the machine other processes used during the window (0..1), NaN if unknown. */
    double othersShare() {
        return cost.othersShare();
    }

    double writeCallsPerRequest() {
        return ok == 0 || cost.writeCalls() < 0 ? Double.NaN : (double) cost.writeCalls() / ok;
    }
}
