package org.camelmodbus.transport.netty;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * Which Netty I/O implementation a group runs: Linux's native epoll where it loads (fewer system calls and no
 * selector bookkeeping per wake-up, which is most of what an idle-most-of-the-time device connection costs), the
 * JDK's NIO everywhere else. A group's channels must be of its own kind; these methods pick them from the group.
 */
final class NettyChannels {
    private NettyChannels() {}

    /** @param spin how long a loop that just worked polls on before it sleeps; zero sleeps at once */
    static EventLoopGroup group(int threads, ThreadFactory threadFactory, boolean nativeTransport, Duration spin) {
        SelectStrategyFactory strategy =
                spin.isZero() ? DefaultSelectStrategyFactory.INSTANCE : new SpinThenSleep(spin.toNanos());
        EventLoopGroup group = nativeTransport && Epoll.isAvailable()
                ? new EpollEventLoopGroup(threads, threadFactory, strategy)
                : new NioEventLoopGroup(threads, threadFactory, SelectorProvider.provider(), strategy);
        if (strategy instanceof SpinThenSleep spinning) {
            spinning.serve(group);
        }
        return group;
    }

    /** Whether {@code group}, or the group of the one loop it is, runs on epoll. */
    static boolean isEpoll(EventLoopGroup group) {
        return (group instanceof EventLoop loop ? loop.parent() : group) instanceof EpollEventLoopGroup;
    }

    static Class<? extends SocketChannel> socket(EventLoopGroup group) {
        return isEpoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static Class<? extends ServerSocketChannel> server(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
