package org.camelmodbus.transport;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a connection is secured with TLS, as Modbus/TCP Security asks: the context that holds our certificate and the
 * certificates we trust (see {@link TlsContexts}), which protocol versions to enable, and whether a client checks
 * that the server's certificate names the host it dialled. A server always requires the client's certificate: the
 * specification makes authentication mutual.
 *
 * @param context our identity and the trusted certificates
 * @param protocols the protocol versions to enable, for example TLSv1.3 and TLSv1.2; empty leaves the context's own
 *     choice (a context made from Camel's SSLContextParameters carries its configured protocols)
 * @param verifyHostname client only: whether the server's certificate must name the host (DNS name or IP address)
 */
public record TlsSettings(SSLContext context, List<String> protocols, boolean verifyHostname) {

    /** The versions Modbus/TCP Security allows: TLS 1.2 at least. */
    public static final List<String> MODBUS_SECURITY_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsSettings {
        Objects.requireNonNull(context, "context");
        protocols = List.copyOf(protocols);
    }

    /** TLS 1.3 and 1.2, checking the server's host name. */
    public static TlsSettings of(SSLContext context) {
        return new TlsSettings(context, MODBUS_SECURITY_PROTOCOLS, true);
    }

    public TlsSettings withProtocols(List<String> protocols) {
        return new TlsSettings(context, protocols, verifyHostname);
    }

    public TlsSettings withVerifyHostname(boolean verifyHostname) {
        return new TlsSettings(context, protocols, verifyHostname);
    }
}
