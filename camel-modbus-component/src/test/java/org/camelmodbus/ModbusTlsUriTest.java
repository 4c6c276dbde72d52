package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** modbus:tls URIs: the default port, and options that contradict each other or miss something, refused by name. */
class ModbusTlsUriTest {
    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void tlsDefaultsToPort802() {
        ModbusEndpoint endpoint =
                context.getEndpoint("modbus:tls:plc7?trustedCertificates=ca.pem", ModbusEndpoint.class);
        assertEquals("tls", endpoint.getConfiguration().getTransport());
        assertEquals(802, endpoint.getConfiguration().getPort());
        assertEquals(
                1802,
                context.getEndpoint("modbus:tls:plc7:1802?trustStore=t.p12", ModbusEndpoint.class)
                        .getConfiguration()
                        .getPort());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "modbus:tls:plc7 | modbus:tls needs the certificates to trust",
                "modbus:tcp:plc7?trustStore=t.p12 | apply to Modbus/TCP Security, modbus:tls:host[:port]; this endpoint"
                        + " is modbus:tcp",
                "modbus:tls:plc7?keyStore=k.p12&certChain=c.pem&privateKey=k.pem&trustedCertificates=ca.pem | either as"
                        + " keyStore or as certChain and privateKey",
                "modbus:tls:plc7?certChain=c.pem&trustedCertificates=ca.pem | certChain and privateKey (PEM) go together",
                "modbus:tls:plc7?trustStore=t.p12&trustedCertificates=ca.pem | either as trustStore or as"
                        + " trustedCertificates",
                "modbus:tls:plc7?sslContextParameters=#none | Error binding property (sslContextParameters=#none)",
            })
    void refusesWithAClearMessage(String uri, String expected) {
        ResolveEndpointFailedException e =
                assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(uri));
        assertThat(e.getMessage()).contains(expected);
    }

    @Test
    void aMissingKeyStoreIsNamedWhenTheEndpointStarts() {
        ModbusEndpoint endpoint = context.getEndpoint(
                "modbus:tls:127.0.0.1:1?keyStore=target/no-such.p12&trustStore=target/no-such-either.p12",
                ModbusEndpoint.class);
        Exception e = assertThrows(Exception.class, endpoint::start);
        assertThat(e).hasMessageContaining("keyStore target/no-such.p12");
    }
}
