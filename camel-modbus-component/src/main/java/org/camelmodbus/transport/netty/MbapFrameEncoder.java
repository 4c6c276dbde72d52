package org.camelmodbus.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.MbapHeader;

/** Writes an MBAP frame: the 7-byte header, then the PDU. Stateless, so one instance serves every channel. */
@ChannelHandler.Sharable
public final class MbapFrameEncoder extends MessageToByteEncoder<MbapFrame> {
    public static final MbapFrameEncoder INSTANCE = new MbapFrameEncoder();

    private MbapFrameEncoder() {
        super(MbapFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MbapFrame frame, ByteBuf out) {
        byte[] pdu = frame.pdu();
        out.ensureWritable(MbapHeader.LENGTH + pdu.length);
        out.writeShort(frame.transactionId());
        out.writeShort(0);
        out.writeShort(pdu.length + 1);
        out.writeByte(frame.unitId());
        out.writeBytes(pdu);
    }
}
