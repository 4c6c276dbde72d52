package org.camelmodbus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.RequestCodec;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.protocol.WriteSingleRegisterResponse;
import org.junit.jupiter.api.Test;

class UnitDispatcherTest {
    private final UnitDispatcher units = new UnitDispatcher();

    private static ProcessImage imageWith(int value) {
        ProcessImage image = new ProcessImage(0, 0, 1, 0);
        image.setHoldingRegisters(0, value);
        return image;
    }

    private ModbusResponse read(int unitId) throws Exception {
        return units.handle(unitId, new ReadHoldingRegistersRequest(0, 1))
                .toCompletableFuture()
                .get();
    }

    private static ModbusResponse value(int value) {
        return new ReadHoldingRegistersResponse(RegisterValues.of(value));
    }

    @Test
    void eachUnitIdGoesToItsHandlerAndTheRestToTheCatchAll() throws Exception {
        ProcessImage one = imageWith(1);
        units.register(List.of(1, 2), one);
        units.register(List.of(), imageWith(99));
        assertThat(read(1)).isEqualTo(value(1));
        assertThat(read(2)).isEqualTo(value(1));
        assertThat(read(200)).isEqualTo(value(99));
        units.unregister(one);
        assertThat(read(1)).isEqualTo(value(99));
    }

    @Test
    void onASerialLineABroadcastWriteReachesEveryHandlerOnceAndOnTcpOnlyUnitZerosOwn() throws Exception {
        ProcessImage fiveAndSix = imageWith(1);
        ProcessImage seven = imageWith(2);
        ProcessImage others = imageWith(3);
        units.register(List.of(5, 6), fiveAndSix);
        units.register(List.of(7), seven);
        units.register(List.of(), others);
        List<Integer> counted = new ArrayList<>();
        ModbusRequestHandler counting = (unitId, request) -> {
            counted.add(unitId);
            return CompletableFuture.completedFuture(new WriteSingleRegisterResponse(0, 0));
        };
        units.register(List.of(8, 9), counting);

        units.onSerialLine()
                .handle(0, new WriteSingleRegisterRequest(0, 42))
                .toCompletableFuture()
                .get();
        assertThat(List.of(fiveAndSix.holdingRegister(0), seven.holdingRegister(0), others.holdingRegister(0)))
                .containsExactly(42, 42, 42);
        assertThat(counted).as("units a handler got the broadcast as").containsExactly(0);

        // on TCP, unit 0 is an ordinary unit id: with no handler of its own it goes to the catch-all only
        units.handle(0, new WriteSingleRegisterRequest(0, 7))
                .toCompletableFuture()
                .get();
        assertThat(List.of(fiveAndSix.holdingRegister(0), seven.holdingRegister(0), others.holdingRegister(0)))
                .containsExactly(42, 42, 7);
        assertThat(counted).hasSize(1);
    }

    @Test
    void whoAskedReachesTheSupervisorThroughTheDispatcherAndTheAccessRules() throws Exception {
        List<Object> peers = new ArrayList<>();
        SupervisedImage supervised = new SupervisedImage(
                new ProcessImage(0, 0, 10, 0),
                (unit, write, peer) -> {
                    peers.add(peer);
                    return CompletableFuture.completedFuture(Optional.empty());
                },
                Duration.ofSeconds(5));
        AccessRules rules = new AccessRules(Set.of(), AddressRanges.ALL, AddressRanges.parse("0..9"));
        units.register(List.of(4), rules.guard(supervised));
        Object client = new InetSocketAddress("127.0.0.1", 50123);
        RequestDispatch.answer(units, 4, RequestCodec.encode(new WriteSingleRegisterRequest(3, 42)), client)
                .toCompletableFuture()
                .get();
        units.onSerialLine()
                .handle(0, new WriteSingleRegisterRequest(3, 43), "/dev/ttyUSB0")
                .toCompletableFuture()
                .get();
        assertThat(peers).containsExactly(client, "/dev/ttyUSB0");
    }

    @Test
    void unservedUnitIdsGetGatewayPathUnavailable() throws Exception {
        units.register(List.of(1), imageWith(1));
        assertThat(read(2)).isEqualTo(new ExceptionResponse(3, ExceptionCode.GATEWAY_PATH_UNAVAILABLE));
    }

    @Test
    void aUnitIdHasOneHandler() throws Exception {
        ProcessImage first = imageWith(1);
        units.register(List.of(1, 2, 3), first);
        assertThatThrownBy(() -> units.register(List.of(3, 4), imageWith(2)))
                .hasMessageContaining("unit ids [3] are already served");
        assertThat(read(4)).isEqualTo(new ExceptionResponse(3, ExceptionCode.GATEWAY_PATH_UNAVAILABLE));
        units.register(List.of(), imageWith(5));
        assertThatThrownBy(() -> units.register(List.of(), imageWith(6))).hasMessageContaining("every unit id");
        assertThat(units.isEmpty()).isFalse();
    }

    @Test
    void aSupervisedImageAppliesOnlyApprovedWrites() throws Exception {
        ProcessImage image = new ProcessImage(0, 0, 10, 0);
        CompletableFuture<Optional<ExceptionCode>> verdict = new CompletableFuture<>();
        SupervisedImage supervised = new SupervisedImage(image, (unit, write, peer) -> verdict, Duration.ofSeconds(5));
        CompletableFuture<ModbusResponse> answer =
                supervised.handle(1, new WriteSingleRegisterRequest(3, 42)).toCompletableFuture();
        assertThat(answer).isNotDone();
        assertThat(image.holdingRegister(3)).isZero();
        verdict.complete(Optional.empty());
        assertThat(answer.get()).isEqualTo(new WriteSingleRegisterResponse(3, 42));
        assertThat(image.holdingRegister(3)).isEqualTo(42);
        // outside the table: answered by the image, the supervisor is not asked
        SupervisedImage never = new SupervisedImage(
                image,
                (unit, write, peer) -> {
                    throw new AssertionError("asked");
                },
                Duration.ofSeconds(5));
        assertThat(never.handle(1, new WriteSingleRegisterRequest(10, 1))
                        .toCompletableFuture()
                        .get())
                .isEqualTo(new ExceptionResponse(6, ExceptionCode.ILLEGAL_DATA_ADDRESS));
    }

    @Test
    void aWriteDecidedTooLateFailsAndIsNotApplied() throws Exception {
        ProcessImage image = new ProcessImage(0, 0, 10, 0);
        CompletableFuture<Optional<ExceptionCode>> verdict = new CompletableFuture<>();
        SupervisedImage supervised = new SupervisedImage(image, (unit, write, peer) -> verdict, Duration.ofMillis(50));
        ModbusResponse answer = supervised
                .handle(1, new WriteSingleRegisterRequest(3, 42))
                .toCompletableFuture()
                .get();
        assertThat(answer).isEqualTo(new ExceptionResponse(6, ExceptionCode.SERVER_DEVICE_FAILURE));
        verdict.complete(Optional.empty());
        assertThat(image.holdingRegister(3)).isZero();
    }
}
