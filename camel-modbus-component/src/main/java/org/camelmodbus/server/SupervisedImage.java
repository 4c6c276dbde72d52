package org.camelmodbus.server;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;

/**
 * A {@link ProcessImage} whose writes a supervisor (a route) approves first. Reads, and writes the image cannot take
 * (exception 0x02), are answered by the image at once. A write is applied only once approved; a refusal is answered
 * with the supervisor's exception code, and a supervisor that has not decided within the time limit gets the write
 * answered with 0x04 (server device failure) and never applied, even if it approves later: the client was told it
 * failed.
 */
public final class SupervisedImage implements PeerAwareHandler {

    /**
     * Decides whether a write from {@code peer} (see {@link ModbusRequestHandler#handle(int, ModbusRequest, Object)})
     * may change the image: empty to apply it, or the exception code to refuse it with.
     */
    @FunctionalInterface
    public interface Supervisor {
        CompletionStage<Optional<ExceptionCode>> approve(int unitId, ModbusRequest write, Object peer);
    }

    private static final Optional<ExceptionCode> TOO_LATE = Optional.of(ExceptionCode.SERVER_DEVICE_FAILURE);

    private final ProcessImage image;
    private final Supervisor supervisor;
    private final long timeLimitMillis;

    public SupervisedImage(ProcessImage image, Supervisor supervisor, Duration timeLimit) {
        this.image = image;
        this.supervisor = supervisor;
        this.timeLimitMillis = timeLimit.toMillis();
    }

    @Override
    public CompletionStage<ModbusResponse> handle(int unitId, ModbusRequest request, Object peer) {
        if (!AccessRules.isWrite(request) || !image.holds(request)) {
            return image.handle(unitId, request);
        }
        // whichever completes the decision first wins: the supervisor, or the time limit with its refusal
        CompletableFuture<Optional<ExceptionCode>> decision = new CompletableFuture<>();
        decision.completeOnTimeout(TOO_LATE, timeLimitMillis, TimeUnit.MILLISECONDS);
        supervisor
                .approve(unitId, request, peer)
                .whenComplete((verdict, error) ->
                        decision.complete(error != null ? Optional.of(ExceptionCode.SERVER_DEVICE_FAILURE) : verdict));
        return decision.thenApply(
                refusal -> refusal.<ModbusResponse>map(code -> new ExceptionResponse(request.functionCode(), code))
                        .orElseGet(() -> image.apply(request)));
    }
}
