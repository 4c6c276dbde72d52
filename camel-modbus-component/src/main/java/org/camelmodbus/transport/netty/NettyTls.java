package org.camelmodbus.transport.netty;

import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.camelmodbus.transport.TlsSettings;

/** The SslHandler of each side of a Modbus/TCP Security connection, and failures put in words a user can act on. */
final class NettyTls {
    private NettyTls() {}

    /** The certificate this side sent in the handshake, if any. */
    private static X509Certificate presented(SSLEngine engine) {
        SSLSession session = engine.getHandshakeSession() != null ? engine.getHandshakeSession() : engine.getSession();
        Certificate[] local = session.getLocalCertificates();
        return local != null && local.length > 0 && local[0] instanceof X509Certificate x ? x : null;
    }

    /** For a client that dialled {@code host:port}: checks the server's certificate and, if asked, its host name. */
    static SslHandler clientHandler(TlsSettings tls, String host, int port, Duration timeout) {
        SSLEngine engine = tls.context().createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        if (tls.verifyHostname()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        configure(engine, parameters, tls);
        return handler(engine, timeout);
    }

    /** For a server: the client must present a certificate that the trusted certificates vouch for. */
    static SslHandler serverHandler(TlsSettings tls) {
        SSLEngine engine = tls.context().createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setNeedClientAuth(true);
        configure(engine, parameters, tls);
        return handler(engine, Duration.ofSeconds(10));
    }

    private static void configure(SSLEngine engine, SSLParameters parameters, TlsSettings tls) {
        if (!tls.protocols().isEmpty()) {
            parameters.setProtocols(tls.protocols().toArray(String[]::new));
        }
        engine.setSSLParameters(parameters);
    }

    private static SslHandler handler(SSLEngine engine, Duration timeout) {
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(Math.max(1, timeout.toMillis()));
        return handler;
    }

    /** Whether {@code error} is, or wraps, a TLS failure. */
    static boolean isTlsFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A TLS failure as one readable exception without a cause, so that whoever reports the deepest cause reports
     * this: what failed, with whom, the JDK's own words, and what usually causes it. The original is kept as a
     * suppressed exception for the stack trace.
     */
    static SSLHandshakeException describe(String peer, Throwable error, SSLEngine engine) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                messages.add(t.getMessage().replaceFirst("^javax\\.net\\.ssl\\.\\w+: ", ""));
            }
        }
        String said = String.join(": ", messages);
        SSLHandshakeException e =
                new SSLHandshakeException("TLS with " + peer + " failed: " + said + hint(said, engine));
        e.addSuppressed(error);
        return e;
    }

    private static String hint(String said, SSLEngine engine) {
        if (said.contains("certificate_required")
                || said.contains("bad_certificate")
                || said.contains("certificate_unknown")
                || said.contains("unknown_ca")) {
            X509Certificate presented = presented(engine);
            return presented == null
                    ? " (the peer requires a certificate and none was presented: this side has none, or none issued by"
                            + " a CA the peer accepts)"
                    : " (the peer does not trust the certificate presented to it: "
                            + presented.getSubjectX500Principal().getName() + " issued by "
                            + presented.getIssuerX500Principal().getName() + ")";
        }
        if (said.contains("PKIX path") || said.contains("unable to find valid certification path")) {
            return " (the peer's certificate is not issued by a trusted certificate)";
        }
        if (said.contains("subject alternative name") || said.contains("No name matching")) {
            return " (the certificate does not name the host dialled; hostnameVerification=false turns the check off)";
        }
        if (said.contains("Empty client certificate chain") || said.contains("Empty server certificate chain")) {
            return " (no certificate was presented)";
        }
        return "";
    }
}
