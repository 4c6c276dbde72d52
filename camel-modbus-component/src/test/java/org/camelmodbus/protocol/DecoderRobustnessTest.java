package org.camelmodbus.protocol;

import static org.camelmodbus.protocol.ProtocolAssertions.bytes;
import static org.camelmodbus.protocol.ProtocolAssertions.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds the three decoders of untrusted bytes (request PDU, response PDU, MBAP frame) 100,000 pseudo-random inputs
 * from a fixed seed: random byte strings and mutations (byte changed, truncated, extended, length fields rewritten) of
 * valid encodings. No input may raise anything but {@link ModbusProtocolException}, a failed request must carry a
 * reply code, and whatever decodes must re-encode to its input.
 */
class DecoderRobustnessTest {
    private static final long SEED = 0x4D4F4442555351L;
    private static final int ITERATIONS = 100_000;

    /** Requests every input is also decoded against as a response, besides the one it was derived from. */
    private static final AddressedRequest[] FIXED_REQUESTS = {
        new ReadCoilsRequest(19, 19),
        new ReadDiscreteInputsRequest(0, 1),
        new ReadHoldingRegistersRequest(107, 3),
        new ReadInputRegistersRequest(0, 1),
        new WriteSingleCoilRequest(172, true),
        new WriteSingleRegisterRequest(0, 0),
        new WriteMultipleCoilsRequest(0, BitValues.of(true, false, true)),
        new WriteMultipleRegistersRequest(0, RegisterValues.of(0)),
    };

    private final Random random = new Random(SEED);
    private int requestsDecoded;
    private int requestPaddingCleaned;
    private int responsesDecoded;
    private int responsePaddingCleaned;
    private int framesDecoded;

