package org.camelmodbus.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.transport.netty.MbapFrameDecoder;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the Netty {@link MbapFrameDecoder} with {@link Fuzz#INPUTS} inputs (1,000,000 by default): byte strings (valid
 * frames, bursts of them, mutated frames, splices, hostile headers, garbage) streamed through an {@link EmbeddedChannel}
 * in random fragmentations, up to 32 inputs on one channel, in the pipeline the client and server use (decoder, then a
 * handler that closes on any error). After every fragment, the channel must agree with a reference framer written
 * from the specification: exactly the frames the stream holds so far, in order; a bad header (protocol id not 0,
 * length field outside 2..254) closes the channel, with a {@link ModbusProtocolException} as the only error, and no
 * frame comes from the bytes at or after it; while open, the decoder holds exactly the bytes of the incomplete frame
 * at the end of the stream, so never 260 or more, in a buffer that follows the size of the reads (at most four times
 * 260 bytes plus the largest read), not their number. Every buffer handed to the channel is released by the time it
 * closes.
 */
class MbapStreamFuzzTest {
    private static final int MAX_ADU = 7 + 253;
    private static final int INPUTS_PER_CHANNEL = 32;

    private static final Method INTERNAL_BUFFER;

    static {
        try {
            INTERNAL_BUFFER = ByteToMessageDecoder.class.getDeclaredMethod("internalBuffer");
            INTERNAL_BUFFER.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    void mbapFrameDecoder() throws Throwable {
        StreamTarget target = new StreamTarget();
        Fuzz.run(target);
        if (Fuzz.INPUTS >= 100_000) {
            assertThat(target.frames).as("frames decoded").isGreaterThan(Fuzz.INPUTS / 4);
            assertThat(target.closedOnBadHeader)
                    .as("channels closed on a bad header")
                    .isGreaterThan(Fuzz.INPUTS / 10);
            assertThat(target.cleanChannels)
                    .as("channels that took 32 good inputs")
                    .isGreaterThan(Fuzz.INPUTS / 1000);
            assertThat(target.maxBuffered).as("most bytes buffered").isBetween(MAX_ADU - 20, MAX_ADU - 1);
        }
    }

    /** A claim of 65,535 bytes followed by 60,000 of them costs the decoder an exception, not a buffer. */
    @Test
    void aHostileLengthClaimIsRefusedWithoutAllocatingForIt() {
        byte[] hostile = new byte[7 + 60_000];
        byte[] header = {0, 1, 0, 0, (byte) 0xFF, (byte) 0xFF, 1};
        System.arraycopy(header, 0, hostile, 0, header.length);
        long allocated = Long.MAX_VALUE;
        for (int i = 0; i < 2_000; i++) { // warm up, then take the least: nothing about this input varies
            Collector collector = new Collector();
            EmbeddedChannel ch = channel(collector);
            ByteBuf buf = Unpooled.wrappedBuffer(hostile);
            long before = Allocations.current();
            ch.writeInbound(buf);
            allocated = Math.min(allocated, Allocations.current() - before);
            assertThat(ch.isOpen()).isFalse();
            assertThat(collector.frames).isEmpty();
            assertThat(buf.refCnt()).isZero();
        }
        if (Allocations.supported()) {
            System.out.printf("fuzz MbapFrameDecoder: refusing a 65,535-byte claim took %d bytes%n", allocated);
            assertThat(allocated).as("bytes allocated to refuse the claim").isLessThan(2 * Allocations.MAX_PER_DECODE);
        }
    }

    // ---- the target

    static final class StreamTarget extends Fuzz.Target {
        final ModbusInputs gen = new ModbusInputs(rng);
        final ReferenceFramer model = new ReferenceFramer();
        final List<ByteBuf> written = new ArrayList<>();
        final StringBuilder log = new StringBuilder();
        Collector collector;
        MbapFrameDecoder decoder;
        EmbeddedChannel ch;
        int inputsOnChannel;
        int largestRead;
        boolean goodStreamOnly;
        byte[] carried = new byte[0];

        long frames;
        long closedOnBadHeader;
        long cleanChannels;
        long fragments;
        int maxBuffered;
        int maxCapacity;

        StreamTarget() {
            super("MbapFrameDecoder");
        }

        @Override
        void input(long index) {
            if (ch == null) {
                open();
            }
            byte[] chunk = chunk();
            log.append(log.length() == 0 ? "" : "\n  ")
                    .append("input #")
                    .append(index)
                    .append(':');
            if (goodStreamOnly) {
                // reads of any size, cut without regard to frame boundaries: what is left waits for the next input
                chunk = join(carried, chunk);
                int from = 0;
                for (int n = rng.between(1, 700); from + n <= chunk.length; n = rng.between(1, 700)) {
                    feed(chunk, from, from + n);
                    from += n;
                }
                carried = Arrays.copyOfRange(chunk, from, chunk.length);
            } else {
                int from = 0;
                while (from < chunk.length) {
                    int to = Math.min(chunk.length, from + fragmentLength(chunk.length));
                    if (feed(chunk, from, to)) {
                        return;
                    }
                    from = to;
                }
            }
            if (++inputsOnChannel == INPUTS_PER_CHANNEL) {
                close();
            }
        }

        private byte[] chunk() {
            byte[] chunk = switch (goodStreamOnly ? 3 : rng.nextInt(16)) {
                case 0 -> gen.randomBytes(300);
                case 1 -> {
                    // garbage behind a header that passes: the decoder must cut it by the length field alone
                    byte[] bytes = gen.randomBytes(300);
                    if (bytes.length >= 7) {
                        bytes[2] = 0;
                        bytes[3] = 0;
                        bytes[4] = 0;
                        bytes[5] = (byte) rng.between(2, 254);
                    }
                    yield bytes;
                }
                case 2 -> hostileHeader();
                case 3, 4 -> {
                    byte[] burst = new byte[0];
                    for (int n = rng.between(1, 4); n > 0; n--) {
                        burst = join(burst, gen.validFrame());
                    }
                    yield burst;
                }
                case 5 -> gen.splice(gen.validFrame(), gen.validFrame());
                default -> gen.mutate(gen.validFrame(), true);
            };
            return chunk.length == 0 ? new byte[] {(byte) rng.nextInt(256)} : chunk;
        }

        /** A header claiming a length the decoder must refuse (or a foreign protocol id), and then a lot of bytes. */
        private byte[] hostileHeader() {
            int[] lengths = {0, 1, 255, 256, 260, 0x7FFF, 0x8000, 0xFFFF};
            boolean foreign = rng.oneIn(4);
            int length = foreign ? rng.between(2, 254) : lengths[rng.nextInt(lengths.length)];
            byte[] bytes = new byte[7 + rng.nextInt(rng.nextBoolean() ? 16 : 600)];
            rng.nextBytes(bytes, 0, bytes.length);
            bytes[2] = (byte) (foreign ? rng.between(1, 255) : 0);
            bytes[3] = (byte) (foreign ? rng.nextInt(256) : 0);
            bytes[4] = (byte) (length >>> 8);
            bytes[5] = (byte) length;
            return bytes;
        }

        /** Whole most of the time, else pieces of a few bytes, or of one byte for short inputs. */
        private int fragmentLength(int length) {
            return switch (rng.nextInt(8)) {
                case 0, 1, 2, 3 -> length;
                case 4, 5 -> rng.between(1, Math.max(1, length / 2));
                case 6 -> rng.between(1, 16);
                default -> length <= 64 ? 1 : rng.between(1, 8);
            };
        }

        /** Writes one fragment and checks the channel against the model; true if the channel closed. */
        private boolean feed(byte[] chunk, int from, int to) {
            fragments++;
            log.append(' ').append(Fuzz.hex(chunk, from, to)).append(" |");
            List<MbapFrame> expected = model.feed(chunk, from, to);
            ByteBuf buf = Unpooled.wrappedBuffer(Arrays.copyOfRange(chunk, from, to));
            written.add(buf);
            ch.writeInbound(buf);
            if (!collector.frames.equals(expected)) {
                throw new AssertionError("frames " + collector.frames + ", expected " + expected);
            }
            frames += expected.size();
            collector.frames.clear();
            if (model.failed) {
                if (ch.isOpen()) {
                    throw new AssertionError("a bad header did not close the channel");
                }
                checkErrors(true);
                closedOnBadHeader++;
                close();
                return true;
            }
            if (!ch.isOpen()) {
                throw new AssertionError("the channel closed on a good stream: " + collector.errors);
            }
            checkErrors(false);
            ByteBuf cumulation = internalBuffer(decoder);
            if (cumulation.readableBytes() != model.buffered()) {
                throw new AssertionError("the decoder holds " + cumulation.readableBytes()
                        + " bytes, the incomplete frame at the end of the stream has " + model.buffered());
            }
            // Netty's merge cumulator grows its buffer in powers of two from what it holds plus one read: the
            // buffer follows the largest read, never the number of reads or what a length field claims
            largestRead = Math.max(largestRead, to - from);
            if (cumulation.capacity() > 4 * (MAX_ADU + largestRead)) {
                throw new AssertionError("the decoder's buffer grew to " + cumulation.capacity()
                        + " bytes, the largest read was " + largestRead);
            }
            maxBuffered = Math.max(maxBuffered, cumulation.readableBytes());
            maxCapacity = Math.max(maxCapacity, cumulation.capacity());
            return false;
        }

        private void checkErrors(boolean expectSome) {
            if (expectSome && collector.errors.isEmpty()) {
                throw new AssertionError("the channel closed without an error");
            }
            for (Throwable error : collector.errors) {
                if (!(error instanceof DecoderException && error.getCause() instanceof ModbusProtocolException)) {
                    throw new AssertionError("unexpected error " + error, error);
                }
            }
            if (!expectSome && !collector.errors.isEmpty()) {
                throw new AssertionError("error on a good stream: " + collector.errors.get(0), collector.errors.get(0));
            }
        }

        private void open() {
            collector = new Collector();
            ch = channel(collector);
            decoder = ch.pipeline().get(MbapFrameDecoder.class);
            model.reset();
            written.clear();
            log.setLength(0);
            inputsOnChannel = 0;
            largestRead = 0;
            // most channels soon meet a bad header; some carry a long good stream, in pieces that rarely end on a
            // frame boundary, which is what makes the decoder's buffer grow if anything does
            goodStreamOnly = rng.oneIn(32);
            carried = new byte[0];
        }

        /** Closes the channel (again): nothing may come out of what is left, and every buffer must be released. */
        private void close() {
            boolean clean = ch.isOpen();
            ch.close();
            if (!collector.frames.isEmpty()) {
                throw new AssertionError("frames on close: " + collector.frames);
            }
            checkErrors(!clean);
            for (ByteBuf buf : written) {
                if (buf.refCnt() != 0) {
                    throw new AssertionError("a buffer written to the channel was not released");
                }
            }
            if (internalBuffer(decoder) != Unpooled.EMPTY_BUFFER) {
                throw new AssertionError("the decoder still holds a cumulation buffer after close");
            }
            if (clean) {
                cleanChannels++;
            }
            ch = null;
        }

        @Override
        String describeInput() {
            return "the channel's stream so far, fragments separated by |:\n  " + log;
        }

        @Override
        String summary() {
            return String.format(
                    "%d fragments, %d frames decoded, %d channels closed on a bad header, %d channels of %d good"
                            + " inputs; at most %d bytes buffered (cumulation capacity at most %d)",
                    fragments, frames, closedOnBadHeader, cleanChannels, INPUTS_PER_CHANNEL, maxBuffered, maxCapacity);
        }
    }

    /** MBAP framing from the specification: header of 7 bytes, length field counting unit id and PDU. */
    static final class ReferenceFramer {
        private byte[] buf = new byte[1024];
        private int length;
        boolean failed;

        void reset() {
            length = 0;
            failed = false;
        }

        int buffered() {
            return length;
        }

        List<MbapFrame> feed(byte[] bytes, int from, int to) {
            if (length + to - from > buf.length) {
                buf = Arrays.copyOf(buf, 2 * (length + to - from));
            }
            System.arraycopy(bytes, from, buf, length, to - from);
            length += to - from;
            List<MbapFrame> frames = new ArrayList<>(2);
            while (!failed && length >= 7) {
                int protocolId = ModbusInputs.u16(buf, 2);
                int lengthField = ModbusInputs.u16(buf, 4);
                if (protocolId != 0 || lengthField < 2 || lengthField > 254) {
                    failed = true;
                } else if (length >= 6 + lengthField) {
                    frames.add(new MbapFrame(
                            ModbusInputs.u16(buf, 0), buf[6] & 0xFF, Arrays.copyOfRange(buf, 7, 6 + lengthField)));
                    System.arraycopy(buf, 6 + lengthField, buf, 0, length - 6 - lengthField);
                    length -= 6 + lengthField;
                } else {
                    break;
                }
            }
            return frames;
        }
    }

    /** The end of the client's and server's pipelines, as far as the decoder can tell: take frames, close on errors. */
    static final class Collector extends ChannelInboundHandlerAdapter {
        final List<MbapFrame> frames = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            frames.add((MbapFrame) msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
            ctx.close();
        }
    }

    /**
     * The decoder and a collector on a channel whose buffers come from the unpooled allocator without leak tracking:
     * the test checks every buffer's release itself, at a fraction of the cost of paranoid leak detection.
     */
    static EmbeddedChannel channel(Collector collector) {
        EmbeddedChannel ch = new EmbeddedChannel(new MbapFrameDecoder(), collector);
        ch.config().setAllocator(new UnpooledByteBufAllocator(false, true));
        return ch;
    }

    static ByteBuf internalBuffer(MbapFrameDecoder decoder) {
        try {
            return (ByteBuf) INTERNAL_BUFFER.invoke(decoder);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
