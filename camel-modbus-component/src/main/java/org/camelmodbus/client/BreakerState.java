package org.camelmodbus.client;

/** The state of one unit's circuit breaker. */
public enum BreakerState {
    /** The unit is served. */
    CLOSED,
    /** The unit timed out too often and is parked: its requests fail at once until the next probe is due. */
    OPEN,
    /** One probe request is on its way to the parked unit; its answer closes the breaker, its timeout reopens it. */
    HALF_OPEN
}
