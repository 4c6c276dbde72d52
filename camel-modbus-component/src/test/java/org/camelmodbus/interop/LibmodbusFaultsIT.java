package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.RequestOptions;
import org.camelmodbus.client.RetryPolicy;
import org.camelmodbus.faults.FaultProxy;
import org.camelmodbus.faults.FaultProxy.Fault;
import org.camelmodbus.faults.FaultProxy.Plan;
import org.camelmodbus.protocol.ModbusException;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our client against a libmodbus 3.1.6 server behind a {@link FaultProxy}: the faults of the fault-injection tests,
 * now in front of a third-party device. libmodbus' holding registers start as 1000 + their address, so a read answered
 * with another request's values shows by content; each write gets a register and value of its own, read back once the
 * faults stop. For each fault kind: every request ends (answered or failed with a {@link ModbusException}), no read is
 * answered with other registers' values, every acknowledged write holds on the device, and the client serves again.
 */
@Timeout(120)
class LibmodbusFaultsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Reads and writes per fault kind. */
    private static final int REQUESTS = 15;
    /** Registers 100..299 take writes, each test its own; libmodbus serves 300. */
    private static int nextRegister = 100;

    @RegisterExtension
    static final Peers peers = new Peers();

    private static int port;
    private EventLoopGroup proxyThreads;
    private NettyTransports clientThreads;
    private FaultProxy proxy;
    private ModbusClient client;

    @BeforeAll
    static void startLibmodbus() {
        Path server = Peers.compileLibmodbusProgram("libmodbus_server");
        port = peers.startServer("libmodbus server", Peers.workDir(), List.of(server.toString(), "0"))
                .port();
    }

    @BeforeEach
    void startProxyAndClient() {
        proxyThreads = new NioEventLoopGroup(1);
        proxy = FaultProxy.start(proxyThreads, "127.0.0.1", port).delay(TIMEOUT.multipliedBy(2));
        clientThreads = new NettyTransports(1);
        client = new ModbusClient(
                clientThreads.tcp("127.0.0.1", proxy.port(), Duration.ofSeconds(2)),
                new ModbusClientOptions(4, 100, Duration.ofMillis(20), Duration.ofMillis(200)),
                clientThreads.scheduler());
    }

    @AfterEach
    void stop() {
        client.close();
        clientThreads.close();
        proxy.close();
        proxyThreads.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ParameterizedTest
    @EnumSource(names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyRequestEndsAndNoneGetsAnotherOnesAnswer(Fault fault) throws Exception {
        proxy.plan(Plan.random(fault.ordinal(), 0.3, fault));
        // writes retry only where at-most-once allows it: busy, never sent
        RequestOptions how = RequestOptions.of(TIMEOUT)
                .withRetry(new RetryPolicy(
                        2, Duration.ofMillis(20), Duration.ofMillis(100), RetryPolicy.TRANSIENT_CODES, false));
        List<CompletableFuture<ModbusResponse>> reads = new ArrayList<>();
        Map<Integer, CompletableFuture<ModbusResponse>> writes = new LinkedHashMap<>();
        int first = nextRegister;
        nextRegister += REQUESTS;
        for (int i = 0; i < REQUESTS; i++) {
            reads.add(client.send(1, new ReadHoldingRegistersRequest(i, 2), how));
            int register = first + i;
            writes.put(register, client.send(1, new WriteSingleRegisterRequest(register, value(register)), how));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .get(30, TimeUnit.SECONDS);
        CompletableFuture.allOf(writes.values().toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .get(30, TimeUnit.SECONDS);

        int failed = 0;
        for (int i = 0; i < reads.size(); i++) {
            CompletableFuture<ModbusResponse> read = reads.get(i);
            if (read.isCompletedExceptionally()) {
                assertThat(failure(read)).isInstanceOf(ModbusException.class);
                failed++;
            } else {
                ReadHoldingRegistersResponse r = (ReadHoldingRegistersResponse) read.get();
                assertThat(r.registers().toArray()).as("read of %d", i).containsExactly(1000 + i, 1001 + i);
            }
        }
        List<Integer> acknowledged = new ArrayList<>();
        for (Map.Entry<Integer, CompletableFuture<ModbusResponse>> w : writes.entrySet()) {
            if (w.getValue().isCompletedExceptionally()) {
                assertThat(failure(w.getValue())).isInstanceOf(ModbusException.class);
                failed++;
            } else {
                acknowledged.add(w.getKey());
            }
        }
        assertThat(proxy.injected(fault)).isPositive();

        // the faults stop: the client serves again, and every acknowledged write is on the device
        proxy.plan(Plan.always(Fault.NONE));
        RequestOptions calm = RequestOptions.of(Duration.ofSeconds(5))
                .withRetry(new RetryPolicy(
                        3, Duration.ofMillis(100), Duration.ofMillis(500), RetryPolicy.TRANSIENT_CODES, false));
        for (int register : acknowledged) {
            ReadHoldingRegistersResponse r =
                    (ReadHoldingRegistersResponse) client.send(1, new ReadHoldingRegistersRequest(register, 1), calm)
                            .get(30, TimeUnit.SECONDS);
            assertThat(r.registers().get(0))
                    .as("acknowledged write to %d", register)
                    .isEqualTo(value(register));
        }
        System.out.printf(
                "libmodbus behind %s: %d faults, %d of %d requests failed, %d writes acknowledged%n",
                fault, proxy.injected(fault), failed, reads.size() + writes.size(), acknowledged.size());
    }

    private static int value(int register) {
        return 40_000 + register;
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