    @Test
    void decodersRejectEveryMalformedInputWithModbusProtocolException() throws Throwable {
        // Most of the time goes into the ~370,000 ModbusProtocolExceptions, and an exception's cost grows with the
        // stack it captures: on a thread of its own the loop runs markedly faster than under JUnit's deep stack.
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(
                () -> {
                    try {
                        fuzz();
                    } catch (Throwable t) {
                        failure[0] = t;
                    }
                },
                "decoder-fuzz");
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private void fuzz() {
        for (int i = 0; i < ITERATIONS; i++) {
            AddressedRequest request = randomRequest();
            byte[] input = switch (i % 5) {
                case 0 -> randomBytes(random.nextInt(261));
                case 1 -> mutate(RequestCodec.encode(request));
                case 2 -> mutate(ResponseCodec.encode(randomResponse(request)));
                case 3 -> randomPdu();
                default ->
                    mutate(new MbapFrame(
                                    random.nextInt(0x10000),
                                    random.nextInt(0x100),
                                    random.nextBoolean()
                                            ? RequestCodec.encode(request)
                                            : ResponseCodec.encode(randomResponse(request)))
                            .encode());
            };
            try {
                checkRequestDecoder(input);
                checkResponseDecoder(input, request);
                checkResponseDecoder(input, FIXED_REQUESTS[random.nextInt(FIXED_REQUESTS.length)]);
                checkFrameDecoder(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "iteration " + i + " (seed " + SEED + "), input [" + hex(input) + "]: " + e, e);
            }
        }
        // the inputs must reach the decoders' happy paths too, not only their first checks (with this seed:
        // about 10,000 requests, 270 of them with dirty padding, 6,000 responses, 400 with dirty padding, 6,000 frames)
        assertTrue(requestsDecoded > 5_000, "requests decoded: " + requestsDecoded);
        assertTrue(requestPaddingCleaned > 100, "requests with padding cleaned: " + requestPaddingCleaned);
        assertTrue(responsesDecoded > 3_000, "responses decoded: " + responsesDecoded);
        assertTrue(responsePaddingCleaned > 100, "responses with padding cleaned: " + responsePaddingCleaned);
        assertTrue(framesDecoded > 3_000, "frames decoded: " + framesDecoded);
    }

    @Test
    void canonicalFormClearsOnlyPaddingBits() {
        assertArrayEquals(bytes("0F 00 00 00 03 01 07"), canonicalRequest(bytes("0F 00 00 00 03 01 FF")));
        assertArrayEquals(bytes("0F 00 00 00 08 01 FF"), canonicalRequest(bytes("0F 00 00 00 08 01 FF")));
        assertArrayEquals(bytes("01 02 FF 01"), canonicalResponse(bytes("01 02 FF FF"), new ReadCoilsRequest(0, 9)));
        assertArrayEquals(
                bytes("03 02 FF FF"), canonicalResponse(bytes("03 02 FF FF"), new ReadHoldingRegistersRequest(0, 1)));
    }

    // ---- the checks

    private void checkRequestDecoder(byte[] input) {
        byte[] copy = input.clone();
        ModbusRequest decoded;
        try {
            decoded = RequestCodec.decode(input);
        } catch (ModbusProtocolException e) {
            // a server must be able to answer every malformed request with an exception code
            assertTrue(e.replyCode().isPresent(), () -> "no reply code for: " + e.getMessage());
            return;
        }
        assertArrayEquals(copy, input, "decoding must not change its input");
        requestsDecoded++;
        byte[] canonical = canonicalRequest(input);
        if (!Arrays.equals(canonical, input)) {
            requestPaddingCleaned++;
        }
        byte[] encoded = RequestCodec.encode(decoded);
        assertEquals(hex(canonical), hex(encoded), "re-encoded request");
        assertEquals(decoded, RequestCodec.decode(encoded));
    }

    private void checkResponseDecoder(byte[] input, AddressedRequest request) {
        ModbusResponse decoded;
        try {
            decoded = ResponseCodec.decode(input, request);
        } catch (ModbusProtocolException e) {
            return;
        }
        responsesDecoded++;
        assertEquals(request.functionCode(), decoded.functionCode());
        if (decoded instanceof ReadCoilsResponse r) {
            assertEquals(request.quantity(), r.coils().size());
        } else if (decoded instanceof ReadDiscreteInputsResponse r) {
            assertEquals(request.quantity(), r.inputs().size());
        } else if (decoded instanceof ReadHoldingRegistersResponse r) {
            assertEquals(request.quantity(), r.registers().size());
        } else if (decoded instanceof ReadInputRegistersResponse r) {
            assertEquals(request.quantity(), r.registers().size());
        }
        byte[] canonical = canonicalResponse(input, request);
        if (!Arrays.equals(canonical, input)) {
            responsePaddingCleaned++;
        }
        assertEquals(hex(canonical), hex(ResponseCodec.encode(decoded)), "re-encoded response");
    }

    private void checkFrameDecoder(byte[] input) {
        MbapFrame frame;
        try {
            frame = MbapFrame.decode(input);
        } catch (ModbusProtocolException e) {
            return;
        }
        framesDecoded++;
        // every field of the frame is kept as it came: no canonicalisation
        assertArrayEquals(input, frame.encode());
        checkRequestDecoder(frame.pdu());
    }

    /**
     * The bytes a successfully decoded request must re-encode to: the input itself, with one exception. In Write
     * Multiple Coils (FC15) the high bits of the last data byte past the last coil are padding. Senders should set
     * them to zero, but the decoder ignores them rather than refuse the request ({@link BitValues#unpack}), so they
     * are not part of the model and re-encode as zero. Every other field is fully checked and so is canonical.
     */
    static byte[] canonicalRequest(byte[] pdu) {
        byte[] canonical = pdu.clone();
        if (pdu[0] == 0x0F) {
            clearPadding(canonical, 6, ((pdu[3] & 0xFF) << 8) | (pdu[4] & 0xFF));
        }
        return canonical;
    }

    /** As {@link #canonicalRequest}: the padding bits after the last coil or input of a read response. */
    static byte[] canonicalResponse(byte[] pdu, AddressedRequest request) {
        byte[] canonical = pdu.clone();
        if (pdu[0] == 0x01 || pdu[0] == 0x02) {
            clearPadding(canonical, 2, request.quantity());
        }
        return canonical;
    }

    private static void clearPadding(byte[] pdu, int dataOffset, int quantity) {
        if (quantity % 8 != 0) {
            pdu[dataOffset + quantity / 8] &= (byte) ((1 << (quantity % 8)) - 1);
        }
    }

    // ---- input generation

    private AddressedRequest randomRequest() {
        return switch (random.nextInt(8)) {
            case 0 -> {
                int q = quantity(2000);
                yield new ReadCoilsRequest(address(q), q);
            }
            case 1 -> {
                int q = quantity(2000);
                yield new ReadDiscreteInputsRequest(address(q), q);
            }
            case 2 -> {
                int q = quantity(125);
                yield new ReadHoldingRegistersRequest(address(q), q);
            }
            case 3 -> {
                int q = quantity(125);
                yield new ReadInputRegistersRequest(address(q), q);
            }
            case 4 -> new WriteSingleCoilRequest(address(1), random.nextBoolean());
            case 5 -> new WriteSingleRegisterRequest(address(1), random.nextInt(0x10000));
            case 6 -> {
                int q = quantity(1968);
                yield new WriteMultipleCoilsRequest(address(q), randomBits(q));
            }
            default -> {
                int q = quantity(123);
                yield new WriteMultipleRegistersRequest(address(q), randomRegisters(q));
            }
        };
    }

    private ModbusResponse randomResponse(AddressedRequest request) {
        if (random.nextInt(8) == 0) {
            return new ExceptionResponse(request.functionCode(), random.nextInt(0x100));
        }
        int q = request.quantity();
        return switch (FunctionCode.of(request.functionCode()).orElseThrow()) {
            case READ_COILS -> new ReadCoilsResponse(randomBits(q));
            case READ_DISCRETE_INPUTS -> new ReadDiscreteInputsResponse(randomBits(q));
            case READ_HOLDING_REGISTERS -> new ReadHoldingRegistersResponse(randomRegisters(q));
            case READ_INPUT_REGISTERS -> new ReadInputRegistersResponse(randomRegisters(q));
            case WRITE_SINGLE_COIL ->
                new WriteSingleCoilResponse(request.address(), ((WriteSingleCoilRequest) request).value());
            case WRITE_SINGLE_REGISTER ->
                new WriteSingleRegisterResponse(request.address(), ((WriteSingleRegisterRequest) request).value());
            case WRITE_MULTIPLE_COILS -> new WriteMultipleCoilsResponse(request.address(), q);
            case WRITE_MULTIPLE_REGISTERS -> new WriteMultipleRegistersResponse(request.address(), q);
            default -> throw new IllegalStateException("not generated: " + request);
        };
    }

    /** Mostly small quantities, where most bugs hide, sometimes anything up to the maximum. */
    private int quantity(int max) {
        return 1 + random.nextInt(random.nextBoolean() ? Math.min(max, 17) : max);
    }

    /** An address that leaves room for {@code quantity}, often at either end of the address space. */
    private int address(int quantity) {
        int last = 0x10000 - quantity;
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> last;
            default -> random.nextInt(last + 1);
        };
    }

