package org.camelmodbus.transport.serial;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntPredicate;
import org.camelmodbus.server.ModbusRequestHandler;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.SerialLineResponder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Modbus RTU or ASCII device on a local serial port: answers the requests for its units that arrive there. */
public final class SerialServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialServer.class);

    private final PortLine portLine;

    private SerialServer(PortLine portLine) {
        this.portLine = portLine;
    }

    /**
     * Opens the port and starts serving.
     *
     * @param units the unit ids to answer; broadcasts are always carried out
     * @throws IOException when the port cannot be opened, saying why
     */
    public static SerialServer start(
            SerialPortSettings port,
            SerialLineOptions line,
            ModbusRequestHandler handler,
            IntPredicate units,
            ScheduledExecutorService scheduler)
            throws IOException {
        PortLine portLine = new PortLine(SerialPorts.open(port), port.portName(), scheduler);
        SerialLineResponder responder =
                new SerialLineResponder(line, handler, units, portLine::write, portLine, port.portName());
        portLine.start(new PortLine.Receiver() {
            @Override
            public void received(byte[] data, int offset, int count) {
                responder.received(data, offset, count);
            }

            @Override
            public void idle() {
                responder.idle();
            }

            @Override
            public void closed(IOException cause) {
                if (cause != null) {
                    LOG.warn("Serving {} stopped: {}", port.portName(), cause.getMessage());
                }
            }
        });
        return new SerialServer(portLine);
    }

    /** Closes the port and waits for its reader thread to end. */
    @Override
    public void close() {
        try {
            portLine.closeAndJoin();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
