package org.camelmodbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.camelmodbus.protocol.AddressedRequest;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;

/**
 * A Modbus TCP device on a free loopback port for register map tests: serves a full-size image, logs every request
 * (function code, address, quantity) and answers "illegal data address" (0x02) to any request that touches a
 * register it was told does not exist, as devices with holes in their register space do.
 */
final class PointDevice implements AutoCloseable {
    /** One request as the device saw it. */
    record Request(int functionCode, int address, int quantity) {}

    final ProcessImage image = new ProcessImage();
    private final Set<Integer> missingRegisters = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new ArrayList<>(); // guarded by itself
    private final NettyTransports threads = new NettyTransports(1);
    private final NettyTcpServer server;

    PointDevice() throws InterruptedException {
        server = threads.tcpServer(
                "127.0.0.1", 0, (unitId, request) -> CompletableFuture.completedFuture(answer(request)));
    }

    private org.camelmodbus.protocol.ModbusResponse answer(ModbusRequest request) {
        if (request instanceof AddressedRequest a) {
            synchronized (requests) {
                requests.add(new Request(request.functionCode(), a.address(), a.quantity()));
            }
            boolean registers = !(request.functionCode() == 1
                    || request.functionCode() == 2
                    || request.functionCode() == 5
                    || request.functionCode() == 15);
            if (registers) {
                for (int r = a.address(); r < a.address() + a.quantity(); r++) {
                    if (missingRegisters.contains(r)) {
                        return new ExceptionResponse(request.functionCode(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
                    }
                }
            }
        }
        return image.apply(request);
    }

    /** From now on, requests for registers that include {@code address} fail with exception 0x02. */
    void missing(int... addresses) {
        for (int a : addresses) {
            missingRegisters.add(a);
        }
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Reads of any table the device has answered or refused so far. */
    long reads() {
        return requests().stream()
                .filter(r -> r.functionCode() >= 1 && r.functionCode() <= 4)
                .count();
    }

    void clear() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /** {@code modbus:tcp:127.0.0.1:<port>?<options>} */
    String uri(String options) {
        return "modbus:tcp:127.0.0.1:" + server.port() + "?" + options;
    }

    @Override
    public void close() {
        server.close();
        threads.close();
    }
}
