package org.camelmodbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.data.PointWrite;
import org.camelmodbus.data.PointWrites;
import org.camelmodbus.data.ReadBlock;
import org.camelmodbus.data.ReadPlan;
import org.camelmodbus.data.Reading;
import org.camelmodbus.data.RegisterMap;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.MaskWriteRegisterRequest;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ReadCoilsRequest;
import org.camelmodbus.protocol.ReadCoilsResponse;
import org.camelmodbus.protocol.ReadDiscreteInputsRequest;
import org.camelmodbus.protocol.ReadDiscreteInputsResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.ReadInputRegistersRequest;
import org.camelmodbus.protocol.ReadInputRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteSingleCoilRequest;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes an endpoint's register map: executes the read plan, splitting a read the device refuses with
 * "illegal data address" and keeping the split for later polls, and sends point writes one after another.
 */
final class ModbusPoints {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusPoints.class);

    /** Sends one request for a unit, completing with the response or failing with the client's exception. */
    interface Sender {
        CompletableFuture<?> send(ModbusRequest request);
    }

    private final String endpoint;
    private final RegisterMap map;
    private final AtomicReference<ReadPlan> plan;

    ModbusPoints(String endpoint, RegisterMap map, ReadPlan plan) {
        this.endpoint = endpoint;
        this.map = map;
        this.plan = new AtomicReference<>(plan);
        LOG.info("{} reads {} points in {}", endpoint, map.size(), plan);
    }

    RegisterMap map() {
        return map;
    }

    ReadPlan plan() {
        return plan.get();
    }

    /**
     * Reads every point. Blocks that fail leave their points bad in the reading; when every block fails, the reading
     * fails with the first error, as a plain read would.
     */
    CompletableFuture<Reading> read(Sender sender) {
        Reading.Builder reading = Reading.builder(map);
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        List<ReadBlock> blocks = plan.get().blocks();
        CompletableFuture<?>[] reads = new CompletableFuture<?>[blocks.size()];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = read(sender, blocks.get(i), reading, firstError);
        }
        return CompletableFuture.allOf(reads).thenApply(done -> {
            synchronized (reading) {
                if (!reading.anyGood() && firstError.get() != null) {
                    throw new CompletionException(firstError.get());
                }
                return reading.build(System.currentTimeMillis());
            }
        });
    }

    private CompletableFuture<Void> read(
            Sender sender, ReadBlock block, Reading.Builder reading, AtomicReference<Throwable> firstError) {
        return sender.send(request(block))
                .handle((answer, error) -> {
                    Throwable cause = error == null ? decode(block, answer, reading) : ModbusEndpoint.unwrap(error);
                    if (cause == null) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    List<ReadBlock> parts = illegalAddress(cause) ? plan.get().split(block) : List.of();
                    if (!parts.isEmpty()) {
                        ReadPlan before = plan.getAndUpdate(p -> p.replace(block, parts));
                        if (before.blocks().contains(block)) {
                            LOG.warn(
                                    "{}: the device refused [{}] with illegal data address; reading it as {} from now on",
                                    endpoint,
                                    block,
                                    parts);
                        }
                        CompletableFuture<?>[] retries = parts.stream()
                                .map(part -> read(sender, part, reading, firstError))
                                .toArray(CompletableFuture<?>[]::new);
                        return CompletableFuture.allOf(retries);
                    }
                    firstError.compareAndSet(null, cause);
                    synchronized (reading) {
                        reading.failed(block, String.valueOf(cause.getMessage()));
                    }
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .thenCompose(next -> next);
    }

    private static boolean illegalAddress(Throwable cause) {
        return cause instanceof ModbusExceptionResponseException e
                && e.exceptionCode() == ExceptionCode.ILLEGAL_DATA_ADDRESS.code();
    }

    private static ModbusRequest request(ReadBlock b) {
        return switch (b.kind()) {
            case COIL -> new ReadCoilsRequest(b.address(), b.quantity());
            case DISCRETE_INPUT -> new ReadDiscreteInputsRequest(b.address(), b.quantity());
            case HOLDING_REGISTER -> new ReadHoldingRegistersRequest(b.address(), b.quantity());
            case INPUT_REGISTER -> new ReadInputRegistersRequest(b.address(), b.quantity());
        };
    }

    /** Adds the block's values to the reading; returns what went wrong, or null. */
    private static Throwable decode(ReadBlock block, Object answer, Reading.Builder reading) {
        Object values;
        if (answer instanceof ReadCoilsResponse r) {
            values = r.coils().toArray();
        } else if (answer instanceof ReadDiscreteInputsResponse r) {
            values = r.inputs().toArray();
        } else if (answer instanceof ReadHoldingRegistersResponse r) {
            values = r.registers().toArray();
        } else if (answer instanceof ReadInputRegistersResponse r) {
            values = r.registers().toArray();
        } else {
            return new IllegalStateException("unexpected answer to a read of " + block + ": " + answer);
        }
        int size = values instanceof int[] registers ? registers.length : ((boolean[]) values).length;
        if (size < block.quantity()) {
            return new IllegalStateException(
                    "the device answered a read of " + block.quantity() + " with " + size + " values");
        }
        synchronized (reading) {
            if (values instanceof int[] registers) {
                reading.registers(block, registers);
            } else {
                reading.bits(block, (boolean[]) values);
            }
        }
        return null;
    }

    /**
     * Writes the points of {@code values} one after another, in its order, each in one request, after checking all of
     * them. Completes with the names written; on a failure, fails with its cause after adding the names written before
     * it to {@code written}.
     */
    CompletableFuture<List<String>> write(
            Map<?, ?> values, Sender sender, List<String> written, Consumer<ModbusRequest> check) {
        List<PointWrites.Named> writes = PointWrites.of(map, values);
        List<ModbusRequest> requests = new ArrayList<>();
        for (PointWrites.Named w : writes) {
            ModbusRequest request = request(w.write());
            check.accept(request); // the endpoint's write access, for all before the first is sent
            requests.add(request);
        }
        CompletableFuture<Object> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < writes.size(); i++) {
            PointWrites.Named w = writes.get(i);
            ModbusRequest request = requests.get(i);
            chain = chain.thenCompose(done -> sender.send(request).thenApply(answer -> {
                written.add(w.point().name());
                return (Object) answer;
            }));
        }
        return chain.thenApply(done -> new ArrayList<>(written));
    }

    private static ModbusRequest request(PointWrite w) {
        if (w instanceof PointWrite.Coil c) {
            return new WriteSingleCoilRequest(c.address(), c.value());
        } else if (w instanceof PointWrite.RegisterBit b) {
            return new MaskWriteRegisterRequest(b.address(), b.andMask(), b.orMask());
        }
        int[] values = ((PointWrite.Registers) w).values();
        return values.length == 1
                ? new WriteSingleRegisterRequest(w.address(), values[0])
                : new WriteMultipleRegistersRequest(w.address(), RegisterValues.of(values));
    }
}
