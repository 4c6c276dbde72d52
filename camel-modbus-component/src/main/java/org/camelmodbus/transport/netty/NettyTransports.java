package org.camelmodbus.transport.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.camelmodbus.server.ModbusRequestHandler;
import org.camelmodbus.transport.ModbusTransport;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.ServerLimits;
import org.camelmodbus.transport.TlsSettings;

/**
 * The event-loop group that every Netty transport and server of one owner shares: a few threads serve any number of
 * devices. Each device's transport keeps to one of them (taken in turn), and its client's timers run there too
 * ({@link ModbusTransport#ioThread()}), so a timeout fires on the thread that delivers the device's responses.
 */
public final class NettyTransports implements AutoCloseable {
    /** The longest spin allowed: beyond it a timer would run noticeably late, and the CPU buys no more latency. */
    public static final Duration MAX_SPIN = Duration.ofMillis(1);

    private final EventLoopGroup group;

    /** Threads on Linux's native epoll where it loads; see {@link #NettyTransports(int, boolean)}. */
    public NettyTransports(int threads) {
        this(threads, true);
    }

    /**
     * @param threads event-loop threads; 0 means one per available processor
     * @param nativeTransport whether to run on Linux's native epoll where it loads, rather than the JDK's NIO
     */
    public NettyTransports(int threads, boolean nativeTransport) {
        this(threads, nativeTransport, Duration.ZERO);
    }

    /**
     * @param threads event-loop threads; 0 means one per available processor
     * @param nativeTransport whether to run on Linux's native epoll where it loads, rather than the JDK's NIO
     * @param spin how long a thread that has just worked keeps polling before it sleeps, at most {@link #MAX_SPIN}:
     *     less latency for requests sent one at a time, for the CPU it burns; zero sleeps at once
     */
    public NettyTransports(int threads, boolean nativeTransport, Duration spin) {
        if (spin.isNegative() || spin.compareTo(MAX_SPIN) > 0) {
            throw new IllegalArgumentException("the I/O threads' spin must be 0 to " + MAX_SPIN.toNanos() / 1000
                    + " µs, was " + spin.toNanos() / 1000 + " µs");
        }
        this.group = NettyChannels.group(
                threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("modbus-io", true),
                nativeTransport,
                spin);
    }

    /** Whether these threads run on Linux's native epoll. */
    public boolean nativeTransport() {
        return NettyChannels.isEpoll(group);
    }

    public ModbusTransport tcp(String host, int port, Duration connectTimeout) {
        return new NettyTcpTransport(group.next(), host, port, connectTimeout, null, null);
    }

    /** Modbus/TCP Security: Modbus TCP inside TLS, usually on port 802. */
    public ModbusTransport tls(String host, int port, Duration connectTimeout, TlsSettings tls) {
        return new NettyTcpTransport(
                group.next(), host, port, connectTimeout, Objects.requireNonNull(tls, "tls"), null);
    }

    /** RTU or ASCII frames in a TCP stream, as serial-to-Ethernet converters carry them. */
    public ModbusTransport serialOverTcp(String host, int port, Duration connectTimeout, SerialLineOptions line) {
        return new NettyTcpTransport(
                group.next(), host, port, connectTimeout, null, Objects.requireNonNull(line, "line"));
    }

    /** Starts a Modbus TCP server on these threads; port 0 picks a free port. */
    public NettyTcpServer tcpServer(String host, int port, ModbusRequestHandler handler) throws InterruptedException {
        return NettyTcpServer.start(group, host, port, handler);
    }

    /** Starts a Modbus TCP server on these threads within {@code limits}; port 0 picks a free port. */
    public NettyTcpServer tcpServer(String host, int port, ModbusRequestHandler handler, ServerLimits limits)
            throws InterruptedException {
        return NettyTcpServer.start(group, host, port, handler, limits);
    }

    /**
     * Starts a Modbus/TCP Security server on these threads within {@code limits}: TLS with mutual authentication, a
     * client must present a certificate that {@code tls} trusts. Port 0 picks a free port.
     */
    public NettyTcpServer tlsServer(
            String host, int port, ModbusRequestHandler handler, ServerLimits limits, TlsSettings tls)
            throws InterruptedException {
        return NettyTcpServer.start(group, host, port, handler, limits, Objects.requireNonNull(tls, "tls"));
    }

    /** Starts a server of RTU or ASCII frames over TCP that answers the unit ids {@code units} accepts. */
    public NettyTcpServer serialOverTcpServer(
            String host, int port, ModbusRequestHandler handler, SerialLineOptions line, IntPredicate units)
            throws InterruptedException {
        return NettyTcpServer.start(
                group, host, port, handler, ServerLimits.DEFAULT, null, new NettyTcpServer.SerialStream(line, units));
    }

    public ScheduledExecutorService scheduler() {
        return group;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
