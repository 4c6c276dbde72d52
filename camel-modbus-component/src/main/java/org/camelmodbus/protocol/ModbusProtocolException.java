package org.camelmodbus.protocol;

import java.util.Optional;

/**
 * Malformed or inconsistent bytes: a frame or PDU that breaks the specification. A server answers such a request
 * with {@link #replyCode()} where one applies; a client fails the request it was matched to.
 */
public class ModbusProtocolException extends ModbusException {
    private final ExceptionCode replyCode;

    public ModbusProtocolException(String message) {
        this(message, null);
    }

    public ModbusProtocolException(String message, ExceptionCode replyCode) {
        super(message);
        this.replyCode = replyCode;
    }

    /** The exception code a server should answer with, if the problem is one the specification names. */
    public Optional<ExceptionCode> replyCode() {
        return Optional.ofNullable(replyCode);
    }
}
