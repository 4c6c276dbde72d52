package org.camelmodbus.interop;

import java.nio.file.Path;
import java.util.List;

/**
 * Our client and Camel routes against a libmodbus 3.1.6 server (src/test/c/libmodbus_server.c, built here with gcc
 * against Debian's libmodbus-dev): a select() loop that answers each request with modbus_reply(). libmodbus reads
 * exactly one request at a time from a connection and answers it before reading the next, so pipelined requests wait
 * in the socket and are answered in order.
 */
class LibmodbusServerIT extends ServerPeerTests {

    @Override
    protected int startPeer(Peers peers) {
        Path server = Peers.compileLibmodbusProgram("libmodbus_server");
        return peers.startServer("libmodbus server", Peers.workDir(), List.of(server.toString(), "0"))
                .port();
    }
}
