package org.camelmodbus.protocol;

import java.util.Arrays;

/**
 * Request PDUs to and from bytes (function code first, big-endian fields), as in section 6 of the Modbus Application
 * Protocol Specification V1.1b3.
 */
public final class RequestCodec {
    private static final int COIL_ON = 0xFF00;

    private RequestCodec() {}

    public static byte[] encode(ModbusRequest request) {
        int fc = request.functionCode();
        if (request instanceof WriteSingleCoilRequest r) {
            return PduWriter.fixed(fc, r.address(), r.value() ? COIL_ON : 0);
        } else if (request instanceof WriteSingleRegisterRequest r) {
            return PduWriter.fixed(fc, r.address(), r.value());
        } else if (request instanceof WriteMultipleCoilsRequest r) {
            int n = BitValues.packedLength(r.quantity());
            byte[] pdu = header(fc, r.address(), r.quantity(), n);
            r.values().packInto(pdu, 6);
            return pdu;
        } else if (request instanceof WriteMultipleRegistersRequest r) {
            byte[] pdu = header(fc, r.address(), r.quantity(), 2 * r.quantity());
            r.values().encodeInto(pdu, 6);
            return pdu;
        } else if (request instanceof MaskWriteRegisterRequest r) {
            byte[] pdu = new byte[7];
            pdu[0] = (byte) fc;
            PduWriter.putU16(pdu, 1, r.address());
            PduWriter.putU16(pdu, 3, r.andMask());
            PduWriter.putU16(pdu, 5, r.orMask());
            return pdu;
        } else if (request instanceof AddressedRequest r) {
            // the four reads: address and quantity
            return PduWriter.fixed(fc, r.address(), r.quantity());
        } else if (request instanceof ReadExceptionStatusRequest
                || request instanceof GetCommEventCounterRequest
                || request instanceof ReportServerIdRequest) {
            return new byte[] {(byte) fc};
        } else if (request instanceof ReturnQueryDataRequest r) {
            byte[] data = r.data();
            byte[] pdu = new byte[3 + data.length];
            pdu[0] = (byte) fc;
            PduWriter.putU16(pdu, 1, ReturnQueryDataRequest.SUB_FUNCTION);
            System.arraycopy(data, 0, pdu, 3, data.length);
            return pdu;
        } else if (request instanceof ReadWriteMultipleRegistersRequest r) {
            int n = r.writeQuantity();
            byte[] pdu = new byte[10 + 2 * n];
            pdu[0] = (byte) fc;
            PduWriter.putU16(pdu, 1, r.readAddress());
            PduWriter.putU16(pdu, 3, r.readQuantity());
            PduWriter.putU16(pdu, 5, r.writeAddress());
            PduWriter.putU16(pdu, 7, n);
            pdu[9] = (byte) (2 * n);
            r.values().encodeInto(pdu, 10);
            return pdu;
        } else if (request instanceof ReadFifoQueueRequest r) {
            byte[] pdu = new byte[3];
            pdu[0] = (byte) fc;
            PduWriter.putU16(pdu, 1, r.fifoPointerAddress());
            return pdu;
        } else if (request instanceof ReadDeviceIdentificationRequest r) {
            return new byte[] {
                (byte) fc,
                (byte) ReadDeviceIdentificationRequest.MEI_TYPE,
                (byte) r.readDeviceIdCode().code(),
                (byte) r.objectId()
            };
        } else if (request instanceof RawRequest r) {
            byte[] data = r.data();
            byte[] pdu = new byte[1 + data.length];
            pdu[0] = (byte) fc;
            System.arraycopy(data, 0, pdu, 1, data.length);
            return pdu;
        }
        throw new IllegalArgumentException(
                "unknown request type " + request.getClass().getName());
    }

