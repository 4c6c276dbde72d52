package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A compromised upstream message cannot write outside an endpoint's allow-list: whatever unit, function, address or
 * raw PDU its headers and body ask for, a write outside writeAllow / writeUnitIds fails with a
 * ModbusWriteDeniedException and never reaches the device; reads and writes inside the list go through.
 */
@Timeout(30)
class ModbusWriteAccessTest extends CamelTestSupport {
    private static final String GUARDED =
            "function=writeSingleRegister&address=100&unitId=1&writeAllow=holding:100-199,coil:0-15&writeUnitIds=1,2";
    private ScriptedDevice device;

    @Override
    protected void doPreSetup() throws Exception {
        device = new ScriptedDevice();
    }

    @Override
    protected void doPostTearDown() {
        device.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:guarded").to(device.uri(GUARDED));
                from("direct:readOnly").to(device.uri("readOnly=true&function=readHoldingRegisters&address=5"));
                from(device.uri("function=raw&rawFunctionCode=6&requestData=012C0001&readOnly=true&delay=20"
                                + "&bridgeErrorHandler=true"))
                        .routeId("rawPoll")
                        .autoStartup(false)
                        .onException(ModbusWriteDeniedException.class)
                        .handled(true)
                        .to("mock:denied")
                        .end()
                        .to("mock:polled");
            }
        };
    }

    /** Headers a hostile message might carry, as name=value pairs separated by ';'; body in the last column. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "another address | CamelModbusAddress=250 | 7 | holding 250 lies outside the allowed ranges",
                "the address just before | CamelModbusAddress=99 | 7 | holding 99 lies outside",
                "a range running past the end | CamelModbusFunction=writeMultipleRegisters;CamelModbusAddress=198 | [1,2,3]"
                        + " | holding 198-200 lies outside",
                "another unit | CamelModbusUnitId=3 | 7 | unit 3 may not be written",
                "the broadcast unit | CamelModbusUnitId=0 | 7 | unit 0 may not be written",
                "a coil outside | CamelModbusFunction=writeSingleCoil;CamelModbusAddress=16 | true | coil 16 lies outside",
                "coils running past the end | CamelModbusFunction=writeMultipleCoils;CamelModbusAddress=14 |"
                        + " [true,true,true] | coil 14-16 lies outside",
                "a mask write outside | CamelModbusFunction=maskWriteRegister;CamelModbusAddress=300;CamelModbusAndMask=0;"
                        + "CamelModbusOrMask=1 | | holding 300 lies outside",
                "read/write multiple writing outside | CamelModbusFunction=readWriteMultipleRegisters;"
                        + "CamelModbusAddress=100;CamelModbusWriteAddress=500 | [1] | holding 500 lies outside",
                "a raw Write Single Register outside | CamelModbusFunction=raw;CamelModbusRawFunctionCode=6 | 012C0001 |"
                        + " holding 300 lies outside",
                "a raw Write Multiple Coils outside | CamelModbusFunction=raw;CamelModbusRawFunctionCode=15 | 0010000101"
                        + "01 | coil 16 lies outside",
                "a raw vendor function | CamelModbusFunction=raw;CamelModbusRawFunctionCode=65 | 0102 | its effect on"
                        + " the device cannot be known (raw function 0x41",
                "a raw Write File Record | CamelModbusFunction=raw;CamelModbusRawFunctionCode=21 | 0706000100000001 |"
                        + " its effect on the device cannot be known",
            })
    void aWriteOutsideTheListIsRefusedBeforeAnythingIsSent(String what, String headers, String body, String why) {
        Exchange result = template.send("direct:guarded", e -> {
            e.getMessage().setHeaders(headers(headers));
            e.getMessage().setBody(body(body));
        });

        assertThat(result.getException())
                .as(what)
                .isInstanceOf(ModbusWriteDeniedException.class)
                .hasMessageContaining(why)
                .hasMessageContaining("writeAllow=holding:100-199,coil:0-15, writeUnitIds=1,2")
                .hasMessageContaining("nothing was sent");
        assertThat(device.arrivals()).as(what + " reached the device").isEmpty();
    }

    @Test
    void writesInsideTheListAndReadsAnywhereGoThrough() {
        List<Map<String, Object>> allowed = List.of(
                Map.of(),
                Map.of(ModbusConstants.ADDRESS, 199, ModbusConstants.UNIT_ID, 2),
                Map.of(ModbusConstants.FUNCTION, "writeSingleCoil", ModbusConstants.ADDRESS, 15),
                Map.of(ModbusConstants.FUNCTION, "readHoldingRegisters", ModbusConstants.ADDRESS, 900),
                Map.of(ModbusConstants.FUNCTION, "readCoils", ModbusConstants.UNIT_ID, 9),
                Map.of(ModbusConstants.FUNCTION, "raw", ModbusConstants.RAW_FUNCTION_CODE, 3));
        Object[] bodies = {7, 8, true, null, null, new byte[] {0x03, (byte) 0xE8, 0x00, 0x01}};
        for (int i = 0; i < allowed.size(); i++) {
            int index = i;
            Exchange result = template.send("direct:guarded", e -> {
                e.getMessage().setHeaders(new HashMap<>(allowed.get(index)));
                e.getMessage().setBody(bodies[index]);
            });
            assertNull(result.getException(), () -> allowed.get(index) + " failed: " + result.getException());
        }
        assertThat(device.arrivals()).hasSize(allowed.size());
    }

    @Test
    void aReadOnlyEndpointReadsButRefusesEveryWrite() {
        assertNull(template.send("direct:readOnly", e -> {}).getException());
        for (String function : List.of("writeSingleRegister", "writeSingleCoil", "writeMultipleRegisters")) {
            Exchange result = template.send("direct:readOnly", e -> {
                e.getMessage().setHeader(ModbusConstants.FUNCTION, function);
                e.getMessage().setBody(function.equals("writeSingleCoil") ? "true" : "[1]");
            });
            assertThat(result.getException())
                    .isInstanceOf(ModbusWriteDeniedException.class)
                    .hasMessageContaining("the endpoint is read-only");
        }
        assertThat(device.arrivals()).hasSize(1);
    }

    @Test
    void aConsumerPollingARawWriteOnAReadOnlyEndpointSendsNothing() throws Exception {
        getMockEndpoint("mock:denied").expectedMinimumMessageCount(2);
        getMockEndpoint("mock:polled").expectedMessageCount(0);
        context.getRouteController().startRoute("rawPoll");

        MockEndpoint.assertIsSatisfied(context);
        assertThat(getMockEndpoint("mock:denied")
                        .getExchanges()
                        .get(0)
                        .getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                .hasMessageContaining("Write Single Register")
                .hasMessageContaining("the endpoint is read-only");
        assertThat(device.arrivals()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "writeAllow=input:0-5 | input cannot be written by any Modbus function",
                "writeAllow=holding:200-100 | 'holding:200-100' ends before it starts",
                "writeAllow=holding | 'holding' is not table:first-last",
                "writeAllow=register:1 | unknown table 'register'",
                "writeAllow=coil:0-70000 | address 70000 in 'coil:0-70000' is out of range 0..65535",
                "writeUnitIds=1,x | writeUnitIds: 'x' is not a unit id",
                "writeUnitIds=300 | unit id 300 is out of range 0..255",
            })
    void unreadableListsAreRefusedWhenTheEndpointIsCreated(String options, String expected) {
        assertThat(assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(device.uri(options)))
                        .getMessage())
                .contains(expected);
    }

    private static Map<String, Object> headers(String text) {
        Map<String, Object> headers = new HashMap<>();
        for (String pair : text.split(";")) {
            String[] kv = pair.trim().split("=", 2);
            headers.put(kv[0], kv[1]);
        }
        return headers;
    }

    private static Object body(String text) {
        if (text == null) {
            return null;
        }
        if (text.matches("[0-9A-F]{4,}")) {
            return HexFormat.of().parseHex(text);
        }
        return text;
    }
}
