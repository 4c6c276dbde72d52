package org.camelmodbus;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.camelmodbus.server.UnitDispatcher;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.ServerLimits;
import org.camelmodbus.transport.TlsSettings;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;
import org.camelmodbus.transport.serial.SerialPortSettings;
import org.camelmodbus.transport.serial.SerialServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers a component listens with, one per address and port or serial port, shared by every route that serves
 * unit ids on it and closed when the last of them stops. Thread-safe.
 */
final class ModbusServers {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusServers.class);

    /** One listening server and the routes that use it. */
    static final class Server {
        private final String key;
        private final AutoCloseable listening;
        private final int port;
        private final UnitDispatcher units;
        /** What every route of the server must agree on: its limits and TLS, or its serial line. */
        private final Object settings;

        private int users;

        private Server(String key, AutoCloseable listening, int port, UnitDispatcher units, Object settings) {
            this.key = key;
            this.listening = listening;
            this.port = port;
            this.units = units;
            this.settings = settings;
        }

        UnitDispatcher units() {
            return units;
        }

        /** The TCP port it listens on, the one picked when the URI said 0; 0 on a serial port. */
        int port() {
            return port;
        }
    }

    /** The settings of a TCP server; {@code tls} is null without TLS. */
    private record TcpSettings(ServerLimits limits, ModbusTls tls) {
        @Override
        public String toString() {
            return "maxConnections=" + limits.maxConnections() + ", idleTimeout="
                    + limits.idleTimeout().toMillis() + " ms and " + (tls == null ? "no TLS" : tls);
        }
    }

    @FunctionalInterface
    private interface Starter {
        Server start(UnitDispatcher units) throws IOException, InterruptedException;
    }

    private final Map<String, Server> servers = new HashMap<>();
    private int ownPorts;

    /**
     * The TCP server on {@code host:port}, started if no route uses it yet; port 0 starts a server of the route's own
     * on a free port. Release it with {@link #release(Server)}.
     *
     * @param tls the TLS options of a tls-server, null for tcp-server; {@code tlsSettings} is what they make
     */
    synchronized Server acquire(
            NettyTransports transports,
            String host,
            int port,
            ServerLimits limits,
            ModbusTls tls,
            TlsSettings tlsSettings)
            throws IOException, InterruptedException {
        String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        String key = address + (port == 0 ? "#" + ++ownPorts : "");
        TcpSettings settings = new TcpSettings(limits, tls);
        return acquire(key, address, settings, units -> {
            NettyTcpServer server = tls == null
                    ? transports.tcpServer(host, port, units, limits)
                    : transports.tlsServer(host, port, units, limits, tlsSettings);
            return new Server(key, server, server.port(), units, settings);
        });
    }

    /** The RTU or ASCII server on a local serial port, opened if no route uses it yet. */
    synchronized Server acquireSerial(
            Object settings, SerialPortSettings port, SerialLineOptions line, ScheduledExecutorService scheduler)
            throws IOException, InterruptedException {
        String key = "serial:" + port.portName();
        return acquire(key, port.portName(), settings, units -> {
            SerialServer server = SerialServer.start(port, line, units.onSerialLine(), units::serves, scheduler);
            return new Server(key, server, 0, units, settings);
        });
    }

    private Server acquire(String key, String address, Object settings, Starter starter)
            throws IOException, InterruptedException {
        Server server = servers.get(key);
        if (server == null) {
            server = starter.start(new UnitDispatcher());
            servers.put(key, server);
        } else if (!server.settings.equals(settings)) {
            throw new IllegalArgumentException(address + " is already served with " + server.settings
                    + "; every route of one server must set the same");
        }
        server.users++;
        return server;
    }

    /** Closes the server once no route uses it any more. */
    synchronized void release(Server server) {
        if (--server.users == 0) {
            servers.remove(server.key);
            try {
                server.listening.close();
            } catch (Exception e) {
                LOG.warn("Closing the server {} failed: {}", server.key, e.toString());
            }
        }
    }
}
