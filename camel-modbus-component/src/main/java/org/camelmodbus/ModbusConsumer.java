package org.camelmodbus;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.camelmodbus.protocol.ModbusRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one read request on Camel's scheduler without blocking it. Each run sends the request and returns; the
 * response is handed back to the poll thread as an exchange. A run never overlaps an unanswered poll or a route still
 * busy with the previous values. A failed poll is thrown from the next run, so that Camel's backoff (backoffErrorThreshold),
 * health checks and bridgeErrorHandler see it as they see any polling error.
 */
public class ModbusConsumer extends ScheduledPollConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusConsumer.class);

    private final ModbusRequest request;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger delivered = new AtomicInteger();
    private ScheduledExecutorService ownPollThread;

    public ModbusConsumer(ModbusEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        ModbusConfiguration c = endpoint.getConfiguration();
        this.request = ModbusRequests.of(c.getFunction(), ModbusRequests.Spec.of(c), null);
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
        if (busy.compareAndSet(false, true)) {
            int unitId = getEndpoint().getConfiguration().getUnitId();
            getEndpoint().execute(unitId, request, true).whenComplete((answer, e) -> answered(unitId, answer, e));
        }
        return count;
    }

    private void answered(int unitId, Object answer, Throwable error) {
        if (error != null) {
            failure.set(ModbusEndpoint.unwrap(error));
            busy.set(false);
            return;
        }
        // Routes run on the poll thread, as with any Camel polling consumer, never on the I/O thread shared by devices.
        ScheduledExecutorService pollThread = getScheduledExecutorService();
        try {
            if (!isRunAllowed()) {
                throw new RejectedExecutionException("consumer stopped");
            } else if (pollThread == null) {
                deliver(unitId, answer);
            } else {
                pollThread.execute(() -> deliver(unitId, answer));
            }
        } catch (RejectedExecutionException stopped) {
            // a read answered after the route stopped has nowhere to go; nothing is lost that a write would care about
            LOG.debug("Dropping values read for {} after its consumer stopped", getEndpoint());
            busy.set(false);
        }
    }

    private void deliver(int unitId, Object answer) {
        Exchange exchange = createExchange(true);
        getEndpoint()
                .populate(
                        exchange.getMessage(),
                        unitId,
                        getEndpoint().getConfiguration().getFunction(),
                        request,
                        answer);
        getAsyncProcessor().process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                getExceptionHandler()
                        .handleException("Error processing polled values", exchange, exchange.getException());
            }
            releaseExchange(exchange, true);
            delivered.incrementAndGet();
            busy.set(false);
        });
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
