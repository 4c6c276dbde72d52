package org.camelmodbus.transport;

import java.time.Duration;

/**
 * What a server allows its clients, so that no client can take it over: frames are always bounded by the framing;
 * these bound the rest.
 *
 * @param maxConnections clients connected at once; a further one is refused (closed at once, with a warning in the
 *     log), 1 or more
 * @param idleTimeout a connection that neither sends nor receives for this long is closed, which frees the slots of
 *     clients that vanished without closing; zero means never
 */
public record ServerLimits(int maxConnections, Duration idleTimeout) {
    /** What a server allows unless told otherwise. */
    public static final ServerLimits DEFAULT = new ServerLimits(32, Duration.ofMinutes(5));

    public ServerLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative, got " + idleTimeout);
        }
    }
}
