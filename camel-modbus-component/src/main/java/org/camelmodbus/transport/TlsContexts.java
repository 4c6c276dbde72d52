package org.camelmodbus.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds TLS contexts, with the JDK alone, from a key store and a trust store (PKCS12 or JKS) or from PEM files: a
 * certificate chain, a PKCS#8 private key (encrypted or not) and the trusted CA certificates. The two kinds mix: a
 * key store for our identity and a PEM file of trusted CAs, for example.
 */
public final class TlsContexts {
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ((?:ENCRYPTED |RSA |EC )?PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    private TlsContexts() {}

    /**
     * A context that presents the key entry of {@code identity} (null for none), protected by {@code keyPassword}
     * (null for none), and trusts the certificates of {@code trusted}.
     */
    public static SSLContext create(KeyStore identity, char[] keyPassword, KeyStore trusted)
            throws GeneralSecurityException {
        KeyManager[] keyManagers = null;
        if (identity != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, keyPassword == null ? new char[0] : keyPassword);
            keyManagers = kmf.getKeyManagers();
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, tmf.getTrustManagers(), null);
        return context;
    }

    /** Reads a PKCS12 or JKS store; the JDK's PKCS12 loader recognises both. */
    public static KeyStore keyStore(InputStream in, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, password);
        return store;
    }

    /** A store holding one key entry: the PEM certificate chain (ours first) and its PEM private key. */
    public static KeyStore pemIdentity(InputStream certChain, InputStream privateKey, char[] keyPassword)
            throws GeneralSecurityException, IOException {
        List<? extends Certificate> chain = certificates(certChain);
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("the certificate chain holds no PEM certificate");
        }
        KeyStore store = emptyStore();
        store.setKeyEntry(
                "identity",
                privateKey(new String(privateKey.readAllBytes(), StandardCharsets.US_ASCII), keyPassword),
                keyPassword == null ? new char[0] : keyPassword,
                chain.toArray(Certificate[]::new));
        return store;
    }

    /** A trust store of every certificate in a PEM file, typically the CAs that issue the peers' certificates. */
    public static KeyStore pemTrusted(InputStream certificates) throws GeneralSecurityException, IOException {
        List<? extends Certificate> trusted = certificates(certificates);
        if (trusted.isEmpty()) {
            throw new GeneralSecurityException("the trusted certificates file holds no PEM certificate");
        }
        KeyStore store = emptyStore();
        for (int i = 0; i < trusted.size(); i++) {
            store.setCertificateEntry("trusted-" + i, trusted.get(i));
        }
        return store;
    }

    private static List<? extends Certificate> certificates(InputStream in) throws GeneralSecurityException {
        return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    static PrivateKey privateKey(String pem, char[] password) throws GeneralSecurityException, IOException {
        Matcher m = PEM_KEY.matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException("no PEM private key (-----BEGIN PRIVATE KEY-----) found");
        }
        if (!m.group(1).equals("PRIVATE KEY") && !m.group(1).startsWith("ENCRYPTED")) {
            throw new GeneralSecurityException("the key is in the legacy " + m.group(1) + " format; convert it to"
                    + " PKCS#8 with: openssl pkcs8 -topk8 -in key.pem -out key-pkcs8.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        PKCS8EncodedKeySpec spec;
        if (m.group(1).startsWith("ENCRYPTED")) {
            if (password == null || password.length == 0) {
                throw new GeneralSecurityException("the private key is encrypted, but no password was given");
            }
            spec = decrypt(new EncryptedPrivateKeyInfo(der), password);
        } else {
            spec = new PKCS8EncodedKeySpec(der);
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | NoSuchAlgorithmException notThisOne) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("the private key is none of " + KEY_ALGORITHMS);
    }

    private static PKCS8EncodedKeySpec decrypt(EncryptedPrivateKeyInfo info, char[] password)
            throws GeneralSecurityException {
        // For PBES2 (what openssl writes) the algorithm name is in the parameters, for example
        // PBEWithHmacSHA256AndAES_256; older schemes name themselves.
        boolean pbes2 = info.getAlgName().equals("PBES2") || info.getAlgName().equals("1.2.840.113549.1.5.13");
        String algorithm = pbes2 ? info.getAlgParameters().toString() : info.getAlgName();
        Key key = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password));
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.DECRYPT_MODE, key, info.getAlgParameters());
        try {
            return info.getKeySpec(cipher);
        } catch (InvalidKeySpecException e) {
            throw new GeneralSecurityException("cannot decrypt the private key: wrong password?", e);
        }
    }
}
