package org.camelmodbus;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.server.ModbusRequestHandler;
import org.camelmodbus.server.PeerAwareHandler;
import org.camelmodbus.server.SupervisedImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the endpoint's unit ids on a Modbus server: reads from the register image, and each write as an exchange
 * whose reply decides the answer (applied to the image only when the route accepts it); with proxy, every request as
 * an exchange whose reply is the answer. Exchanges run on a Camel thread pool, never on the I/O threads, and nothing
 * waits for them: the answer is sent when the exchange completes, or when replyTimeout passes. A full pool answers
 * exception 0x06 (server device busy).
 */
public class ModbusServerConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusServerConsumer.class);

    private volatile ExecutorService executor;
    private ModbusServers.Server server;
    private ModbusRequestHandler handler;

    public ModbusServerConsumer(ModbusEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public ModbusEndpoint getEndpoint() {
        return (ModbusEndpoint) super.getEndpoint();
    }

    /** The TCP port the server listens on: the one picked when the URI said port 0; 0 on a serial port. */
    public int port() {
        ModbusServers.Server s = server;
        if (s == null) {
            throw new IllegalStateException(getEndpoint().getEndpointUri() + " is not started");
        }
        return s.port();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ModbusConfiguration c = getEndpoint().getConfiguration();
        // Camel's default profile, but a full pool refuses (answered 0x06) instead of running the route on the caller,
        // which would be an I/O thread
        ExecutorServiceManager threads = getEndpoint().getCamelContext().getExecutorServiceManager();
        ThreadPoolProfile profile = new ThreadPoolProfileBuilder("modbus-server", threads.getDefaultThreadPoolProfile())
                .rejectedPolicy(ThreadPoolRejectedPolicy.Abort)
                .build();
        executor = threads.newThreadPool(this, "ModbusServer[" + getEndpoint().getEndpointKey() + "]", profile);
        ModbusRequestHandler served = c.isProxy()
                ? (PeerAwareHandler) this::proxy
                : new SupervisedImage(
                        getEndpoint().getComponent().image(c.getImage()),
                        this::approve,
                        Duration.ofMillis(c.getReplyTimeout()));
        handler = c.accessRules().guard(served);
        server = getEndpoint().getComponent().acquireServer(c);
        try {
            server.units().register(c.unitIdList(), handler);
        } catch (RuntimeException e) {
            getEndpoint().getComponent().releaseServer(server);
            server = null;
            throw new IllegalArgumentException(getEndpoint().getEndpointUri() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.units().unregister(handler);
            getEndpoint().getComponent().releaseServer(server);
            server = null;
        }
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
        super.doStop();
    }

    /** Proxy mode: the reply is the answer; a route that does not reply in time is a target that did not respond. */
    private CompletionStage<ModbusResponse> proxy(int unitId, ModbusRequest request, Object peer) {
        CompletableFuture<ModbusResponse> answer = route(
                unitId,
                request,
                peer,
                exchange -> ServerExchanges.response(exchange, request),
                new ExceptionResponse(request.functionCode(), ExceptionCode.SERVER_DEVICE_BUSY));
        return answer.completeOnTimeout(
                new ExceptionResponse(request.functionCode(), ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND),
                getEndpoint().getConfiguration().getReplyTimeout(),
                TimeUnit.MILLISECONDS);
    }

    /** Image mode: the route decides whether a write is applied. */
    private CompletionStage<Optional<ExceptionCode>> approve(int unitId, ModbusRequest write, Object peer) {
        return route(unitId, write, peer, ServerExchanges::refusal, Optional.of(ExceptionCode.SERVER_DEVICE_BUSY));
    }

    /**
     * Sends the request through the route on the pool; completes with what {@code reply} makes of the exchange once
     * the route is done, with {@code whenBusy} when the pool is full, or fails when the reply cannot be turned into an
     * answer (the client then gets 0x04).
     */
    private <T> CompletableFuture<T> route(
            int unitId, ModbusRequest request, Object peer, Function<Exchange, T> reply, T whenBusy) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        ServerExchanges.populate(exchange.getMessage(), unitId, request, peer);
        ExecutorService pool = executor;
        try {
            if (pool == null) {
                throw new RejectedExecutionException("consumer stopped");
            }
            pool.execute(() -> getAsyncProcessor().process(exchange, doneSync -> {
                try {
                    if (!result.complete(reply.apply(exchange))) {
                        LOG.warn(
                                "{}: the route replied to unit {} {} after replyTimeout ({} ms); the client was"
                                        + " answered with an exception already",
                                getEndpoint(),
                                unitId,
                                request.describe(),
                                getEndpoint().getConfiguration().getReplyTimeout());
                    }
                } catch (RuntimeException e) {
                    LOG.warn(
                            "{}: answering unit {} {} with exception 0x04: {}",
                            getEndpoint(),
                            unitId,
                            request.describe(),
                            e.getMessage());
                    result.completeExceptionally(e);
                } finally {
                    releaseExchange(exchange, false);
                }
            }));
        } catch (RejectedExecutionException e) {
            LOG.warn(
                    "{}: answering unit {} {} with exception 0x06 (server device busy): every thread of the"
                            + " route is busy and its queue is full",
                    getEndpoint(),
                    unitId,
                    request.describe());
            releaseExchange(exchange, false);
            result.complete(whenBusy);
        }
        return result;
    }
}
