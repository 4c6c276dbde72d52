package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.Test;

/**
 * 32 requests in flight on one connection. The server holds every answer until it has 32 requests waiting, so the
 * test can only pass if all 32 really were on the wire at once; answers go back in reverse order, so each must be
 * matched by transaction id.
 */
class ModbusPipeliningTest extends org.apache.camel.test.junit5.CamelTestSupport {
    private static final int DEPTH = 32;
    private final ProcessImage image = new ProcessImage();
    private final List<Runnable> held = new ArrayList<>();
    private NettyTransports threads;
    private NettyTcpServer server;

    @Override
    protected void doPreSetup() throws Exception {
        for (int i = 0; i < DEPTH; i++) {
            image.setHoldingRegisters(10 * i, i, 1000 + i);
        }
        threads = new NettyTransports(1);
        server = threads.tcpServer("127.0.0.1", 0, this::holdUntilAllArrived);
    }

    private synchronized CompletionStage<ModbusResponse> holdUntilAllArrived(int unitId, ModbusRequest request) {
        CompletableFuture<ModbusResponse> answer = new CompletableFuture<>();
        held.add(() -> answer.complete(image.apply(request)));
        if (held.size() == DEPTH) {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).run();
            }
            held.clear();
        }
        return answer;
    }

    @Override
    protected void doPostTearDown() {
        server.close();
        threads.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:read")
                        .to("modbus:tcp:127.0.0.1:" + server.port()
                                + "?function=readHoldingRegisters&quantity=2&maxInFlight=" + DEPTH + "&timeout=5000");
            }
        };
    }

    @Test
    void thirtyTwoInFlightAllReturnTheirOwnData() throws Exception {
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int i = 0; i < DEPTH; i++) {
            replies.add(
                    template.asyncRequestBodyAndHeaders("direct:read", null, Map.of(ModbusConstants.ADDRESS, 10 * i)));
        }
        for (int i = 0; i < DEPTH; i++) {
            assertEquals(List.of(i, 1000 + i), replies.get(i).get(10, TimeUnit.SECONDS));
        }
    }
}
