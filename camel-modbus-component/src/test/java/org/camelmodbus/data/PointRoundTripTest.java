package org.camelmodbus.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Whatever a type can hold comes back unchanged through its registers, in every order. */
class PointRoundTripTest {

    private static Point point(DataType type, RegisterOrder order) {
        return Point.builder("p", PointKind.HOLDING_REGISTER, 0, type)
                .order(order)
                .length(type == DataType.STRING ? 8 : 0)
                .writable(true)
                .build();
    }

    private static Object roundTrip(Point p, Object value) {
        int[] registers = ((PointWrite.Registers) p.encode(value)).values();
        for (int r : registers) {
            assertThat(r).isBetween(0, 0xFFFF);
        }
        return p.decode(registers, 0);
    }

    @Property
    void int16(@ForAll short v, @ForAll RegisterOrder order) {
        assertThat(roundTrip(point(DataType.INT16, order), v)).isEqualTo((int) v);
    }

    @Property
    void uint16(@ForAll @IntRange(max = 0xFFFF) int v, @ForAll RegisterOrder order) {
        assertThat(roundTrip(point(DataType.UINT16, order), v)).isEqualTo(v);
    }

    @Property
    void int32(@ForAll int v, @ForAll RegisterOrder order) {
        assertThat(roundTrip(point(DataType.INT32, order), v)).isEqualTo(v);
    }

    @Property
    void uint32(@ForAll int bits, @ForAll RegisterOrder order) {
        long v = Integer.toUnsignedLong(bits);
        assertThat(roundTrip(point(DataType.UINT32, order), v)).isEqualTo(v);
    }

    @Property
    void int64(@ForAll long v, @ForAll RegisterOrder order) {
        assertThat(roundTrip(point(DataType.INT64, order), v)).isEqualTo(v);
    }

    @Property
    void uint64(@ForAll long bits, @ForAll RegisterOrder order) {
        BigInteger v = new BigInteger(Long.toUnsignedString(bits));
        assertThat(roundTrip(point(DataType.UINT64, order), v)).isEqualTo(v);
    }

    @Property
    void float32(@ForAll("floats") float v, @ForAll RegisterOrder order) {
        Object back = roundTrip(point(DataType.FLOAT32, order), v);
        assertThat(Float.floatToIntBits((Float) back)).isEqualTo(Float.floatToIntBits(v));
    }

    @Property
    void float64(@ForAll double v, @ForAll RegisterOrder order) {
        Object back = roundTrip(point(DataType.FLOAT64, order), v);
        assertThat(Double.doubleToLongBits((Double) back)).isEqualTo(Double.doubleToLongBits(v));
    }

    @Property
    void strings(@ForAll @StringLength(max = 16) String chars, @ForAll RegisterOrder order) {
        // what a string point can hold: Latin-1 without NUL, no trailing spaces (padding)
        String v = chars.chars()
                .map(c -> c % 0xFF + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .replaceAll(" +$", "");
        assertThat(roundTrip(point(DataType.STRING, order), v)).isEqualTo(v);
    }

    @Property
    void scaledValuesComeBackWithinHalfAStep(
            @ForAll @IntRange(min = -32768, max = 32767) int raw, @ForAll("scales") double scale) {
        Point p = Point.builder("p", PointKind.HOLDING_REGISTER, 0, DataType.INT16)
                .scale(scale)
                .offset(-40)
                .writable(true)
                .build();
        Object value = p.decode(new int[] {raw & 0xFFFF}, 0);
        assertThat(((PointWrite.Registers) p.encode(value)).values()).containsExactly(raw & 0xFFFF);
    }

    @Provide
    Arbitrary<Float> floats() {
        return Arbitraries.integers()
                .between(Integer.MIN_VALUE, Integer.MAX_VALUE)
                .map(Float::intBitsToFloat)
                .filter(f -> !Float.isNaN(f));
    }

    @Provide
    Arbitrary<Double> scales() {
        return Arbitraries.of(0.1, 0.01, 0.5, 2.0, 10.0, 0.001, 1.0 / 3);
    }
}
