package org.camelmodbus.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelmodbus.ModbusConstants;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.protocol.BitValues;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadCoilsRequest;
import org.camelmodbus.protocol.ReadCoilsResponse;
import org.camelmodbus.protocol.ReadDiscreteInputsRequest;
import org.camelmodbus.protocol.ReadDiscreteInputsResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.ReadInputRegistersRequest;
import org.camelmodbus.protocol.ReadInputRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.WriteMultipleCoilsRequest;
import org.camelmodbus.protocol.WriteMultipleCoilsResponse;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteMultipleRegistersResponse;
import org.camelmodbus.protocol.WriteSingleCoilRequest;
import org.camelmodbus.protocol.WriteSingleCoilResponse;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.protocol.WriteSingleRegisterResponse;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every third-party Modbus TCP server peer is tested with: our {@link ModbusClient} and Camel routes on
 * {@code modbus:} endpoints, for each function code, exception responses, unit ids and pipelining. The peers
 * (src/test/c/libmodbus_server.c, src/test/node/modbus_serial_server.js) serve the same image, so one set of expected
 * values fits all of them; a subclass starts its peer and adds what only that peer has.
 *
 * <p>The peer runs for the whole class; tests that write use their own address ranges, so no test depends on another
 * having run or not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class ServerPeerTests {
    // The image every server peer serves.
    static final int COILS = 4000;
    static final int DISCRETE_INPUTS = 2000;
    static final int HOLDING_REGISTERS = 300;
    static final int INPUT_REGISTERS = 300;

    // Address ranges the writing tests own; everything else keeps its initial value.
    static final int CLIENT_COILS = 2000; // 2000..3967, 1968 coils: the most one request may write
    static final int CLIENT_COIL = 3968;
    static final int CAMEL_COILS = 3970; // ..3999
    static final int CLIENT_REGISTERS = 150; // 150..272, 123 registers: the most one request may write
    static final int CLIENT_REGISTER = 273;
    static final int CAMEL_REGISTERS = 280; // ..299

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int UNIT = 1;

    @RegisterExtension
    static final Peers peers = new Peers();

    protected int port;
    protected NettyTransports threads;
    protected ModbusClient client;
    private CamelContext camel;
    private ProducerTemplate template;
    private final BlockingQueue<Message> polled = new LinkedBlockingQueue<>();

    static boolean coil(int address) {
        return address % 3 == 0;
    }

    static boolean discreteInput(int address) {
        return address % 2 == 1;
    }

    static int holdingRegister(int address) {
        return 1000 + address;
    }

    static int inputRegister(int address) {
        return 0xFFFF - address;
    }

    /** Starts the peer with {@code peers}, so it is stopped after the class; returns the port it listens on. */
    protected abstract int startPeer(Peers peers);

    @BeforeAll
    void startPeerClientAndCamel() throws Exception {
        port = startPeer(peers);
        threads = new NettyTransports(2);
        client = newClient(ModbusClientOptions.DEFAULTS);
        camel = new DefaultCamelContext();
        camel.addRoutes(routes());
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    void stopCamelAndClient() {
        if (camel != null) {
            camel.stop();
        }
        if (client != null) {
            client.close();
        }
        if (threads != null) {
            threads.close();
        }
    }

    protected ModbusClient newClient(ModbusClientOptions options) {
        return new ModbusClient(threads.tcp("127.0.0.1", port, TIMEOUT), options, threads.scheduler());
    }

    /** An endpoint on the peer: {@code modbus:tcp:127.0.0.1:<port>?<options>}, with a 5 s timeout unless given. */
    protected String device(String options) {
        return "modbus:tcp:127.0.0.1:" + port + "?" + (options.contains("timeout=") ? "" : "timeout=5000&") + options;
    }

    /** The started Camel context; a subclass may add routes for what only its peer serves. */
    protected CamelContext camel() {
        return camel;
    }

    protected ProducerTemplate template() {
        return template;
    }

    private RouteBuilder routes() {
        String device = device("");
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String function :
                        List.of("readCoils", "readDiscreteInputs", "readHoldingRegisters", "readInputRegisters")) {
                    from("direct:" + function).to(device + "function=" + function);
                }
                from("direct:writeSingleCoil").to(device + "function=writeSingleCoil&address=" + CAMEL_COILS);
                from("direct:writeMultipleCoils").to(device + "function=writeMultipleCoils&address=" + CAMEL_COILS);
                from("direct:writeSingleRegister")
                        .to(device + "function=writeSingleRegister&address=" + CAMEL_REGISTERS);
                from("direct:writeMultipleRegisters")
                        .to(device + "function=writeMultipleRegisters&address=" + CAMEL_REGISTERS);
                from(device + "function=readInputRegisters&address=10&quantity=4&initialDelay=0&delay=50")
                        .routeId("poll")
                        .autoStartup(false)
                        .process(e -> polled.offer(e.getMessage().copy()));
            }
        };
    }

    // ---- our client, one test per function code ----

    @Test
    void clientReadsCoils() throws Exception {
        assertThat(read(new ReadCoilsRequest(0, 2000), ReadCoilsResponse.class).coils())
                .isEqualTo(expectedBits(0, 2000, ServerPeerTests::coil));
        assertThat(read(new ReadCoilsRequest(5, 3), ReadCoilsResponse.class).coils())
                .isEqualTo(expectedBits(5, 3, ServerPeerTests::coil));
        assertThat(read(new ReadCoilsRequest(1999, 1), ReadCoilsResponse.class).coils())
                .isEqualTo(BitValues.of(false));
    }

    @Test
    void clientReadsDiscreteInputs() throws Exception {
        assertThat(read(new ReadDiscreteInputsRequest(0, 2000), ReadDiscreteInputsResponse.class)
                        .inputs())
                .isEqualTo(expectedBits(0, 2000, ServerPeerTests::discreteInput));
        assertThat(read(new ReadDiscreteInputsRequest(7, 9), ReadDiscreteInputsResponse.class)
                        .inputs())
                .isEqualTo(expectedBits(7, 9, ServerPeerTests::discreteInput));
    }

    @Test
    void clientReadsHoldingRegisters() throws Exception {
        assertThat(read(new ReadHoldingRegistersRequest(0, 125), ReadHoldingRegistersResponse.class)
                        .registers())
                .isEqualTo(expectedRegisters(0, 125, ServerPeerTests::holdingRegister));
        assertThat(read(new ReadHoldingRegistersRequest(99, 1), ReadHoldingRegistersResponse.class)
                        .registers())
                .isEqualTo(RegisterValues.of(1099));
    }

    @Test
    void clientReadsInputRegistersUnsigned() throws Exception {
        RegisterValues first = read(new ReadInputRegistersRequest(0, 125), ReadInputRegistersResponse.class)
                .registers();
        assertThat(first).isEqualTo(expectedRegisters(0, 125, ServerPeerTests::inputRegister));
        assertThat(first.get(0)).isEqualTo(65535);
        assertThat(first.getSigned(0)).isEqualTo((short) -1);
        assertThat(read(new ReadInputRegistersRequest(175, 125), ReadInputRegistersResponse.class)
                        .registers())
                .isEqualTo(expectedRegisters(175, 125, ServerPeerTests::inputRegister));
    }

    @Test
    void clientWritesSingleCoil() throws Exception {
        for (boolean value : new boolean[] {true, false, true}) {
            assertThat(read(new WriteSingleCoilRequest(CLIENT_COIL, value), WriteSingleCoilResponse.class))
                    .isEqualTo(new WriteSingleCoilResponse(CLIENT_COIL, value));
            assertThat(read(new ReadCoilsRequest(CLIENT_COIL, 1), ReadCoilsResponse.class)
                            .coils())
                    .isEqualTo(BitValues.of(value));
        }
    }

    @Test
    void clientWritesSingleRegister() throws Exception {
        for (int value : new int[] {0xFFFF, 0, 0x1234}) {
            assertThat(read(new WriteSingleRegisterRequest(CLIENT_REGISTER, value), WriteSingleRegisterResponse.class))
                    .isEqualTo(new WriteSingleRegisterResponse(CLIENT_REGISTER, value));
            assertThat(read(new ReadHoldingRegistersRequest(CLIENT_REGISTER, 1), ReadHoldingRegistersResponse.class)
                            .registers())
                    .isEqualTo(RegisterValues.of(value));
        }
    }

    @Test
    void clientWritesMultipleCoils() throws Exception {
        BitValues values = expectedBits(0, 1968, i -> i % 5 == 0 || i % 7 == 0);
        assertThat(read(new WriteMultipleCoilsRequest(CLIENT_COILS, values), WriteMultipleCoilsResponse.class))
                .isEqualTo(new WriteMultipleCoilsResponse(CLIENT_COILS, 1968));
        assertThat(read(new ReadCoilsRequest(CLIENT_COILS, 1968), ReadCoilsResponse.class)
                        .coils())
                .isEqualTo(values);

        BitValues few = BitValues.of(true, true, false, true, false, false, false, true, true);
        assertThat(read(new WriteMultipleCoilsRequest(CLIENT_COILS + 3, few), WriteMultipleCoilsResponse.class))
                .isEqualTo(new WriteMultipleCoilsResponse(CLIENT_COILS + 3, 9));
        assertThat(read(new ReadCoilsRequest(CLIENT_COILS + 3, 9), ReadCoilsResponse.class)
                        .coils())
                .isEqualTo(few);
    }

    @Test
    void clientWritesMultipleRegisters() throws Exception {
        RegisterValues values = expectedRegisters(0, 123, i -> (i * 517 + 0x8001) & 0xFFFF);
        assertThat(read(
                        new WriteMultipleRegistersRequest(CLIENT_REGISTERS, values),
                        WriteMultipleRegistersResponse.class))
                .isEqualTo(new WriteMultipleRegistersResponse(CLIENT_REGISTERS, 123));
        assertThat(read(new ReadHoldingRegistersRequest(CLIENT_REGISTERS, 123), ReadHoldingRegistersResponse.class)
                        .registers())
                .isEqualTo(values);
    }

    @Test
    void clientGetsIllegalDataAddressPastEveryTable() throws Exception {
        List<ModbusRequest> outside = List.of(
                new ReadCoilsRequest(COILS - 1, 2),
                new ReadDiscreteInputsRequest(DISCRETE_INPUTS, 1),
                new ReadHoldingRegistersRequest(HOLDING_REGISTERS - 5, 10),
                new ReadInputRegistersRequest(INPUT_REGISTERS, 1),
                new WriteSingleCoilRequest(COILS, true),
                new WriteSingleRegisterRequest(HOLDING_REGISTERS, 1),
                new WriteMultipleCoilsRequest(COILS - 1, BitValues.of(true, true)),
                new WriteMultipleRegistersRequest(HOLDING_REGISTERS - 1, RegisterValues.of(1, 2)));
        for (ModbusRequest request : outside) {
            ModbusExceptionResponseException e = exceptionFrom(client, request);
            assertThat(e.code()).as("%s", request).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
            assertThat(e.exceptionCode()).isEqualTo(2);
            assertThat(e.request()).isEqualTo(request);
            assertThat(e.unitId()).isEqualTo(UNIT);
            assertThat(e.getMessage()).contains("Illegal Data Address (0x02)").contains("unit " + UNIT);
        }
        assertThat(exceptionFrom(client, new ReadHoldingRegistersRequest(295, 10))
                        .getMessage())
                .contains("address 295");
        // an exception response leaves the connection usable
        assertThat(read(new ReadHoldingRegistersRequest(0, 1), ReadHoldingRegistersResponse.class)
                        .registers())
                .isEqualTo(RegisterValues.of(1000));
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void clientReachesEveryUnitId() throws Exception {
        for (int unit : new int[] {0, 1, 17, 247, 255}) {
            ModbusResponse response = client.send(unit, new ReadHoldingRegistersRequest(2, 1), TIMEOUT)
                    .get(10, TimeUnit.SECONDS);
            assertThat(response)
                    .as("unit %d", unit)
                    .isEqualTo(new ReadHoldingRegistersResponse(RegisterValues.of(1002)));
        }
    }

    // ---- several requests at once ----

    @Test
    void clientQueuesConcurrentRequestsWithOneInFlight() throws Exception {
        assertThat(client.options().maxInFlight()).isEqualTo(1);
        assertConcurrentReadsMatch(client, 200);
    }

    @Test
    void clientPipelinesSixteenRequestsOnOneConnection() throws Exception {
        try (ModbusClient pipelining =
                newClient(new ModbusClientOptions(16, 1000, Duration.ofMillis(100), Duration.ofSeconds(1)))) {
            assertConcurrentReadsMatch(pipelining, 400);
        }
    }

    @Test
    void severalConnectionsAtOnce() throws Exception {
        List<ModbusClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(newClient(new ModbusClientOptions(4, 1000, Duration.ofMillis(100), Duration.ofSeconds(1))));
            }
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (ModbusClient c : clients) {
                all.add(CompletableFuture.runAsync(() -> assertConcurrentReadsMatch(c, 100)));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            clients.forEach(ModbusClient::close);
        }
    }

    /** Sends {@code count} reads of different addresses without waiting, then checks each got its own values. */
    static void assertConcurrentReadsMatch(ModbusClient c, int count) {
        List<CompletableFuture<ModbusResponse>> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int address = i % 120;
            replies.add(c.send(UNIT, new ReadHoldingRegistersRequest(address, 1 + i % 6), Duration.ofSeconds(20)));
        }
        for (int i = 0; i < count; i++) {
            int address = i % 120;
            try {
                assertThat(replies.get(i).get(30, TimeUnit.SECONDS))
                        .as("request %d", i)
                        .isEqualTo(new ReadHoldingRegistersResponse(
                                expectedRegisters(address, 1 + i % 6, ServerPeerTests::holdingRegister)));
            } catch (Exception e) {
                throw new AssertionError("request " + i + " of " + count + " failed: " + e, e);
            }
        }
    }

    // ---- Camel routes ----

    @Test
    void camelReadsEachDataKind() {
        assertThat(camelRead("readCoils", 5, 7)).isEqualTo(List.of(false, true, false, false, true, false, false));
        assertThat(camelRead("readDiscreteInputs", 5, 4)).isEqualTo(List.of(true, false, true, false));
        assertThat(camelRead("readHoldingRegisters", 10, 3)).isEqualTo(List.of(1010, 1011, 1012));
        assertThat(camelRead("readInputRegisters", 20, 2)).isEqualTo(List.of(65515, 65514));
    }

    @Test
    void camelWritesEachDataKind() {
        template.sendBody("direct:writeSingleCoil", true);
        assertThat(camelRead("readCoils", CAMEL_COILS, 1)).isEqualTo(List.of(true));
        template.sendBody("direct:writeSingleCoil", "off");
        assertThat(camelRead("readCoils", CAMEL_COILS, 1)).isEqualTo(List.of(false));

        template.sendBody("direct:writeMultipleCoils", new boolean[] {true, false, true, true, false, true, true});
        assertThat(camelRead("readCoils", CAMEL_COILS, 7))
                .isEqualTo(List.of(true, false, true, true, false, true, true));

        template.sendBody("direct:writeSingleRegister", -2);
        assertThat(camelRead("readHoldingRegisters", CAMEL_REGISTERS, 1)).isEqualTo(List.of(65534));

        template.sendBody("direct:writeMultipleRegisters", "[7, 65535, 0x1234]");
        assertThat(camelRead("readHoldingRegisters", CAMEL_REGISTERS, 3)).isEqualTo(List.of(7, 65535, 0x1234));
    }

    @Test
    void camelRouteGetsTheExceptionResponseTyped() {
        CamelExecutionException e = assertThrows(
                CamelExecutionException.class, () -> camelRead("readHoldingRegisters", HOLDING_REGISTERS - 5, 10));
        assertThat(e.getCause()).isInstanceOf(ModbusExceptionResponseException.class);
        ModbusExceptionResponseException cause = (ModbusExceptionResponseException) e.getCause();
        assertThat(cause.code()).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(cause.getMessage()).contains("Illegal Data Address (0x02)").contains("127.0.0.1:" + port);
        // the next exchange on the same device works
        assertThat(camelRead("readHoldingRegisters", 0, 1)).isEqualTo(List.of(1000));
    }

    @Test
    void camelConsumerPollsThePeer() throws Exception {
        polled.clear();
        camel.getRouteController().startRoute("poll");
        try {
            for (int i = 0; i < 3; i++) {
                Message m = polled.poll(10, TimeUnit.SECONDS);
                assertThat(m).as("poll %d within 10 s", i).isNotNull();
                assertThat(m.getBody()).isEqualTo(List.of(65525, 65524, 65523, 65522));
                assertThat(m.getHeader(ModbusConstants.ADDRESS)).isEqualTo(10);
                assertThat(m.getHeader(ModbusConstants.QUANTITY)).isEqualTo(4);
                assertThat(m.getHeader(ModbusConstants.DEVICE)).isEqualTo("tcp://127.0.0.1:" + port);
            }
        } finally {
            camel.getRouteController().stopRoute("poll");
        }
    }

    // ---- helpers ----

    protected List<?> camelRead(String function, int address, int quantity) {
        return template.requestBodyAndHeaders(
                "direct:" + function,
                null,
                Map.of(ModbusConstants.ADDRESS, address, ModbusConstants.QUANTITY, quantity),
                List.class);
    }

    protected <R extends ModbusResponse> R read(ModbusRequest request, Class<R> type) throws Exception {
        return type.cast(client.send(UNIT, request, TIMEOUT).get(10, TimeUnit.SECONDS));
    }

    static ModbusExceptionResponseException exceptionFrom(ModbusClient c, ModbusRequest request) throws Exception {
        try {
            ModbusResponse unexpected = c.send(UNIT, request, TIMEOUT).get(10, TimeUnit.SECONDS);
            throw new AssertionError(request + " should have got an exception response, got " + unexpected);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ModbusExceptionResponseException response) {
                return response;
            }
            throw new AssertionError(request + " failed otherwise than with an exception response", e.getCause());
        }
    }

    static BitValues expectedBits(int address, int quantity, java.util.function.IntPredicate table) {
        boolean[] bits = new boolean[quantity];
        for (int i = 0; i < quantity; i++) {
            bits[i] = table.test(address + i);
        }
        return BitValues.of(bits);
    }

    static RegisterValues expectedRegisters(int address, int quantity, java.util.function.IntUnaryOperator table) {
        int[] values = new int[quantity];
        for (int i = 0; i < quantity; i++) {
            values[i] = table.applyAsInt(address + i);
        }
        return RegisterValues.of(values);
    }
}
