package org.camelmodbus.protocol;

import static org.camelmodbus.protocol.ProtocolAssertions.assertBytes;
import static org.camelmodbus.protocol.ProtocolAssertions.assertIllegalArgument;
import static org.camelmodbus.protocol.ProtocolAssertions.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegisterValuesTest {

    @Test
    void encodesBigEndian() {
        byte[] target = bytes("EE 00 00 00 00 00 00 EE");
        RegisterValues.of(0x022B, 0, 0xFF01).encodeInto(target, 1);
        assertBytes("EE 02 2B 00 00 FF 01 EE", target);
    }

    @Test
    void decodesBigEndian() {
        RegisterValues values = RegisterValues.decode(bytes("06 02 2B 00 00 00 64"), 1, 3);
        assertArrayEquals(new int[] {555, 0, 100}, values.toArray());
        assertEquals(RegisterValues.of(), RegisterValues.decode(new byte[0], 0, 0));
    }

    @Test
    void decodeRejectsTooFewBytes() {
        assertIllegalArgument(
                () -> RegisterValues.decode(bytes("00 01 00"), 0, 2), "2 registers need 4 bytes, only 3 given");
        assertIllegalArgument(() -> RegisterValues.decode(bytes("00 01 00 02"), 1, 2), "only 3 given");
        assertIllegalArgument(() -> RegisterValues.decode(bytes("00 01"), 0, -1));
        assertIllegalArgument(() -> RegisterValues.decode(bytes("00 01"), -1, 1));
    }

    @ParameterizedTest(name = "{0} = unsigned {1} = signed {2}")
    @CsvSource({
        "00 00, 0, 0",
        "00 01, 1, 1",
        "7F FF, 32767, 32767",
        "80 00, 32768, -32768",
        "FF FE, 65534, -2",
        "FF FF, 65535, -1"
    })
    void unsignedAndSignedAccess(String hex, int unsigned, short signed) {
        RegisterValues values = RegisterValues.decode(bytes(hex), 0, 1);
        assertEquals(unsigned, values.get(0));
        assertEquals(signed, values.getSigned(0));
        assertEquals(values, RegisterValues.of(unsigned));
    }

    @Test
    void ofTakesOnlyUnsigned16BitValues() {
        assertIllegalArgument(() -> RegisterValues.of(0, -1), "register value -1 at index 1 is out of range 0..65535");
        assertIllegalArgument(
                () -> RegisterValues.of(65536), "register value 65536 at index 0 is out of range 0..65535");
        assertIllegalArgument(() -> RegisterValues.of(Integer.MIN_VALUE), "out of range 0..65535");
        // a negative short must be passed as its unsigned form
        assertEquals(65535, RegisterValues.of(Short.toUnsignedInt((short) -1)).get(0));
    }

    @Test
    void ofCopiesTheArray() {
        int[] source = {1, 2, 3};
        RegisterValues values = RegisterValues.of(source);
        source[0] = 99;
        assertEquals(1, values.get(0), "changing the source array after of(...) must not change the value");
    }

    @Test
    void toArrayReturnsACopy() {
        RegisterValues values = RegisterValues.of(1, 2);
        values.toArray()[0] = 99;
        assertArrayEquals(new int[] {1, 2}, values.toArray());
    }

    @Test
    void decodeDoesNotShareTheSourceBytes() {
        byte[] source = bytes("00 2A");
        RegisterValues values = RegisterValues.decode(source, 0, 1);
        source[1] = 0;
        assertEquals(42, values.get(0));
    }

    @Test
    void equalsAndHashCodeCompareValues() {
        RegisterValues a = RegisterValues.of(10, 258);
        assertEquals(a, RegisterValues.of(10, 258));
        assertEquals(a, RegisterValues.decode(bytes("00 0A 01 02"), 0, 2));
        assertEquals(a.hashCode(), RegisterValues.of(10, 258).hashCode());
        assertNotEquals(a, RegisterValues.of(258, 10));
        assertNotEquals(a, RegisterValues.of(10, 258, 0));
        assertNotEquals(a, BitValues.of(true, false));
        assertNotEquals(a, null);
    }

    @Test
    void accessors() {
        RegisterValues values = RegisterValues.of(7, 65535);
        assertEquals(2, values.size());
        assertEquals(65535, values.get(1));
        assertEquals(-1, values.getSigned(1));
        assertThrows(IndexOutOfBoundsException.class, () -> values.get(2));
        assertEquals("[7, 65535]", values.toString());
    }
}