    /**
     * Decodes a request as a server receives it. Failures carry the exception code the specification prescribes:
     * unknown function, Diagnostics sub-function or MEI type 0x01, bad address range 0x02, bad quantity, count, code
     * or length 0x03. A server never sees a {@link RawRequest}: codes this library does not model are refused here.
     */
    public static ModbusRequest decode(byte[] pdu) {
        if (pdu.length == 0) {
            throw new ModbusProtocolException("empty request PDU", ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        if (pdu.length > ModbusLimits.MAX_PDU_LENGTH) {
            throw new ModbusProtocolException(
                    "request PDU of " + pdu.length + " bytes exceeds 253", ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        int fc = pdu[0] & 0xFF;
        FunctionCode function = FunctionCode.of(fc)
                .orElseThrow(() -> new ModbusProtocolException(
                        String.format("unsupported function code 0x%02X", fc), ExceptionCode.ILLEGAL_FUNCTION));
        PduReader in = new PduReader(pdu, function.displayName() + " request");
        return switch (function) {
            case READ_EXCEPTION_STATUS -> {
                in.expectLength(1, ExceptionCode.ILLEGAL_DATA_VALUE);
                yield new ReadExceptionStatusRequest();
            }
            case GET_COMM_EVENT_COUNTER -> {
                in.expectLength(1, ExceptionCode.ILLEGAL_DATA_VALUE);
                yield new GetCommEventCounterRequest();
            }
            case REPORT_SERVER_ID -> {
                in.expectLength(1, ExceptionCode.ILLEGAL_DATA_VALUE);
                yield new ReportServerIdRequest();
            }
            case DIAGNOSTICS -> decodeDiagnostics(in, pdu);
            case MASK_WRITE_REGISTER -> {
                in.expectLength(7, ExceptionCode.ILLEGAL_DATA_VALUE);
                yield new MaskWriteRegisterRequest(in.u16(1), in.u16(3), in.u16(5));
            }
            case READ_WRITE_MULTIPLE_REGISTERS -> decodeReadWriteMultiple(in, pdu);
            case READ_FIFO_QUEUE -> {
                in.expectLength(3, ExceptionCode.ILLEGAL_DATA_VALUE);
                yield new ReadFifoQueueRequest(in.u16(1));
            }
            case ENCAPSULATED_INTERFACE_TRANSPORT -> decodeEncapsulated(in, pdu);
            default -> decodeAddressed(in, function, pdu);
        };
    }

    /** The eight functions of sections 6.1 to 6.6, 6.11 and 6.12: an address and a quantity or value first. */
    private static ModbusRequest decodeAddressed(PduReader in, FunctionCode function, byte[] pdu) {
        int address = in.u16(1);
        int second = in.u16(3);
        switch (function) {
            case READ_COILS, READ_DISCRETE_INPUTS -> {
                checkRange(in, function, address, second, 5, ModbusLimits.MAX_READ_BITS);
                return function == FunctionCode.READ_COILS
                        ? new ReadCoilsRequest(address, second)
                        : new ReadDiscreteInputsRequest(address, second);
            }
            case READ_HOLDING_REGISTERS, READ_INPUT_REGISTERS -> {
                checkRange(in, function, address, second, 5, ModbusLimits.MAX_READ_REGISTERS);
                return function == FunctionCode.READ_HOLDING_REGISTERS
                        ? new ReadHoldingRegistersRequest(address, second)
                        : new ReadInputRegistersRequest(address, second);
            }
            case WRITE_SINGLE_COIL -> {
                in.expectLength(5, ExceptionCode.ILLEGAL_DATA_VALUE);
                if (second != COIL_ON && second != 0) {
                    throw new ModbusProtocolException(
                            String.format("Write Single Coil: value 0x%04X is neither 0xFF00 nor 0x0000", second),
                            ExceptionCode.ILLEGAL_DATA_VALUE);
                }
                return new WriteSingleCoilRequest(address, second == COIL_ON);
            }
            case WRITE_SINGLE_REGISTER -> {
                in.expectLength(5, ExceptionCode.ILLEGAL_DATA_VALUE);
                return new WriteSingleRegisterRequest(address, second);
            }
            case WRITE_MULTIPLE_COILS -> {
                int byteCount = in.u8(5);
                checkCount(function.displayName() + ":", second, byteCount, BitValues.packedLength(second));
                checkRange(in, function, address, second, 6 + byteCount, ModbusLimits.MAX_WRITE_BITS);
                return new WriteMultipleCoilsRequest(address, BitValues.unpack(pdu, 6, second));
            }
            case WRITE_MULTIPLE_REGISTERS -> {
                int byteCount = in.u8(5);
                checkCount(function.displayName() + ":", second, byteCount, 2 * second);
                checkRange(in, function, address, second, 6 + byteCount, ModbusLimits.MAX_WRITE_REGISTERS);
                return new WriteMultipleRegistersRequest(address, RegisterValues.decode(pdu, 6, second));
            }
            default -> throw new IllegalStateException("unhandled " + function);
        }
    }

    /** Section 6.8: only sub-function 0x0000, Return Query Data, whose data is anything up to the PDU's end. */
    private static ModbusRequest decodeDiagnostics(PduReader in, byte[] pdu) {
        int subFunction = in.u16(1);
        if (subFunction != ReturnQueryDataRequest.SUB_FUNCTION) {
            throw new ModbusProtocolException(
                    String.format(
                            "Diagnostics: sub-function 0x%04X is not supported (only 0x0000, Return Query Data)",
                            subFunction),
                    ExceptionCode.ILLEGAL_FUNCTION);
        }
        return new ReturnQueryDataRequest(Arrays.copyOfRange(pdu, 3, pdu.length));
    }

    /**
     * Section 6.17: both quantities and the byte count are checked (0x03) before either address range (0x02), as in
     * the specification's state diagram.
     */
    private static ModbusRequest decodeReadWriteMultiple(PduReader in, byte[] pdu) {
        String name = FunctionCode.READ_WRITE_MULTIPLE_REGISTERS.displayName();
        int readAddress = in.u16(1);
        int readQuantity = in.u16(3);
        int writeAddress = in.u16(5);
        int writeQuantity = in.u16(7);
        int byteCount = in.u8(9);
        checkQuantity(name + ": read", readQuantity, ModbusLimits.MAX_READ_REGISTERS);
        checkQuantity(name + ": write", writeQuantity, ModbusLimits.MAX_READ_WRITE_WRITE_REGISTERS);
        checkCount(name + ": write", writeQuantity, byteCount, 2 * writeQuantity);
        in.expectLength(10 + byteCount, ExceptionCode.ILLEGAL_DATA_VALUE);
        checkEnd(name + ": read", readAddress, readQuantity);
        checkEnd(name + ": write", writeAddress, writeQuantity);
        return new ReadWriteMultipleRegistersRequest(
                readAddress, readQuantity, writeAddress, RegisterValues.decode(pdu, 10, writeQuantity));
    }

    /** Section 6.21: MEI type 0x0E only; a Read Device ID code of 1..4, any object id. */
    private static ModbusRequest decodeEncapsulated(PduReader in, byte[] pdu) {
        int meiType = in.u8(1);
        if (meiType != ReadDeviceIdentificationRequest.MEI_TYPE) {
            throw new ModbusProtocolException(
                    String.format(
                            "Encapsulated Interface Transport: MEI type 0x%02X is not supported"
                                    + " (only 0x0E, Read Device Identification)",
                            meiType),
                    ExceptionCode.ILLEGAL_FUNCTION);
        }
        PduReader id = new PduReader(pdu, "Read Device Identification request");
        id.expectLength(4, ExceptionCode.ILLEGAL_DATA_VALUE);
        int code = id.u8(2);
        ReadDeviceIdCode readDeviceIdCode = ReadDeviceIdCode.of(code)
                .orElseThrow(() -> new ModbusProtocolException(
                        String.format("Read Device Identification: read device id code 0x%02X is not 0x01..0x04", code),
                        ExceptionCode.ILLEGAL_DATA_VALUE));
        return new ReadDeviceIdentificationRequest(readDeviceIdCode, id.u8(3));
    }

    private static void checkRange(
            PduReader in, FunctionCode function, int address, int quantity, int length, int maxQuantity) {
        checkQuantity(function.displayName() + ":", quantity, maxQuantity);
        in.expectLength(length, ExceptionCode.ILLEGAL_DATA_VALUE);
        checkEnd(function.displayName() + ":", address, quantity);
    }

    /** {@code what} leads the message: "Read Coils:" gives "Read Coils: quantity 0 is out of range 1..2000". */
    private static void checkQuantity(String what, int quantity, int maxQuantity) {
        if (quantity < 1 || quantity > maxQuantity) {
            throw new ModbusProtocolException(
                    String.format("%s quantity %d is out of range 1..%d", what, quantity, maxQuantity),
                    ExceptionCode.ILLEGAL_DATA_VALUE);
        }
    }

    private static void checkEnd(String what, int address, int quantity) {
        if (address + quantity > ModbusLimits.ADDRESS_SPACE) {
            throw new ModbusProtocolException(
                    String.format("%s address %d + quantity %d passes the last address 65535", what, address, quantity),
                    ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
    }

    private static void checkCount(String what, int quantity, int byteCount, int expected) {
        if (byteCount != expected) {
            throw new ModbusProtocolException(
                    String.format(
                            "%s byte count %d does not match quantity %d (expected %d)",
                            what, byteCount, quantity, expected),
                    ExceptionCode.ILLEGAL_DATA_VALUE);
        }
    }

    private static byte[] header(int fc, int address, int quantity, int byteCount) {
        byte[] pdu = new byte[6 + byteCount];
        pdu[0] = (byte) fc;
        PduWriter.putU16(pdu, 1, address);
        PduWriter.putU16(pdu, 3, quantity);
        pdu[5] = (byte) byteCount;
        return pdu;
    }
}
