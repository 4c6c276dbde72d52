package org.camelmodbus.protocol;

import java.util.Arrays;

/**
 * Response PDUs to and from bytes. A response only makes sense next to its request, so decoding takes the request
 * and checks the answer against it: function code, byte count for the quantity asked, and the echo of a write.
 */
public final class ResponseCodec {
    private ResponseCodec() {}

    public static byte[] encode(ModbusResponse response) {
        int fc = response.functionCode();
        if (response instanceof ExceptionResponse r) {
            return new byte[] {(byte) (fc | FunctionCode.EXCEPTION_FLAG), (byte) r.exceptionCode()};
        } else if (response instanceof ReadCoilsResponse r) {
            return bits(fc, r.coils());
        } else if (response instanceof ReadDiscreteInputsResponse r) {
            return bits(fc, r.inputs());
        } else if (response instanceof ReadHoldingRegistersResponse r) {
            return registers(fc, r.registers());
        } else if (response instanceof ReadInputRegistersResponse r) {
            return registers(fc, r.registers());
        } else if (response instanceof WriteSingleCoilResponse r) {
            return PduWriter.fixed(fc, r.address(), r.value() ? 0xFF00 : 0);
        } else if (response instanceof WriteSingleRegisterResponse r) {
            return PduWriter.fixed(fc, r.address(), r.value());
        } else if (response instanceof WriteMultipleCoilsResponse r) {
            return PduWriter.fixed(fc, r.address(), r.quantity());
        } else if (response instanceof WriteMultipleRegistersResponse r) {
            return PduWriter.fixed(fc, r.address(), r.quantity());
        } else if (response instanceof ReadExceptionStatusResponse r) {
            return new byte[] {(byte) fc, (byte) r.outputData()};
        } else if (response instanceof ReturnQueryDataResponse r) {
            return RequestCodec.encode(new ReturnQueryDataRequest(r.data()));
        } else if (response instanceof GetCommEventCounterResponse r) {
            return PduWriter.fixed(fc, r.status(), r.eventCount());
        } else if (response instanceof ReportServerIdResponse r) {
            byte[] serverId = r.serverId();
            byte[] additional = r.additionalData();
            byte[] pdu = new byte[2 + r.byteCount()];
            pdu[0] = (byte) fc;
            pdu[1] = (byte) r.byteCount();
            System.arraycopy(serverId, 0, pdu, 2, serverId.length);
            pdu[2 + serverId.length] = (byte)
                    (r.runIndicator()
                            ? ReportServerIdResponse.RUN_INDICATOR_ON
                            : ReportServerIdResponse.RUN_INDICATOR_OFF);
            System.arraycopy(additional, 0, pdu, 3 + serverId.length, additional.length);
            return pdu;
        } else if (response instanceof MaskWriteRegisterResponse r) {
            return RequestCodec.encode(new MaskWriteRegisterRequest(r.address(), r.andMask(), r.orMask()));
        } else if (response instanceof ReadWriteMultipleRegistersResponse r) {
            return registers(fc, r.registers());
        } else if (response instanceof ReadFifoQueueResponse r) {
            int n = r.fifoCount();
            byte[] pdu = new byte[5 + 2 * n];
            pdu[0] = (byte) fc;
            PduWriter.putU16(pdu, 1, 2 + 2 * n);
            PduWriter.putU16(pdu, 3, n);
            r.values().encodeInto(pdu, 5);
            return pdu;
        } else if (response instanceof ReadDeviceIdentificationResponse r) {
            byte[] pdu = new byte
                    [ReadDeviceIdentificationResponse.HEADER_LENGTH
                            + r.objects().encodedLength()];
            pdu[0] = (byte) fc;
            pdu[1] = (byte) ReadDeviceIdentificationRequest.MEI_TYPE;
            pdu[2] = (byte) r.readDeviceIdCode().code();
            pdu[3] = (byte) r.conformityLevel();
            pdu[4] = (byte) (r.moreFollows() ? 0xFF : 0x00);
            pdu[5] = (byte) r.nextObjectId();
            pdu[6] = (byte) r.objects().size();
            r.objects().encodeInto(pdu, ReadDeviceIdentificationResponse.HEADER_LENGTH);
            return pdu;
        } else if (response instanceof RawResponse r) {
            return RequestCodec.encode(new RawRequest(fc, r.data()));
        }
        throw new IllegalArgumentException(
                "unknown response type " + response.getClass().getName());
    }

