package org.camelmodbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.camelmodbus.protocol.AddressedRequest;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;

/**
 * A Modbus TCP server on a free loopback port whose behaviour a route test scripts: it notes when each request
 * arrives, can hold every answer until released, and can leave chosen unit ids unanswered (a dead unit behind a
 * gateway). Registers read as their address.
 */
final class ScriptedDevice implements AutoCloseable {
    /** One request as the device saw it. */
    record Arrival(long nanos, int unitId, int address) {}

    private final ProcessImage image = new ProcessImage();
    private final NettyTransports threads = new NettyTransports(1);
    private final NettyTcpServer server;
    private final List<Arrival> arrivals = new ArrayList<>(); // guarded by this
    private final List<Runnable> held = new ArrayList<>(); // guarded by this
    private final Set<Integer> silentUnits = ConcurrentHashMap.newKeySet();
    private boolean holding; // guarded by this
    private boolean closed; // guarded by this

    ScriptedDevice() throws InterruptedException {
        for (int address = 0; address < 1000; address++) {
            image.setHoldingRegisters(address, address);
        }
        server = threads.tcpServer("127.0.0.1", 0, this::handle);
    }

    private synchronized CompletionStage<ModbusResponse> handle(int unitId, ModbusRequest request) {
        int address = request instanceof AddressedRequest a ? a.address() : -1;
        arrivals.add(new Arrival(System.nanoTime(), unitId, address));
        CompletableFuture<ModbusResponse> answer = new CompletableFuture<>();
        if (silentUnits.contains(unitId)) {
            return answer; // never answered
        }
        if (holding) {
            held.add(() -> answer.complete(image.apply(request)));
        } else {
            answer.complete(image.apply(request));
        }
        return answer;
    }

    int port() {
        return server.port();
    }

    /** {@code modbus:tcp:127.0.0.1:<port>?<options>} */
    String uri(String options) {
        return "modbus:tcp:127.0.0.1:" + port() + "?" + options;
    }

    /** Holds every answer from now on until {@link #release()}. */
    synchronized void hold() {
        holding = true;
    }

    /** Sends the held answers and answers at once from now on. */
    void release() {
        List<Runnable> answers;
        synchronized (this) {
            holding = false;
            answers = new ArrayList<>(held);
            held.clear();
        }
        answers.forEach(Runnable::run);
    }

    synchronized int heldCount() {
        return held.size();
    }

    void silence(int unitId) {
        silentUnits.add(unitId);
    }

    void answer(int unitId) {
        silentUnits.remove(unitId);
    }

    synchronized List<Arrival> arrivals() {
        return new ArrayList<>(arrivals);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        release();
        server.close();
        threads.close();
    }
}
