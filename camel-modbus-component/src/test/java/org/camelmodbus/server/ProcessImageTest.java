package org.camelmodbus.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.protocol.DeviceIdentification;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.GetCommEventCounterRequest;
import org.camelmodbus.protocol.GetCommEventCounterResponse;
import org.camelmodbus.protocol.MaskWriteRegisterRequest;
import org.camelmodbus.protocol.MaskWriteRegisterResponse;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.RawRequest;
import org.camelmodbus.protocol.ReadDeviceIdCode;
import org.camelmodbus.protocol.ReadDeviceIdentificationRequest;
import org.camelmodbus.protocol.ReadDeviceIdentificationResponse;
import org.camelmodbus.protocol.ReadExceptionStatusRequest;
import org.camelmodbus.protocol.ReadExceptionStatusResponse;
import org.camelmodbus.protocol.ReadFifoQueueRequest;
import org.camelmodbus.protocol.ReadFifoQueueResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersRequest;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.ReportServerIdRequest;
import org.camelmodbus.protocol.ReportServerIdResponse;
import org.camelmodbus.protocol.ResponseCodec;
import org.camelmodbus.protocol.ReturnQueryDataRequest;
import org.camelmodbus.protocol.ReturnQueryDataResponse;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.junit.jupiter.api.Test;

/** The process image answers every modelled function, synchronously and atomically. */
class ProcessImageTest {
    private final ProcessImage image = new ProcessImage();

    // ---- 0x07

    @Test
    void reportsSettableExceptionStatus() {
        assertEquals(new ReadExceptionStatusResponse(0), image.apply(new ReadExceptionStatusRequest()));
        image.setExceptionStatus(0x6D);
        assertEquals(new ReadExceptionStatusResponse(0x6D), image.apply(new ReadExceptionStatusRequest()));
        image.setExceptionStatusOutput(0, false);
        image.setExceptionStatusOutput(7, true);
        assertEquals(0xEC, image.exceptionStatus());
        assertThrows(IllegalArgumentException.class, () -> image.setExceptionStatus(256));
        assertThrows(IllegalArgumentException.class, () -> image.setExceptionStatusOutput(8, true));
    }

    // ---- 0x08

    @Test
    void echoesQueryData() {
        byte[] data = {(byte) 0xA5, 0x37, 0, (byte) 0xFF};
        assertEquals(new ReturnQueryDataResponse(data), image.apply(new ReturnQueryDataRequest(data)));
        assertEquals(new ReturnQueryDataResponse(new byte[0]), image.apply(new ReturnQueryDataRequest(new byte[0])));
    }

    // ---- 0x0B

    @Test
    void countsSuccessfulRequestsButNotExceptionsOrItself() {
        ProcessImage small = new ProcessImage(0, 0, 10, 0);
        assertEquals(new GetCommEventCounterResponse(0, 0), small.apply(new GetCommEventCounterRequest()));
        small.apply(new ReadHoldingRegistersRequest(0, 1));
        small.apply(new WriteSingleRegisterRequest(1, 5));
        small.apply(new ReadExceptionStatusRequest());
        // refused: not counted
        small.apply(new ReadHoldingRegistersRequest(9, 5));
        small.apply(new RawRequest(0x41, new byte[0]));
        assertEquals(new GetCommEventCounterResponse(0, 3), small.apply(new GetCommEventCounterRequest()));
        assertEquals(new GetCommEventCounterResponse(0, 3), small.apply(new GetCommEventCounterRequest()));
        assertEquals(3, small.commEventCount());
    }

    @Test
    void commEventCounterWrapsAndReportsBusy() {
        image.setCommEventCount(65535);
        image.apply(new ReadExceptionStatusRequest());
        image.setCommEventBusy(true);
        GetCommEventCounterResponse response =
                (GetCommEventCounterResponse) image.apply(new GetCommEventCounterRequest());
        assertTrue(response.busy());
        assertEquals(0, response.eventCount());
        image.setCommEventBusy(false);
        assertFalse(((GetCommEventCounterResponse) image.apply(new GetCommEventCounterRequest())).busy());
    }

