package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.Test;

/** A device that is busy for its first answers: retried where allowed, and only where allowed. */
class ModbusRetryTest extends CamelTestSupport {
    private final ProcessImage image = new ProcessImage(0, 0, 100, 0);
    private final AtomicInteger busyAnswersLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private NettyTransports threads;
    private NettyTcpServer server;

    @Override
    protected void doPreSetup() throws Exception {
        threads = new NettyTransports(1);
        server = threads.tcpServer("127.0.0.1", 0, this::busyAtFirst);
    }

    private CompletionStage<ModbusResponse> busyAtFirst(int unitId, ModbusRequest request) {
        requests.incrementAndGet();
        if (busyAnswersLeft.getAndDecrement() > 0) {
            return CompletableFuture.completedFuture(
                    new ExceptionResponse(request.functionCode(), ExceptionCode.SERVER_DEVICE_BUSY));
        }
        return image.handle(unitId, request);
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
                String device = "modbus:tcp:127.0.0.1:" + server.port() + "?retryDelay=10&";
                from("direct:read").to(device + "retries=3&address=5&quantity=1");
                from("direct:readNoRetry").to(device + "retries=0&address=5&quantity=1");
                from("direct:write").to(device + "retries=3&function=writeSingleRegister&address=6");
                from("direct:writeOutOfRange").to(device + "retries=3&function=writeSingleRegister&address=500");
            }
        };
    }

    @Test
    void busyDeviceIsRetriedUntilItAnswers() {
        image.setHoldingRegisters(5, 55);
        busyAnswersLeft.set(2);
        assertEquals(List.of(55), template.requestBody("direct:read", (Object) null));
        assertEquals(3, requests.get());
    }

    @Test
    void busyWriteIsRetriedBecauseTheDeviceRefusedIt() {
        busyAnswersLeft.set(1);
        template.sendBody("direct:write", 66);
        assertEquals(66, image.holdingRegister(6));
        assertEquals(2, requests.get());
    }

    @Test
    void withoutRetriesTheBusyCodeReachesTheRoute() {
        busyAnswersLeft.set(1);
        CamelExecutionException e = assertThrows(
                CamelExecutionException.class, () -> template.requestBody("direct:readNoRetry", (Object) null));
        ModbusExceptionResponseException busy = assertInstanceOf(ModbusExceptionResponseException.class, e.getCause());
        assertEquals(ExceptionCode.SERVER_DEVICE_BUSY, busy.code().orElseThrow());
        assertEquals(1, requests.get());
    }

    @Test
    void giveUpAfterTheLastRetry() {
        busyAnswersLeft.set(10);
        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:read", (Object) null));
        assertInstanceOf(ModbusExceptionResponseException.class, e.getCause());
        assertEquals(4, requests.get());
    }

    @Test
    void illegalAddressIsNeverRetried() {
        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.sendBody("direct:writeOutOfRange", 1));
        ModbusExceptionResponseException refused =
                assertInstanceOf(ModbusExceptionResponseException.class, e.getCause());
        assertEquals(ExceptionCode.ILLEGAL_DATA_ADDRESS, refused.code().orElseThrow());
        assertEquals(1, requests.get());
    }
}
