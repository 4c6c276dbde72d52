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

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
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
        out.add(new MbapFrame(transactionId, unitId, pdu));
    }
}
