package org.camelmodbus.transport;

import org.camelmodbus.protocol.MbapFrame;

/** Receives what a connection delivers, on the transport's I/O thread: keep it short and never block. */
public interface FrameListener {

    void onFrame(MbapFrame frame);

    /** The connection is gone; {@code cause} is null for an orderly close by the peer. */
    void onClosed(Throwable cause);
}
