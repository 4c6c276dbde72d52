package org.camelmodbus.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.camelmodbus.protocol.SerialFrame;
import org.camelmodbus.protocol.SerialFraming;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the serial-line frame finders ({@link SerialFraming#RTU} and {@link SerialFraming#ASCII}) with {@link
 * Fuzz#INPUTS} inputs each, as a receiver meets them: noise, then sometimes a damaged copy of the frame (bits flipped,
 * cut short), then the frame, then sometimes more noise, arriving in random pieces. After each piece:
 *
 * <ul>
 *   <li>nothing throws, and the buffer is left as it was;
 *   <li>whatever is found is intact: it encodes back to exactly the bytes it was found in;
 *   <li>a response is only found from the unit and for the function asked;
 *   <li>once the whole planted frame has arrived, a frame is found, with no timer: for every function whose length can
 *       be predicted at once, in the piece that completes it (for others, when the bytes end with it);
 *   <li>finding something else first (noise that happens to pass as a frame) is rare.
 * </ul>
 */
class SerialFramingFuzzTest {
    @Test
    void rtuResponses() throws Throwable {
        check(new FinderTarget(SerialFraming.RTU, true));
    }

    @Test
    void rtuRequests() throws Throwable {
        check(new FinderTarget(SerialFraming.RTU, false));
    }

    @Test
    void asciiResponses() throws Throwable {
        check(new FinderTarget(SerialFraming.ASCII, true));
    }

    @Test
    void asciiRequests() throws Throwable {
        check(new FinderTarget(SerialFraming.ASCII, false));
    }

    private static void check(FinderTarget target) throws Throwable {
        Fuzz.run(target);
        if (Fuzz.INPUTS >= 100_000) {
            assertThat(target.planted).as("planted frames found").isGreaterThan(Fuzz.INPUTS * 9 / 10);
            assertThat(target.impostors).as("noise taken for a frame").isLessThan(Fuzz.INPUTS / 1000);
        }
    }

    static final class FinderTarget extends Fuzz.Target {
        final ModbusInputs gen = new ModbusInputs(rng);
        final SerialFraming framing;
        final boolean responses;
        byte[] stream;
        int unitId;
        byte[] request;
        long planted;
        long impostors;

        FinderTarget(SerialFraming framing, boolean responses) {
            super(framing.name() + (responses ? "-responses" : "-requests"));
            this.framing = framing;
            this.responses = responses;
        }

        @Override
        void input(long index) {
            int fc = gen.functionCode();
            while (fc == 0 || fc >= 0x80) {
                fc = gen.functionCode(); // not a function a client can send, and no frame a server takes
            }
            request = gen.request(fc);
            byte[] pdu = responses ? gen.response(request) : request;
            unitId = responses ? rng.between(1, 247) : rng.nextInt(248);
            byte[] frame = framing.encode(unitId, pdu);
            byte[] noise = noise();
            byte[] damaged = rng.oneIn(3) ? damage(frame) : new byte[0];
            byte[] trailing = rng.oneIn(4) ? noise() : new byte[0];
            stream = join(join(noise, damaged), join(frame, trailing));
            int frameEnd = noise.length + damaged.length + frame.length;
            boolean predictable = predictable(request);

            byte[] buffer = new byte[stream.length];
            int length = 0;
            while (length < stream.length) {
                int next = Math.min(stream.length, length + piece());
                if (length < frameEnd && next > frameEnd && !predictable) {
                    next = frameEnd; // an unpredictable frame ends where the bytes end, or not at all
                }
                System.arraycopy(stream, length, buffer, length, next - length);
                length = next;
                byte[] before = buffer.clone();
                SerialFrame found = responses
                        ? framing.findResponse(buffer, length, unitId, request)
                        : framing.findRequest(buffer, length);
                assertThat(buffer).as("buffer untouched").isEqualTo(before);
                if (found == null) {
                    // a request of unpredictable length is taken only at the start of the buffer
                    boolean findable = predictable || responses || frameEnd == frame.length;
                    assertThat(length < frameEnd || !findable)
                            .as("the complete frame is found as soon as its last byte is in, in " + length + " bytes")
                            .isTrue();
                    continue;
                }
                assertThat(found.end()).isLessThanOrEqualTo(length);
                assertThat(Arrays.copyOfRange(buffer, found.start(), found.end()))
                        .as("found frame is intact")
                        .isEqualTo(framing.encode(found.unitId(), found.pdu()));
                if (responses) {
                    assertThat(found.unitId()).isEqualTo(unitId);
                    assertThat(found.pdu()[0] & 0x7F).isEqualTo(request[0] & 0x7F);
                }
                if (found.end() == frameEnd && Arrays.equals(found.pdu(), pdu)) {
                    planted++;
                } else {
                    impostors++;
                }
                return;
            }
        }

        /** Whether the finder knows the frame's length without looking for a checksum at the end of the bytes. */
        private boolean predictable(byte[] request) {
            int fc = request[0] & 0xFF;
            if (framing == SerialFraming.ASCII) {
                return true; // CR LF ends every frame
            }
            if (fc == 8 && !responses) {
                return request[1] != 0 || request[2] != 0; // all but Return Query Data
            }
            if (responses) {
                return !(fc >= 65 && fc <= 72
                        || fc >= 100 && fc <= 110
                        || fc == 0
                        || fc > 43
                        || fc == 9
                        || fc == 10
                        || fc == 13
                        || fc == 14
                        || fc == 18
                        || fc == 19
                        || fc > 24 && fc != 43);
            }
            return fc >= 1 && fc <= 7
                    || fc == 11
                    || fc == 12
                    || fc >= 15 && fc <= 17
                    || fc >= 20 && fc <= 24
                    || fc == 43;
        }

        private byte[] noise() {
            return switch (rng.nextInt(8)) {
                case 0, 1 -> new byte[0];
                case 2, 3, 4 -> gen.randomBytes(8);
                case 5, 6 -> gen.randomBytes(64);
                default -> gen.randomBytes(300);
            };
        }

        /** The frame with a bit flipped, or cut short. */
        private byte[] damage(byte[] frame) {
            if (rng.nextBoolean()) {
                return Arrays.copyOf(frame, rng.nextInt(frame.length));
            }
            byte[] copy = frame.clone();
            copy[rng.nextInt(copy.length)] ^= (byte) (1 << rng.nextInt(8));
            return copy;
        }

        private int piece() {
            return rng.oneIn(4) ? 1 + rng.nextInt(4) : 1 + rng.nextInt(300);
        }

        private static byte[] join(byte[] a, byte[] b) {
            byte[] joined = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, joined, a.length, b.length);
            return joined;
        }

        @Override
        String describeInput() {
            return framing.name() + (responses ? " response from unit " + unitId + " to " : " request ")
                    + HexFormat.of().formatHex(request) + " in stream "
                    + HexFormat.of().formatHex(stream);
        }

        @Override
        String summary() {
            return String.format("%,d planted frames found, %,d impostors", planted, impostors);
        }
    }
}
