package org.camelmodbus.benchmarks;

import java.util.concurrent.CompletionStage;

/**
 * One client library's connection to the benchmark server, reading holding registers 0..9 of unit 1. Each
 * implementation uses its library the way its documentation recommends for speed, and checks every answer, so a
 * library that returned nothing useful could not win.
 */
interface Driver extends AutoCloseable {

    /** Sends one read and waits for its answer; throws if it failed or the answer is wrong. */
    void readBlocking() throws Exception;

    /** Starts one read; {@code null} if the library has no asynchronous API. */
    CompletionStage<?> readAsync();

    /** Whether an answer from {@link #readAsync()} holds the ten registers. */
    boolean valid(Object response);

    @Override
    void close() throws Exception;
}
