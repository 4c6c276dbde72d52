package org.camelmodbus.client;

import org.camelmodbus.protocol.ModbusRequest;

/**
 * Hears what happens to a client's requests, for metrics. Called on the thread that completes the request, often
 * the transport's I/O thread: keep it short and never block.
 */
public interface ModbusClientListener {

    /**
     * One attempt of a request ended, {@code nanos} after it was handed to the client (queueing included): answered
     * if {@code error} is null, else failed with it.
     */
    default void requestEnded(int unitId, ModbusRequest request, long nanos, Throwable error) {}

    /** A failed attempt is followed by another, as the request's retry policy allows. */
    default void retrying(int unitId, ModbusRequest request, int attempt, Throwable error) {}
}
