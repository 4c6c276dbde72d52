package org.camelmodbus.client;

import org.camelmodbus.protocol.ModbusProtocolException;

/** What a failed request failed with, as counted by {@link ModbusClientStats} and labelled in metrics. */
public enum ModbusErrorKind {
    /** No answer in time ({@link ModbusTimeoutException}). */
    timeout,
    /** The device answered with an exception code ({@link ModbusExceptionResponseException}). */
    exceptionResponse,
    /** Unreachable, or the connection dropped ({@link ModbusConnectionException}). */
    connection,
    /** Queue full, poll superseded, client closed ({@link ModbusRequestRejectedException}). */
    rejected,
    /** The unit's circuit breaker is open ({@link ModbusUnitUnavailableException}). */
    unitUnavailable,
    /** The answer broke the specification ({@link ModbusProtocolException}). */
    protocol,
    /** Anything else. */
    other;

    public static ModbusErrorKind of(Throwable error) {
        if (error instanceof ModbusTimeoutException) {
            return timeout;
        }
        if (error instanceof ModbusExceptionResponseException) {
            return exceptionResponse;
        }
        if (error instanceof ModbusConnectionException) {
            return connection;
        }
        if (error instanceof ModbusRequestRejectedException) {
            return rejected;
        }
        if (error instanceof ModbusUnitUnavailableException) {
            return unitUnavailable;
        }
        if (error instanceof ModbusProtocolException) {
            return protocol;
        }
        return other;
    }
}
