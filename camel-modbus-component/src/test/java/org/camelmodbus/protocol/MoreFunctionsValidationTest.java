package org.camelmodbus.protocol;

import static org.camelmodbus.protocol.ProtocolAssertions.assertIllegalArgument;
import static org.camelmodbus.protocol.ProtocolAssertions.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The records of functions 7, 8, 11, 17, 22, 23, 24, 43 / 14 and the raw PDU check their fields when constructed,
 * with messages that name the function and the range, keep their arrays to themselves, and describe themselves for
 * error messages.
 */
class MoreFunctionsValidationTest {

    @Test
    void describesEveryRequestForMessages() {
        assertEquals("Read Exception Status (0x07)", new ReadExceptionStatusRequest().describe());
        assertEquals(
                "Diagnostics (0x08) Return Query Data (0x0000) with 2 bytes",
                new ReturnQueryDataRequest(bytes("A5 37")).describe());
        assertEquals("Get Comm Event Counter (0x0B)", new GetCommEventCounterRequest().describe());
        assertEquals("Report Server ID (0x11)", new ReportServerIdRequest().describe());
        assertEquals(
                "Mask Write Register (0x16) at address 4, AND mask 0x00F2, OR mask 0x0025",
                new MaskWriteRegisterRequest(4, 0xF2, 0x25).describe());
        assertEquals(
                "Read/Write Multiple Registers (0x17) reading address 3, quantity 6, writing address 14, quantity 1",
                new ReadWriteMultipleRegistersRequest(3, 6, 14, RegisterValues.of(1)).describe());
        assertEquals("Read FIFO Queue (0x18) at FIFO pointer address 1246", new ReadFifoQueueRequest(1246).describe());
        assertEquals(
                "Read Device Identification (0x2B / 0x0E) regular from object id 0x03",
                new ReadDeviceIdentificationRequest(ReadDeviceIdCode.REGULAR, 3).describe());
        assertEquals(
                "User-Defined Function (0x41) as a raw PDU with 2 data bytes",
                new RawRequest(0x41, bytes("00 01")).describe());
        assertEquals("Function (0x09) as a raw PDU with 0 data bytes", new RawRequest(9, new byte[0]).describe());
        assertEquals(
                "Diagnostics (0x08) as a raw PDU with 4 data bytes",
                new RawRequest(8, bytes("00 0A 00 00")).describe());
        // the addressed requests keep the form of the first eight functions
        assertEquals(
                "Read Holding Registers (0x03) at address 100, quantity 10",
                new ReadHoldingRegistersRequest(100, 10).describe());
    }