    /**
     * Decodes the answer to {@code request}. Allocates only what the (already validated) request asked for, or what
     * the PDU at hand holds, never what a length byte in the response claims.
     */
    public static ModbusResponse decode(byte[] pdu, ModbusRequest request) {
        int code = request.functionCode();
        PduReader in = PduReader.answerTo(pdu, request);
        int fc = in.u8(0);
        if (fc == (code | FunctionCode.EXCEPTION_FLAG)) {
            in.expectLength(2, null);
            return new ExceptionResponse(code, in.u8(1));
        }
        if (fc != code) {
            throw new ModbusProtocolException(
                    String.format("%s: function code 0x%02X does not match the request's 0x%02X", in.what(), fc, code));
        }
        if (request instanceof ReadCoilsRequest r) {
            checkByteCount(in, BitValues.packedLength(r.quantity()));
            return new ReadCoilsResponse(BitValues.unpack(pdu, 2, r.quantity()));
        } else if (request instanceof ReadDiscreteInputsRequest r) {
            checkByteCount(in, BitValues.packedLength(r.quantity()));
            return new ReadDiscreteInputsResponse(BitValues.unpack(pdu, 2, r.quantity()));
        } else if (request instanceof ReadHoldingRegistersRequest r) {
            checkByteCount(in, 2 * r.quantity());
            return new ReadHoldingRegistersResponse(RegisterValues.decode(pdu, 2, r.quantity()));
        } else if (request instanceof ReadInputRegistersRequest r) {
            checkByteCount(in, 2 * r.quantity());
            return new ReadInputRegistersResponse(RegisterValues.decode(pdu, 2, r.quantity()));
        } else if (request instanceof WriteSingleCoilRequest r) {
            checkEcho(in, r.address(), r.value() ? 0xFF00 : 0);
            return new WriteSingleCoilResponse(r.address(), r.value());
        } else if (request instanceof WriteSingleRegisterRequest r) {
            checkEcho(in, r.address(), r.value());
            return new WriteSingleRegisterResponse(r.address(), r.value());
        } else if (request instanceof WriteMultipleCoilsRequest r) {
            checkEcho(in, r.address(), r.quantity());
            return new WriteMultipleCoilsResponse(r.address(), r.quantity());
        } else if (request instanceof WriteMultipleRegistersRequest r) {
            checkEcho(in, r.address(), r.quantity());
            return new WriteMultipleRegistersResponse(r.address(), r.quantity());
        }
        // the variable-length answers below are cut by what they hold, not by a count the request fixes
        if (pdu.length > ModbusLimits.MAX_PDU_LENGTH) {
            throw new ModbusProtocolException(String.format("%s: PDU of %d bytes exceeds 253", in.what(), pdu.length));
        }
        if (request instanceof ReadExceptionStatusRequest) {
            in.expectLength(2, null);
            return new ReadExceptionStatusResponse(in.u8(1));
        } else if (request instanceof ReturnQueryDataRequest r) {
            return decodeReturnQueryData(pdu, r);
        } else if (request instanceof GetCommEventCounterRequest) {
            in.expectLength(5, null);
            int status = in.u16(1);
            if (status != GetCommEventCounterResponse.STATUS_READY
                    && status != GetCommEventCounterResponse.STATUS_BUSY) {
                throw new ModbusProtocolException(String.format(
                        "Get Comm Event Counter response: status 0x%04X is neither 0x0000 nor 0xFFFF", status));
            }
            return new GetCommEventCounterResponse(status, in.u16(3));
        } else if (request instanceof ReportServerIdRequest r) {
            return decodeReportServerId(in, pdu, r);
        } else if (request instanceof MaskWriteRegisterRequest r) {
            in.expectLength(7, null);
            if (in.u16(1) != r.address() || in.u16(3) != r.andMask() || in.u16(5) != r.orMask()) {
                throw new ModbusProtocolException(String.format(
                        "Mask Write Register response: echo 0x%04X/0x%04X/0x%04X differs from the request's"
                                + " 0x%04X/0x%04X/0x%04X",
                        in.u16(1), in.u16(3), in.u16(5), r.address(), r.andMask(), r.orMask()));
            }
            return new MaskWriteRegisterResponse(r.address(), r.andMask(), r.orMask());
        } else if (request instanceof ReadWriteMultipleRegistersRequest r) {
            checkByteCount(in, 2 * r.readQuantity());
            return new ReadWriteMultipleRegistersResponse(RegisterValues.decode(pdu, 2, r.readQuantity()));
        } else if (request instanceof ReadFifoQueueRequest) {
            return decodeFifo(in, pdu);
        } else if (request instanceof ReadDeviceIdentificationRequest r) {
            return decodeDeviceIdentification(in, pdu, r);
        } else if (request instanceof RawRequest) {
            return new RawResponse(fc, Arrays.copyOfRange(pdu, 1, pdu.length));
        }
        throw new IllegalArgumentException(
                "unknown request type " + request.getClass().getName());
    }

