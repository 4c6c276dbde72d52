package org.camelmodbus.protocol;

import static org.camelmodbus.protocol.ProtocolAssertions.assertBytes;
import static org.camelmodbus.protocol.ProtocolAssertions.assertIllegalArgument;
import static org.camelmodbus.protocol.ProtocolAssertions.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitValuesTest {

    @ParameterizedTest(name = "{0} bits -> {1} bytes")
    @CsvSource({"0, 0", "1, 1", "7, 1", "8, 1", "9, 2", "16, 2", "17, 3", "1968, 246", "2000, 250"})
    void packedLength(int quantity, int bytes) {
        assertEquals(bytes, BitValues.packedLength(quantity));
    }

    @Test
    void packsLeastSignificantBitFirst() {
        byte[] target = new byte[2];
        // index 0 -> bit 0 of byte 0, index 7 -> bit 7 of byte 0, index 8 -> bit 0 of byte 1
        BitValues.of(true, false, false, false, false, false, false, false, true)
                .packInto(target, 0);
        assertBytes("01 01", target);
        BitValues.of(false, false, false, false, false, false, false, true, false, true)
                .packInto(target, 0);
        assertBytes("80 02", target);
    }

    @Test
    void unpacksLeastSignificantBitFirst() {
        BitValues bits = BitValues.unpack(bytes("CD 01"), 0, 9);
        // CD = 1100 1101: indices 0..7 read from the low bit up
        assertArrayEquals(new boolean[] {true, false, true, true, false, false, true, true, true}, bits.toArray());
    }

    @Test
    void packsPaddingBitsAsZeroEvenOverDirtyTarget() {
        byte[] target = bytes("EE FF FF EE");
        BitValues.of(true, false, true).packInto(target, 1);
        assertBytes("EE 05 FF EE", target);
        BitValues.of(new boolean[9]).packInto(target, 1);
        assertBytes("EE 00 00 EE", target);
    }

    @Test
    void ignoresPaddingBitsOnUnpack() {
        // 3 bits from 0xFF: the five high bits are padding
        assertEquals(BitValues.of(true, true, true), BitValues.unpack(bytes("FF"), 0, 3));
        assertEquals(BitValues.of(false, true), BitValues.unpack(bytes("FE"), 0, 2));
        // and a whole padding byte after the last needed byte is never read
        assertEquals(BitValues.of(new boolean[8]), BitValues.unpack(bytes("00 FF"), 0, 8));
    }

    @Test
    void unpacksAtOffset() {
        assertEquals(BitValues.of(false, true, false, true), BitValues.unpack(bytes("FF FF 0A"), 2, 4));
        assertEquals(BitValues.of(), BitValues.unpack(new byte[0], 0, 0));
    }

    @Test
    void unpackRejectsTooFewBytes() {
        assertIllegalArgument(() -> BitValues.unpack(bytes("FF"), 0, 9), "9 bits need 2 bytes, only 1 given");
        assertIllegalArgument(() -> BitValues.unpack(bytes("FF FF"), 1, 9), "9 bits need 2 bytes, only 1 given");
        assertIllegalArgument(() -> BitValues.unpack(bytes("FF"), 0, -1));
        assertIllegalArgument(() -> BitValues.unpack(bytes("FF"), -1, 1));
    }

    @Test
    void packUnpackRoundTrip() {
        boolean[] states = new boolean[2000];
        for (int i = 0; i < states.length; i++) {
            states[i] = (i * 7 + i / 3) % 5 < 2;
        }
        BitValues bits = BitValues.of(states);
        byte[] packed = new byte[BitValues.packedLength(states.length)];
        bits.packInto(packed, 0);
        assertEquals(bits, BitValues.unpack(packed, 0, states.length));
    }

    @Test
    void ofCopiesTheArray() {
        boolean[] source = {true, false};
        BitValues bits = BitValues.of(source);
        source[0] = false;
        assertTrue(bits.get(0), "changing the source array after of(...) must not change the value");
    }

    @Test
    void ofCopiesTheList() {
        List<Boolean> source = new ArrayList<>(List.of(true, false, true));
        BitValues bits = BitValues.of(source);
        source.set(0, false);
        source.add(true);
        assertEquals(BitValues.of(true, false, true), bits);
        assertThrows(NullPointerException.class, () -> BitValues.of(java.util.Arrays.asList(true, null)));
    }

    @Test
    void toArrayReturnsACopy() {
        BitValues bits = BitValues.of(true, true);
        bits.toArray()[0] = false;
        assertTrue(bits.get(0));
        assertArrayEquals(new boolean[] {true, true}, bits.toArray());
    }

    @Test
    void unpackDoesNotShareTheSourceBytes() {
        byte[] packed = bytes("01");
        BitValues bits = BitValues.unpack(packed, 0, 1);
        packed[0] = 0;
        assertTrue(bits.get(0));
    }

    @Test
    void equalsAndHashCodeCompareStates() {
        BitValues a = BitValues.of(true, false, true);
        assertEquals(a, BitValues.of(true, false, true));
        assertEquals(a, BitValues.of(List.of(true, false, true)));
        assertEquals(a, BitValues.unpack(bytes("05"), 0, 3));
        assertEquals(a.hashCode(), BitValues.of(true, false, true).hashCode());
        assertNotEquals(a, BitValues.of(true, false, false));
        assertNotEquals(a, BitValues.of(true, false, true, false), "length matters: padding is not a value");
        assertNotEquals(a, RegisterValues.of(1, 0, 1));
        assertNotEquals(a, null);
    }

    @Test
    void accessors() {
        BitValues bits = BitValues.of(false, true);
        assertEquals(2, bits.size());
        assertFalse(bits.get(0));
        assertTrue(bits.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> bits.get(2));
        assertEquals("[01]", bits.toString());
        assertEquals("[]", BitValues.of().toString());
    }
}