    // ---- 0x11

    @Test
    void reportsConfigurableServerIdWithRunIndicatorOn() {
        ReportServerIdResponse initial = (ReportServerIdResponse) image.apply(new ReportServerIdRequest());
        assertArrayEquals(new byte[] {1}, initial.serverId());
        assertTrue(initial.runIndicator());
        assertEquals("camel-modbus", new String(initial.additionalData(), StandardCharsets.US_ASCII));

        image.setServerId(new byte[] {0x12, 0x34}, new byte[] {9});
        assertEquals(
                new ReportServerIdResponse(new byte[] {0x12, 0x34}, true, new byte[] {9}),
                image.apply(new ReportServerIdRequest(2)));
        image.setRunIndicator(false);
        assertFalse(((ReportServerIdResponse) image.apply(new ReportServerIdRequest())).runIndicator());
        assertThrows(IllegalArgumentException.class, () -> image.setServerId(new byte[0], new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> image.setServerId(new byte[1], new byte[250]));
    }

    // ---- 0x16

    @Test
    void maskWritesAsTheSpecificationComputes() {
        image.setHoldingRegisters(4, 0x12);
        assertEquals(
                new MaskWriteRegisterResponse(4, 0xF2, 0x25), image.apply(new MaskWriteRegisterRequest(4, 0xF2, 0x25)));
        assertEquals(0x17, image.holdingRegister(4));
        image.apply(new MaskWriteRegisterRequest(4, 0x0000, 0xBEEF));
        assertEquals(0xBEEF, image.holdingRegister(4));
        image.apply(new MaskWriteRegisterRequest(4, 0xFFFF, 0x1234));
        assertEquals(0xBEEF, image.holdingRegister(4));
    }

    @Test
    void refusesMaskWriteOutsideTheTable() {
        ProcessImage small = new ProcessImage(0, 0, 10, 0);
        assertEquals(
                new ExceptionResponse(0x16, ExceptionCode.ILLEGAL_DATA_ADDRESS),
                small.apply(new MaskWriteRegisterRequest(10, 0, 1)));
    }

    // ---- 0x17

    @Test
    void readWriteWritesFirstThenReads() {
        image.setHoldingRegisters(0, 1, 2, 3, 4, 5, 6);
        ModbusResponse response =
                image.apply(new ReadWriteMultipleRegistersRequest(0, 6, 2, RegisterValues.of(30, 40)));
        assertEquals(new ReadWriteMultipleRegistersResponse(RegisterValues.of(1, 2, 30, 40, 5, 6)), response);
        assertEquals(40, image.holdingRegister(3));
    }

    @Test
    void readWriteOutsideTheTableChangesNothing() {
        ProcessImage small = new ProcessImage(0, 0, 10, 0);
        small.setHoldingRegisters(0, 7);
        assertEquals(
                new ExceptionResponse(0x17, ExceptionCode.ILLEGAL_DATA_ADDRESS),
                small.apply(new ReadWriteMultipleRegistersRequest(5, 6, 0, RegisterValues.of(9))));
        assertEquals(
                new ExceptionResponse(0x17, ExceptionCode.ILLEGAL_DATA_ADDRESS),
                small.apply(new ReadWriteMultipleRegistersRequest(0, 1, 9, RegisterValues.of(9, 9))));
        assertEquals(7, small.holdingRegister(0));
    }

    @Test
    void readWriteIsAtomic() throws Exception {
        // writers put the same value in all ten registers at once; every read must see ten equal values
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                work.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < 2000; i++) {
                                int[] same = new int[10];
                                Arrays.fill(same, (seed * 2000 + i) & 0xFFFF);
                                ReadWriteMultipleRegistersResponse r = (ReadWriteMultipleRegistersResponse) image.apply(
                                        new ReadWriteMultipleRegistersRequest(100, 10, 100, RegisterValues.of(same)));
                                int[] read = r.registers().toArray();
                                assertTrue(Arrays.stream(read).allMatch(v -> v == read[0]), Arrays.toString(read));
                                assertEquals(same[0], read[0], "the write comes before the read");
                            }
                        },
                        pool));
            }
            CompletableFuture.allOf(work.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- 0x18

    @Test
    void readsConfiguredFifoQueuesWithoutRemovingValues() {
        image.setFifoQueue(1246, 440, 4740);
        ReadFifoQueueResponse expected = new ReadFifoQueueResponse(RegisterValues.of(440, 4740));
        assertEquals(expected, image.apply(new ReadFifoQueueRequest(1246)));
        assertEquals(expected, image.apply(new ReadFifoQueueRequest(1246)));
        image.setFifoQueue(7);
        assertEquals(new ReadFifoQueueResponse(RegisterValues.of()), image.apply(new ReadFifoQueueRequest(7)));
        image.setFifoQueue(8, new int[31]);
        assertEquals(31, ((ReadFifoQueueResponse) image.apply(new ReadFifoQueueRequest(8))).fifoCount());
        image.setFifoQueue(9, -1);
        assertArrayEquals(new int[] {65535}, image.fifoQueue(9));
    }

    @Test
    void refusesUnknownQueueAndQueueLongerThan31() {
        assertEquals(
                new ExceptionResponse(0x18, ExceptionCode.ILLEGAL_DATA_ADDRESS),
                image.apply(new ReadFifoQueueRequest(1)));
        image.setFifoQueue(1, new int[32]);
        assertEquals(
                new ExceptionResponse(0x18, ExceptionCode.ILLEGAL_DATA_VALUE),
                image.apply(new ReadFifoQueueRequest(1)));
        image.removeFifoQueue(1);
        assertNull(image.fifoQueue(1));
        assertThrows(IllegalArgumentException.class, () -> image.setFifoQueue(65536, 1));
    }

    // ---- 0x2B / 0x0E

    private static final DeviceIdentification ALL_CATEGORIES = DeviceIdentification.builder()
            .add(0x80, "private")
            .add(DeviceIdentification.VENDOR_URL, "https://example.org")
            .add(DeviceIdentification.VENDOR_NAME, "vendor")
            .add(DeviceIdentification.PRODUCT_CODE, "code")
            .add(DeviceIdentification.MAJOR_MINOR_REVISION, "1.0")
            .build();

    @Test
    void streamsEachCategoryInAscendingOrder() {
        image.setDeviceIdentification(ALL_CATEGORIES);
        assertEquals(
                List.of(0, 1, 2), identify(ReadDeviceIdCode.BASIC, 0).objects().objectIds());
        assertEquals(
                List.of(0, 1, 2, 3),
                identify(ReadDeviceIdCode.REGULAR, 0).objects().objectIds());
        ReadDeviceIdentificationResponse extended = identify(ReadDeviceIdCode.EXTENDED, 0);
        assertEquals(List.of(0, 1, 2, 3, 0x80), extended.objects().objectIds());
        assertFalse(extended.moreFollows());
        assertEquals(0x83, extended.conformityLevel(), "extended, with individual access");
        assertEquals(
                List.of(3, 0x80),
                identify(ReadDeviceIdCode.EXTENDED, 3).objects().objectIds());
    }

    @Test
    void restartsAStreamAtTheFirstObjectForAnUnknownObjectId() {
        image.setDeviceIdentification(ALL_CATEGORIES);
        assertEquals(
                List.of(0, 1, 2),
                identify(ReadDeviceIdCode.BASIC, 0x80).objects().objectIds());
        assertEquals(
                List.of(0, 1, 2, 3),
                identify(ReadDeviceIdCode.REGULAR, 0x05).objects().objectIds());
    }

    @Test
    void answersOneObjectOnIndividualAccessOrIllegalDataAddress() {
        image.setDeviceIdentification(ALL_CATEGORIES);
        ReadDeviceIdentificationResponse response = identify(ReadDeviceIdCode.SPECIFIC, 0x80);
        assertEquals("private", response.objects().getString(0x80).orElseThrow());
        assertEquals(
                new ExceptionResponse(0x2B, ExceptionCode.ILLEGAL_DATA_ADDRESS),
                image.apply(new ReadDeviceIdentificationRequest(ReadDeviceIdCode.SPECIFIC, 0x04)));
    }

    @Test
    void conformityLevelFollowsTheHighestObject() {
        assertEquals(0x81, identify(ReadDeviceIdCode.BASIC, 0).conformityLevel(), "the default: basic objects");
        assertEquals(
                ProcessImage.DEFAULT_IDENTIFICATION,
                identify(ReadDeviceIdCode.EXTENDED, 0).objects());
        image.setDeviceIdentification(DeviceIdentification.builder()
                .add(0, "v")
                .add(DeviceIdentification.MODEL_NAME, "m")
                .build());
        assertEquals(0x82, identify(ReadDeviceIdCode.BASIC, 0).conformityLevel());
    }

    @Test
    void continuesAStreamWhenTheObjectsDoNotFitOnePdu() {
        // four private objects of 120 bytes: the basic ones and one fit the first response (26 + 122 = 148), then two
        // fit each response (7 + 2 * 122 = 251), a third would not (373)
        DeviceIdentification.Builder builder =
                DeviceIdentification.builder().add(0, "vendor").add(1, "code").add(2, "1.0");
        for (int id = 0x80; id < 0x84; id++) {
            byte[] value = new byte[120];
            Arrays.fill(value, (byte) id);
            builder.add(id, value);
        }
        image.setDeviceIdentification(builder.build());

        ReadDeviceIdentificationResponse first = identify(ReadDeviceIdCode.EXTENDED, 0);
        assertTrue(first.moreFollows());
        assertEquals(List.of(0, 1, 2, 0x80), first.objects().objectIds());
        assertEquals(0x81, first.nextObjectId());
        ReadDeviceIdentificationResponse second = identify(ReadDeviceIdCode.EXTENDED, first.nextObjectId());
        assertTrue(second.moreFollows());
        assertEquals(List.of(0x81, 0x82), second.objects().objectIds());
        assertEquals(0x83, second.nextObjectId());
        ReadDeviceIdentificationResponse third = identify(ReadDeviceIdCode.EXTENDED, second.nextObjectId());
        assertFalse(third.moreFollows());
        assertEquals(0, third.nextObjectId());
        assertEquals(List.of(0x83), third.objects().objectIds());
        // every answer fits a PDU
        for (ReadDeviceIdentificationResponse r : List.of(first, second, third)) {
            assertTrue(ResponseCodec.encode(r).length <= 253);
        }
    }

    @Test
    void fillsAPduWithTheLargestObject() {
        image.setDeviceIdentification(DeviceIdentification.builder()
                .add(0x80, new byte[244])
                .add(0x81, new byte[0])
                .build());
        ReadDeviceIdentificationResponse first = identify(ReadDeviceIdCode.EXTENDED, 0);
        assertEquals(253, ResponseCodec.encode(first).length);
        assertEquals(0x81, first.nextObjectId());
        assertEquals(
                List.of(0x81),
                identify(ReadDeviceIdCode.EXTENDED, 0x81).objects().objectIds());
    }

    // ---- anything else

    @Test
    void refusesRawRequestsWithIllegalFunction() {
        for (ModbusRequest raw : List.of(
                new RawRequest(0x41, new byte[] {1}),
                new RawRequest(0x03, new byte[] {0, 0, 0, 1}),
                new RawRequest(0x0C, new byte[0]))) {
            ExceptionResponse response = assertInstanceOf(ExceptionResponse.class, image.apply(raw));
            assertEquals(raw.functionCode(), response.functionCode());
            assertEquals(ExceptionCode.ILLEGAL_FUNCTION, response.code().orElseThrow());
        }
    }

    private ReadDeviceIdentificationResponse identify(ReadDeviceIdCode code, int objectId) {
        return (ReadDeviceIdentificationResponse) image.apply(new ReadDeviceIdentificationRequest(code, objectId));
    }
}
