package org.camelmodbus.transport.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.transport.FrameListener;
import org.camelmodbus.transport.ModbusConnection;
import org.camelmodbus.transport.ModbusTransport;
import org.camelmodbus.transport.SerialLineClient;
import org.camelmodbus.transport.SerialLineOptions;

/**
 * Modbus RTU or ASCII on a local serial port, through jSerialComm. Each connection opens the port and starts its
 * reader thread; when the port fails (an adapter unplugged), the connection closes and the client's next attempt
 * opens the port again, after its reconnect backoff. A request that timed out needs no new connection to get back in
 * step: the next request drops whatever is left, and a late answer carries the transaction id of the request that gave
 * up on it, which the client ignores.
 */
public final class SerialTransport implements ModbusTransport {
    private final SerialPortSettings port;
    private final SerialLineOptions line;
    private final ScheduledExecutorService scheduler;

    public SerialTransport(SerialPortSettings port, SerialLineOptions line, ScheduledExecutorService scheduler) {
        this.port = port;
        this.line = line;
        this.scheduler = scheduler;
    }

    @Override
    public String describe() {
        return line.framing().name() + ":" + port.portName();
    }

    @Override
    public boolean serialLine() {
        return true;
    }

    @Override
    public CompletableFuture<ModbusConnection> connect(FrameListener listener) {
        CompletableFuture<ModbusConnection> result = new CompletableFuture<>();
        // opening may take a while (a USB adapter waking up): not on the caller's thread
        Thread opener = new Thread(() -> open(listener, result), "modbus-serial-open-" + port.portName());
        opener.setDaemon(true);
        opener.start();
        return result;
    }

    private void open(FrameListener listener, CompletableFuture<ModbusConnection> result) {
        SerialPort opened;
        try {
            opened = SerialPorts.open(port);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        PortLine portLine = new PortLine(opened, port.portName(), scheduler);
        SerialLineClient client = new SerialLineClient(line, listener, portLine::write, portLine, describe());
        SerialConnection connection = new SerialConnection(portLine, client);
        portLine.start(new PortLine.Receiver() {
            @Override
            public void received(byte[] data, int offset, int count) {
                client.received(data, offset, count);
            }

            @Override
            public void closed(IOException cause) {
                listener.onClosed(cause);
            }
        });
        result.complete(connection);
    }

    private record SerialConnection(PortLine portLine, SerialLineClient client) implements ModbusConnection {
        @Override
        public void send(MbapFrame frame) {
            client.send(frame);
        }

        @Override
        public void close() {
            portLine.close();
        }
    }
}
