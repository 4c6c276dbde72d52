package org.camelmodbus.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ProducerTemplate;
import org.camelmodbus.ModbusConstants;

/**
 * Sends reads and writes through routes to {@link RecordingDevice}s and keeps the books: writes sent, acknowledged
 * and reported failed (by exception type); reads answered with the right values, with someone else's, or failed. An
 * acknowledged write the device never applied is a violation, as is a read answered with the values of other
 * registers; a write that ends neither way within the wait is lost. (Whether a write was applied more than once the
 * device itself counts: {@link RecordingDevice#reapplied()}.) Counters only, so that it runs for hours in constant
 * memory.
 */
public final class Ledger {
    private final ProducerTemplate template;
    private final AtomicLong writesSent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong reportedFailed = new AtomicLong();
    private final AtomicLong readsSent = new AtomicLong();
    private final AtomicLong readsAnswered = new AtomicLong();
    private final AtomicLong readsFailed = new AtomicLong();
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong wrongAnswers = new AtomicLong();
    private final AtomicLong notApplied = new AtomicLong();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    /** What should never happen: a wrong answer delivered, an acknowledged write the device does not hold. */
    private final List<String> violations = new CopyOnWriteArrayList<>();

    public Ledger(ProducerTemplate template) {
        this.template = template;
    }

    /**
     * Reads two registers at {@code address} (below {@link RecordingDevice#WRITABLE} - 1) through {@code endpoint},
     * expecting {@link RecordingDevice#value} of each.
     */
    public void read(String endpoint, int address) {
        readsSent.incrementAndGet();
        outstanding.incrementAndGet();
        template.asyncSend(endpoint, e -> e.getMessage().setHeader(ModbusConstants.ADDRESS, address))
                .whenComplete((exchange, error) -> {
                    try {
                        Throwable failure = error != null ? error : exchange.getException();
                        if (failure != null) {
                            readsFailed.incrementAndGet();
                            failed(failure);
                        } else {
                            Object body = exchange.getMessage().getBody();
                            List<Integer> expected =
                                    List.of(RecordingDevice.value(address), RecordingDevice.value(address + 1));
                            if (expected.equals(body)) {
                                readsAnswered.incrementAndGet();
                            } else {
                                wrongAnswers.incrementAndGet();
                                violation("read of " + address + " answered " + body + ", expected " + expected);
                            }
                        }
                    } finally {
                        outstanding.decrementAndGet();
                    }
                });
    }

    /** Writes {@code value} (never 0) to {@code address} of {@code device} through {@code endpoint}. */
    public void write(String endpoint, RecordingDevice device, int address, int value) {
        writesSent.incrementAndGet();
        outstanding.incrementAndGet();
        template.asyncSend(endpoint, e -> {
                    e.getMessage().setHeader(ModbusConstants.ADDRESS, address);
                    e.getMessage().setBody(value);
                })
                .whenComplete((exchange, error) -> {
                    try {
                        Throwable failure = error != null ? error : exchange.getException();
                        if (failure != null) {
                            reportedFailed.incrementAndGet();
                            failed(failure);
                        } else {
                            acknowledged.incrementAndGet();
                            if (device.applications(address, value) == 0) {
                                notApplied.incrementAndGet();
                                violation("write of " + value + " to " + address + " acknowledged, never applied");
                            }
                        }
                    } finally {
                        outstanding.decrementAndGet();
                    }
                });
    }

    /**
     * Waits, at most {@code limit}, until every request has ended; then whatever has not is lost. Returns the lost
     * count.
     */
    public long awaitAllEnded(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return outstanding.get();
    }

    private void failed(Throwable failure) {
        failures.computeIfAbsent(failure.getClass().getSimpleName(), k -> new AtomicLong())
                .incrementAndGet();
    }

    private void violation(String what) {
        if (violations.size() < 20) {
            violations.add(what);
        }
    }

    public long writesSent() {
        return writesSent.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long reportedFailed() {
        return reportedFailed.get();
    }

    /** Writes that ended neither acknowledged nor reported failed (yet). */
    public long lost() {
        return writesSent.get() - acknowledged.get() - reportedFailed.get();
    }

    /** Requests sent and not ended yet. */
    public long outstanding() {
        return outstanding.get();
    }

    /** Reads answered with values other than those of their registers. */
    public long wrongAnswers() {
        return wrongAnswers.get();
    }

    /** Writes acknowledged that the device never applied. */
    public long acknowledgedNotApplied() {
        return notApplied.get();
    }

    public long readsSent() {
        return readsSent.get();
    }

    public long readsAnswered() {
        return readsAnswered.get();
    }

    public long readsFailed() {
        return readsFailed.get();
    }

    /** How many requests failed with each exception type. */
    public Map<String, Long> failures() {
        Map<String, Long> copy = new TreeMap<>();
        failures.forEach((type, n) -> copy.put(type, n.get()));
        return copy;
    }

    public long failures(Class<? extends Throwable> type) {
        AtomicLong n = failures.get(type.getSimpleName());
        return n == null ? 0 : n.get();
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public String toString() {
        return String.format(
                "writes sent %d, acknowledged %d, reported failed %d, lost %d; reads sent %d, answered %d, failed %d;"
                        + " failures %s; violations %s",
                writesSent(),
                acknowledged(),
                reportedFailed(),
                lost(),
                readsSent(),
                readsAnswered(),
                readsFailed(),
                failures(),
                violations());
    }
}
