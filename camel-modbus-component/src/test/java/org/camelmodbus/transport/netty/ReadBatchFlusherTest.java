package org.camelmodbus.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadBatchFlusherTest {

    /** Answers every inbound message with a flushed write, as the client does when an answer makes room. */
    private static final class Replier extends ChannelInboundHandlerAdapter {
        final List<Integer> flushedAfterEachRead = new ArrayList<>();
        EmbeddedChannel channel;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
            flushedAfterEachRead.add(channel.outboundMessages().size());
        }
    }

    @Test
    void theFirstFlushOfAReadGoesOutAtOnceAndTheRestAtTheEndOfTheRead() {
        Replier replier = new Replier();
        EmbeddedChannel channel = new EmbeddedChannel(new ReadBatchFlusher(), replier);
        replier.channel = channel;

        channel.writeInbound(buffer(), buffer(), buffer());

        assertEquals(List.of(1, 1, 1), replier.flushedAfterEachRead);
        assertEquals(3, channel.outboundMessages().size());
        channel.finishAndReleaseAll();
    }

    @Test
    void aFlushOutsideAReadGoesOutAtOnce() {
        EmbeddedChannel channel = new EmbeddedChannel(new ReadBatchFlusher());

        channel.writeAndFlush(buffer());
        channel.writeAndFlush(buffer());

        assertEquals(2, channel.outboundMessages().size());
        channel.finishAndReleaseAll();
    }

    @Test
    void aCloseDuringAReadSendsWhatWasWrittenFirst() {
        EmbeddedChannel channel = new EmbeddedChannel(new ReadBatchFlusher(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {2}));
                ctx.close();
            }
        });

        channel.writeInbound(buffer());

        assertEquals(2, channel.outboundMessages().size());
        channel.finishAndReleaseAll();
    }

    private static Object buffer() {
        return Unpooled.wrappedBuffer(new byte[] {0});
    }
}
