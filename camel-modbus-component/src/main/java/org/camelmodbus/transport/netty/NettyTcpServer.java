package org.camelmodbus.transport.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.FunctionCode;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.RequestCodec;
import org.camelmodbus.protocol.ResponseCodec;
import org.camelmodbus.server.ModbusRequestHandler;
import org.camelmodbus.transport.ServerLimits;
import org.camelmodbus.transport.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP server on Netty. Serves any number of clients and pipelined requests; answers in completion order,
 * each with the transaction and unit id it came with. A request the codec rejects gets the exception code the
 * specification prescribes; a handler failure gets 0x04 (server device failure). Frames are bounded by the MBAP
 * decoder; {@link ServerLimits} bound connections and how long an idle one is kept.
 */
public final class NettyTcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NettyTcpServer.class);

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
        ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        AtomicInteger connections = new AtomicInteger();
        Channel channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
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
                        ch.pipeline()
                                .addLast("mbapDecoder", new MbapFrameDecoder())
                                .addLast("mbapEncoder", MbapFrameEncoder.INSTANCE)
                                .addLast("requests", new RequestDispatcher(handler));
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

    /** Stops listening and drops every client connection. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
    }

    private static final class RequestDispatcher extends SimpleChannelInboundHandler<MbapFrame> {
        private final ModbusRequestHandler handler;

        RequestDispatcher(ModbusRequestHandler handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MbapFrame frame) {
            int functionCode = frame.pdu()[0] & 0xFF;
            ModbusRequest request;
            try {
                request = RequestCodec.decode(frame.pdu());
            } catch (ModbusProtocolException e) {
                LOG.debug("Refusing request from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
                reply(ctx, frame, exceptionPdu(functionCode, e.replyCode().orElse(ExceptionCode.ILLEGAL_DATA_VALUE)));
                return;
            }
            CompletionStage<ModbusResponse> answer;
            try {
                answer = handler.handle(frame.unitId(), request);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((response, error) -> {
                if (error != null) {
                    LOG.warn("Handler failed on {}: {}", request, error.toString());
                    reply(ctx, frame, exceptionPdu(functionCode, ExceptionCode.SERVER_DEVICE_FAILURE));
                } else {
                    reply(ctx, frame, ResponseCodec.encode(response));
                }
            });
        }

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

        private static void reply(ChannelHandlerContext ctx, MbapFrame request, byte[] pdu) {
            ctx.writeAndFlush(new MbapFrame(request.transactionId(), request.unitId(), pdu));
        }

        private static byte[] exceptionPdu(int functionCode, ExceptionCode code) {
            return new byte[] {(byte) (functionCode | FunctionCode.EXCEPTION_FLAG), (byte) code.code()};
        }
    }
}
