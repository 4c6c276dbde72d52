package org.camelmodbus.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.MbapHeader;

/**
 * Cuts a TCP byte stream into MBAP frames. The length field is checked before any byte of the body is awaited, so a
 * hostile or broken peer can make it buffer at most one maximum-size frame (260 bytes), never what it claims.
 * A bad header throws: the stream can no longer be trusted, and the connection is closed.
 */
public final class MbapFrameDecoder extends ByteToMessageDecoder {

    /** Written on the event loop, read by whoever asks {@link #midFrame()}. */
    private volatile boolean midFrame;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        midFrame = in.isReadable();
        if (in.readableBytes() < MbapHeader.LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int lengthField = in.getUnsignedShort(start + 4);
        MbapHeader.checkFields(in.getUnsignedShort(start + 2), lengthField);
        if (in.readableBytes() < 6 + lengthField) {
            return;
        }
        int transactionId = in.getUnsignedShort(start);
        int unitId = in.getUnsignedByte(start + 6);
        byte[] pdu = new byte[lengthField - 1];
        in.getBytes(start + MbapHeader.LENGTH, pdu);
        in.skipBytes(6 + lengthField);
        midFrame = in.isReadable();
        out.add(new MbapFrame(transactionId, unitId, pdu));
    }

    /** Whether the bytes received so far end in the middle of a frame. Safe to ask from any thread. */
    boolean midFrame() {
        return midFrame;
    }
}
