package org.camelmodbus.server;

import java.util.concurrent.CompletionStage;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;

/**
 * Decides a server's answer to one request. May answer later (a route, a downstream device); an
 * {@link org.camelmodbus.protocol.ExceptionResponse} is a valid answer. A failed stage becomes exception 0x04.
 */
@FunctionalInterface
public interface ModbusRequestHandler {
    CompletionStage<ModbusResponse> handle(int unitId, ModbusRequest request);

    /**
     * Answers a request from {@code peer}, who sent it: the client's socket address on TCP, the port's name on a serial
     * line. Handlers that pass requests on, or care who asked, are {@link PeerAwareHandler}s; the others need not know.
     */
    default CompletionStage<ModbusResponse> handle(int unitId, ModbusRequest request, Object peer) {
        return handle(unitId, request);
    }
}
