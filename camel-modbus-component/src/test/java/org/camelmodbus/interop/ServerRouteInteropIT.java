package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.ModbusComponent;
import org.camelmodbus.ModbusConstants;
import org.camelmodbus.ModbusRefusedException;
import org.camelmodbus.ModbusServerConsumer;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.server.ProcessImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A route as a Modbus TCP server, against third-party clients: mbpoll 1.4.11 and a libmodbus 3.1.6 client
 * (src/test/c/libmodbus_client.c). They read what a route put into the image, their writes reach the route as
 * exchanges and land in the image, and an exception code the route chooses reaches them as that code.
 */
@Timeout(120)
class ServerRouteInteropIT extends CamelTestSupport {
    @RegisterExtension
    static final Peers peers = new Peers();

    private static Path libmodbusClient;

    @BeforeAll
    static void peersAreInstalled() {
        Peers.requireCommand("mbpoll", MbpollIT.MBPOLL_INSTALL);
        libmodbusClient = Peers.compileLibmodbusProgram("libmodbus_client");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:registers").to("modbus:image:scada");
                from("direct:coils").to("modbus:image:scada?table=coils");
                from("modbus:tcp-server:127.0.0.1:0?image=scada&unitIds=1,17")
                        .routeId("server")
                        .choice()
                        .when(header(ModbusConstants.ADDRESS).isEqualTo(99))
                        .setHeader(ModbusConstants.EXCEPTION_CODE, constant(3))
                        .when(header(ModbusConstants.ADDRESS).isEqualTo(98))
                        .throwException(new ModbusRefusedException(ExceptionCode.SERVER_DEVICE_BUSY, "try later"))
                        .end()
                        .to("mock:writes");
            }
        };
    }

    private ProcessImage image() {
        return context.getComponent("modbus", ModbusComponent.class).image("scada");
    }

    private int port() {
        return ((ModbusServerConsumer) context.getRoute("server").getConsumer()).port();
    }

    @Test
    void mbpollReadsWhatTheRoutePutIntoTheImage() {
        template.sendBody("direct:registers", List.of(100, 101, 102, 65535, -2));
        template.sendBodyAndHeader("direct:coils", "1,0,1,1", ModbusConstants.ADDRESS, 8);
        assertThat(mbpollRead("-t", "4", "-r", "1", "-c", "5"))
                .isEqualTo(Map.of(1, "100", 2, "101", 3, "102", 4, "65535", 5, "65534"));
        assertThat(mbpollRead("-t", "0", "-r", "8", "-c", "6"))
                .isEqualTo(Map.of(8, "0", 9, "1", 10, "0", 11, "1", 12, "1", 13, "0"));
        // the second unit id of the route reads the same image; a unit id no route serves is refused
        assertThat(mbpollRead("-a", "17", "-t", "4", "-r", "2", "-c", "1")).isEqualTo(Map.of(2, "101"));
        Peers.Result unserved = mbpoll(List.of("-1", "-a", "5", "-t", "4", "-r", "1"), List.of());
        assertThat(unserved.exitCode()).as(unserved.describe()).isNotZero();
        assertThat(unserved.stderr()).as(unserved.describe()).containsIgnoringCase("gateway path");
    }

    @Test
    void mbpollWritesReachTheRouteAsExchanges() throws Exception {
        MockEndpoint writes = getMockEndpoint("mock:writes");
        writes.expectedMessageCount(2);
        mbpollWrite(List.of("-t", "4", "-r", "21"), "7", "8", "65535");
        mbpollWrite(List.of("-t", "0", "-r", "6"), "1");
        writes.assertIsSatisfied();
        Exchange registers = writes.getExchanges().get(0);
        assertThat(registers.getMessage().getHeaders())
                .containsEntry(ModbusConstants.UNIT_ID, 1)
                .containsEntry(ModbusConstants.FUNCTION, "writeMultipleRegisters")
                .containsEntry(ModbusConstants.ADDRESS, 20)
                .containsEntry(ModbusConstants.QUANTITY, 3);
        assertThat(registers.getMessage().getBody()).isEqualTo(List.of(7, 8, 65535));
        assertThat(writes.getExchanges().get(1).getMessage().getHeaders())
                .containsEntry(ModbusConstants.FUNCTION, "writeSingleCoil")
                .containsEntry(ModbusConstants.ADDRESS, 5);
        assertThat(List.of(image().holdingRegister(20), image().holdingRegister(21), image().holdingRegister(22)))
                .isEqualTo(List.of(7, 8, 65535));
        assertThat(image().coil(5)).isTrue();
        // and mbpoll reads back what it wrote
        assertThat(mbpollRead("-t", "4", "-r", "21", "-c", "3")).isEqualTo(Map.of(21, "7", 22, "8", 23, "65535"));
    }

    @Test
    void theExceptionCodeTheRouteChoosesReachesMbpoll() {
        Peers.Result value = mbpoll(List.of("-t", "4", "-r", "100"), List.of("5"));
        assertThat(value.exitCode()).as(value.describe()).isNotZero();
        assertThat(value.stderr()).as(value.describe()).contains("Illegal data value");
        Peers.Result busy = mbpoll(List.of("-t", "4", "-r", "99"), List.of("5"));
        assertThat(busy.exitCode()).as(busy.describe()).isNotZero();
        assertThat(busy.stderr()).as(busy.describe()).containsIgnoringCase("busy");
        assertThat(image().holdingRegister(99)).isZero();
        assertThat(image().holdingRegister(98)).isZero();
    }

    @Test
    void libmodbusReadsTheImageAndItsWritesReachTheRoute() throws Exception {
        template.sendBodyAndHeader("direct:registers", "1,2,3", ModbusConstants.ADDRESS, 40);
        MockEndpoint writes = getMockEndpoint("mock:writes");
        writes.expectedMessageCount(3);
        Map<String, String> out = libmodbus(
                17, "rh:40:3", "wrs:50:9,8,7", "wc:3:1", "wcs:10:1,0,1", "wr:99:1", "rh:50:3", "rc:10:3", "rh:99:1");
        assertThat(out)
                .containsEntry("rh:40:3", "OK 1,2,3")
                .containsEntry("wrs:50:9,8,7", "OK")
                .containsEntry("wc:3:1", "OK")
                .containsEntry("wcs:10:1,0,1", "OK")
                .containsEntry("wr:99:1", "EXC 3 Illegal data value")
                .containsEntry("rh:50:3", "OK 9,8,7")
                .containsEntry("rc:10:3", "OK 1,0,1")
                .containsEntry("rh:99:1", "OK 0");
        // the refused write went through the route too, before it was refused
        writes.expectedMessageCount(4);
        writes.assertIsSatisfied();
        assertThat(writes.getExchanges().get(0).getMessage().getHeader(ModbusConstants.UNIT_ID))
                .isEqualTo(17);
        assertThat(writes.getExchanges().get(2).getMessage().getBody()).isEqualTo(List.of(true, false, true));
    }

    private Map<Integer, String> mbpollRead(String... options) {
        List<String> all = new ArrayList<>(List.of("-1"));
        all.addAll(List.of(options));
        Peers.Result result = mbpoll(all, List.of());
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return MbpollIT.parse(result.stdout());
    }

    private void mbpollWrite(List<String> options, String... values) {
        Peers.Result result = mbpoll(options, List.of(values));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).as(result.describe()).contains("Written " + values.length + " reference");
    }

    private Peers.Result mbpoll(List<String> options, List<String> values) {
        List<String> command = new ArrayList<>(List.of("mbpoll", "-m", "tcp", "-p", String.valueOf(port()), "-o", "2"));
        command.addAll(options);
        command.add("127.0.0.1");
        command.addAll(values);
        return peers.runRecorded(Duration.ofSeconds(20), command);
    }

    private Map<String, String> libmodbus(int unit, String... operations) {
        List<String> command =
                new ArrayList<>(List.of(libmodbusClient.toString(), String.valueOf(port()), String.valueOf(unit)));
        command.addAll(List.of(operations));
        Peers.Result result = peers.runRecorded(Duration.ofSeconds(30), command);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : result.stdout().split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                lines.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return lines;
    }
}
