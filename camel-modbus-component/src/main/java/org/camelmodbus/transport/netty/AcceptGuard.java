package org.camelmodbus.transport.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a listening channel: when accepting a connection fails (most often the process is out of file descriptors),
 * says so once per pause in plain words and stops accepting for a second, instead of retrying at once in a loop or
 * leaving Netty to log a generic warning for every attempt. Accepting resumes by itself.
 */
@ChannelHandler.Sharable
final class AcceptGuard extends ChannelInboundHandlerAdapter {
    static final AcceptGuard INSTANCE = new AcceptGuard();
    static final long PAUSE_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(AcceptGuard.class);

    private AcceptGuard() {}

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!ctx.channel().config().isAutoRead()) {
            return; // paused already: the first failure was logged
        }
        // pause first: with no descriptor left even logging can fail, and the loop must not spin on accept meanwhile
        ctx.channel().config().setAutoRead(false);
        ctx.executor().schedule(() -> ctx.channel().config().setAutoRead(true), PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        try {
            LOG.warn(String.format(
                    "Cannot accept connections on %s: %s; not accepting for %d ms",
                    ctx.channel().localAddress(), cause.getMessage(), PAUSE_MILLIS));
        } catch (LinkageError noDescriptorToLoadAClass) {
            // seen live: the logger could not load a class while the process had no file descriptor left
        }
    }
}
