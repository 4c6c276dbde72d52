package org.camelmodbus.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.transport.Delayer;

/**
 * Hands the bytes of a TCP stream that carries serial frames (RTU or ASCII over TCP) to a serial-line session, and
 * writes what the session sends. Reads copy into a small array: serial frames are at most a few hundred bytes.
 */
abstract class SerialStreamHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private byte[] chunk = new byte[64];

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf in) {
        int n = in.readableBytes();
        if (chunk.length < n) {
            chunk = new byte[Math.max(n, 2 * chunk.length)];
        }
        in.readBytes(chunk, 0, n);
        received(chunk, n);
    }

    abstract void received(byte[] data, int count);

    static void write(Channel channel, byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** Waits on the channel's event loop, which also delivers the channel's bytes. */
    static Delayer delayer(Channel channel) {
        return (nanos, action) -> {
            if (nanos <= 0) {
                action.run();
            } else {
                channel.eventLoop().schedule(action, nanos, TimeUnit.NANOSECONDS);
            }
        };
    }
}
