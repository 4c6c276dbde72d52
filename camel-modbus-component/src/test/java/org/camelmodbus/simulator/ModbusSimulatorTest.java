package org.camelmodbus.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ReadCoilsRequest;
import org.camelmodbus.protocol.ReadDiscreteInputsRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.ReadInputRegistersRequest;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModbusSimulatorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final NettyTransports threads = new NettyTransports(2);
    private final List<ModbusClient> clients = new ArrayList<>();
    private ModbusSimulator simulator;

    @AfterEach
    void stop() {
        clients.forEach(ModbusClient::close);
        threads.close();
        if (simulator != null) {
            simulator.close();
        }
    }

    private ModbusClient connect() {
        ModbusClient client = new ModbusClient(
                threads.tcp("127.0.0.1", simulator.port(), TIMEOUT), ModbusClientOptions.DEFAULTS, threads.scheduler());
        clients.add(client);
        return client;
    }

    @Test
    void servesSeveralClientsAtOnce() throws Exception {
        simulator = ModbusSimulator.start("127.0.0.1", 0);
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            ModbusClient client = connect();
            int base = 100 * c;
            for (int i = 0; i < 50; i++) {
                int value = c * 1000 + i;
                work.add(client.send(
                                1,
                                new WriteMultipleRegistersRequest(base, RegisterValues.of(value, value + 1)),
                                TIMEOUT)
                        .thenCompose(w -> client.send(1, new ReadHoldingRegistersRequest(base, 2), TIMEOUT))
                        .thenAccept(r -> {
                            int[] read = ((ReadHoldingRegistersResponse) r)
                                    .registers()
                                    .toArray();
                            // each client owns its addresses, so it reads back its own latest pair
                            assertEquals(read[0] + 1, read[1]);
                            assertEquals(base / 100, read[0] / 1000);
                        }));
            }
        }
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertEquals(5049, simulator.image().holdingRegister(500));
    }

    @Test
    void answersReadsPastEachTableWithIllegalDataAddress() throws Exception {
        simulator = ModbusSimulator.start("127.0.0.1", 0, new ProcessImage(10, 20, 30, 40));
        ModbusClient client = connect();
        ModbusRequest[] pastTheEnd = {
            new ReadCoilsRequest(5, 6), new ReadDiscreteInputsRequest(19, 2),
            new ReadHoldingRegistersRequest(30, 1), new ReadInputRegistersRequest(0, 41)
        };
        for (ModbusRequest request : pastTheEnd) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class,
                    () -> client.send(1, request, TIMEOUT).get(5, TimeUnit.SECONDS));
            ModbusExceptionResponseException refused =
                    assertInstanceOf(ModbusExceptionResponseException.class, e.getCause());
            assertEquals(ExceptionCode.ILLEGAL_DATA_ADDRESS, refused.code().orElseThrow(), request.toString());
        }
        // the last valid addresses still work
        client.send(1, new ReadInputRegistersRequest(0, 40), TIMEOUT).get(5, TimeUnit.SECONDS);
    }

    @Test
    void answersMalformedAndUnknownRequestsWithTheSpecifiedExceptionCodes() throws Exception {
        simulator = ModbusSimulator.start("127.0.0.1", 0);
        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            socket.setSoTimeout(5000);
            // function 0x41 is not served: exception 01
            assertArrayEquals(new byte[] {(byte) 0xC1, 0x01}, exchange(socket, 1, new byte[] {0x41, 0x00}));
            // read 126 holding registers: quantity out of range, exception 03
            assertArrayEquals(new byte[] {(byte) 0x83, 0x03}, exchange(socket, 2, new byte[] {0x03, 0, 0, 0, 126}));
            // read 10 coils from 65530: past the address space, exception 02
            assertArrayEquals(
                    new byte[] {(byte) 0x81, 0x02},
                    exchange(socket, 3, new byte[] {0x01, (byte) 0xFF, (byte) 0xFA, 0, 10}));
            // and a valid request on the same connection still works
            byte[] ok = exchange(socket, 4, new byte[] {0x03, 0, 0, 0, 1});
            assertEquals(0x03, ok[0]);
        }
    }

    /** Sends one MBAP frame for unit 1 and returns the PDU of the answer, checking the echoed header fields. */
    private static byte[] exchange(Socket socket, int transactionId, byte[] pdu) throws Exception {
        OutputStream out = socket.getOutputStream();
        byte[] frame = new byte[7 + pdu.length];
        frame[0] = (byte) (transactionId >> 8);
        frame[1] = (byte) transactionId;
        frame[5] = (byte) (pdu.length + 1);
        frame[6] = 1;
        System.arraycopy(pdu, 0, frame, 7, pdu.length);
        out.write(frame);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertEquals(transactionId, in.readUnsignedShort());
        assertEquals(0, in.readUnsignedShort());
        int length = in.readUnsignedShort();
        assertEquals(1, in.readUnsignedByte());
        byte[] answer = new byte[length - 1];
        in.readFully(answer);
        assertTrue(answer.length >= 2);
        return answer;
    }
}
