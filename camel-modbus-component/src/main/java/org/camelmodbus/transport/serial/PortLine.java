package org.camelmodbus.transport.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.camelmodbus.transport.Delayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open serial port and the one thread that reads it: serial reads block, so each port has a thread, never each
 * device or unit on it. Short waits that fall on that thread (the silent interval before a request that follows an
 * answer) are spent on it, to the microsecond; others go to the scheduler.
 */
final class PortLine implements Delayer {
    private static final Logger LOG = LoggerFactory.getLogger(PortLine.class);
    /** Waits up to this long may be spent on the reader thread: the line is quiet meanwhile anyway. */
    private static final long MAX_WAIT_ON_READER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** What the reader thread reports. */
    interface Receiver {
        void received(byte[] data, int offset, int count);

        /** Nothing arrived for a while. */
        default void idle() {}

        /** The port is gone: {@code cause} is null when it was closed on purpose. */
        void closed(IOException cause);
    }

    private final SerialPort port;
    private final String name;
    private final ScheduledExecutorService scheduler;
    private Thread reader;
    private volatile boolean closing;
    private volatile IOException writeFailure;

    PortLine(SerialPort port, String name, ScheduledExecutorService scheduler) {
        this.port = port;
        this.name = name;
        this.scheduler = scheduler;
    }

    /** Starts the reader thread; call once. */
    void start(Receiver receiver) {
        reader = new Thread(() -> read(receiver), "modbus-serial-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Receiver receiver) {
        byte[] buffer = new byte[1024];
        IOException cause = null;
        while (!closing) {
            int n = port.readBytes(buffer, buffer.length);
            if (n > 0) {
                receiver.received(buffer, 0, n);
            } else if (n == 0) {
                receiver.idle();
            } else if (!closing) {
                cause = new IOException("serial port " + name + " failed or was unplugged (system error "
                        + port.getLastErrorCode() + ")");
                break;
            }
        }
        port.closePort();
        receiver.closed(writeFailure != null ? writeFailure : cause);
    }

    void write(byte[] bytes) {
        int written;
        synchronized (port) {
            written = port.writeBytes(bytes, bytes.length);
        }
        if (written != bytes.length && !closing) {
            writeFailure = new IOException(
                    "writing to serial port " + name + " failed (system error " + port.getLastErrorCode() + ")");
            LOG.debug("{}", writeFailure.getMessage());
            closing = true;
            port.closePort(); // wakes the reader, which reports the failure
        }
    }

    @Override
    public void after(long nanos, Runnable action) {
        if (nanos <= 0) {
            action.run();
        } else if (Thread.currentThread() == reader && nanos <= MAX_WAIT_ON_READER_NANOS) {
            long deadline = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            action.run();
        } else {
            try {
                scheduler.schedule(action, nanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                LOG.debug("{}: not run, the scheduler is shutting down", name);
            }
        }
    }

    /** Closes the port; the reader thread ends within a read timeout. */
    void close() {
        closing = true;
        port.closePort();
    }

    /** Closes and waits for the reader thread to end. */
    void closeAndJoin() throws InterruptedException {
        close();
        if (reader != null && reader != Thread.currentThread()) {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
