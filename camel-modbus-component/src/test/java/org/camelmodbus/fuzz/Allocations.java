package org.camelmodbus.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the current thread, from HotSpot's per-thread counter (exact to the byte, TLABs included): the
 * way to show that a decoder allocates for what a frame holds, never for what a length field claims.
 */
final class Allocations {
    /**
     * What one decode may allocate, all objects together. The largest legitimate model (1,968 coils of a Write Multiple
     * Coils request, a {@code boolean} each) takes about 3 KiB, a refusal whose message quotes two PDUs in hex (an echo
     * that differs) about 9 KiB; a decoder that believed a length or quantity field would take 64 KiB (65,535 bits) to
     * 256 KiB (65,535 registers).
     */
    static final long MAX_PER_DECODE = 16 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final boolean SUPPORTED =
            THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();

    private Allocations() {}

    static boolean supported() {
        return SUPPORTED;
    }

    /** Bytes this thread has allocated so far; 0 where the JVM cannot tell. */
    static long current() {
        return SUPPORTED ? THREADS.getCurrentThreadAllocatedBytes() : 0;
    }
}
