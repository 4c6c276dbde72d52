package org.camelmodbus.client;

import org.camelmodbus.protocol.ModbusRequest;

/** Human-readable request summaries for error messages. */
final class Requests {
    private Requests() {}

    /** "Read Holding Registers (0x03) at address 100, quantity 10". */
    static String describe(ModbusRequest request) {
        return request.functionCode() + " at address " + request.address() + ", quantity " + request.quantity();
    }
}
