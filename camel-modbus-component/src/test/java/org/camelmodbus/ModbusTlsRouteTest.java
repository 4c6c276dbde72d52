package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.client.ModbusConnectionException;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.camelmodbus.transport.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes over Modbus/TCP Security against a simulator that requires client certificates: with the certificates from a
 * key store, from PEM files and from Camel's SSLContextParameters the writes land; with a certificate from another CA,
 * or none, the route sees a ModbusConnectionException saying so, and nothing is written.
 */
@Timeout(60)
class ModbusTlsRouteTest extends CamelTestSupport {
    private static final String PASSWORD = TestCertificates.PASSWORD;

    @TempDir
    static Path dir;

    static TestCertificates pki;

    private final ProcessImage image = new ProcessImage();
    private final List<ModbusSimulator> simulators = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestCertificates(dir);
    }

    @Override
    protected void doPostTearDown() {
        simulators.forEach(ModbusSimulator::close);
    }

    /** One simulator per route, each serving the same image, so each route is its own device. */
    private String device(String options) throws Exception {
        ModbusSimulator simulator = ModbusSimulator.start("127.0.0.1", 0, image, pki.serverTls());
        simulators.add(simulator);
        return "modbus:tls:127.0.0.1:" + simulator.port() + "?function=writeSingleRegister&timeout=5000&" + options;
    }

    private String file(String name) {
        return pki.file(name).toString();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        KeyStoreParameters keys = new KeyStoreParameters();
        keys.setResource("file:" + file("client.p12"));
        keys.setPassword(PASSWORD);
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keys);
        keyManagers.setKeyPassword(PASSWORD);
        KeyStoreParameters trust = new KeyStoreParameters();
        trust.setResource("file:" + file("truststore.p12"));
        trust.setPassword(PASSWORD);
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(trust);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keyManagers);
        parameters.setTrustManagers(trustManagers);
        context.getRegistry().bind("modbusTls", parameters);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        String keyStore = "keyStore=" + file("client.p12") + "&keyStorePassword=" + PASSWORD + "&trustStore="
                + file("truststore.p12") + "&trustStorePassword=" + PASSWORD;
        String pem = "certChain=" + file("client-chain.pem") + "&privateKey=" + file("client-key-encrypted.pem")
                + "&privateKeyPassword=" + PASSWORD + "&trustedCertificates=" + file("ca.pem");
        String rogue = "keyStore=" + file("rogue-client.p12") + "&keyStorePassword=" + PASSWORD
                + "&trustedCertificates=" + file("ca.pem");
        String anonymous = "trustedCertificates=" + file("ca.pem");
        String params = "sslContextParameters=#modbusTls";
        List<String> uris = List.of(
                device(keyStore + "&address=1"),
                device(pem + "&address=2"),
                device(params + "&address=3"),
                device(rogue + "&address=4"),
                device(anonymous + "&address=5"));
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:keyStore").to(uris.get(0));
                from("direct:pem").to(uris.get(1));
                from("direct:sslContextParameters").to(uris.get(2));
                from("direct:rogue").to(uris.get(3));
                from("direct:anonymous").to(uris.get(4));
            }
        };
    }

    @Test
    void writesWithAKeyStore() {
        template.sendBody("direct:keyStore", 11);
        assertEquals(11, image.holdingRegister(1));
    }

    @Test
    void writesWithPemFilesAndAnEncryptedKey() {
        template.sendBody("direct:pem", 22);
        assertEquals(22, image.holdingRegister(2));
    }

    @Test
    void writesWithCamelsSslContextParameters() {
        template.sendBody("direct:sslContextParameters", 33);
        assertEquals(33, image.holdingRegister(3));
    }

    @Test
    void aCertificateFromAnotherCaFailsTheExchangeAndWritesNothing() {
        Exchange result = template.send("direct:rogue", e -> e.getMessage().setBody(44));
        assertThat(result.getException())
                .isInstanceOf(ModbusConnectionException.class)
                .hasMessageContaining("TLS with tls://127.0.0.1:")
                // the JDK offers only a certificate issued by a CA the server names as accepted
                .hasMessageContaining(
                        "none was presented: this side has none, or none issued by a CA the peer" + " accepts");
        assertEquals(0, image.holdingRegister(4));
    }

    @Test
    void noCertificateFailsTheExchangeAndWritesNothing() {
        Exchange result = template.send("direct:anonymous", e -> e.getMessage().setBody(55));
        assertThat(result.getException())
                .isInstanceOf(ModbusConnectionException.class)
                .hasMessageContaining("the peer requires a certificate and none was presented");
        assertEquals(0, image.holdingRegister(5));
    }
}
