package org.camelmodbus.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI made at test time, nothing committed: a CA, a server certificate for 127.0.0.1 and localhost, a
 * client certificate, and a rogue CA with its own client certificate that the real CA knows nothing of. Written to
 * {@code dir} as PKCS12 stores (password {@value #PASSWORD}) and PEM files.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public final Path dir;
    private final Issued ca;
    private final Issued server;
    private final Issued client;
    private final Issued rogueCa;
    private final Issued rogueClient;
    private final Issued otherHost;

    private record Issued(KeyPair keys, X509Certificate cert, X509Certificate issuer) {}

    public TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        ca = issue("CN=Test Modbus CA", null, true);
        server = issue(
                "CN=modbus-server",
                ca,
                false,
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost"));
        client = issue("CN=modbus-client", ca, false);
        rogueCa = issue("CN=Rogue CA", null, true);
        rogueClient = issue("CN=modbus-client", rogueCa, false);
        otherHost = issue("CN=plc7", ca, false, new GeneralName(GeneralName.dNSName, "plc7.invalid"));
        write("ca.pem", pem(ca.cert));
        write("rogue-ca.pem", pem(rogueCa.cert));
        write("client-chain.pem", pem(client.cert) + pem(ca.cert));
        write("client-key.pem", pem("PRIVATE KEY", client.keys.getPrivate().getEncoded()));
        write("client-key-encrypted.pem", encryptedPem(client.keys.getPrivate()));
        store("server.p12", server);
        store("client.p12", client);
        store("rogue-client.p12", rogueClient);
        trustStore("truststore.p12", ca.cert);
        trustStore("rogue-truststore.p12", rogueCa.cert);
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The simulator's side: the server certificate, trusting clients the CA issued. */
    public TlsSettings serverTls() throws GeneralSecurityException {
        return TlsSettings.of(context(server, ca.cert));
    }

    /** A server whose certificate the rogue CA issued. */
    public TlsSettings rogueServerTls() throws GeneralSecurityException {
        return TlsSettings.of(context(rogueClient, ca.cert));
    }

    /** A server with a certificate the CA issued for another host, plc7.invalid. */
    public TlsSettings otherHostServerTls() throws GeneralSecurityException {
        return TlsSettings.of(context(otherHost, ca.cert));
    }

    /** A client with the certificate the CA issued, trusting servers the CA issued. */
    public TlsSettings clientTls() throws GeneralSecurityException {
        return TlsSettings.of(context(client, ca.cert));
    }

    /** A client with a certificate from the rogue CA. */
    public TlsSettings rogueClientTls() throws GeneralSecurityException {
        return TlsSettings.of(context(rogueClient, ca.cert));
    }

    /** A client that presents no certificate at all. */
    public TlsSettings anonymousClientTls() throws GeneralSecurityException {
        return TlsSettings.of(context(null, ca.cert));
    }

    private static SSLContext context(Issued identity, X509Certificate trusted) throws GeneralSecurityException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trusted);
            return TlsContexts.create(identity == null ? null : keyStore(identity), PASSWORD.toCharArray(), trust);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyStore keyStore(Issued identity) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("identity", identity.keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {
            identity.cert, identity.issuer
        });
        return store;
    }

    private static Issued issue(String subject, Issued issuer, boolean isCa, GeneralName... names) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name issuerName = new X500Name(
                issuer == null ? subject : issuer.cert.getSubjectX500Principal().getName());
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuerName,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))),
                new X500Name(subject),
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        builder.addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        if (names.length > 0) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.keys.getPrivate();
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        return new Issued(keys, cert, issuer == null ? cert : issuer.cert);
    }

    private void store(String name, Issued identity) throws Exception {
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            keyStore(identity).store(out, PASSWORD.toCharArray());
        }
    }

    private void trustStore(String name, X509Certificate trusted) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", trusted);
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private static String pem(X509Certificate cert) throws GeneralSecurityException {
        return pem("CERTIFICATE", cert.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** PKCS#8 encrypted with PBES2 and AES-256, as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes it. */
    private static String encryptedPem(PrivateKey key) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(
                    key,
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                            .setProvider(new BouncyCastleProvider())
                            .setPassword(PASSWORD.toCharArray())
                            .build()));
        }
        return text.toString();
    }

    /** For tests that read a stored file back, for example through {@link TlsContexts}. */
    public byte[] bytes(String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    public ByteArrayInputStream stream(String name) throws IOException {
        return new ByteArrayInputStream(bytes(name));
    }
}
