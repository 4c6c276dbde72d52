package org.camelmodbus.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RTU and ASCII framing against the examples of the specifications, and the receiver's rules. */
class SerialFramingTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    @Test
    void crcOfTheSpecificationsExample() {
        // MODBUS over Serial Line V1.02, 6.2.2: Read Holding Registers of unit 0x11, CRC 0x8776 sent low byte first
        assertThat(SerialFraming.RTU.encode(0x11, hex("03 006B 0003"))).isEqualTo(hex("11 03 006B 0003 7687"));
        assertThat(Crc16.of(hex("11 03 006B 0003"), 0, 6)).isEqualTo(0x8776);
        assertThat(SerialFraming.RTU.encode(1, hex("03 0000 000A"))).isEqualTo(hex("01 03 0000 000A C5CD"));
    }

    @Test
    void lrcOfTheSpecificationsExample() {
        // MODBUS over Serial Line V1.02, 6.2.1: the same request in ASCII has LRC 0x7E
        byte[] frame = SerialFraming.ASCII.encode(0x11, hex("03 006B 0003"));
        assertThat(new String(frame, StandardCharsets.US_ASCII)).isEqualTo(":1103006B00037E\r\n");
        SerialFrame found = SerialFraming.ASCII.findRequest(frame, frame.length);
        assertThat(found.unitId()).isEqualTo(0x11);
        assertThat(found.pdu()).isEqualTo(hex("03 006B 0003"));
    }

    @Test
    void timingFollowsTheBaudRateUpTo19200AndIsFixedAbove() {
        SerialTiming at9600 = SerialTiming.of(9600, 8, true, 1); // 11 bits a character
        assertThat(at9600.characterNanos()).isEqualTo(1_145_833);
        assertThat(at9600.interFrameNanos()).isEqualTo(1_145_833 * 7 / 2);
        assertThat(at9600.interCharacterNanos()).isEqualTo(1_145_833 * 3 / 2);
        assertThat(SerialTiming.of(19200, 8, false, 2).interFrameNanos()).isEqualTo(572_917 * 7 / 2);
        SerialTiming at38400 = SerialTiming.of(38400, 8, true, 1);
        assertThat(at38400.interFrameNanos()).isEqualTo(1_750_000);
        assertThat(at38400.interCharacterNanos()).isEqualTo(750_000);
        assertThat(SerialTiming.of(9600, 8, false, 1).characterNanos()).isEqualTo(1_041_667); // 10 bits
    }

    /** Each response is found the moment its last byte arrives, and not one byte earlier: no timer is needed. */
    @Test
    void responsesAreCompleteAtTheirPredictedLength() {
        assertCompleteAtLastByte(hex("03 0000 000A"), hex("03 14 0001 0002 0003 0004 0005 0006 0007 0008 0009 000A"));
        assertCompleteAtLastByte(hex("01 0000 000A"), hex("01 02 FF03"));
        assertCompleteAtLastByte(hex("06 0001 0003"), hex("06 0001 0003"));
        assertCompleteAtLastByte(hex("10 0001 0002 04 0001 0002"), hex("10 0001 0002"));
        assertCompleteAtLastByte(hex("03 0000 000A"), hex("83 02")); // exception: 5 bytes in all
        assertCompleteAtLastByte(hex("07"), hex("07 6D"));
        assertCompleteAtLastByte(hex("08 0000 A537"), hex("08 0000 A537"));
        assertCompleteAtLastByte(hex("0B"), hex("0B FFFF 0108"));
        assertCompleteAtLastByte(hex("16 0004 00F2 0025"), hex("16 0004 00F2 0025"));
        assertCompleteAtLastByte(hex("18 04DE"), hex("18 0006 0002 01B8 1284"));
        assertCompleteAtLastByte(hex("2B 0E 01 00"), hex("2B 0E 01 01 00 00 03 00 03 414243 01 02 4445 02 01 46"));
    }

    private static void assertCompleteAtLastByte(byte[] request, byte[] responsePdu) {
        byte[] frame = SerialFraming.RTU.encode(7, responsePdu);
        for (int n = 1; n < frame.length; n++) {
            assertThat(SerialFraming.RTU.findResponse(frame, n, 7, request))
                    .as("%d of %d bytes", n, frame.length)
                    .isNull();
        }
        SerialFrame found = SerialFraming.RTU.findResponse(frame, frame.length, 7, request);
        assertThat(found.pdu()).isEqualTo(responsePdu);
        assertThat(found.end()).isEqualTo(frame.length);
    }

    @Test
    void aReceiverGetsBackInStepAfterNoiseACorruptFrameAndAnotherUnitsAnswer() {
        byte[] request = hex("03 0000 0002");
        byte[] answer = SerialFraming.RTU.encode(5, hex("03 04 1111 2222"));
        byte[] corrupt = answer.clone();
        corrupt[4] ^= 0x10;
        byte[] otherUnit = SerialFraming.RTU.encode(6, hex("03 04 3333 4444"));
        byte[] stream = concat(hex("FF 00 05 03"), corrupt, otherUnit, answer);
        SerialFrame found = SerialFraming.RTU.findResponse(stream, stream.length, 5, request);
        assertThat(found.pdu()).isEqualTo(hex("03 04 1111 2222"));
        assertThat(found.start()).isEqualTo(stream.length - answer.length);
    }

    @Test
    void asciiTakesTheLastStartOfFrameAndRefusesABadLrcAndLowerCase() {
        byte[] good = SerialFraming.ASCII.encode(1, hex("06 0001 0003"));
        byte[] stream = concat(":0106".getBytes(StandardCharsets.US_ASCII), good);
        assertThat(SerialFraming.ASCII.findRequest(stream, stream.length).start())
                .isEqualTo(5);
        byte[] badLrc = good.clone();
        badLrc[badLrc.length - 3] = (byte) (badLrc[badLrc.length - 3] == '0' ? '1' : '0');
        assertThat(SerialFraming.ASCII.findRequest(badLrc, badLrc.length)).isNull();
        byte[] lower = new String(good, StandardCharsets.US_ASCII).toLowerCase().getBytes(StandardCharsets.US_ASCII);
        assertThat(SerialFraming.ASCII.findRequest(lower, lower.length)).isNull();
    }

    @Test
    void requestsOfEveryKnownLayoutAreFoundAtTheirEnd() {
        for (String pdu : new String[] {
            "01 0000 0010",
            "05 0001 FF00",
            "07",
            "08 0001 0000",
            "0F 0013 000A 02 CD01",
            "10 0001 0002 04 000A 0102",
            "16 0004 00F2 0025",
            "17 0003 0006 000E 0003 06 00FF 00FF 00FF",
            "18 04DE",
            "2B 0E 01 00"
        }) {
            byte[] frame = SerialFraming.RTU.encode(9, hex(pdu));
            byte[] withNoise = concat(hex("00 FF 13"), frame, hex("4A"));
            for (int n = 3; n < 3 + frame.length; n++) {
                assertThat(SerialFraming.RTU.findRequest(withNoise, n))
                        .as(pdu + " at %d", n)
                        .isNull();
            }
            SerialFrame found = SerialFraming.RTU.findRequest(withNoise, withNoise.length);
            assertThat(found.pdu()).as(pdu).isEqualTo(hex(pdu));
            assertThat(found.end()).isEqualTo(3 + frame.length);
        }
    }

    @Test
    void onlyWritesCanBeBroadcast() {
        assertThat(SerialFraming.impliedBroadcastResponse(hex("06 0001 0003"))).isEqualTo(hex("06 0001 0003"));
        assertThat(SerialFraming.impliedBroadcastResponse(hex("10 0001 0002 04 000A 0102")))
                .isEqualTo(hex("10 0001 0002"));
        assertThatThrownBy(() -> SerialFraming.impliedBroadcastResponse(hex("03 0000 0001")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only writes");
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[0];
        for (byte[] p : parts) {
            int at = all.length;
            all = Arrays.copyOf(all, at + p.length);
            System.arraycopy(p, 0, all, at, p.length);
        }
        return all;
    }
}
