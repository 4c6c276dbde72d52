package org.camelmodbus.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusConnectionException;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.camelmodbus.transport.TestCertificates;
import org.camelmodbus.transport.TlsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Modbus/TCP Security between our client and our simulator: mutual authentication over TLS 1.2 and 1.3 works, and
 * each way of getting it wrong fails the request with a message that says what went wrong.
 */
@Timeout(60)
class NettyTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    static TestCertificates pki;

    private final NettyTransports threads = new NettyTransports(1);
    private ModbusSimulator simulator;
    private ModbusClient client;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestCertificates(dir);
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        threads.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void mutuallyAuthenticatedClientReadsAndWrites(String protocol) throws Exception {
        simulator = ModbusSimulator.start(
                "127.0.0.1", 0, new ProcessImage(), pki.serverTls().withProtocols(List.of(protocol)));
        client = client(pki.clientTls());

        client.send(1, new WriteSingleRegisterRequest(7, 4242), TIMEOUT).get(10, TimeUnit.SECONDS);
        ReadHoldingRegistersResponse read = (ReadHoldingRegistersResponse)
                client.send(1, new ReadHoldingRegistersRequest(7, 1), TIMEOUT).get(10, TimeUnit.SECONDS);

        assertThat(read.registers().get(0)).isEqualTo(4242);
        assertThat(simulator.image().holdingRegister(7)).isEqualTo(4242);
        assertThat(client.device()).startsWith("tls://127.0.0.1:");
    }

    /**
     * A client with a certificate from another CA, or none. Both read alike on the client's side: the JDK offers only
     * a certificate issued by a CA the server names as accepted, so it presents none.
     */
    @ParameterizedTest
    @CsvSource({"TLSv1.3, rogue", "TLSv1.2, rogue", "TLSv1.3, anonymous", "TLSv1.2, anonymous"})
    void aClientWithoutACertificateTheServerTrustsIsRefused(String protocol, String client) throws Exception {
        simulator = ModbusSimulator.start(
                "127.0.0.1", 0, new ProcessImage(), pki.serverTls().withProtocols(List.of(protocol)));
        this.client = client(client.equals("rogue") ? pki.rogueClientTls() : pki.anonymousClientTls());

        assertThat(failure(new WriteSingleRegisterRequest(7, 1)))
                .isInstanceOf(ModbusConnectionException.class)
                .hasMessageContaining("TLS with tls://127.0.0.1:")
                .hasMessageContaining("the peer requires a certificate and none was presented: this side has none,"
                        + " or none issued by a CA the peer accepts");
        assertThat(simulator.image().holdingRegister(7)).isZero();
    }

    @Test
    void aServerTheClientDoesNotTrustIsRefused() throws Exception {
        simulator = ModbusSimulator.start("127.0.0.1", 0, new ProcessImage(), pki.rogueServerTls());
        client = client(pki.clientTls());

        assertThat(failure(new ReadHoldingRegistersRequest(0, 1)))
                .isInstanceOf(ModbusConnectionException.class)
                .hasMessageContaining("not issued by a trusted certificate");
    }

    @Test
    void aServerCertificateForAnotherHostIsRefusedUnlessHostnameVerificationIsOff() throws Exception {
        simulator = ModbusSimulator.start("127.0.0.1", 0, new ProcessImage(), pki.otherHostServerTls());
        client = client(pki.clientTls());
        assertThat(failure(new ReadHoldingRegistersRequest(0, 1)))
                .hasMessageContaining("does not name the host dialled; hostnameVerification=false");
        client.close();

        client = client(pki.clientTls().withVerifyHostname(false));
        assertThat(client.send(1, new ReadHoldingRegistersRequest(0, 1), TIMEOUT)
                        .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ReadHoldingRegistersResponse.class);
    }

    @Test
    void aPlainTcpClientGetsNoAnswerFromATlsServer() throws Exception {
        simulator = ModbusSimulator.start("127.0.0.1", 0, new ProcessImage(), pki.serverTls());
        client = new ModbusClient(
                threads.tcp("127.0.0.1", simulator.port(), TIMEOUT), ModbusClientOptions.DEFAULTS, threads.scheduler());

        assertThatThrownBy(() -> client.send(1, new WriteSingleRegisterRequest(7, 1), Duration.ofSeconds(2))
                        .get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(org.camelmodbus.protocol.ModbusException.class);
        assertThat(simulator.image().holdingRegister(7)).isZero();
    }

    private ModbusClient client(TlsSettings tls) {
        return new ModbusClient(
                threads.tls("127.0.0.1", simulator.port(), TIMEOUT, tls),
                ModbusClientOptions.DEFAULTS,
                threads.scheduler());
    }

    private Throwable failure(org.camelmodbus.protocol.ModbusRequest request) {
        try {
            client.send(1, request, TIMEOUT).join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected " + request + " to fail");
    }
}
