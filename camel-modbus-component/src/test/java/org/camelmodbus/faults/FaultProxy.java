package org.camelmodbus.faults;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Modbus TCP proxy on 127.0.0.1 for tests: it sits between a client and a device and, request by request, does what
 * its {@link Plan} says: pass the exchange through, or break it in one of the ways networks and devices do (see
 * {@link Fault}). It can also refuse connections for a while and drop the ones it holds, like a device that reboots.
 * Counts the faults it injected. All per-connection work runs on the connection's event loop.
 */
public final class FaultProxy implements AutoCloseable {

    /** What happens to one request and its answer. */
    public enum Fault {
        /** Passed through both ways. */
        NONE,
        /** Half of the answer reaches the client, then the proxy closes both sides: a device that died mid-frame. */
        DROP_MID_FRAME,
        /** The answer, and every later one on the connection, is held for the stall time, then all flow again. */
        STALL,
        /** Half of the answer, then a stall like {@link #STALL}, then the rest. */
        STALL_MID_FRAME,
        /** Only this answer comes the delay late; later answers may overtake it. */
        DELAY,
        /** The answer arrives twice. */
        DUPLICATE,
        /** The answer waits for the next answer on the connection and follows it (or the delay, if none comes). */
        REORDER,
        /** The answer carries a transaction id that no request has (its id with the top bit flipped). */
        WRONG_TRANSACTION_ID,
        /** Bytes that are no Modbus frame precede the answer. */
        GARBAGE,
        /** The answer is dropped and the proxy shuts down its side of the connection (FIN) but keeps reading. */
        HALF_CLOSE,
        /** The proxy answers exception 6 (server device busy) itself: the device never sees the request. */
        BUSY,
        /** The device serves the request, but the answer becomes exception 4 (server device failure). */
        DEVICE_FAILURE
    }

    /** Chooses the fault for each request, on the event loop of the connection it came on. */
    @FunctionalInterface
    public interface Plan {
        Fault next(int unitId, byte[] pdu);

        static Plan always(Fault fault) {
            return (unitId, pdu) -> fault;
        }

        /** {@code fault} for the next {@code count} requests, then none. */
        static Plan next(Fault fault, int count) {
            AtomicLong left = new AtomicLong(count);
            return (unitId, pdu) -> left.getAndDecrement() > 0 ? fault : Fault.NONE;
        }

        /** {@code fault} the first time a request (unit id and PDU) comes, none when it comes again: a retry. */
        static Plan firstAttempt(Fault fault) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            return (unitId, pdu) -> seen.add(unitId + ":" + HexFormat.of().formatHex(pdu)) ? fault : Fault.NONE;
        }

