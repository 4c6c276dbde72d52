package org.camelmodbus.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.transport.FrameListener;
import org.camelmodbus.transport.ModbusConnection;
import org.camelmodbus.transport.ModbusTransport;

/** Modbus TCP over a Netty channel: MBAP framing, Nagle off, on a shared event-loop group. */
public final class NettyTcpTransport implements ModbusTransport {
    private final EventLoopGroup group;
    private final String host;
    private final int port;
    private final Duration connectTimeout;

    public NettyTcpTransport(EventLoopGroup group, String host, int port, Duration connectTimeout) {
        this.group = group;
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public String describe() {
        return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public CompletableFuture<ModbusConnection> connect(FrameListener listener) {
        CompletableFuture<ModbusConnection> result = new CompletableFuture<>();
        new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("mbapDecoder", new MbapFrameDecoder())
                                .addLast("mbapEncoder", MbapFrameEncoder.INSTANCE)
                                .addLast("listener", new ListenerAdapter(listener));
                    }
                })
                .connect(host, port)
                .addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        result.complete(new ChannelConnection(f.channel()));
                    } else {
                        result.completeExceptionally(f.cause());
                    }
                });
        return result;
    }

    private record ChannelConnection(Channel channel) implements ModbusConnection {
        @Override
        public void send(MbapFrame frame) {
            channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }

        @Override
        public void close() {
            channel.close();
        }

        @Override
        public boolean closeIfMidFrame() {
            MbapFrameDecoder decoder = channel.pipeline().get(MbapFrameDecoder.class);
            if (decoder == null || !decoder.midFrame()) {
                return false;
            }
            // through the pipeline, so that the listener learns why the connection closes
            channel.pipeline()
                    .fireExceptionCaught(new ModbusProtocolException(
                            "a request went unanswered while part of a frame had arrived: the stream is out of step"));
            return true;
        }
    }

    /** Hands frames to the listener and reports closure once, with the error that caused it if any. */
    private static final class ListenerAdapter extends SimpleChannelInboundHandler<MbapFrame> {
        private final FrameListener listener;
        private Throwable cause;

        ListenerAdapter(FrameListener listener) {
            this.listener = listener;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MbapFrame frame) {
            listener.onFrame(frame);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
            if (cause == null) {
                cause = error;
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            listener.onClosed(cause);
        }
    }
}
