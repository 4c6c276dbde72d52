package org.camelmodbus.transport;

/** Runs an action after a delay, on whatever thread suits the transport; a delay of zero or less runs it now. */
@FunctionalInterface
public interface Delayer {
    void after(long nanos, Runnable action);
}
