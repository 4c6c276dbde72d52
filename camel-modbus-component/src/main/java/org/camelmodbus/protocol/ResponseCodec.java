package org.camelmodbus.protocol;

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
        }
        throw new IllegalArgumentException(
                "unknown response type " + response.getClass().getName());
    }

    /**
     * Decodes the answer to {@code request}. Allocates only what the (already validated) request asked for, never
     * what a length byte in the response claims.
     */
    public static ModbusResponse decode(byte[] pdu, ModbusRequest request) {
        FunctionCode function = request.functionCode();
        PduReader in = new PduReader(pdu, function.displayName() + " response");
        int fc = in.u8(0);
        if (fc == (function.code() | FunctionCode.EXCEPTION_FLAG)) {
            in.expectLength(2, null);
            return new ExceptionResponse(function.code(), in.u8(1));
        }
        if (fc != function.code()) {
            throw new ModbusProtocolException(String.format(
                    "%s response: function code 0x%02X does not match the request's 0x%02X",
                    function.displayName(), fc, function.code()));
        }
        switch (function) {
            case READ_COILS, READ_DISCRETE_INPUTS -> {
                checkByteCount(in, function, BitValues.packedLength(request.quantity()));
                BitValues bits = BitValues.unpack(pdu, 2, request.quantity());
                return function == FunctionCode.READ_COILS
                        ? new ReadCoilsResponse(bits)
                        : new ReadDiscreteInputsResponse(bits);
            }
            case READ_HOLDING_REGISTERS, READ_INPUT_REGISTERS -> {
                checkByteCount(in, function, 2 * request.quantity());
                RegisterValues registers = RegisterValues.decode(pdu, 2, request.quantity());
                return function == FunctionCode.READ_HOLDING_REGISTERS
                        ? new ReadHoldingRegistersResponse(registers)
                        : new ReadInputRegistersResponse(registers);
            }
            case WRITE_SINGLE_COIL -> {
                WriteSingleCoilRequest r = (WriteSingleCoilRequest) request;
                checkEcho(in, function, r.address(), r.value() ? 0xFF00 : 0);
                return new WriteSingleCoilResponse(r.address(), r.value());
            }
            case WRITE_SINGLE_REGISTER -> {
                WriteSingleRegisterRequest r = (WriteSingleRegisterRequest) request;
                checkEcho(in, function, r.address(), r.value());
                return new WriteSingleRegisterResponse(r.address(), r.value());
            }
            case WRITE_MULTIPLE_COILS -> {
                checkEcho(in, function, request.address(), request.quantity());
                return new WriteMultipleCoilsResponse(request.address(), request.quantity());
            }
            case WRITE_MULTIPLE_REGISTERS -> {
                checkEcho(in, function, request.address(), request.quantity());
                return new WriteMultipleRegistersResponse(request.address(), request.quantity());
            }
            default -> throw new IllegalStateException("unhandled " + function);
        }
    }

    private static void checkByteCount(PduReader in, FunctionCode function, int expected) {
        int byteCount = in.u8(1);
        if (byteCount != expected) {
            throw new ModbusProtocolException(String.format(
                    "%s response: byte count %d does not match the %d bytes requested",
                    function.displayName(), byteCount, expected));
        }
        in.expectLength(2 + expected, null);
    }

    private static void checkEcho(PduReader in, FunctionCode function, int address, int value) {
        in.expectLength(5, null);
        if (in.u16(1) != address || in.u16(3) != value) {
            throw new ModbusProtocolException(String.format(
                    "%s response: echo 0x%04X/0x%04X differs from the request's 0x%04X/0x%04X",
                    function.displayName(), in.u16(1), in.u16(3), address, value));
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
