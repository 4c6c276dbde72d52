package org.camelmodbus.faults;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;

/**
 * Our server with a process image whose holding registers below {@link #WRITABLE} each hold {@link #value} of their
 * address, so that a read answered with another request's values is caught by content; registers from
 * {@link #WRITABLE} on take writes, and the device counts how often the latest value written to each was applied, so
 * that a test can tell a write applied once from one applied twice or never. In constant memory: a writer that gives
 * each write its own (address, value) pair, reusing an address only with another value, can run for hours.
 */
public final class RecordingDevice implements AutoCloseable {
    public static final int WRITABLE = 1000;
    public static final int SIZE = 10_000;

    private final ProcessImage image = new ProcessImage(0, 0, SIZE, 0);
    private final int[] lastValue = new int[SIZE];
    private final int[] applied = new int[SIZE];
    private final AtomicLong reapplied = new AtomicLong();
    private final NettyTcpServer server;

    public RecordingDevice(NettyTransports threads) throws InterruptedException {
        for (int a = 0; a < WRITABLE; a++) {
            image.setHoldingRegisters(a, value(a));
        }
        server = threads.tcpServer("127.0.0.1", 0, this::handle);
    }

    /** What register {@code address} below {@link #WRITABLE} holds: distinct for every address, never 0. */
    public static int value(int address) {
        return 0x8000 | ((address * 0x9E37) & 0x7FFF);
    }

    public int port() {
        return server.port();
    }

    /** How many times writing {@code value} to {@code address} took effect, as long as no other value followed. */
    public synchronized int applications(int address, int value) {
        return lastValue[address] == value ? applied[address] : 0;
    }

    /** Writes applied a second time or more: a write that should have been at most once, was not. */
    public long reapplied() {
        return reapplied.get();
    }

    private CompletionStage<ModbusResponse> handle(int unitId, ModbusRequest request) {
        CompletionStage<ModbusResponse> answer = image.handle(unitId, request);
        if (request instanceof WriteSingleRegisterRequest w && w.address() >= WRITABLE) {
            applied(w.address(), w.value());
        }
        return answer;
    }

    private synchronized void applied(int address, int value) {
        if (lastValue[address] != value) {
            lastValue[address] = value;
            applied[address] = 1;
        } else if (++applied[address] > 1) {
            reapplied.incrementAndGet();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
