package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.ModbusConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * mbpoll 1.4.11 (a libmodbus master) in RTU mode against a route that is RTU device 5 ({@code modbus:rtu-server}) on
 * one end of a socat pty pair, 19200 baud 8E1: it reads what a route put into the image, and its write reaches the
 * route. Each mbpoll run opens and closes its end of the pair.
 */
@Timeout(120)
class MbpollRtuServerRouteIT extends CamelTestSupport {
    @RegisterExtension
    static final Peers peers = new Peers();

    @TempDir
    static Path dir;

    private VirtualSerialPorts bus;

    @BeforeAll
    static void mbpollIsInstalled() {
        Peers.requireCommand("mbpoll", MbpollIT.MBPOLL_INSTALL);
    }

    @Override
    protected void doPreSetup() {
        bus = new VirtualSerialPorts(dir, "mbpollserver" + System.nanoTime());
    }

    @AfterEach
    void unplug() {
        bus.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:feed").to("modbus:image:field");
                from("modbus:rtu-server:" + bus.b() + "?unitIds=5&image=field&baudRate=19200&parity=even")
                        .to("mock:writes");
            }
        };
    }

    @Test
    void mbpollReadsTheImageAndItsWriteReachesTheRoute() throws Exception {
        template.sendBody("direct:feed", List.of(11, 22, 33));
        Peers.Result read = mbpoll(List.of("-1", "-a", "5", "-t", "4", "-r", "1", "-c", "3"), List.of());
        assertThat(read.exitCode()).as(read.describe()).isZero();
        assertThat(MbpollIT.parse(read.stdout())).isEqualTo(Map.of(1, "11", 2, "22", 3, "33"));

        MockEndpoint writes = getMockEndpoint("mock:writes");
        writes.expectedMessageCount(1);
        Peers.Result write = mbpoll(List.of("-a", "5", "-t", "4", "-r", "11"), List.of("7", "8"));
        assertThat(write.exitCode()).as(write.describe()).isZero();
        writes.assertIsSatisfied();
        assertThat(writes.getExchanges().get(0).getMessage().getHeader(ModbusConstants.ADDRESS))
                .isEqualTo(10);
        assertThat(writes.getExchanges().get(0).getMessage().getBody()).isEqualTo(List.of(7, 8));
    }

    private Peers.Result mbpoll(List<String> options, List<String> values) {
        List<String> command = new ArrayList<>(List.of("mbpoll", "-m", "rtu", "-b", "19200", "-P", "even", "-o", "2"));
        command.addAll(options);
        command.add(bus.a());
        command.addAll(values);
        return peers.runRecorded(Duration.ofSeconds(20), command);
    }
}