    /** Section 6.8: the answer is the request itself. */
    private static ModbusResponse decodeReturnQueryData(byte[] pdu, ReturnQueryDataRequest request) {
        byte[] expected = RequestCodec.encode(request);
        if (!Arrays.equals(pdu, expected)) {
            throw new ModbusProtocolException(String.format(
                    "Diagnostics response: echo [%s] differs from the request [%s]",
                    HexFormatting.hex(pdu), HexFormatting.hex(expected)));
        }
        return new ReturnQueryDataResponse(request.data());
    }

    /** Section 6.13: the run indicator follows a server id whose length only the request knows. */
    private static ModbusResponse decodeReportServerId(PduReader in, byte[] pdu, ReportServerIdRequest request) {
        int byteCount = in.u8(1);
        in.expectLength(2 + byteCount, null);
        int idLength = request.serverIdLength();
        if (byteCount < idLength + 1) {
            throw new ModbusProtocolException(String.format(
                    "Report Server ID response: byte count %d leaves no room for a %d-byte server id and the run"
                            + " indicator",
                    byteCount, idLength));
        }
        int run = in.u8(2 + idLength);
        if (run != ReportServerIdResponse.RUN_INDICATOR_OFF && run != ReportServerIdResponse.RUN_INDICATOR_ON) {
            throw new ModbusProtocolException(String.format(
                    "Report Server ID response: run indicator 0x%02X after a %d-byte server id is neither 0x00 (OFF)"
                            + " nor 0xFF (ON); is the server id longer?",
                    run, idLength));
        }
        return new ReportServerIdResponse(
                Arrays.copyOfRange(pdu, 2, 2 + idLength),
                run == ReportServerIdResponse.RUN_INDICATOR_ON,
                Arrays.copyOfRange(pdu, 3 + idLength, 2 + byteCount));
    }

    /** Section 6.18: byte count (two bytes) = FIFO count (two bytes) + two bytes per value; at most 31 values. */
    private static ModbusResponse decodeFifo(PduReader in, byte[] pdu) {
        int byteCount = in.u16(1);
        int fifoCount = in.u16(3);
        if (fifoCount > ModbusLimits.MAX_FIFO_COUNT) {
            throw new ModbusProtocolException(String.format(
                    "Read FIFO Queue response: FIFO count %d exceeds %d", fifoCount, ModbusLimits.MAX_FIFO_COUNT));
        }
        if (byteCount != 2 + 2 * fifoCount) {
            throw new ModbusProtocolException(String.format(
                    "Read FIFO Queue response: byte count %d does not match FIFO count %d (expected %d)",
                    byteCount, fifoCount, 2 + 2 * fifoCount));
        }
        in.expectLength(3 + byteCount, null);
        return new ReadFifoQueueResponse(RegisterValues.decode(pdu, 5, fifoCount));
    }

