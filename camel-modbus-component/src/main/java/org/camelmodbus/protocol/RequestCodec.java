package org.camelmodbus.protocol;

/**
 * Request PDUs to and from bytes (function code first, big-endian fields), as in sections 6.1 to 6.12 of the
 * Modbus Application Protocol Specification V1.1b3.
 */
public final class RequestCodec {
    private static final int COIL_ON = 0xFF00;

    private RequestCodec() {}

    public static byte[] encode(ModbusRequest request) {
        int fc = request.functionCode().code();
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
        }
        // the four reads: address and quantity
        return PduWriter.fixed(fc, request.address(), request.quantity());
    }

    /**
     * Decodes a request as a server receives it. Failures carry the exception code the specification prescribes:
     * unknown function 0x01, bad address range 0x02, bad quantity, count or length 0x03.
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
                checkCount(in, function, second, byteCount, BitValues.packedLength(second));
                checkRange(in, function, address, second, 6 + byteCount, ModbusLimits.MAX_WRITE_BITS);
                return new WriteMultipleCoilsRequest(address, BitValues.unpack(pdu, 6, second));
            }
            case WRITE_MULTIPLE_REGISTERS -> {
                int byteCount = in.u8(5);
                checkCount(in, function, second, byteCount, 2 * second);
                checkRange(in, function, address, second, 6 + byteCount, ModbusLimits.MAX_WRITE_REGISTERS);
                return new WriteMultipleRegistersRequest(address, RegisterValues.decode(pdu, 6, second));
            }
            default -> throw new IllegalStateException("unhandled " + function);
        }
    }

    private static void checkRange(
            PduReader in, FunctionCode function, int address, int quantity, int length, int maxQuantity) {
        if (quantity < 1 || quantity > maxQuantity) {
            throw new ModbusProtocolException(
                    String.format(
                            "%s: quantity %d is out of range 1..%d", function.displayName(), quantity, maxQuantity),
                    ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        in.expectLength(length, ExceptionCode.ILLEGAL_DATA_VALUE);
        if (address + quantity > ModbusLimits.ADDRESS_SPACE) {
            throw new ModbusProtocolException(
                    String.format(
                            "%s: address %d + quantity %d passes the last address 65535",
                            function.displayName(), address, quantity),
                    ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
    }

    private static void checkCount(PduReader in, FunctionCode function, int quantity, int byteCount, int expected) {
        if (byteCount != expected) {
            throw new ModbusProtocolException(
                    String.format(
                            "%s: byte count %d does not match quantity %d (expected %d)",
                            function.displayName(), byteCount, quantity, expected),
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
