package org.camelmodbus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.camelmodbus.transport.TlsContexts;
import org.camelmodbus.transport.TlsSettings;

/**
 * Where a device's TLS identity and trust come from: Camel's SSLContextParameters, or a key store and a trust store,
 * or PEM files (the two file kinds mix). Part of the device settings, so every endpoint of a device must agree; its
 * text names the sources but never a password. A server endpoint turns it into {@link TlsSettings} the same way.
 */
record ModbusTls(
        SSLContextParameters sslContextParameters,
        String keyStore,
        String keyStorePassword,
        String trustStore,
        String trustStorePassword,
        String certChain,
        String privateKey,
        String privateKeyPassword,
        String trustedCertificates,
        boolean hostnameVerification) {

    /** The TLS options of {@code d}; null when none is set (hostnameVerification alone does not count). */
    static ModbusTls of(ModbusDevice d) {
        ModbusTls tls = new ModbusTls(
                d.getSslContextParameters(),
                d.getKeyStore(),
                d.getKeyStorePassword(),
                d.getTrustStore(),
                d.getTrustStorePassword(),
                d.getCertChain(),
                d.getPrivateKey(),
                d.getPrivateKeyPassword(),
                d.getTrustedCertificates(),
                d.isHostnameVerification());
        boolean any = tls.sslContextParameters != null
                || Stream.of(tls.keyStore, tls.trustStore, tls.certChain, tls.privateKey, tls.trustedCertificates)
                        .anyMatch(Objects::nonNull);
        return any ? tls : null;
    }

    /** With the component's global SSLContextParameters, for a tls endpoint that names no TLS source itself. */
    static ModbusTls global(SSLContextParameters parameters, boolean hostnameVerification) {
        return new ModbusTls(parameters, null, null, null, null, null, null, null, null, hostnameVerification);
    }

    /** Refuses contradictory or incomplete options, naming them. */
    void validate() {
        if (sslContextParameters != null
                && Stream.of(keyStore, trustStore, certChain, privateKey, trustedCertificates)
                        .anyMatch(Objects::nonNull)) {
            throw new IllegalArgumentException("sslContextParameters holds the whole TLS configuration; do not also"
                    + " set keyStore, trustStore, certChain, privateKey or trustedCertificates");
        }
        if (keyStore != null && (certChain != null || privateKey != null)) {
            throw new IllegalArgumentException(
                    "Give this side's certificate either as keyStore or as certChain and privateKey (PEM), not both");
        }
        if ((certChain == null) != (privateKey == null)) {
            throw new IllegalArgumentException("certChain and privateKey (PEM) go together: set both or neither");
        }
        if (trustStore != null && trustedCertificates != null) {
            throw new IllegalArgumentException(
                    "Give the certificates to trust either as trustStore or as trustedCertificates (PEM), not both");
        }
        if (sslContextParameters == null && trustStore == null && trustedCertificates == null) {
            throw new IllegalArgumentException("modbus:tls needs the certificates to trust, to know the peer is"
                    + " genuine: set trustStore or trustedCertificates (PEM), or sslContextParameters");
        }
    }

    /** Whether this side has a certificate of its own to show (a server must). */
    boolean hasIdentity() {
        return sslContextParameters != null || keyStore != null || certChain != null;
    }

    /** Loads the stores or files and makes the context; failures name the option at fault. */
    TlsSettings settings(CamelContext camelContext) {
        validate();
        SSLContext context;
        List<String> protocols = TlsSettings.MODBUS_SECURITY_PROTOCOLS;
        if (sslContextParameters != null) {
            try {
                context = sslContextParameters.createSSLContext(camelContext);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalArgumentException("sslContextParameters: " + e.getMessage(), e);
            }
            protocols = List.of(); // as the parameters configure them
        } else {
            KeyStore identity = null;
            char[] keyPassword = null;
            String step = null;
            try {
                if (keyStore != null) {
                    step = "keyStore " + keyStore;
                    keyPassword = chars(keyStorePassword);
                    identity = TlsContexts.keyStore(read(camelContext, keyStore), keyPassword);
                } else if (certChain != null) {
                    step = "certChain " + certChain + " with privateKey " + privateKey;
                    keyPassword = chars(privateKeyPassword);
                    identity = TlsContexts.pemIdentity(
                            read(camelContext, certChain), read(camelContext, privateKey), keyPassword);
                }
                KeyStore trusted;
                if (trustStore != null) {
                    step = "trustStore " + trustStore;
                    trusted = TlsContexts.keyStore(read(camelContext, trustStore), chars(trustStorePassword));
                } else {
                    step = "trustedCertificates " + trustedCertificates;
                    trusted = TlsContexts.pemTrusted(read(camelContext, trustedCertificates));
                }
                step = "TLS context";
                context = TlsContexts.create(identity, keyPassword, trusted);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalArgumentException(step + ": " + e.getMessage(), e);
            }
        }
        return new TlsSettings(context, protocols, hostnameVerification);
    }

    /** The whole resource; a bare path is a file, as users of keytool and openssl expect, not a classpath entry. */
    private static InputStream read(CamelContext camelContext, String location) throws IOException {
        String uri = ResourceHelper.hasScheme(location) ? location : "file:" + location;
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(camelContext, uri)) {
            return new ByteArrayInputStream(in.readAllBytes());
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (sslContextParameters != null) {
            parts.add("sslContextParameters=" + sslContextParameters);
        }
        add(parts, "keyStore", keyStore);
        add(parts, "trustStore", trustStore);
        add(parts, "certChain", certChain);
        add(parts, "privateKey", privateKey);
        add(parts, "trustedCertificates", trustedCertificates);
        parts.add("hostnameVerification=" + hostnameVerification);
        return "TLS[" + String.join(", ", parts) + "]";
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + "=" + value);
        }
    }
}
