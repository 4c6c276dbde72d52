package org.camelmodbus.transport.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.camelmodbus.server.ModbusRequestHandler;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.SerialLineResponder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus RTU or ASCII device on a local serial port: answers the requests for its units that arrive there. When the
 * port fails (a USB adapter unplugged, the far end of a virtual port gone) it opens it again, first after
 * {@value #FIRST_RETRY_MILLIS} ms, the wait doubling up to {@value #MAX_RETRY_MILLIS} ms, until it is back or the
 * server is closed: a device on a bus does not stay deaf until someone restarts it.
 */
public final class SerialServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialServer.class);
    static final long FIRST_RETRY_MILLIS = 100;
    static final long MAX_RETRY_MILLIS = 10_000;

    private final SerialPortSettings port;
    private final SerialLineOptions line;
    private final ModbusRequestHandler handler;
    private final IntPredicate units;
    private final ScheduledExecutorService scheduler;
    private PortLine portLine; // guarded by this: the port being served, or the one that failed last
    private boolean closed; // guarded by this

    private SerialServer(
            SerialPortSettings port,
            SerialLineOptions line,
            ModbusRequestHandler handler,
            IntPredicate units,
            ScheduledExecutorService scheduler) {
        this.port = port;
        this.line = line;
        this.handler = handler;
        this.units = units;
        this.scheduler = scheduler;
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
        SerialServer server = new SerialServer(port, line, handler, units, scheduler);
        server.serve(SerialPorts.open(port));
        return server;
    }

    private void serve(SerialPort opened) {
        PortLine serving = new PortLine(opened, port.portName(), scheduler);
        SerialLineResponder responder =
                new SerialLineResponder(line, handler, units, serving::write, serving, port.portName());
        synchronized (this) {
            if (closed) {
                opened.closePort();
                return;
            }
            portLine = serving;
        }
        serving.start(new PortLine.Receiver() {
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
                    LOG.warn(
                            "Serving {} stopped: {}; opening it again until it is back",
                            port.portName(),
                            cause.getMessage());
                    reopen(); // on the failed port's reader thread, which has nothing else left to do
                }
            }
        });
    }

    /** Tries to open the port again, waiting longer each time, until it opens or the server is closed. */
    private void reopen() {
        try {
            for (long pause = FIRST_RETRY_MILLIS;
                    stillOpenAfter(pause);
                    pause = Math.min(2 * pause, MAX_RETRY_MILLIS)) {
                try {
                    serve(SerialPorts.open(port));
                    LOG.info("Serving {} again", port.portName());
                    return;
                } catch (IOException stillGone) {
                    LOG.debug("{}", stillGone.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, or less if the server is closed meanwhile; tells whether it is still open. */
    private synchronized boolean stillOpenAfter(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = millis;
                !closed && left > 0;
                left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            wait(left);
        }
        return !closed;
    }

    /** Closes the port, stops any attempt to open it again, and waits for its reader thread to end. */
    @Override
    public void close() {
        PortLine last;
        synchronized (this) {
            closed = true;
            notifyAll();
            last = portLine;
        }
        try {
            last.closeAndJoin();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