    private BitValues randomBits(int n) {
        boolean[] bits = new boolean[n];
        for (int i = 0; i < n; i++) {
            bits[i] = random.nextBoolean();
        }
        return BitValues.of(bits);
    }

    private RegisterValues randomRegisters(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(0x10000);
        }
        return RegisterValues.of(values);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Random bytes behind a plausible function code: supported, exception-flagged or unsupported. */
    private byte[] randomPdu() {
        byte[] pdu = randomBytes(1 + random.nextInt(random.nextBoolean() ? 12 : 260));
        int[] codes = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0F, 0x10, 0x81, 0x83, 0x8F, 0x90, 0x2B, 0x00, 0x7F};
        pdu[0] = (byte) codes[random.nextInt(codes.length)];
        return pdu;
    }

    /** Zero to three mutations; a tenth of the inputs stay valid. */
    private byte[] mutate(byte[] valid) {
        byte[] bytes = valid;
        int mutations = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            bytes = switch (random.nextInt(7)) {
                case 0 -> flipBit(bytes);
                case 1 -> setByte(bytes);
                case 2 -> Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
                case 3 -> extend(bytes);
                case 4 -> setLengthField(bytes);
                case 5 -> dirtyLastByte(bytes);
                default -> bytes.length <= 1 ? bytes : Arrays.copyOf(bytes, bytes.length - 1);
            };
        }
        return bytes;
    }

    private byte[] flipBit(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }

    private byte[] setByte(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        int[] interesting = {0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF};
        copy[random.nextInt(copy.length)] =
                (byte) (random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : random.nextInt(256));
        return copy;
    }

    private byte[] extend(byte[] bytes) {
        byte[] copy = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(random.nextBoolean() ? 3 : 40));
        for (int i = bytes.length; i < copy.length; i++) {
            copy[i] = (byte) random.nextInt(256);
        }
        return copy;
    }

    /** Sets random high bits in the last byte, where bit-carrying PDUs keep their padding. */
    private byte[] dirtyLastByte(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        copy[copy.length - 1] |= (byte) (random.nextInt(256) & (0xFF << (1 + random.nextInt(7))));
        return copy;
    }

    /** Rewrites one of the places that hold a count or length: quantity, byte count, or MBAP length. */
    private byte[] setLengthField(byte[] bytes) {
        byte[] copy = bytes.clone();
        int position = new int[] {1, 3, 4, 5, 5}[random.nextInt(5)];
        if (position < copy.length) {
            copy[position] =
                    (byte) (random.nextBoolean() ? random.nextInt(256) : copy[position] + random.nextInt(5) - 2);
        }
        return copy;
    }
}
