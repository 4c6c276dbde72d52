package org.camelmodbus.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.camelmodbus.protocol.MbapFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Writing MBAP frames, and reading back what was written. */
class MbapFrameEncoderTest {
    private static ResourceLeakDetector.Level previousLevel;

    @BeforeAll
    static void paranoidLeakDetection() {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterAll
    static void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(previousLevel);
    }

    @Test
    void writesTheHeaderThenThePdu() {
        EmbeddedChannel ch = new EmbeddedChannel(MbapFrameEncoder.INSTANCE);
        assertThat(ch.writeOutbound(new MbapFrame(0x1234, 0x11, new byte[] {0x03, 0x00, 0x6B, 0x00, 0x03})))
                .isTrue();
        ByteBuf out = ch.readOutbound();
        try {
            assertThat(ByteBufUtil.getBytes(out))
                    .containsExactly(0x12, 0x34, 0x00, 0x00, 0x00, 0x06, 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03);
        } finally {
            out.release();
        }
        assertThat(out.refCnt()).isZero();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void everyFrameSurvivesARoundTripThroughEncoderAndDecoder() {
        List<MbapFrame> frames = List.of(
                new MbapFrame(0, 0, new byte[] {0x01}),
                new MbapFrame(1, 1, new byte[] {0x03, 0x00, 0x00, 0x00, 0x01}),
                new MbapFrame(0xFFFF, 255, pdu(253)),
                new MbapFrame(0x8000, 0x80, pdu(128)),
                new MbapFrame(7, 9, new byte[] {(byte) 0x90, 0x04}));
        EmbeddedChannel encoder = new EmbeddedChannel(MbapFrameEncoder.INSTANCE);
        EmbeddedChannel decoder = new EmbeddedChannel(new MbapFrameDecoder());
        for (MbapFrame frame : frames) {
            assertThat(encoder.writeOutbound(frame)).isTrue();
            ByteBuf encoded = encoder.readOutbound();
            assertThat(ByteBufUtil.getBytes(encoded)).containsExactly(frame.encode());
            assertThat(decoder.writeInbound(encoded)).isTrue();
            assertThat(encoded.refCnt())
                    .as("the decoder releases what it consumed")
                    .isZero();
            assertThat((Object) decoder.readInbound()).isEqualTo(frame);
        }
        assertThat(encoder.finish()).isFalse();
        assertThat(decoder.finish()).isFalse();
    }

    @Test
    void framesWrittenBackToBackAreReadBackFromOneBuffer() {
        List<MbapFrame> frames = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            frames.add(new MbapFrame(i * 1000, i, pdu(1 + i * 5)));
        }
        // one shared encoder instance serves two channels
        EmbeddedChannel first = new EmbeddedChannel(MbapFrameEncoder.INSTANCE);
        EmbeddedChannel second = new EmbeddedChannel(MbapFrameEncoder.INSTANCE);
        CompositeByteBuf stream = first.alloc().compositeBuffer(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            EmbeddedChannel ch = i % 2 == 0 ? first : second;
            ch.writeOutbound(frames.get(i));
            stream.addComponent(true, ch.readOutbound());
        }
        EmbeddedChannel decoder = new EmbeddedChannel(new MbapFrameDecoder());
        assertThat(decoder.writeInbound(stream)).isTrue();
        assertThat(stream.refCnt()).isZero();
        List<MbapFrame> decoded = new ArrayList<>();
        for (Object o = decoder.readInbound(); o != null; o = decoder.readInbound()) {
            decoded.add((MbapFrame) o);
        }
        assertThat(decoded).containsExactlyElementsOf(frames);
        assertThat(first.finish()).isFalse();
        assertThat(second.finish()).isFalse();
        assertThat(decoder.finish()).isFalse();
    }

    private static byte[] pdu(int length) {
        byte[] pdu = new byte[length];
        for (int i = 0; i < length; i++) {
            pdu[i] = (byte) (i * 7 + 3);
        }
        return pdu;
    }
}
