package org.camelmodbus.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.camelmodbus.protocol.AddressedRequest;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.RequestCodec;
import org.camelmodbus.protocol.ResponseCodec;

/** A client on a {@link FakeTransport} with a real scheduler, and the helpers the policy tests share. */
final class ClientFixture implements AutoCloseable {
    static final Duration LONG = Duration.ofSeconds(30);

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final FakeTransport transport = new FakeTransport();
    ModbusClient client;

    ModbusClient start(ModbusClientOptions options) {
        client = new ModbusClient(transport, options, scheduler);
        return client;
    }

    static ModbusClientOptions options(int maxInFlight, int maxQueued) {
        return new ModbusClientOptions(maxInFlight, maxQueued, Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    CompletableFuture<ModbusResponse> read(int unitId, int address, RequestOptions how) {
        return client.send(unitId, new ReadHoldingRegistersRequest(address, 1), how);
    }

    CompletableFuture<ModbusResponse> read(int unitId, int address) {
        return read(unitId, address, RequestOptions.of(LONG));
    }

    /** Answers every one-register read with its address as the value. */
    static MbapFrame echoAddress(MbapFrame request) {
        return new MbapFrame(
                request.transactionId(), request.unitId(), ResponseCodec.encode(registers(address(request))));
    }

    static ReadHoldingRegistersResponse registers(int... values) {
        return new ReadHoldingRegistersResponse(RegisterValues.of(values));
    }

    static int address(MbapFrame frame) {
        return ((AddressedRequest) RequestCodec.decode(frame.pdu())).address();
    }

    static List<Integer> addresses(List<MbapFrame> frames) {
        return frames.stream().map(ClientFixture::address).toList();
    }

    static int value(CompletableFuture<ModbusResponse> reply) throws Exception {
        ModbusResponse response = reply.get(5, SECONDS);
        assertThat(response).isInstanceOf(ReadHoldingRegistersResponse.class);
        return ((ReadHoldingRegistersResponse) response).registers().get(0);
    }

    static Throwable failure(CompletableFuture<?> future) throws Exception {
        return ModbusClientTest.failure(future);
    }

    @Override
    public void close() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        scheduler.shutdownNow();
        assertThat(scheduler.awaitTermination(5, SECONDS)).isTrue();
    }
}