        /** With probability {@code p} one of {@code faults}, chosen evenly, from a seeded generator. */
        static Plan random(long seed, double p, Fault... faults) {
            Random random = new Random(seed);
            return (unitId, pdu) -> {
                synchronized (random) {
                    return random.nextDouble() < p ? faults[random.nextInt(faults.length)] : Fault.NONE;
                }
            };
        }
    }

    private static final int MAX_FRAME = 6 + 0xFFFF;

    private final EventLoopGroup group;
    private final String upstreamHost;
    private final int upstreamPort;
    private final ChannelGroup connections;
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong holding = new AtomicLong();
    private final AtomicLong overtakes = new AtomicLong();
    private volatile Plan plan = Plan.always(Fault.NONE);
    private volatile Duration delay = Duration.ofMillis(200);
    private int port;
    private Channel listener;
    /**
     * Bound (never listening) for the proxy's whole life, so that while it refuses connections its port stays ours:
     * connection attempts are refused by the kernel, and no other process can take the port before it listens again.
     */
    private Socket portKeeper;

    private FaultProxy(EventLoopGroup group, String upstreamHost, int upstreamPort) {
        this.group = group;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.connections = new DefaultChannelGroup(group.next());
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicLong());
        }
    }

    /** A proxy on a free loopback port in front of {@code upstreamHost:upstreamPort}. */
    public static FaultProxy start(EventLoopGroup group, String upstreamHost, int upstreamPort) {
        FaultProxy proxy = new FaultProxy(group, upstreamHost, upstreamPort);
        proxy.keepPort();
        proxy.listen();
        return proxy;
    }

    public int port() {
        return port;
    }

    public FaultProxy plan(Plan plan) {
        this.plan = plan;
        return this;
    }

    /** How long {@link Fault#DELAY}, {@link Fault#STALL} and {@link Fault#REORDER} hold an answer. */
    public FaultProxy delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** How many times {@code fault} was applied. */
    public long injected(Fault fault) {
        return injected.get(fault).get();
    }

    /** Answers held back (stalled, delayed, reordered) right now. */
    public long holding() {
        return holding.get();
    }

    /** How often a later answer went out before one held by {@link Fault#REORDER}. */
    public long overtakes() {
        return overtakes.get();
    }

    /** Connections accepted so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Stops listening, so that connection attempts are refused, and drops the open connections: a device gone. */
    public synchronized void refuseConnections() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
        dropConnections();
    }

    /** Listens again on the same port. */
    public synchronized void acceptConnections() {
        if (listener == null && portKeeper != null) {
            listen();
        }
    }

    /** Closes every open connection, both sides. */
    public void dropConnections() {
        connections.close().syncUninterruptibly();
    }

    @Override
    public synchronized void close() {
        refuseConnections();
        if (portKeeper != null) {
            try {
                portKeeper.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            portKeeper = null;
        }
    }

    /** Takes a free loopback port that the listener, binding with SO_REUSEPORT too, may share. */
    private synchronized void keepPort() {
        try {
            portKeeper = new Socket();
            portKeeper.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            portKeeper.bind(new InetSocketAddress("127.0.0.1", 0));
            port = portKeeper.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no port for the fault proxy", e);
        }
    }

    private synchronized void listen() {
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.incrementAndGet();
                        connections.add(ch);
                        ch.pipeline().addLast(frames(), new Connection());
                    }
                })
                .bind("127.0.0.1", port)
                .syncUninterruptibly()
                .channel();
    }

    private static LengthFieldBasedFrameDecoder frames() {
        return new LengthFieldBasedFrameDecoder(MAX_FRAME, 4, 2);
    }

    private static int transactionId(ByteBuf frame) {
        return frame.getUnsignedShort(frame.readerIndex());
    }

    /** One client connection and its upstream twin; runs entirely on the client channel's event loop. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private final Map<Integer, Fault> faults = new HashMap<>();
        private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
        private final Set<ByteBuf> delayed = Collections.newSetFromMap(new IdentityHashMap<>());
        private Channel client;
        private Channel upstream;
        private boolean stalled;
        private boolean closed;
        private ByteBuf overtaken;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            client = ctx.channel();
            new Bootstrap()
                    .group(client.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast(frames(), new Upstream(Connection.this));
                        }
                    })
                    .connect(upstreamHost, upstreamPort)
                    .addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            upstream = f.channel();
                            client.config().setAutoRead(true);
                        } else {
                            client.close();
                        }
                    });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf request = (ByteBuf) msg;
            byte[] pdu = new byte[request.readableBytes() - 7];
            request.getBytes(request.readerIndex() + 7, pdu);
            int unitId = request.getUnsignedByte(request.readerIndex() + 6);
            Fault fault = plan.next(unitId, pdu);
            if (fault == Fault.BUSY) {
                ByteBuf busy = exceptionFrame(transactionId(request), unitId, pdu[0], 6);
                request.release();
                count(fault);
                answer(busy);
                return;
            }
            faults.put(transactionId(request), fault);
            upstream.writeAndFlush(request);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed = true;
            if (upstream != null) {
                upstream.close();
            }
            delayed.forEach(frame -> unhold(frame).release());
            delayed.clear();
            while (!held.isEmpty()) {
                unhold(held.poll()).release();
            }
            if (overtaken != null) {
                unhold(overtaken).release();
                overtaken = null;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        /** An answer from upstream, treated as the fault chosen for its request says. */
        void answered(ByteBuf frame) {
            if (closed) {
                frame.release();
                return;
            }
            Fault fault = faults.getOrDefault(transactionId(frame), Fault.NONE);
            faults.remove(transactionId(frame));
            if (fault != Fault.NONE) {
                count(fault);
            }
            switch (fault) {
                case NONE -> answer(frame);
                case DROP_MID_FRAME -> {
                    client.writeAndFlush(frame.retainedSlice(frame.readerIndex(), frame.readableBytes() / 2))
                            .addListener(ChannelFutureListener.CLOSE);
                    frame.release();
                    upstream.close();
                }
                case STALL -> {
                    stall();
                    held.add(hold(frame));
                }
                case STALL_MID_FRAME -> {
                    int half = frame.readableBytes() / 2;
                    answer(frame.readRetainedSlice(half));
                    stall();
                    held.add(hold(frame));
                }
                case DELAY -> {
                    delayed.add(hold(frame));
                    client.eventLoop()
                            .schedule(
                                    () -> {
                                        if (delayed.remove(frame)) {
                                            answer(unhold(frame));
                                        }
                                    },
                                    delay.toNanos(),
                                    TimeUnit.NANOSECONDS);
                }
                case DUPLICATE -> {
                    answer(frame.retainedDuplicate());
                    answer(frame);
                }
                case REORDER -> {
                    if (overtaken != null) {
                        answer(frame); // the earlier one still waits; this one overtakes it as well
                        return;
                    }
                    overtaken = hold(frame);
                    client.eventLoop().schedule(this::releaseOvertaken, delay.toNanos(), TimeUnit.NANOSECONDS);
                }
                case WRONG_TRANSACTION_ID -> {
                    frame.setShort(frame.readerIndex(), transactionId(frame) ^ 0x8000);
                    answer(frame);
                }
                case GARBAGE -> {
                    // a protocol id of 0xBAD0 and a length no MBAP header may carry
                    client.write(Unpooled.wrappedBuffer(new byte[] {0x12, 0x34, (byte) 0xBA, (byte) 0xD0, 0x7F, 0x7F}));
                    answer(frame);
                }
                case HALF_CLOSE -> {
                    frame.release();
                    ((SocketChannel) client).shutdownOutput();
                }
                case DEVICE_FAILURE -> {
                    ByteBuf failure = exceptionFrame(
                            transactionId(frame),
                            frame.getUnsignedByte(frame.readerIndex() + 6),
                            frame.getByte(frame.readerIndex() + 7),
                            4);
                    frame.release();
                    answer(failure);
                }
                case BUSY -> throw new IllegalStateException("answered by the proxy, never sent upstream");
            }
        }

        /** Sends an answer now, unless the connection stalls; a reordered answer follows the first one after it. */
        private void answer(ByteBuf frame) {
            if (closed) {
                frame.release();
                return;
            }
            if (stalled) {
                held.add(hold(frame));
                return;
            }
            client.writeAndFlush(frame);
            if (overtaken != null) {
                overtakes.incrementAndGet();
                releaseOvertaken();
            }
        }

        private void releaseOvertaken() {
            ByteBuf late = overtaken;
            overtaken = null;
            if (late != null) {
                answer(unhold(late));
            }
        }

        private void stall() {
            if (stalled) {
                return;
            }
            stalled = true;
            client.eventLoop()
                    .schedule(
                            () -> {
                                stalled = false;
                                while (!held.isEmpty() && !stalled) {
                                    answer(unhold(held.poll()));
                                }
                            },
                            delay.toNanos(),
                            TimeUnit.NANOSECONDS);
        }

        private ByteBuf hold(ByteBuf frame) {
            holding.incrementAndGet();
            return frame;
        }

        private ByteBuf unhold(ByteBuf frame) {
            holding.decrementAndGet();
            return frame;
        }

        private void count(Fault fault) {
            injected.get(fault).incrementAndGet();
        }
    }

    /** Hands upstream answers to the client side; closes it when the device closes. */
    private static final class Upstream extends ChannelInboundHandlerAdapter {
        private final Connection connection;

        Upstream(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            connection.answered((ByteBuf) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connection.client.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static ByteBuf exceptionFrame(int transactionId, int unitId, byte functionCode, int code) {
        return Unpooled.buffer(9)
                .writeShort(transactionId)
                .writeShort(0)
                .writeShort(3)
                .writeByte(unitId)
                .writeByte(functionCode | 0x80)
                .writeByte(code);
    }
}
