package org.camelmodbus;

import java.util.HashMap;
import java.util.Map;
import org.camelmodbus.server.UnitDispatcher;
import org.camelmodbus.transport.ServerLimits;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;

/**
 * The servers a component listens with, one per address and port, shared by every route that serves unit ids on it
 * and closed when the last of them stops. Thread-safe.
 */
final class ModbusServers {
    /** One listening server and the routes that use it. */
    static final class Server {
        private final String key;
        private final NettyTcpServer server;
        private final UnitDispatcher units;
        private final ServerLimits limits;
        private int users;

        private Server(String key, NettyTcpServer server, UnitDispatcher units, ServerLimits limits) {
            this.key = key;
            this.server = server;
            this.units = units;
            this.limits = limits;
        }

        UnitDispatcher units() {
            return units;
        }

        /** The port it listens on, the one picked when the URI said 0. */
        int port() {
            return server.port();
        }
    }

    private final Map<String, Server> servers = new HashMap<>();

    private int ownPorts;

    /**
     * The server on {@code host:port}, started if no route uses it yet; port 0 starts a server of the route's own on a
     * free port. Every route of one server must ask for the same limits. Release it with {@link #release(Server)}.
     */
    synchronized Server acquire(NettyTransports transports, String host, int port, ServerLimits limits)
            throws InterruptedException {
        String key = "tcp-server://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + (port == 0 ? "#" + ++ownPorts : "");
        Server server = servers.get(key);
        if (server == null) {
            UnitDispatcher units = new UnitDispatcher();
            server = new Server(key, transports.tcpServer(host, port, units, limits), units, limits);
            servers.put(key, server);
        } else if (!server.limits.equals(limits)) {
            throw new IllegalArgumentException(key + " is already served with maxConnections="
                    + server.limits.maxConnections() + " and idleTimeout="
                    + server.limits.idleTimeout().toMillis()
                    + "; every route of one server must set the same");
        }
        server.users++;
        return server;
    }

    /** Closes the server once no route uses it any more. */
    synchronized void release(Server server) {
        if (--server.users == 0) {
            servers.remove(server.key);
            server.server.close();
        }
    }
}
