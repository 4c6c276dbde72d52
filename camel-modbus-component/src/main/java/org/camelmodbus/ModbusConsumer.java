package org.camelmodbus;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.camelmodbus.data.ChangeReporter;
import org.camelmodbus.data.Reading;
import org.camelmodbus.protocol.ModbusRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one read request, or with a register map the reads of all its points, on Camel's scheduler without blocking
 * it. Each run sends the request and returns; the response is handed back to the poll thread as an exchange. A
 * scheduled run never overlaps an unanswered poll or a route still busy with the previous values. A failed poll is
 * thrown from the next run, so that Camel's backoff (backoffErrorThreshold), health checks and bridgeErrorHandler see
 * it as they see any polling error. With reportByException, a poll in which no point changed sends no exchange.
 *
 * <p>With {@code greedy=true} or {@code delay=0} the consumer polls continuously, as fast as the device answers and
 * the route keeps up (Camel's greedy loop cannot do this by itself, as a run returns before its answer arrives): when
 * an answer goes to the route, the next read goes on the wire, so the device works while the route does. At most one
 * read is outstanding and at most one answer waits for the route. The schedule still applies after a failed poll. The
 * poll thread does not go round while a read is on the wire: answers reach it through its queue, and the scheduled
 * runs (Camel reads delay=0 as its default of 500 ms) only report a failure and send a read if none is on its way.
 *
 * <p>Answers enter the route one at a time and in the order they were read, whatever the executor: with a pool shared
 * by many consumers ({@code scheduledExecutorService}, several threads, no thread per consumer) they pass through a
 * {@link SerialMailbox}, so the next one enters only when the previous exchange is complete, even if the route
 * completes it asynchronously on another thread.
 *
 * <p>With {@code sendEmptyMessageWhenIdle}, the empty exchange of an idle run takes its turn in the same mailbox, and
 * none is sent while the route is still busy.
 *
 * <p>Values read after the consumer stopped are dropped with a DEBUG log: they are not route errors.
 */
public class ModbusConsumer extends ScheduledPollConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusConsumer.class);
    /** Posted for an idle run's empty exchange, so that it never shares the route with an answer's. */
    private static final Object IDLE = new Object();

    private final ModbusRequest request;
    private final int unitId;
    private final ChangeReporter reporter;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger delivered = new AtomicInteger();
    private final Object lock = new Object();
    private boolean reading; // guarded by lock: a read is on its way
    private int routing; // guarded by lock: answers handed to the route and not done yet
    private boolean continuous;
    private ScheduledExecutorService ownPollThread;
    private SerialMailbox<Object> deliveries; // answers on their way to the route, over the poll thread(s)

    public ModbusConsumer(ModbusEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        ModbusConfiguration c = endpoint.getConfiguration();
        this.request = ModbusRequests.of(c.getFunction(), ModbusRequests.Spec.of(c), null);
        this.unitId = c.getUnitId();
        this.reporter = c.isReportByException()
                ? new ChangeReporter(c.getRegisterMap(), Duration.ofMillis(c.getHeartbeat()))
                : null;
    }

    @Override
    public ModbusEndpoint getEndpoint() {
        return (ModbusEndpoint) super.getEndpoint();
    }

    /** Returns how many exchanges completed since the previous run: 0 makes the run count as idle. */
    @Override
    protected int poll() throws Exception {
        Throwable error = failure.getAndSet(null);
        int count = delivered.getAndSet(0);
        if (error != null) {
            throw error instanceof Exception e ? e : new IllegalStateException(error);
        }
        readIf(0);
        return count;
    }

    /** Sends the next read unless one is on its way or more than {@code maxRouting} answers are in the route. */
    private void readIf(int maxRouting) {
        synchronized (lock) {
            if (reading || routing > maxRouting) {
                return;
            }
            reading = true;
        }
        try {
            CompletableFuture<?> read = getEndpoint().hasRegisterMap()
                    ? getEndpoint().readPoints(unitId, true)
                    : getEndpoint().execute(unitId, request, true);
            read.whenComplete(this::answered);
        } catch (RuntimeException e) {
            // the endpoint is stopping under us: the next run reports it, and a restarted consumer reads again
            answered(null, e);
        }
    }

    private void answered(Object answer, Throwable error) {
        if (error != null) {
            failure.set(ModbusEndpoint.unwrap(error));
            synchronized (lock) {
                reading = false;
            }
            return;
        }
        synchronized (lock) {
            reading = false;
            routing++;
        }
        if (!isRunAllowed()) {
            dropAfterStop();
            return;
        }
        // Routes run on the poll thread, as with any Camel polling consumer, never on the I/O thread shared by devices.
        deliveries.post(answer);
        readOnIfContinuous();
    }

    /**
     * Camel would route the empty exchange on this run's thread, beside an answer another pool thread may route. While
     * the route is busy no empty one is added: Camel's own runs wait for the route, and a queue of them would grow.
     */
    @Override
    protected void processEmptyMessage() {
        synchronized (lock) {
            if (routing > 0) {
                return;
            }
            routing++;
        }
        deliveries.post(IDLE);
    }

    /** A read answered after the consumer stopped has nowhere to go; nothing is lost that a write would care about. */
    private void dropAfterStop() {
        LOG.debug("Dropping values read for {} after its consumer stopped", getEndpoint());
        synchronized (lock) {
            routing--;
        }
    }

    /** Runs in {@link #deliveries}: one answer at a time, and {@code done} when its exchange is complete. */
    private void deliver(Object answer, Runnable done) {
        if (!isRunAllowed()) {
            // handed over just before the route stopped: its processors would refuse it, so it is not a route error
            dropAfterStop();
            done.run();
            return;
        }
        Exchange exchange;
        if (answer == IDLE) {
            exchange = createExchange(true);
        } else if (answer instanceof Reading reading) {
            exchange = reporter == null ? points(reading, null) : report(reading);
            if (exchange == null) {
                routed(done);
                return;
            }
        } else {
            exchange = createExchange(true);
            getEndpoint()
                    .populate(
                            exchange.getMessage(),
                            unitId,
                            getEndpoint().getConfiguration().getFunction(),
                            request,
                            answer);
        }
        getAsyncProcessor().process(exchange, doneSync -> {
            Exception failed = exchange.getException();
            // a route stopping after the check above refuses the exchange in its first processor: no route error either
            boolean refused = failed instanceof RejectedExecutionException && !isRunAllowed();
            if (failed != null && !refused) {
                getExceptionHandler().handleException("Error processing polled values", exchange, failed);
            }
            releaseExchange(exchange, true);
            if (refused) {
                dropAfterStop();
                done.run();
                return;
            }
            if (answer != IDLE) {
                delivered.incrementAndGet(); // an empty exchange leaves the run idle, as Camel counts it
            }
            routed(done);
        });
    }

    /** An answer is through the route: the next one may enter it, and in continuous mode the next read go out. */
    private void routed(Runnable done) {
        synchronized (lock) {
            routing--;
        }
        done.run();
        readOnIfContinuous();
    }

    /** The exchange of the points that changed, or null when none did. */
    private Exchange report(Reading reading) {
        ChangeReporter.Report report = reporter.report(reading, reading.timestamp());
        return report.isEmpty() ? null : points(report.reading(), report.heartbeat());
    }

    private Exchange points(Reading reading, Boolean heartbeat) {
        Exchange exchange = createExchange(true);
        getEndpoint().populate(exchange.getMessage(), unitId, reading);
        if (heartbeat != null) {
            exchange.getMessage().setHeader(ModbusConstants.HEARTBEAT, heartbeat);
        }
        return exchange;
    }

    /** Polling continuously, the next read goes out while at most one answer is in the route. */
    private void readOnIfContinuous() {
        if (continuous && isRunAllowed() && !isSuspended() && failure.get() == null) {
            readIf(1);
        }
    }

    /** Owns the poll thread unless the user gave one, so that answers can be handed back to it. */
    @Override
    protected void doInit() throws Exception {
        if (getScheduledExecutorService() == null) {
            ownPollThread = getEndpoint()
                    .getCamelContext()
                    .getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, getEndpoint().getEndpointUri());
            setScheduledExecutorService(ownPollThread);
        }
        // a shared pool (scheduledExecutorService) may have many threads: answers still enter the route one by one
        deliveries = new SerialMailbox<>(getScheduledExecutorService(), this::deliver, answer -> dropAfterStop());
        continuous = isGreedy() || getDelay() == 0;
        super.doInit();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        failure.set(null);
    }

    @Override
    protected void doShutdown() throws Exception {
        super.doShutdown();
        if (ownPollThread != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(ownPollThread);
            ownPollThread = null;
        }
    }
}
