package org.camelmodbus;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.camelmodbus.server.UnitDispatcher;
import org.camelmodbus.transport.ServerLimits;
import org.camelmodbus.transport.TlsSettings;
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
        private final ModbusTls tls;
        private int users;

        private Server(String key, NettyTcpServer server, UnitDispatcher units, ServerLimits limits, ModbusTls tls) {
            this.key = key;
            this.server = server;
            this.units = units;
            this.limits = limits;
            this.tls = tls;
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
     * free port. Every route of one server must ask for the same limits and TLS. Release it with
     * {@link #release(Server)}.
     *
     * @param tls the TLS options of a tls-server, null for tcp-server; {@code tlsSettings} is what they make
     */
    synchronized Server acquire(
            NettyTransports transports,
            String transport,
            String host,
            int port,
            ServerLimits limits,
            ModbusTls tls,
            TlsSettings tlsSettings)
            throws InterruptedException {
        String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        String key = address + (port == 0 ? "#" + ++ownPorts : "");
        Server server = servers.get(key);
        if (server == null) {
            UnitDispatcher units = new UnitDispatcher();
            NettyTcpServer listening = tls == null
                    ? transports.tcpServer(host, port, units, limits)
                    : transports.tlsServer(host, port, units, limits, tlsSettings);
            server = new Server(key, listening, units, limits, tls);
            servers.put(key, server);
        } else if (!server.limits.equals(limits)) {
            throw new IllegalArgumentException(address + " is already served with maxConnections="
                    + server.limits.maxConnections() + " and idleTimeout="
                    + server.limits.idleTimeout().toMillis()
                    + "; every route of one server must set the same");
        } else if (!Objects.equals(server.tls, tls)) {
            throw new IllegalArgumentException(address + " is already served "
                    + (server.tls == null ? "without TLS" : "with " + server.tls) + "; every modbus:" + transport
                    + " route on it must use the same TLS options");
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