    @Test
    void functionNames() {
        assertEquals("Read/Write Multiple Registers", FunctionCode.nameOf(0x17));
        assertEquals("User-Defined Function", FunctionCode.nameOf(65));
        assertEquals("User-Defined Function", FunctionCode.nameOf(110));
        assertEquals("Function", FunctionCode.nameOf(73));
        assertEquals("Function", FunctionCode.nameOf(0x0C));
        assertEquals(
                "Read Device Identification",
                new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC).functionName());
        assertEquals(0x2B, new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC).functionCode());
    }

    @Test
    void rangesAreChecked() {
        assertIllegalArgument(
                () -> new ReadExceptionStatusResponse(256),
                "Read Exception Status: output data 256 is out of range 0..255");
        assertIllegalArgument(() -> new ReadExceptionStatusResponse(-1), "output data -1 is out of range 0..255");
        assertIllegalArgument(
                () -> new GetCommEventCounterResponse(1, 0),
                "Get Comm Event Counter: status 0x0001 is neither 0x0000 nor 0xFFFF");
        assertIllegalArgument(
                () -> new GetCommEventCounterResponse(0, 65536), "event count 65536 is out of range 0..65535");
        assertIllegalArgument(
                () -> new MaskWriteRegisterRequest(65536, 0, 0), "Mask Write Register: address 65536 is out of range");
        assertIllegalArgument(
                () -> new MaskWriteRegisterRequest(0, 0x10000, 0),
                "Mask Write Register: AND mask 65536 is out of range");
        assertIllegalArgument(
                () -> new MaskWriteRegisterResponse(0, 0, -1), "Mask Write Register: OR mask -1 is out of range");
        assertIllegalArgument(
                () -> new ReadFifoQueueRequest(65536), "Read FIFO Queue: FIFO pointer address 65536 is out of range");
        assertIllegalArgument(
                () -> new ReadFifoQueueResponse(RegisterValues.of(new int[32])),
                "Read FIFO Queue: FIFO count 32 exceeds 31");
        assertIllegalArgument(
                () -> new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC, 256),
                "Read Device Identification: object id 256 is out of range 0..255");
        assertThrows(NullPointerException.class, () -> new ReadDeviceIdentificationRequest(null, 0));
    }

    @Test
    void readWriteMultipleChecksBothRanges() {
        RegisterValues one = RegisterValues.of(1);
        assertIllegalArgument(
                () -> new ReadWriteMultipleRegistersRequest(0, 126, 0, one),
                "Read/Write Multiple Registers: read quantity 126 is out of range 1..125");
        assertIllegalArgument(
                () -> new ReadWriteMultipleRegistersRequest(0, 0, 0, one), "read quantity 0 is out of range 1..125");
        assertIllegalArgument(
                () -> new ReadWriteMultipleRegistersRequest(0, 1, 0, RegisterValues.of(new int[122])),
                "Read/Write Multiple Registers: write quantity 122 is out of range 1..121");
        assertIllegalArgument(
                () -> new ReadWriteMultipleRegistersRequest(0, 1, 0, RegisterValues.of()),
                "write quantity 0 is out of range 1..121");
        assertIllegalArgument(
                () -> new ReadWriteMultipleRegistersRequest(65535, 2, 0, one),
                "read address 65535 + quantity 2 passes the last address 65535");
        assertIllegalArgument(
                () -> new ReadWriteMultipleRegistersRequest(0, 1, 65535, RegisterValues.of(1, 2)),
                "write address 65535 + quantity 2 passes the last address 65535");
        assertIllegalArgument(
                () -> new ReadWriteMultipleRegistersRequest(-1, 1, 0, one), "read address -1 is out of range 0..65535");
        assertIllegalArgument(
                () -> new ReadWriteMultipleRegistersResponse(RegisterValues.of(new int[126])),
                "quantity 126 is out of range 1..125");
        assertThrows(NullPointerException.class, () -> new ReadWriteMultipleRegistersRequest(0, 1, 0, null));
    }

    @Test
    void diagnosticsAndRawDataAreBoundedAndCopied() {
        assertIllegalArgument(
                () -> new ReturnQueryDataRequest(new byte[251]), "Diagnostics: 251 bytes of query data exceed 250");
        assertIllegalArgument(() -> new RawRequest(0x41, new byte[253]), "253 data bytes exceed the 252");
        assertIllegalArgument(() -> new RawRequest(0, new byte[0]), "function code 0 is out of range 1..127");
        assertIllegalArgument(() -> new RawRequest(0x80, new byte[0]), "function code 128 is out of range 1..127");
        assertIllegalArgument(() -> new RawResponse(0xC1, new byte[0]), "function code 193 is out of range 1..127");

        byte[] data = bytes("A5 37");
        ReturnQueryDataRequest request = new ReturnQueryDataRequest(data);
        RawRequest raw = new RawRequest(0x41, data);
        data[0] = 0;
        request.data()[1] = 0;
        raw.data()[1] = 0;
        assertArrayEquals(bytes("A5 37"), request.data());
        assertArrayEquals(bytes("A5 37"), raw.data());
        assertEquals(new ReturnQueryDataRequest(bytes("A5 37")), request);
        assertEquals(new ReturnQueryDataRequest(bytes("A5 37")).hashCode(), request.hashCode());
        assertNotEquals(new RawRequest(0x42, bytes("A5 37")), raw);
        assertEquals("RawRequest[functionCode=0x41, data=A5 37]", raw.toString());
    }

    @Test
    void reportServerIdFitsOnePdu() {
        assertIllegalArgument(
                () -> new ReportServerIdRequest(0), "Report Server ID: server id length 0 is out of range 1..250");
        assertIllegalArgument(() -> new ReportServerIdRequest(251), "server id length 251 is out of range 1..250");
        assertEquals(1, new ReportServerIdRequest().serverIdLength());
        assertIllegalArgument(
                () -> new ReportServerIdResponse(new byte[0], true, new byte[0]),
                "server id length 0 is out of range 1..250");
        assertIllegalArgument(
                () -> new ReportServerIdResponse(new byte[2], true, new byte[249]),
                "2 bytes of server id, run indicator and 249 of additional data exceed 251");
        byte[] id = bytes("2A");
        ReportServerIdResponse response = new ReportServerIdResponse(id, true, bytes("01"));
        id[0] = 0;
        response.serverId()[0] = 0;
        assertArrayEquals(bytes("2A"), response.serverId());
        assertEquals(new ReportServerIdResponse(bytes("2A"), true, bytes("01")), response);
        assertNotEquals(new ReportServerIdResponse(bytes("2A"), false, bytes("01")), response);
        assertEquals("ReportServerIdResponse[serverId=2A, runIndicator=ON, additionalData=01]", response.toString());
    }

    @Test
    void readDeviceIdentificationResponseFollowsTheSpecification() {
        DeviceIdentification one = DeviceIdentification.builder().add(0, "x").build();
        assertIllegalArgument(
                () -> new ReadDeviceIdentificationResponse(ReadDeviceIdCode.BASIC, 0x04, false, 0, one),
                "conformity level 0x04 is none of 0x01..0x03, 0x81..0x83");
        assertIllegalArgument(
                () -> new ReadDeviceIdentificationResponse(ReadDeviceIdCode.BASIC, 0x01, false, 3, one),
                "next object id must be 0 unless more follows, got 3");
        assertIllegalArgument(
                () -> new ReadDeviceIdentificationResponse(ReadDeviceIdCode.SPECIFIC, 0x81, true, 3, one),
                "individual access answers exactly one object and no more, got 1 with more following");
        assertIllegalArgument(
                () -> new ReadDeviceIdentificationResponse(
                        ReadDeviceIdCode.SPECIFIC, 0x81, false, 0, DeviceIdentification.EMPTY),
                "individual access answers exactly one object and no more, got 0");
        DeviceIdentification tooMany = DeviceIdentification.builder()
                .add(0x80, new byte[200])
                .add(0x81, new byte[45])
                .build();
        assertIllegalArgument(
                () -> new ReadDeviceIdentificationResponse(ReadDeviceIdCode.EXTENDED, 0x83, false, 0, tooMany),
                "2 objects take 256 bytes, more than a 253-byte response holds");
        for (int level : new int[] {0x01, 0x02, 0x03, 0x81, 0x82, 0x83}) {
            assertTrue(ReadDeviceIdentificationResponse.isConformityLevel(level), "level " + level);
        }
        for (int level : new int[] {0x00, 0x04, 0x80, 0x84, 0x41, 0xC1, 0xFF, -1, 0x101}) {
            assertFalse(ReadDeviceIdentificationResponse.isConformityLevel(level), "level " + level);
        }
    }

    @Test
    void readDeviceIdCodes() {
        assertEquals(Optional.of(ReadDeviceIdCode.SPECIFIC), ReadDeviceIdCode.of(4));
        assertEquals(Optional.empty(), ReadDeviceIdCode.of(5));
        assertEquals(0x02, ReadDeviceIdCode.BASIC.lastObjectId());
        assertEquals(0x7F, ReadDeviceIdCode.REGULAR.lastObjectId());
        assertEquals(0xFF, ReadDeviceIdCode.EXTENDED.lastObjectId());
        assertTrue(ReadDeviceIdCode.EXTENDED.streamAccess());
        assertFalse(ReadDeviceIdCode.SPECIFIC.streamAccess());
    }

    // ---- DeviceIdentification

    @Test
    void deviceIdentificationIsAnImmutableOrderedMap() {
        byte[] secret = bytes("01 02");
        Map<Integer, byte[]> given = new LinkedHashMap<>();
        given.put(0x80, secret);
        given.put(DeviceIdentification.VENDOR_NAME, "ACME".getBytes(StandardCharsets.US_ASCII));
        DeviceIdentification objects = DeviceIdentification.of(given);
        secret[0] = 0x7F;
        objects.get(0x80).orElseThrow()[1] = 0x7F;
        objects.asMap().get(0x80)[0] = 0x7F;
        assertArrayEquals(bytes("01 02"), objects.get(0x80).orElseThrow());
        assertEquals(List.of(0x80, 0x00), objects.objectIds());
        assertEquals(List.of(0x80, 0x00), List.copyOf(objects.asMap().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> objects.asMap().clear());
        assertEquals(Optional.of("ACME"), objects.vendorName());
        assertEquals(Optional.empty(), objects.productCode());
        assertEquals(2, objects.size());
        assertEquals("{0x80=[01 02], VendorName=\"ACME\"}", objects.toString());
    }

    @Test
    void deviceIdentificationEqualityIncludesOrder() {
        DeviceIdentification ab =
                DeviceIdentification.builder().add(0, "a").add(1, "b").build();
        DeviceIdentification ba =
                DeviceIdentification.builder().add(1, "b").add(0, "a").build();
        assertEquals(DeviceIdentification.builder().add(0, "a").add(1, "b").build(), ab);
        assertEquals(
                DeviceIdentification.builder().add(0, "a").add(1, "b").build().hashCode(), ab.hashCode());
        assertNotEquals(ab, ba);
    }

    @Test
    void deviceIdentificationStandardObjects() {
        DeviceIdentification all = DeviceIdentification.builder()
                .add(DeviceIdentification.VENDOR_NAME, "vendor")
                .add(DeviceIdentification.PRODUCT_CODE, "code")
                .add(DeviceIdentification.MAJOR_MINOR_REVISION, "1.2")
                .add(DeviceIdentification.VENDOR_URL, "https://example.org")
                .add(DeviceIdentification.PRODUCT_NAME, "product")
                .add(DeviceIdentification.MODEL_NAME, "model")
                .add(DeviceIdentification.USER_APPLICATION_NAME, "app")
                .build();
        assertEquals(
                List.of("vendor", "code", "1.2", "https://example.org", "product", "model", "app"),
                List.of(
                        all.vendorName().orElseThrow(),
                        all.productCode().orElseThrow(),
                        all.majorMinorRevision().orElseThrow(),
                        all.vendorUrl().orElseThrow(),
                        all.productName().orElseThrow(),
                        all.modelName().orElseThrow(),
                        all.userApplicationName().orElseThrow()));
        assertEquals("VendorName", DeviceIdentification.objectName(0));
        assertEquals("UserApplicationName", DeviceIdentification.objectName(6));
        assertEquals("0x07", DeviceIdentification.objectName(7));
        assertEquals("0xFF", DeviceIdentification.objectName(0xFF));
        assertEquals(OptionalInt.of(2), DeviceIdentification.objectId("majorminorrevision"));
        assertEquals(OptionalInt.of(0x80), DeviceIdentification.objectId("0x80"));
        assertEquals(OptionalInt.of(128), DeviceIdentification.objectId("128"));
        assertEquals(OptionalInt.empty(), DeviceIdentification.objectId("0x100"));
        assertEquals(OptionalInt.empty(), DeviceIdentification.objectId("SerialNumber"));
    }

    @Test
    void deviceIdentificationChecksIdsLengthsAndDuplicates() {
        assertIllegalArgument(
                () -> DeviceIdentification.builder().add(256, new byte[0]),
                "device identification object id 256 is out of range 0..255");
        assertIllegalArgument(
                () -> DeviceIdentification.builder().add(0x80, new byte[245]),
                "device identification object 0x80 has 245 bytes; at most 244 fit a response");
        assertIllegalArgument(
                () -> DeviceIdentification.builder().add(0, "a").add(0, "b"),
                "device identification object VendorName is given twice");
        DeviceIdentification first = DeviceIdentification.builder().add(0, "a").build();
        assertEquals(
                List.of(0, 1),
                first.merge(DeviceIdentification.builder().add(1, "b").build()).objectIds());
        assertIllegalArgument(() -> first.merge(first), "given twice");
        // a character outside ISO-8859-1 cannot be sent as one byte
        assertEquals(
                "?",
                DeviceIdentification.builder()
                        .add(0, "\u20AC")
                        .build()
                        .vendorName()
                        .orElseThrow());
        assertEquals(
                "\u00E9",
                DeviceIdentification.builder()
                        .add(0, "\u00E9")
                        .build()
                        .vendorName()
                        .orElseThrow());
    }
}
