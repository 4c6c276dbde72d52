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
}
