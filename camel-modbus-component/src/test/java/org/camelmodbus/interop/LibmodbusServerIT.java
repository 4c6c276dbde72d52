package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.MaskWriteRegisterRequest;
import org.camelmodbus.protocol.MaskWriteRegisterResponse;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.RawRequest;
import org.camelmodbus.protocol.RawResponse;
import org.camelmodbus.protocol.ReadExceptionStatusRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersRequest;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.ReportServerIdRequest;
import org.camelmodbus.protocol.ReportServerIdResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our client and Camel routes against a libmodbus 3.1.6 server (src/test/c/libmodbus_server.c, built here with gcc
 * against Debian's libmodbus-dev): a select() loop that answers each request with modbus_reply(). libmodbus reads
 * exactly one request at a time from a connection and answers it before reading the next, so pipelined requests wait
 * in the socket and are answered in order.
 *
 * <p>Besides the tests every server peer gets, the functions libmodbus serves beyond the table reads and writes:
 * 17, 22 and 23, through the client and through routes, and how it treats 07 and unknown function codes.
 */
class LibmodbusServerIT extends ServerPeerTests {
    static final int READ_WRITE_REGISTERS = 275; // ..278
    static final int MASK_REGISTER = 279;

    static final int CAMEL_MASK_REGISTER = CAMEL_REGISTERS + 10;
    static final int CAMEL_READ_WRITE_REGISTERS = CAMEL_REGISTERS + 11; // ..294

    @Override
    protected int startPeer(Peers peers) {
        Path server = Peers.compileLibmodbusProgram("libmodbus_server");
        return peers.startServer("libmodbus server", Peers.workDir(), List.of(server.toString(), "0"))
                .port();
    }

    @BeforeAll
    void libmodbusRoutes() throws Exception {
        camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reportServerId").to(device("function=reportServerId"));
                from("direct:maskWriteRegister")
                        .to(device("function=maskWriteRegister&address=" + CAMEL_MASK_REGISTER));
                from("direct:readWriteMultipleRegisters")
                        .to(device("function=readWriteMultipleRegisters&address=" + CAMEL_READ_WRITE_REGISTERS
                                + "&quantity=4&writeAddress=" + CAMEL_READ_WRITE_REGISTERS));
                from("direct:raw").to(device("function=raw&rawFunctionCode=65"));
                from("direct:readExceptionStatus").to(device("function=readExceptionStatus&timeout=500"));
            }
        });
    }

    @Test
    void camelReportsServerIdMaskWritesAndReadsWhileWriting() {
        assertThat(template().requestBody("direct:reportServerId", (Object) null))
                .isEqualTo(Map.of("serverId", "B4", "runIndicator", true, "additionalData", "4C4D42332E312E36"));

        template().sendBody("direct:maskWriteRegister", Map.of("andMask", 0x00FF, "orMask", 0xAB00));
        // 1290 = 0x050A: the high byte comes from the OR mask, the low byte stays
        assertThat(camelRead("readHoldingRegisters", CAMEL_MASK_REGISTER, 1)).isEqualTo(List.of(0xAB0A));

        assertThat(template().requestBody("direct:readWriteMultipleRegisters", List.of(5, 6, 7), List.class))
                .isEqualTo(List.of(5, 6, 7, 1294));
    }

    @Test
    void camelRouteGetsIllegalFunctionAndTimeout() {
        CamelExecutionException illegal = assertThrows(
                CamelExecutionException.class, () -> template().requestBody("direct:raw", new byte[] {1, 2}));
        assertThat(illegal.getCause()).isInstanceOf(ModbusExceptionResponseException.class);
        assertThat(((ModbusExceptionResponseException) illegal.getCause()).code())
                .contains(ExceptionCode.ILLEGAL_FUNCTION);

        CamelExecutionException timeout = assertThrows(
                CamelExecutionException.class,
                () -> template().requestBody("direct:readExceptionStatus", (Object) null));
        assertThat(timeout.getCause()).isInstanceOf(ModbusTimeoutException.class);
    }

    @Test
    void clientReportsServerId() throws Exception {
        ReportServerIdResponse response = read(new ReportServerIdRequest(), ReportServerIdResponse.class);
        // libmodbus: server id 180, run indicator on, then "LMB" and its version
        assertThat(response.serverId()).containsExactly((byte) 180);
        assertThat(response.runIndicator()).isTrue();
        assertThat(new String(response.additionalData(), StandardCharsets.US_ASCII))
                .isEqualTo("LMB3.1.6");
    }

    @Test
    void clientMaskWritesRegister() throws Exception {
        int before = read(new ReadHoldingRegistersRequest(MASK_REGISTER, 1), ReadHoldingRegistersResponse.class)
                .registers()
                .get(0);
        for (MaskWriteRegisterRequest mask : List.of(
                new MaskWriteRegisterRequest(MASK_REGISTER, 0xF0F0, 0x0505),
                new MaskWriteRegisterRequest(MASK_REGISTER, 0x0000, 0xBEEF),
                new MaskWriteRegisterRequest(MASK_REGISTER, 0xFFFF, 0x1234))) {
            assertThat(read(mask, MaskWriteRegisterResponse.class))
                    .isEqualTo(new MaskWriteRegisterResponse(mask.address(), mask.andMask(), mask.orMask()));
            int after = read(new ReadHoldingRegistersRequest(MASK_REGISTER, 1), ReadHoldingRegistersResponse.class)
                    .registers()
                    .get(0);
            assertThat(after).as("%s on 0x%04X", mask, before).isEqualTo(mask.apply(before));
            before = after;
        }
        assertThat(before).isEqualTo(0xBEEF);
    }

    @Test
    void clientReadsAndWritesMultipleRegistersInOneRequest() throws Exception {
        // the write comes first, so the read sees it
        assertThat(read(
                                new ReadWriteMultipleRegistersRequest(
                                        READ_WRITE_REGISTERS - 1,
                                        5,
                                        READ_WRITE_REGISTERS,
                                        RegisterValues.of(1, 0xFFFF, 3, 0x8000)),
                                ReadWriteMultipleRegistersResponse.class)
                        .registers())
                .isEqualTo(RegisterValues.of(1274, 1, 0xFFFF, 3, 0x8000));
        assertThat(read(
                                new ReadWriteMultipleRegistersRequest(
                                        0, 125, READ_WRITE_REGISTERS, RegisterValues.of(9)),
                                ReadWriteMultipleRegistersResponse.class)
                        .registers())
                .isEqualTo(expectedRegisters(0, 125, ServerPeerTests::holdingRegister));
        assertThat(exceptionFrom(
                                client,
                                new ReadWriteMultipleRegistersRequest(
                                        0, 1, HOLDING_REGISTERS - 1, RegisterValues.of(1, 2)))
                        .code())
                .contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }

    @Test
    void unknownFunctionCodeIsAnIllegalFunction() throws Exception {
        for (ModbusRequest request :
                List.of(new RawRequest(0x41, new byte[0]), new RawRequest(0x64, new byte[] {1, 2, 3, 4}))) {
            assertThat(exceptionFrom(client, request).code())
                    .as("%s", request)
                    .contains(ExceptionCode.ILLEGAL_FUNCTION);
        }
        // a raw PDU of a function libmodbus knows is answered as such
        ModbusResponse raw = client.send(UNIT, new RawRequest(0x03, new byte[] {0, 10, 0, 2}), TIMEOUT)
                .get(10, TimeUnit.SECONDS);
        assertThat(raw.functionCode()).isEqualTo(0x03);
        assertThat(((RawResponse) raw).data()).containsExactly(4, 0x03, 0xF2, 0x03, 0xF3); // byte count, 1010, 1011
    }

    /** libmodbus 3.1.6 does not answer Read Exception Status at all (modbus_reply fails with ENOPROTOOPT). */
    @Test
    void readExceptionStatusIsNeverAnsweredSoItTimesOut() throws Exception {
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> client.send(UNIT, new ReadExceptionStatusRequest(), Duration.ofMillis(500))
                        .get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(ModbusTimeoutException.class);
        assertThat(read(new ReadHoldingRegistersRequest(0, 1), ReadHoldingRegistersResponse.class)
                        .registers())
                .isEqualTo(RegisterValues.of(1000));
    }

    /**
     * After answering an unknown function code, libmodbus flushes whatever else it has received on the connection
     * (modbus_reply's exception path calls modbus_flush). Requests pipelined behind such a request are dropped
     * unanswered: on our side they time out, never get a wrong answer, and the connection serves later requests.
     * With maxInFlight=1, the default, nothing is ever behind it.
     */
    @Test
    void requestsPipelinedBehindAnIllegalFunctionAreDroppedByLibmodbus() throws Exception {
        try (ModbusClient pipelining =
                newClient(new ModbusClientOptions(8, 1000, Duration.ofMillis(100), Duration.ofSeconds(1)))) {
            assertThat(pipelining
                            .send(UNIT, new ReadHoldingRegistersRequest(0, 1), TIMEOUT)
                            .get(10, TimeUnit.SECONDS))
                    .isEqualTo(new ReadHoldingRegistersResponse(RegisterValues.of(1000)));
            CompletableFuture<ModbusResponse> illegal =
                    pipelining.send(UNIT, new RawRequest(0x41, new byte[0]), Duration.ofSeconds(2));
            List<CompletableFuture<ModbusResponse>> behind = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                behind.add(pipelining.send(UNIT, new ReadHoldingRegistersRequest(i, 1), Duration.ofSeconds(1)));
            }
            assertThat(exceptionCause(illegal)).isInstanceOf(ModbusExceptionResponseException.class);
            int lost = 0;
            for (int i = 0; i < behind.size(); i++) {
                try {
                    assertThat(behind.get(i).get(10, TimeUnit.SECONDS))
                            .isEqualTo(new ReadHoldingRegistersResponse(RegisterValues.of(1000 + i)));
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).as("request %d", i).isInstanceOf(ModbusTimeoutException.class);
                    lost++;
                }
            }
            System.out.println("libmodbus dropped " + lost + " of " + behind.size()
                    + " requests pipelined behind an illegal function");
            assertThat(pipelining
                            .send(UNIT, new ReadHoldingRegistersRequest(7, 1), TIMEOUT)
                            .get(10, TimeUnit.SECONDS))
                    .isEqualTo(new ReadHoldingRegistersResponse(RegisterValues.of(1007)));
        }
    }

    private static Throwable exceptionCause(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
