package org.camelmodbus.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.client.DeviceIdentificationResult;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.protocol.DeviceIdentification;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.GetCommEventCounterRequest;
import org.camelmodbus.protocol.GetCommEventCounterResponse;
import org.camelmodbus.protocol.MaskWriteRegisterRequest;
import org.camelmodbus.protocol.MaskWriteRegisterResponse;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.RawRequest;
import org.camelmodbus.protocol.RawResponse;
import org.camelmodbus.protocol.ReadDeviceIdCode;
import org.camelmodbus.protocol.ReadDeviceIdentificationRequest;
import org.camelmodbus.protocol.ReadDeviceIdentificationResponse;
import org.camelmodbus.protocol.ReadExceptionStatusRequest;
import org.camelmodbus.protocol.ReadExceptionStatusResponse;
import org.camelmodbus.protocol.ReadFifoQueueRequest;
import org.camelmodbus.protocol.ReadFifoQueueResponse;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersRequest;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.ReportServerIdRequest;
import org.camelmodbus.protocol.ReportServerIdResponse;
import org.camelmodbus.protocol.ReturnQueryDataRequest;
import org.camelmodbus.protocol.ReturnQueryDataResponse;
import org.camelmodbus.transport.netty.NettyTcpServer;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Functions 7, 8, 11, 17, 22, 23, 24 and 43 / 14 end to end: our client against the simulator over Modbus TCP, and
 * raw PDUs for whatever the simulator does not serve.
 */
class ModbusSimulatorFunctionsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int UNIT = 1;
    private final NettyTransports threads = new NettyTransports(2);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private ModbusSimulator simulator;
    private ModbusClient client;

    @BeforeEach
    void start() throws Exception {
        simulator = ModbusSimulator.start("127.0.0.1", 0);
        client = connect(simulator.port());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        threads.close();
        simulator.close();
    }

    private ModbusClient connect(int port) {
        ModbusClient c = new ModbusClient(
                threads.tcp("127.0.0.1", port, TIMEOUT), ModbusClientOptions.DEFAULTS, threads.scheduler());
        toClose.add(c);
        return c;
    }

    private ModbusResponse call(ModbusRequest request) throws Exception {
        return client.send(UNIT, request, TIMEOUT).get(10, TimeUnit.SECONDS);
    }

    private Throwable failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void readsExceptionStatus() throws Exception {
        simulator.image().setExceptionStatus(0x6D);
        assertEquals(new ReadExceptionStatusResponse(0x6D), call(new ReadExceptionStatusRequest()));
    }

    @Test
    void diagnosticsEchoesQueryData() throws Exception {
        byte[] data = new byte[250];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        assertEquals(new ReturnQueryDataResponse(data), call(new ReturnQueryDataRequest(data)));
    }

    @Test
    void countsCommEvents() throws Exception {
        call(new ReadExceptionStatusRequest());
        call(new ReturnQueryDataRequest(new byte[] {1, 2}));
        assertEquals(new GetCommEventCounterResponse(0, 2), call(new GetCommEventCounterRequest()));
    }

    @Test
    void reportsServerId() throws Exception {
        simulator.image().setServerId(new byte[] {0x12, 0x34}, new byte[] {'o', 'k'});
        assertEquals(
                new ReportServerIdResponse(new byte[] {0x12, 0x34}, true, new byte[] {'o', 'k'}),
                call(new ReportServerIdRequest(2)));
    }

    @Test
    void maskWritesARegister() throws Exception {
        simulator.image().setHoldingRegisters(4, 0x12);
        assertEquals(new MaskWriteRegisterResponse(4, 0xF2, 0x25), call(new MaskWriteRegisterRequest(4, 0xF2, 0x25)));
        assertEquals(0x17, simulator.image().holdingRegister(4));
    }

    @Test
    void readsAndWritesInOneTransaction() throws Exception {
        simulator.image().setHoldingRegisters(3, 0xFE, 0xACD, 1, 3, 0xD, 0xFF);
        ModbusResponse response = call(new ReadWriteMultipleRegistersRequest(3, 6, 14, RegisterValues.of(7, 8, 9)));
        assertEquals(new ReadWriteMultipleRegistersResponse(RegisterValues.of(0xFE, 0xACD, 1, 3, 0xD, 0xFF)), response);
        assertEquals(9, simulator.image().holdingRegister(16));
    }

    @Test
    void readsFifoQueues() throws Exception {
        simulator.image().setFifoQueue(1246, 440, 4740);
        assertEquals(new ReadFifoQueueResponse(RegisterValues.of(440, 4740)), call(new ReadFifoQueueRequest(1246)));
        simulator.image().setFifoQueue(1246, new int[32]);
        ModbusExceptionResponseException refused = assertInstanceOf(
                ModbusExceptionResponseException.class,
                failure(client.send(UNIT, new ReadFifoQueueRequest(1246), TIMEOUT)));
        assertEquals(ExceptionCode.ILLEGAL_DATA_VALUE, refused.code().orElseThrow());
        assertTrue(
                refused.getMessage().contains("Read FIFO Queue (0x18) at FIFO pointer address 1246"),
                refused.getMessage());
    }

    @Test
    void readsDeviceIdentificationAcrossContinuations() throws Exception {
        DeviceIdentification.Builder objects = DeviceIdentification.builder()
                .add(DeviceIdentification.VENDOR_NAME, "vendor")
                .add(DeviceIdentification.PRODUCT_CODE, "code")
                .add(DeviceIdentification.MAJOR_MINOR_REVISION, "1.0")
                .add(DeviceIdentification.USER_APPLICATION_NAME, "app");
        for (int id = 0x80; id < 0x88; id++) {
            objects.add(id, ("object " + id + " ").repeat(15)); // ~165 bytes: one object per response
        }
        simulator.image().setDeviceIdentification(objects.build());

        DeviceIdentificationResult all = client.readDeviceIdentification(
                        UNIT, new ReadDeviceIdentificationRequest(ReadDeviceIdCode.EXTENDED), TIMEOUT)
                .get(10, TimeUnit.SECONDS);
        assertEquals(objects.build(), all.objects());
        assertEquals(0x83, all.conformityLevel());
        assertEquals(ReadDeviceIdCode.EXTENDED, all.readDeviceIdCode());
        assertTrue(all.responses() >= 8, "responses: " + all.responses());

        DeviceIdentificationResult regular = client.readDeviceIdentification(
                        UNIT, new ReadDeviceIdentificationRequest(ReadDeviceIdCode.REGULAR), TIMEOUT)
                .get(10, TimeUnit.SECONDS);
        assertEquals(List.of(0, 1, 2, 6), regular.objects().objectIds());
        assertEquals(1, regular.responses());

        DeviceIdentificationResult one = client.readDeviceIdentification(
                        UNIT, new ReadDeviceIdentificationRequest(ReadDeviceIdCode.SPECIFIC, 0x85), TIMEOUT)
                .get(10, TimeUnit.SECONDS);
        assertEquals(List.of(0x85), one.objects().objectIds());
    }

    @Test
    void refusesAnUnknownObjectOnIndividualAccess() {
        ModbusExceptionResponseException refused = assertInstanceOf(
                ModbusExceptionResponseException.class,
                failure(client.readDeviceIdentification(
                        UNIT, new ReadDeviceIdentificationRequest(ReadDeviceIdCode.SPECIFIC, 0x42), TIMEOUT)));
        assertEquals(ExceptionCode.ILLEGAL_DATA_ADDRESS, refused.code().orElseThrow());
        assertTrue(
                refused.getMessage().contains("Read Device Identification (0x2B / 0x0E) specific from object id 0x42"),
                refused.getMessage());
    }

    @Test
    void answersEveryUnsupportedFunctionWithIllegalFunction() {
        List<RawRequest> unsupported = List.of(
                new RawRequest(0x41, new byte[] {0}), // user-defined
                new RawRequest(0x0C, new byte[0]), // Get Comm Event Log
                new RawRequest(0x08, new byte[] {0, 1, 0, 0}), // Diagnostics, Restart Communications Option
                new RawRequest(0x2B, new byte[] {0x0D, 1, 0})); // MEI type 0x0D
        for (RawRequest request : unsupported) {
            ModbusExceptionResponseException refused = assertInstanceOf(
                    ModbusExceptionResponseException.class, failure(client.send(UNIT, request, TIMEOUT)));
            assertEquals(ExceptionCode.ILLEGAL_FUNCTION, refused.code().orElseThrow(), request.toString());
            assertTrue(refused.getMessage().contains(request.describe()), refused.getMessage());
            assertTrue(refused.getMessage().contains("Illegal Function (0x01)"), refused.getMessage());
        }
    }

    @Test
    void sendsARawPduAndReturnsTheRawAnswer() throws Exception {
        simulator.image().setHoldingRegisters(0, 1, 2);
        assertEquals(
                new RawResponse(0x03, new byte[] {4, 0, 1, 0, 2}), call(new RawRequest(0x03, new byte[] {0, 0, 0, 2})));
    }

    @Test
    void exceptionMessagesNameTheFunctionAndAddress() {
        ModbusExceptionResponseException refused = assertInstanceOf(
                ModbusExceptionResponseException.class,
                failure(client.send(UNIT, new ReadFifoQueueRequest(5), TIMEOUT)));
        assertTrue(refused.getMessage().contains("unit 1 answered Read FIFO Queue (0x18)"), refused.getMessage());
        assertTrue(
                refused.getMessage().contains("Illegal Data Address (0x02): the address or address + quantity"),
                refused.getMessage());
        assertEquals(new ReadFifoQueueRequest(5), refused.request());
    }

    @Test
    void failsAStreamThatDoesNotProgress() throws Exception {
        // a device that keeps saying more follows from the object it just sent
        NettyTcpServer stuck = threads.tcpServer(
                "127.0.0.1",
                0,
                (unit, request) -> CompletableFuture.completedFuture(new ReadDeviceIdentificationResponse(
                        ReadDeviceIdCode.BASIC,
                        0x01,
                        true,
                        0,
                        DeviceIdentification.builder().add(0, "v").build())));
        toClose.add(stuck);
        Throwable error = failure(connect(stuck.port())
                .readDeviceIdentification(UNIT, new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC), TIMEOUT));
        assertInstanceOf(ModbusProtocolException.class, error);
        assertTrue(error.getMessage().contains("stream does not progress"), error.getMessage());
        assertTrue(error.getMessage().contains("ends with object 0x00 but continues at 0x00"), error.getMessage());
    }

    @Test
    void failsAStreamThatRepeatsObjects() throws Exception {
        // more follows from object 1, but the continuation starts over at object 0
        NettyTcpServer repeating = threads.tcpServer(
                "127.0.0.1",
                0,
                (unit, request) -> CompletableFuture.completedFuture(new ReadDeviceIdentificationResponse(
                        ReadDeviceIdCode.BASIC,
                        0x01,
                        true,
                        1,
                        DeviceIdentification.builder().add(0, "v").build())));
        toClose.add(repeating);
        Throwable error = failure(connect(repeating.port())
                .readDeviceIdentification(UNIT, new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC), TIMEOUT));
        assertInstanceOf(ModbusProtocolException.class, error);
        assertTrue(error.getMessage().contains("repeats an object"), error.getMessage());
    }
}
