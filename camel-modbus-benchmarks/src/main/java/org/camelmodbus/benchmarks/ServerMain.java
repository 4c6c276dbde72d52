package org.camelmodbus.benchmarks;

import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ReadWriteModbusServices;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.ServerLimits;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;

/**
 * The server side of a benchmark, run in its own JVM so that the client's CPU time can be measured apart from it.
 * Serves holding registers 0..9 = 1..10 to any unit id on every {@code host:port} given, prints {@code READY} once
 * listening, and exits when its standard input closes (the harness ended, however it ended) or after a maximum
 * lifetime.
 *
 * <p>Arguments: {@code digitalpetri|camel-modbus threads port host...}
 */
public final class ServerMain {
    static final int[] REGISTERS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    private static final long MAX_LIFETIME_MILLIS = 45 * 60_000L;

    private ServerMain() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int threads = Integer.parseInt(args[1]);
        int port = Integer.parseInt(args[2]);
        List<String> hosts = List.of(args).subList(3, args.length);
        List<AutoCloseable> servers = new ArrayList<>();
        switch (kind) {
            case "digitalpetri" -> servers.addAll(digitalpetri(threads, port, hosts));
            case "camel-modbus" -> servers.addAll(camelModbus(threads, port, hosts));
            default -> throw new IllegalArgumentException("unknown server " + kind);
        }
        System.out.println("READY");
        System.out.flush();
        Thread lifetime = new Thread(() -> {
            try {
                Thread.sleep(MAX_LIFETIME_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("benchmark server: maximum lifetime reached, exiting");
            System.exit(2);
        });
        lifetime.setDaemon(true);
        lifetime.start();
        waitForEndOfInput(System.in);
        for (AutoCloseable server : servers) {
            server.close();
        }
        System.exit(0);
    }

    private static void waitForEndOfInput(InputStream in) {
        try {
            while (in.read() >= 0) {
                // the harness never writes; a byte would only be noise
            }
        } catch (IOException e) {
            // the pipe broke: the harness is gone, which is the signal to stop
        }
    }

    private static final ServerLimits UNLIMITED = new ServerLimits(Integer.MAX_VALUE, Duration.ZERO);

    private static List<AutoCloseable> camelModbus(int threads, int port, List<String> hosts) throws Exception {
        ProcessImage image = new ProcessImage(0, 0, 100, 0);
        image.setHoldingRegisters(0, REGISTERS);
        NettyTransports transports = new NettyTransports(threads);
        List<AutoCloseable> servers = new ArrayList<>();
        for (String host : hosts) {
            // as many clients as the many-devices suite connects, and no idle timer: a server tuned for the benchmark
            NettyTcpServer server = transports.tcpServer(host, port, image, UNLIMITED);
            servers.add(server);
        }
        servers.add(transports);
        return servers;
    }

    private static List<AutoCloseable> digitalpetri(int threads, int port, List<String> hosts) throws Exception {
        var image = new com.digitalpetri.modbus.server.ProcessImage();
        image.with(tx -> tx.writeHoldingRegisters(registers -> {
            for (int i = 0; i < REGISTERS.length; i++) {
                registers.put(i, new byte[] {0, (byte) REGISTERS[i]});
            }
        }));
        var services = new ReadWriteModbusServices() {
            @Override
            protected Optional<com.digitalpetri.modbus.server.ProcessImage> getProcessImage(int unitId) {
                return Optional.of(image);
            }
        };
        NioEventLoopGroup group = new NioEventLoopGroup(threads);
        List<AutoCloseable> servers = new ArrayList<>();
        for (String host : hosts) {
            NettyTcpServerTransport transport = NettyTcpServerTransport.create(cfg -> {
                cfg.setBindAddress(host);
                cfg.setPort(port);
                cfg.setEventLoopGroup(group);
            });
            ModbusTcpServer server = ModbusTcpServer.create(transport, services);
            server.start();
            servers.add(server::stop);
        }
        servers.add(group::shutdownGracefully);
        return servers;
    }
}
