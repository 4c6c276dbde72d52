package org.camelmodbus.transport;

import org.camelmodbus.protocol.MbapFrame;

/** One open connection to a device. Sending never blocks; a failed send closes the connection. */
public interface ModbusConnection {

    void send(MbapFrame frame);

    void close();
}
