package org.camelmodbus.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cutting a TCP byte stream into MBAP frames, however the stream is split, and refusing bad headers at once. */
class MbapFrameDecoderTest {
    private static final MbapFrame FRAME = new MbapFrame(0x1234, 0x11, new byte[] {0x03, 0x00, 0x6B, 0x00, 0x03});
    private static final int MAX_FRAME = 7 + 253;

    private static ResourceLeakDetector.Level previousLevel;

    /** Every buffer a test hands to a channel, checked for release after the test. */
    private final List<ByteBuf> written = new ArrayList<>();

    private final List<Throwable> errors = new ArrayList<>();

    @BeforeAll
    static void paranoidLeakDetection() {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterAll
    static void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(previousLevel);
    }

    @AfterEach
    void everyBufferWasReleased() {
        for (ByteBuf buf : written) {
            assertThat(buf.refCnt())
                    .as("reference count of a buffer fed to the decoder")
                    .isZero();
        }
    }

    @Test
    void aFrameSplitAtAnyTwoPointsIsDecodedExactlyOnce() {
        byte[] adu = FRAME.encode();
        for (int i = 0; i <= adu.length; i++) {
            for (int j = i; j <= adu.length; j++) {
                EmbeddedChannel ch = decoderChannel();
                write(ch, adu, 0, i);
                write(ch, adu, i, j);
                if (j < adu.length) {
                    assertThat((Object) ch.readInbound())
                            .as("split %d/%d, before the last part", i, j)
                            .isNull();
                }
                write(ch, adu, j, adu.length);
                assertThat((Object) ch.readInbound()).as("split %d/%d", i, j).isEqualTo(FRAME);
                assertThat((Object) ch.readInbound()).isNull();
                assertThat(buffered(ch)).isZero();
                assertThat(ch.finish()).isFalse();
            }
        }
    }

    @Test
    void aFrameFedByteByByteComesOutAfterItsLastByte() {
        MbapFrame big = new MbapFrame(0xFFFF, 255, pdu(253, 7));
        for (MbapFrame frame : List.of(FRAME, big)) {
            byte[] adu = frame.encode();
            EmbeddedChannel ch = decoderChannel();
            for (int k = 0; k < adu.length - 1; k++) {
                write(ch, adu, k, k + 1);
                assertThat((Object) ch.readInbound()).as("after byte %d", k).isNull();
                assertThat(buffered(ch)).isEqualTo(k + 1);
            }
            write(ch, adu, adu.length - 1, adu.length);
            assertThat((Object) ch.readInbound()).isEqualTo(frame);
            assertThat(buffered(ch)).isZero();
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void severalFramesInOneBufferComeOutInOrder() {
        List<MbapFrame> frames = List.of(
                new MbapFrame(0, 0, new byte[] {0x07}),
                FRAME,
                new MbapFrame(0xFFFF, 255, pdu(253, 1)),
                new MbapFrame(42, 3, new byte[] {(byte) 0x83, 0x02}));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        frames.forEach(f -> stream.writeBytes(f.encode()));
        byte[] all = stream.toByteArray();

        EmbeddedChannel ch = decoderChannel();
        write(ch, all, 0, all.length);
        assertThat(readAll(ch)).containsExactlyElementsOf(frames);
        assertThat(ch.finish()).isFalse();

        // one and a half frames, then the rest
        int cut = frames.get(0).encode().length + 4;
        EmbeddedChannel split = decoderChannel();
        write(split, all, 0, cut);
        assertThat(readAll(split)).containsExactly(frames.get(0));
        write(split, all, cut, all.length);
        assertThat(readAll(split)).containsExactlyElementsOf(frames.subList(1, frames.size()));
        assertThat(split.finish()).isFalse();
    }

    @Test
    void aStreamInRandomChunksIsDecodedAndNeverBuffersAFullFrame() {
        Random random = new Random(7);
        List<MbapFrame> frames = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 300; i++) {
            int length = i % 3 == 0 ? 253 : 1 + random.nextInt(253);
            MbapFrame frame = new MbapFrame(i, random.nextInt(256), pdu(length, i));
            frames.add(frame);
            stream.writeBytes(frame.encode());
        }
        byte[] all = stream.toByteArray();
        EmbeddedChannel ch = decoderChannel();
        List<MbapFrame> decoded = new ArrayList<>();
        int offset = 0;
        while (offset < all.length) {
            int end = Math.min(all.length, offset + 1 + random.nextInt(600));
            write(ch, all, offset, end);
            offset = end;
            decoded.addAll(readAll(ch));
            assertThat(buffered(ch)).isLessThan(MAX_FRAME);
        }
        assertThat(decoded).containsExactlyElementsOf(frames);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aBadProtocolIdRaisesWithoutWaitingForTheBody() {
        EmbeddedChannel ch = decoderChannel();
        byte[] header = header(1, 0x0001, 6, 1); // announces 5 bytes of PDU, none follow
        ByteBuf buf = track(ch, header, 0, header.length);
        assertThatThrownBy(() -> ch.writeInbound(buf))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(ModbusProtocolException.class)
                .hasMessageContaining("protocol id 0x0001");
        assertThat((Object) ch.readInbound()).isNull();
        closeQuietly(ch);
    }

    @Test
    void badLengthFieldsRaiseWithoutWaitingForTheBody() {
        for (int length : new int[] {0, 1, 255, 256, 0x1000, 0xFFFF}) {
            EmbeddedChannel ch = decoderChannel();
            byte[] header = header(1, 0, length, 1);
            ByteBuf buf = track(ch, header, 0, header.length);
            assertThatThrownBy(() -> ch.writeInbound(buf))
                    .as("length field %d", length)
                    .isInstanceOf(DecoderException.class)
                    .hasCauseInstanceOf(ModbusProtocolException.class)
                    .hasMessageContaining("length field " + length);
            closeQuietly(ch);
        }
    }

    @Test
    void inAPipelineThatClosesOnErrorsABadHeaderClosesTheChannelAtOnce() {
        for (byte[] header : List.of(header(9, 0x0102, 6, 1), header(9, 0, 0xFFFF, 1), header(9, 0, 1, 1))) {
            EmbeddedChannel ch = closingChannel();
            write(ch, header, 0, header.length);
            assertThat(ch.isOpen()).isFalse();
            assertThat(errors).isNotEmpty();
            assertThat(errors.get(0))
                    .isInstanceOf(DecoderException.class)
                    .hasCauseInstanceOf(ModbusProtocolException.class);
            assertThat((Object) ch.readInbound()).isNull();
            errors.clear();
        }
    }

    @Test
    void aHostileLengthFollowedByABulkOfBytesIsRefusedAndNothingIsKept() {
        byte[] hostile = new byte[7 + 60_000];
        System.arraycopy(header(5, 0, 0xFFFF, 1), 0, hostile, 0, 7);
        EmbeddedChannel ch = closingChannel();
        write(ch, hostile, 0, hostile.length);
        assertThat(ch.isOpen()).isFalse();
        assertThat(errors).isNotEmpty();
        assertThat((Object) ch.readInbound()).isNull();
        // the buffer holding it was released (checked after the test)
    }

    @Test
    void aValidFrameAfterAMaximalHeaderIsBufferedOnlyUpToItsOwnLength() {
        MbapFrame max = new MbapFrame(77, 1, pdu(253, 3));
        byte[] adu = max.encode();
        byte[] twoFrames = Arrays.copyOf(adu, adu.length * 2);
        System.arraycopy(adu, 0, twoFrames, adu.length, adu.length);
        EmbeddedChannel ch = decoderChannel();
        for (int k = 0; k < twoFrames.length; k++) {
            write(ch, twoFrames, k, k + 1);
            assertThat(buffered(ch)).isLessThan(MAX_FRAME);
        }
        assertThat(readAll(ch)).containsExactly(max, max);
        assertThat(ch.finish()).isFalse();
    }

    // ---- helpers ----

    private static EmbeddedChannel decoderChannel() {
        return new EmbeddedChannel(new MbapFrameDecoder());
    }

    /** Decoder plus a last handler that closes the channel on any error, as the client and server pipelines do. */
    private EmbeddedChannel closingChannel() {
        return new EmbeddedChannel(new MbapFrameDecoder(), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
                ctx.close();
            }
        });
    }

