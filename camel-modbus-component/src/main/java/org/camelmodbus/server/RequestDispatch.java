package org.camelmodbus.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.FunctionCode;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.RequestCodec;
import org.camelmodbus.protocol.ResponseCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request PDU with a response PDU, whatever carries them: a request the codec rejects gets the exception
 * code the specification prescribes, a handler failure gets 0x04 (server device failure).
 */
public final class RequestDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatch.class);

    private RequestDispatch() {}

    /** @param peer who asked: passed to the handler, and named in log messages */
    public static CompletionStage<byte[]> answer(ModbusRequestHandler handler, int unitId, byte[] pdu, Object peer) {
        int functionCode = pdu[0] & 0xFF;
        ModbusRequest request;
        try {
            request = RequestCodec.decode(pdu);
        } catch (ModbusProtocolException e) {
            LOG.debug("Refusing request from {}: {}", peer, e.getMessage());
            return CompletableFuture.completedFuture(
                    exceptionPdu(functionCode, e.replyCode().orElse(ExceptionCode.ILLEGAL_DATA_VALUE)));
        }
        CompletionStage<byte[]> answer;
        try {
            answer = handler.handle(unitId, request, peer).thenApply(ResponseCodec::encode);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.exceptionally(error -> {
            LOG.warn("Handler failed on {}: {}", request, error.toString());
            return exceptionPdu(functionCode, ExceptionCode.SERVER_DEVICE_FAILURE);
        });
    }

    private static byte[] exceptionPdu(int functionCode, ExceptionCode code) {
        return new byte[] {(byte) (functionCode | FunctionCode.EXCEPTION_FLAG), (byte) code.code()};
    }
}
