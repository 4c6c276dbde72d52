package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.Test;

/**
 * When every thread of a server route is busy and its queue is full, further requests are answered at once with 0x06
 * (server device busy), rather than run on an I/O thread or queued without bound.
 */
class ModbusServerBusyTest extends CamelTestSupport {
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        ThreadPoolProfile profile = context.getExecutorServiceManager().getDefaultThreadPoolProfile();
        profile.setPoolSize(1);
        profile.setMaxPoolSize(1);
        profile.setMaxQueueSize(1);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a route that blocks its thread, as a synchronous call to a slow system does
                from("modbus:tcp-server:127.0.0.1:0?image=busy")
                        .routeId("server")
                        .process(e -> release.await(10, TimeUnit.SECONDS));
            }
        };
    }

    @Test
    void requestsBeyondThePoolAndItsQueueAreAnsweredBusy() throws Exception {
        int port = ((ModbusServerConsumer) context.getRoute("server").getConsumer()).port();
        try (NettyTransports threads = new NettyTransports(1);
                ModbusClient client = new ModbusClient(
                        threads.tcp("127.0.0.1", port, Duration.ofSeconds(2)),
                        new ModbusClientOptions(4, 10, Duration.ofMillis(100), Duration.ofSeconds(1)),
                        threads.scheduler())) {
            // pipelined on one connection, so that the server has all four at once
            List<CompletableFuture<ModbusResponse>> writes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                writes.add(client.send(1, new WriteSingleRegisterRequest(i, i + 1), Duration.ofSeconds(10)));
            }
            // one runs, one waits in the queue; the other two find no room and are answered at once
            await().atMost(Duration.ofSeconds(5))
                    .until(() ->
                            writes.stream().filter(CompletableFuture::isDone).count() == 2);
            release.countDown();
            int succeeded = 0;
            int busy = 0;
            for (CompletableFuture<ModbusResponse> write : writes) {
                try {
                    write.get(10, TimeUnit.SECONDS);
                    succeeded++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ModbusExceptionResponseException.class);
                    assertThat(((ModbusExceptionResponseException) e.getCause()).exceptionCode())
                            .isEqualTo(ExceptionCode.SERVER_DEVICE_BUSY.code());
                    busy++;
                }
            }
            assertThat(succeeded).isEqualTo(2);
            assertThat(busy).isEqualTo(2);
        }
    }
}