    /** Copies a slice into a leak-tracked buffer of the channel's allocator. */
    private ByteBuf track(EmbeddedChannel ch, byte[] bytes, int from, int to) {
        ByteBufAllocator alloc = ch.alloc();
        ByteBuf buf = alloc.buffer(Math.max(1, to - from));
        buf.writeBytes(bytes, from, to - from);
        written.add(buf);
        return buf;
    }

    private void write(EmbeddedChannel ch, byte[] bytes, int from, int to) {
        ch.writeInbound(track(ch, bytes, from, to));
    }

    private static List<MbapFrame> readAll(EmbeddedChannel ch) {
        List<MbapFrame> frames = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            frames.add((MbapFrame) o);
        }
        return frames;
    }

    /** Bytes the decoder holds back, waiting for the rest of a frame. */
    private static int buffered(EmbeddedChannel ch) {
        try {
            Method m = ByteToMessageDecoder.class.getDeclaredMethod("actualReadableBytes");
            m.setAccessible(true);
            return (int) m.invoke(ch.pipeline().get(MbapFrameDecoder.class));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Closes a channel whose decoder failed; closing may report the same failure again. */
    private static void closeQuietly(EmbeddedChannel ch) {
        try {
            ch.finishAndReleaseAll();
        } catch (DecoderException expected) {
            // the decoder sees the same bad header again when the channel closes
        }
        assertThat(ch.isOpen()).isFalse();
    }

    private static byte[] header(int transactionId, int protocolId, int lengthField, int unitId) {
        return new byte[] {
            (byte) (transactionId >>> 8),
            (byte) transactionId,
            (byte) (protocolId >>> 8),
            (byte) protocolId,
            (byte) (lengthField >>> 8),
            (byte) lengthField,
            (byte) unitId
        };
    }

    private static byte[] pdu(int length, int seed) {
        byte[] pdu = new byte[length];
        for (int i = 0; i < length; i++) {
            pdu[i] = (byte) (seed * 31 + i);
        }
        return pdu;
    }
}
