package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.client.ModbusConnectionException;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route as a Modbus/TCP Security server (tls-server): clients with a certificate from the trusted CA read the image
 * and their writes reach the route; a client with a certificate from another CA gets no connection, its write reaches
 * neither the route nor the image.
 */
@Timeout(60)
class ModbusTlsServerRouteTest extends CamelTestSupport {
    private static final String PASSWORD = TestCertificates.PASSWORD;

    @TempDir
    static Path dir;

    static TestCertificates pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestCertificates(dir);
    }

    private static String file(String name) {
        return pki.file(name).toString();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("modbus:tls-server:127.0.0.1:0?image=secure&keyStore=" + file("server.p12") + "&keyStorePassword="
                                + PASSWORD + "&trustedCertificates=" + file("ca.pem"))
                        .routeId("server")
                        .to("mock:writes");
            }
        };
    }

    private String client(String credentials, String options) {
        int port = ((ModbusServerConsumer) context.getRoute("server").getConsumer()).port();
        return "modbus:tls:127.0.0.1:" + port + "?timeout=5000&" + credentials + "&" + options;
    }

    private ProcessImage image() {
        return context.getComponent("modbus", ModbusComponent.class).image("secure");
    }

    @Test
    void aClientWithATrustedCertificateReadsAndWrites() throws Exception {
        String trusted = "keyStore=" + file("client.p12") + "&keyStorePassword=" + PASSWORD + "&trustedCertificates="
                + file("ca.pem");
        image().setInputRegisters(3, 333);
        assertThat(template.requestBody(client(trusted, "function=readInputRegisters&address=3"), (Object) null))
                .isEqualTo(List.of(333));
        MockEndpoint writes = getMockEndpoint("mock:writes");
        writes.expectedBodiesReceived(List.of(List.of(77)));
        template.sendBody(client(trusted, "function=writeSingleRegister&address=4"), 77);
        writes.assertIsSatisfied();
        assertEquals(77, image().holdingRegister(4));
    }

    @Test
    void aClientFromAnotherCaIsRefusedAndItsWriteGoesNowhere() throws Exception {
        String rogue = "keyStore=" + file("rogue-client.p12") + "&keyStorePassword=" + PASSWORD
                + "&trustedCertificates=" + file("ca.pem");
        Exchange result = template.send(
                client(rogue, "function=writeSingleRegister&address=5"),
                e -> e.getMessage().setBody(55));
        assertThat(result.getException()).isInstanceOf(ModbusConnectionException.class);
        getMockEndpoint("mock:writes").expectedMessageCount(0);
        getMockEndpoint("mock:writes").assertIsSatisfied();
        assertEquals(0, image().holdingRegister(5));
    }

    @Test
    void aTlsServerNeedsACertificateOfItsOwn() {
        ResolveEndpointFailedException e = assertThrows(
                ResolveEndpointFailedException.class,
                () -> context.getEndpoint("modbus:tls-server:127.0.0.1:0?trustedCertificates=" + file("ca.pem")));
        assertThat(e.getMessage()).contains("modbus:tls-server needs its own certificate");
        assertThat(context.getEndpoint(
                                "modbus:tls-server:0.0.0.0?keyStore=x.p12&trustedCertificates=ca.pem",
                                ModbusEndpoint.class)
                        .getConfiguration()
                        .getPort())
                .isEqualTo(802);
    }
}
