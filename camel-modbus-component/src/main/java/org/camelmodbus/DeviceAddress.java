package org.camelmodbus;

import java.util.List;

/**
 * The context-path of a modbus URI: {@code tcp:host[:port]}, {@code tls:host[:port]} (Modbus/TCP Security, port
 * 802 unless given), {@code tcp-server:host[:port]}, {@code tls-server:host[:port]} (port 802 unless given), {@code rtu-tcp:host[:port]} and {@code ascii-tcp:host[:port]}, with
 * {@code //} after the colon allowed and IPv6 literals in brackets ({@code tcp:[::1]:1502}); {@code rtu:port} and
 * {@code ascii:port} (and the servers {@code rtu-server:port}, {@code ascii-server:port}) with a serial port ({@code rtu:/dev/ttyUSB0}, {@code rtu:COM3}), which {@code host} then holds;
 * or {@code image:name}.
 */
record DeviceAddress(String transport, String host, Integer port) {
    static final String SUPPORTED_TRANSPORTS =
            "tcp, tls, tcp-server, tls-server, rtu-tcp, ascii-tcp (host[:port]), rtu, ascii, rtu-server,"
                    + " ascii-server (serial port), image";
    /** The port IANA assigns to Modbus/TCP Security. */
    static final int TLS_PORT = 802;

    static DeviceAddress parse(String remaining) {
        int colon = remaining.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Expected modbus:transport:host[:port], for example"
                    + " modbus:tcp:plc1.local:502, but got modbus:" + remaining);
        }
        String transport = remaining.substring(0, colon);
        String rest = remaining.substring(colon + 1);
        switch (transport) {
            case "image" -> {
                return image(rest);
            }
            case "rtu", "ascii", "rtu-server", "ascii-server" -> {
                return serialPort(transport, rest);
            }
            case "tcp", "tls", "tcp-server", "tls-server", "rtu-tcp", "ascii-tcp" -> {}
            default ->
                throw new IllegalArgumentException(
                        "Unknown transport '" + transport + "'; supported: " + SUPPORTED_TRANSPORTS);
        }
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Unclosed '[' in IPv6 host: " + rest);
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("Unexpected '" + after + "' after the IPv6 host " + host);
            }
        } else {
            int portColon = rest.lastIndexOf(':');
            host = portColon < 0 ? rest : rest.substring(0, portColon);
            portText = portColon < 0 ? null : rest.substring(portColon + 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException(
                    "Missing host in modbus:" + remaining + "; expected modbus:" + transport + ":host[:port]");
        }
        return new DeviceAddress(transport, host, portText == null ? null : parsePort(portText));
    }

    /** {@code rtu:/dev/ttyUSB0}, also written {@code rtu:///dev/ttyUSB0}; {@code rtu:COM3}. */
    private static DeviceAddress serialPort(String transport, String rest) {
        String port = rest.startsWith("///") ? rest.substring(2) : rest;
        if (port.isBlank() || port.startsWith("//")) {
            throw new IllegalArgumentException("Missing serial port in modbus:" + transport + ":" + rest
                    + "; expected modbus:" + transport + ":/dev/ttyUSB0 (or COM3 on Windows)");
        }
        return new DeviceAddress(transport, port, null);
    }

    /** Whether {@code transport} names a local serial port rather than a host. */
    static boolean isSerialPort(String transport) {
        return List.of("rtu", "ascii", "rtu-server", "ascii-server").contains(transport);
    }

    /** {@code image:name}: a name of letters, digits, '-', '_' and '.'. */
    private static DeviceAddress image(String name) {
        if (!name.matches("[\\w.-]+")) {
            throw new IllegalArgumentException("Expected modbus:image:name, a name of letters, digits, '-', '_' and"
                    + " '.', for example modbus:image:plant, but got modbus:image:" + name);
        }
        return new DeviceAddress("image", name, null);
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Port '" + text + "' is not a number", e);
        }
    }

    void applyTo(ModbusConfiguration config) {
        config.setTransport(transport);
        config.setHost(host);
        if (port != null) {
            config.setPort(port);
        } else if (transport.equals("tls") || transport.equals("tls-server")) {
            config.setPort(TLS_PORT);
        }
    }
}
