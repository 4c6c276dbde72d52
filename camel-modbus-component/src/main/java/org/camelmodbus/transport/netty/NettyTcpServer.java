package org.camelmodbus.transport.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.server.ModbusRequestHandler;
import org.camelmodbus.server.RequestDispatch;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.SerialLineResponder;
import org.camelmodbus.transport.ServerLimits;
import org.camelmodbus.transport.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP server on Netty. Serves any number of clients and pipelined requests; answers in completion order,
 * each with the transaction and unit id it came with. A request the codec rejects gets the exception code the
 * specification prescribes; a handler failure gets 0x04 (server device failure). Frames are bounded by the MBAP
 * decoder; {@link ServerLimits} bound connections and how long an idle one is kept. It can also serve RTU or ASCII
 * frames in the stream instead of MBAP, one request at a time, as a device behind a serial-to-Ethernet converter.
 */
public final class NettyTcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NettyTcpServer.class);

    /** Bytes read from one client in one turn: 15 frames of the largest size, 341 of the smallest. */
    private static final int READ_BUFFER_MAX = 4096;

    private final Channel serverChannel;
    private final ChannelGroup clients;

    private NettyTcpServer(Channel serverChannel, ChannelGroup clients) {
        this.serverChannel = serverChannel;
        this.clients = clients;
    }

    /** Binds and returns once listening; port 0 picks a free port, see {@link #port()}. */
    public static NettyTcpServer start(EventLoopGroup group, String host, int port, ModbusRequestHandler handler)
            throws InterruptedException {
        return start(group, host, port, handler, ServerLimits.DEFAULT, null);
    }

    /** As {@link #start(EventLoopGroup, String, int, ModbusRequestHandler)}, within {@code limits}. */
    public static NettyTcpServer start(
            EventLoopGroup group, String host, int port, ModbusRequestHandler handler, ServerLimits limits)
            throws InterruptedException {
        return start(group, host, port, handler, limits, null);
    }

    /**
     * As {@link #start(EventLoopGroup, String, int, ModbusRequestHandler, ServerLimits)}, serving Modbus/TCP Security
     * if {@code tls} is not null: a client must complete the TLS handshake with a certificate the trusted certificates
     * vouch for before any request is read.
     */
    public static NettyTcpServer start(
            EventLoopGroup group,
            String host,
            int port,
            ModbusRequestHandler handler,
            ServerLimits limits,
            TlsSettings tls)
            throws InterruptedException {
        return start(group, host, port, handler, limits, tls, null);
    }

    /** RTU or ASCII frames in the stream instead of MBAP, answered for the unit ids {@code units} accepts. */
    record SerialStream(SerialLineOptions line, IntPredicate units) {}

    /** @param serial how serial frames travel in the stream, or null for MBAP framing */
    static NettyTcpServer start(
            EventLoopGroup group,
            String host,
            int port,
            ModbusRequestHandler handler,
            ServerLimits limits,
            TlsSettings tls,
            SerialStream serial)
            throws InterruptedException {
        ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        AtomicInteger connections = new AtomicInteger();
        Channel channel = new ServerBootstrap()
                .group(group)
                .channel(NettyChannels.server(group))
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(AcceptGuard.INSTANCE)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // small reads, one per turn: a flooding client cannot keep the I/O thread from the others, and a
                // pause in reading (see RequestDispatcher) takes effect within a few hundred requests
                .childOption(
                        ChannelOption.RCVBUF_ALLOCATOR,
                        new AdaptiveRecvByteBufAllocator(64, 1024, READ_BUFFER_MAX).maxMessagesPerRead(1))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connections.incrementAndGet() > limits.maxConnections()) {
                            connections.decrementAndGet();
                            LOG.warn(
                                    "Refusing connection from {} to port {}: {} clients are connected already, the"
                                            + " most allowed (maxConnections)",
                                    ch.remoteAddress(),
                                    ch.localAddress().getPort(),
                                    limits.maxConnections());
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(closed -> connections.decrementAndGet());
                        clients.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast("tls", NettyTls.serverHandler(tls));
                        }
                        if (!limits.idleTimeout().isZero()) {
                            ch.pipeline()
                                    .addLast(
                                            "idle",
                                            new IdleStateHandler(
                                                    0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
                        }
                        if (serial == null) {
                            ch.pipeline()
                                    .addLast("mbapDecoder", new MbapFrameDecoder())
                                    .addLast("mbapEncoder", MbapFrameEncoder.INSTANCE)
                                    .addLast("requests", new RequestDispatcher(handler));
                        } else {
                            ch.pipeline().addLast("serialLine", new ServerStream(ch, handler, serial));
                        }
                        ch.pipeline().addLast("guard", ConnectionGuard.INSTANCE);
                    }
                })
                .bind(host, port)
                .sync()
                .channel();
        return new NettyTcpServer(channel, clients);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Bytes of answers written but not sent yet, over all clients: what clients that read slowly (or not at all) cost
     * the server. It stays small: a client whose answers back up is not read from until they leave.
     */
    public long unsentAnswerBytes() {
        long bytes = 0;
        for (Channel client : clients) {
            ChannelOutboundBuffer unsent = client.unsafe().outboundBuffer();
            bytes += unsent == null ? 0 : unsent.totalPendingWriteBytes();
        }
        return bytes;
    }

    /** Stops listening and drops every client connection. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
    }

    /** Answers the requests of one RTU or ASCII stream. */
    private static final class ServerStream extends SerialStreamHandler {
        private final SerialLineResponder responder;

        ServerStream(Channel channel, ModbusRequestHandler handler, SerialStream serial) {
            responder = new SerialLineResponder(
                    serial.line(),
                    handler,
                    serial.units(),
                    bytes -> write(channel, bytes),
                    delayer(channel),
                    channel.remoteAddress());
        }

        @Override
        void received(byte[] data, int count) {
            responder.received(data, 0, count);
        }
    }

    /**
     * Answers one connection's requests. A client that floods the server (sends without reading the answers, or faster
     * than the handler answers) is read from no more than it is answered: reading pauses while
     * {@link #MAX_PENDING} requests await their answers or while answers pile up unsent, so neither grows without bound.
     */
    private static final class RequestDispatcher extends SimpleChannelInboundHandler<MbapFrame> {
        /** Requests of one connection the server holds at once before it stops reading more. */
        static final int MAX_PENDING = 64;

        private final ModbusRequestHandler handler;
        /** Requests received and not answered yet; event loop only. */
        private int pending;

        RequestDispatcher(ModbusRequestHandler handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MbapFrame frame) {
            pending++;
            updateReading(ctx);
            RequestDispatch.answer(
                            handler, frame.unitId(), frame.pdu(), ctx.channel().remoteAddress())
                    .thenAccept(pdu -> reply(ctx, frame, pdu));
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            updateReading(ctx);
            super.channelWritabilityChanged(ctx);
        }

        /** Reads while the connection has room for more requests and its answers leave. */
        private void updateReading(ChannelHandlerContext ctx) {
            boolean read = pending < MAX_PENDING && ctx.channel().isWritable();
            if (ctx.channel().config().isAutoRead() != read) {
                ctx.channel().config().setAutoRead(read);
            }
        }

        /** Sends the answer from the event loop, whichever thread the handler answered on. */
        private void reply(ChannelHandlerContext ctx, MbapFrame request, byte[] pdu) {
            if (!ctx.executor().inEventLoop()) {
                ctx.executor().execute(() -> reply(ctx, request, pdu));
                return;
            }
            pending--;
            ctx.writeAndFlush(new MbapFrame(request.transactionId(), request.unitId(), pdu));
            updateReading(ctx);
        }
    }

    /** Last in every client's pipeline: closes a connection that idled too long or failed, saying why. */
    @ChannelHandler.Sharable
    private static final class ConnectionGuard extends ChannelInboundHandlerAdapter {
        static final ConnectionGuard INSTANCE = new ConnectionGuard();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                LOG.info(
                        "Closing connection from {}: idle for longer than idleTimeout",
                        ctx.channel().remoteAddress());
                ctx.close();
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            SslHandler tls = ctx.pipeline().get(SslHandler.class);
            if (tls != null && NettyTls.isTlsFailure(cause)) {
                // a refused client is worth knowing about: a misconfigured peer, or someone without a certificate
                LOG.info(
                        "Refused {}: {}",
                        ctx.channel().remoteAddress(),
                        NettyTls.describe("client " + ctx.channel().remoteAddress(), cause, tls.engine())
                                .getMessage());
            } else {
                LOG.debug("Closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
            }
            ctx.close();
        }
    }
}
