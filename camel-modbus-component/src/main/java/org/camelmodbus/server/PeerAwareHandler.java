package org.camelmodbus.server;

import java.util.concurrent.CompletionStage;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;

/**
 * A handler that passes requests on, or cares who sent them: it implements the form with the peer, and a request
 * handed to it without one gets null.
 */
@FunctionalInterface
public interface PeerAwareHandler extends ModbusRequestHandler {
    @Override
    CompletionStage<ModbusResponse> handle(int unitId, ModbusRequest request, Object peer);

    @Override
    default CompletionStage<ModbusResponse> handle(int unitId, ModbusRequest request) {
        return handle(unitId, request, null);
    }
}
