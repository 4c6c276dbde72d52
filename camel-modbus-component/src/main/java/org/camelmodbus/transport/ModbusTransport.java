package org.camelmodbus.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/** Knows how to reach one device. Each {@link #connect} opens a fresh connection; the client decides when. */
public interface ModbusTransport {

    /** Opens a connection whose received frames and closure go to {@code listener}. */
    CompletableFuture<ModbusConnection> connect(FrameListener listener);

    /** The device in URI form, for messages: {@code tcp://host:port}. */
    String describe();

    /**
     * Whether the transport carries serial-line frames (RTU or ASCII, on a port or over TCP): they have no transaction
     * id, so one request at a time, and unit id 0 broadcasts to every device, which none answers. On Modbus TCP, unit
     * id 0 is an ordinary address.
     */
    default boolean serialLine() {
        return false;
    }

    /**
     * The one thread that delivers this transport's frames, where its client's timers belong too, so that a timeout or
     * a paced send never has to be handed from one thread to another; null when the transport has no such thread.
     */
    default ScheduledExecutorService ioThread() {
        return null;
    }
}