    /** Section 6.21: each object's length is checked against the bytes at hand before it is copied. */
    private static ModbusResponse decodeDeviceIdentification(
            PduReader in, byte[] pdu, ReadDeviceIdentificationRequest request) {
        String what = "Read Device Identification response";
        int objectCount = in.u8(6);
        int meiType = in.u8(1);
        if (meiType != ReadDeviceIdentificationRequest.MEI_TYPE) {
            throw new ModbusProtocolException(String.format("%s: MEI type 0x%02X is not 0x0E", what, meiType));
        }
        int code = in.u8(2);
        if (code != request.readDeviceIdCode().code()) {
            throw new ModbusProtocolException(String.format(
                    "%s: read device id code 0x%02X does not match the request's 0x%02X",
                    what, code, request.readDeviceIdCode().code()));
        }
        int conformityLevel = in.u8(3);
        if (!ReadDeviceIdentificationResponse.isConformityLevel(conformityLevel)) {
            throw new ModbusProtocolException(String.format(
                    "%s: conformity level 0x%02X is none of 0x01..0x03, 0x81..0x83", what, conformityLevel));
        }
        int moreFollows = in.u8(4);
        if (moreFollows != 0x00 && moreFollows != 0xFF) {
            throw new ModbusProtocolException(
                    String.format("%s: more follows 0x%02X is neither 0x00 nor 0xFF", what, moreFollows));
        }
        DeviceIdentification.Builder objects = DeviceIdentification.builder();
        int offset = ReadDeviceIdentificationResponse.HEADER_LENGTH;
        for (int i = 0; i < objectCount; i++) {
            if (pdu.length - offset < 2) {
                throw new ModbusProtocolException(
                        String.format("%s: announces %d objects, but the PDU ends after %d", what, objectCount, i));
            }
            int id = pdu[offset] & 0xFF;
            int length = pdu[offset + 1] & 0xFF;
            if (pdu.length - offset - 2 < length) {
                throw new ModbusProtocolException(String.format(
                        "%s: object 0x%02X announces %d bytes, but only %d remain",
                        what, id, length, pdu.length - offset - 2));
            }
            try {
                objects.add(id, Arrays.copyOfRange(pdu, offset + 2, offset + 2 + length));
            } catch (IllegalArgumentException duplicate) {
                throw new ModbusProtocolException(what + ": " + duplicate.getMessage());
            }
            offset += 2 + length;
        }
        if (offset != pdu.length) {
            throw new ModbusProtocolException(String.format(
                    "%s: %d bytes follow the last of the %d objects", what, pdu.length - offset, objectCount));
        }
        DeviceIdentification decoded = objects.build();
        if (request.readDeviceIdCode() == ReadDeviceIdCode.SPECIFIC
                && (moreFollows != 0 || decoded.size() != 1 || !decoded.contains(request.objectId()))) {
            throw new ModbusProtocolException(String.format(
                    "%s: individual access to object 0x%02X was answered with objects %s%s",
                    what, request.objectId(), decoded.objectIds(), moreFollows != 0 ? " and more following" : ""));
        }
        boolean more = moreFollows == 0xFF;
        // without more to follow, the next object id is "useless" (6.21): it is ignored rather than refused
        int nextObjectId = more ? in.u8(5) : 0;
        return new ReadDeviceIdentificationResponse(
                request.readDeviceIdCode(), conformityLevel, more, nextObjectId, decoded);
    }

    private static void checkByteCount(PduReader in, int expected) {
        int byteCount = in.u8(1);
        if (byteCount != expected) {
            throw new ModbusProtocolException(String.format(
                    "%s: byte count %d does not match the %d bytes requested", in.what(), byteCount, expected));
        }
        in.expectLength(2 + expected, null);
    }

    private static void checkEcho(PduReader in, int address, int value) {
        in.expectLength(5, null);
        if (in.u16(1) != address || in.u16(3) != value) {
            throw new ModbusProtocolException(String.format(
                    "%s: echo 0x%04X/0x%04X differs from the request's 0x%04X/0x%04X",
                    in.what(), in.u16(1), in.u16(3), address, value));
        }
    }

    private static byte[] bits(int fc, BitValues bits) {
        int n = BitValues.packedLength(bits.size());
        byte[] pdu = new byte[2 + n];
        pdu[0] = (byte) fc;
        pdu[1] = (byte) n;
        bits.packInto(pdu, 2);
        return pdu;
    }

    private static byte[] registers(int fc, RegisterValues registers) {
        byte[] pdu = new byte[2 + 2 * registers.size()];
        pdu[0] = (byte) fc;
        pdu[1] = (byte) (2 * registers.size());
        registers.encodeInto(pdu, 2);
        return pdu;
    }
}
