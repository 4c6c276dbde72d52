package org.camelmodbus.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.transport.FrameListener;
import org.camelmodbus.transport.ModbusConnection;
import org.camelmodbus.transport.ModbusTransport;
import org.camelmodbus.transport.SerialLineClient;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.TlsSettings;

/**
 * Modbus TCP over a Netty channel: MBAP framing, Nagle off, on a shared event-loop group. With {@link TlsSettings} it
 * is Modbus/TCP Security: the connection counts as open once the TLS handshake is done. With {@link SerialLineOptions}
 * the stream carries RTU or ASCII frames instead, as serial-to-Ethernet converters pass them on.
 */
public final class NettyTcpTransport implements ModbusTransport {
    private final EventLoop loop;
    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final TlsSettings tls;
    private final SerialLineOptions line;

    /**
     * @param loop the event loop every connection to this device runs on
     * @param tls how to secure the connection; null for plain Modbus TCP
     * @param line how serial frames travel in the stream; null for MBAP framing
     */
    NettyTcpTransport(
            EventLoop loop, String host, int port, Duration connectTimeout, TlsSettings tls, SerialLineOptions line) {
        this.loop = loop;
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.tls = tls;
        this.line = line;
    }

    @Override
    public String describe() {
        String scheme = line != null ? line.framing().name() + "-tcp" : tls == null ? "tcp" : "tls";
        return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public boolean serialLine() {
        return line != null;
    }

    @Override
    public ScheduledExecutorService ioThread() {
        return loop;
    }

    @Override
    public CompletableFuture<ModbusConnection> connect(FrameListener listener) {
        CompletableFuture<ModbusConnection> result = new CompletableFuture<>();
        new Bootstrap()
                .group(loop)
                .channel(NettyChannels.socket(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // nearest the socket, so that it sees every read of it and the flushes TLS makes too
                        ch.pipeline().addLast("flusher", new ReadBatchFlusher());
                        if (tls != null) {
                            ch.pipeline().addLast("tls", NettyTls.clientHandler(tls, host, port, connectTimeout));
                        }
                        if (line == null) {
                            ch.pipeline()
                                    .addLast("mbapDecoder", new MbapFrameDecoder())
                                    .addLast("mbapEncoder", MbapFrameEncoder.INSTANCE);
                        } else {
                            ch.pipeline().addLast("serialLine", new ClientStream(ch, listener));
                        }
                        ch.pipeline().addLast("listener", new ListenerAdapter(listener, describe()));
                    }
                })
                .connect(host, port)
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        result.completeExceptionally(f.cause());
                    } else if (tls == null) {
                        result.complete(new ChannelConnection(f.channel()));
                    } else {
                        SslHandler handler = f.channel().pipeline().get(SslHandler.class);
                        handler.handshakeFuture().addListener(h -> {
                            if (h.isSuccess()) {
                                result.complete(new ChannelConnection(f.channel()));
                            } else {
                                result.completeExceptionally(
                                        NettyTls.describe(describe(), h.cause(), handler.engine()));
                            }
                        });
                    }
                });
        return result;
    }

    /** The serial-line session of an RTU or ASCII stream. */
    private final class ClientStream extends SerialStreamHandler {
        final SerialLineClient client;

        ClientStream(Channel channel, FrameListener listener) {
            client = new SerialLineClient(line, listener, bytes -> write(channel, bytes), delayer(channel), describe());
        }

        @Override
        void received(byte[] data, int count) {
            client.received(data, 0, count);
        }
    }

    private record ChannelConnection(Channel channel) implements ModbusConnection {
        @Override
        public void send(MbapFrame frame) {
            ClientStream stream = channel.pipeline().get(ClientStream.class);
            if (stream != null) {
                stream.client.send(frame);
            } else {
                // a failed write reaches exceptionCaught, which closes the channel: no promise per frame needed
                channel.writeAndFlush(frame, channel.voidPromise());
            }
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
        private final String peer;
        private Throwable cause;

        ListenerAdapter(FrameListener listener, String peer) {
            this.listener = listener;
            this.peer = peer;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MbapFrame frame) {
            listener.onFrame(frame);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
            if (cause == null) {
                // with TLS 1.3 a server refuses our certificate only after our side finished the handshake
                SslHandler tls = ctx.pipeline().get(SslHandler.class);
                cause = tls != null && NettyTls.isTlsFailure(error)
                        ? NettyTls.describe(peer, error, tls.engine())
                        : error;
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            listener.onClosed(cause);
        }
    }
}
