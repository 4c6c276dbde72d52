package org.camelmodbus.transport;

import org.camelmodbus.protocol.MbapFrame;

/** One open connection to a device. Sending never blocks; a failed send closes the connection. */
public interface ModbusConnection {

    void send(MbapFrame frame);

    void close();

    /**
     * Closes the connection if it holds part of a frame, and says whether it did. The client asks when a request went
     * unanswered in time: the rest of that frame, should it still come, would be read as the start of the next answer,
     * so the stream is out of step and only a new connection is sure to be in step again.
     */
    default boolean closeIfMidFrame() {
        return false;
    }
}
