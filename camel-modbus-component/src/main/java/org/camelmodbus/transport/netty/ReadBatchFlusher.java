package org.camelmodbus.transport.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Merges the flushes made while a read is being handled: answers that arrive together are handled together, and the
 * requests they make room for leave in one write system call at the end of the read instead of one call each. The
 * first flush of a read still goes out at once, so the peer always has work while the rest is handled: deferring that
 * one too would turn a pipeline into lock-step, each side idle while the other works. Outside a read, flushes pass
 * through: a lone request never waits.
 */
final class ReadBatchFlusher extends ChannelDuplexHandler {
    private boolean reading;
    private boolean flushedThisRead;
    private boolean deferred;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        flushedThisRead = false;
        flushDeferred(ctx);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (reading && flushedThisRead) {
            deferred = true;
        } else {
            flushedThisRead = reading;
            ctx.flush();
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        flushDeferred(ctx);
        ctx.close(promise);
    }

    private void flushDeferred(ChannelHandlerContext ctx) {
        if (deferred) {
            deferred = false;
            ctx.flush();
        }
    }
}
