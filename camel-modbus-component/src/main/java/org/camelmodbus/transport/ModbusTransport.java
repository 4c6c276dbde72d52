package org.camelmodbus.transport;

import java.util.concurrent.CompletableFuture;

/** Knows how to reach one device. Each {@link #connect} opens a fresh connection; the client decides when. */
public interface ModbusTransport {

    /** Opens a connection whose received frames and closure go to {@code listener}. */
    CompletableFuture<ModbusConnection> connect(FrameListener listener);

    /** The device in URI form, for messages: {@code tcp://host:port}. */
    String describe();
}
