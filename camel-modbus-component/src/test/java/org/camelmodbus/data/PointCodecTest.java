package org.camelmodbus.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known register images of each type in each order, and the errors a bad value gets. */
class PointCodecTest {

    private static Point holding(DataType type, RegisterOrder order) {
        return Point.builder("p", PointKind.HOLDING_REGISTER, 100, type)
                .order(order)
                .writable(true)
                .build();
    }

    private static int[] write(Point p, Object value) {
        return ((PointWrite.Registers) p.encode(value)).values();
    }

    /** 123456.0f is 0x47F12000 (the example of libmodbus's modbus_get_float_* pages). */
    @ParameterizedTest
    @CsvSource({"ABCD, 47F1, 2000", "CDAB, 2000, 47F1", "BADC, F147, 0020", "DCBA, 0020, F147"})
    void float32InEveryOrder(RegisterOrder order, String first, String second) {
        int[] wire = {Integer.parseInt(first, 16), Integer.parseInt(second, 16)};
        Point p = holding(DataType.FLOAT32, order);
        assertThat(p.decode(wire, 0)).isEqualTo(123456.0f);
        assertThat(write(p, 123456.0f)).containsExactly(wire);
    }

    /** 0x0102030405060708 in the four orders: ABCD = 12345678, CDAB = 78563412, BADC = 21436587, DCBA = 87654321. */
    @ParameterizedTest
    @CsvSource({
        "ABCD, 0102, 0304, 0506, 0708",
        "CDAB, 0708, 0506, 0304, 0102",
        "BADC, 0201, 0403, 0605, 0807",
        "DCBA, 0807, 0605, 0403, 0201"
    })
    void int64InEveryOrder(RegisterOrder order, String a, String b, String c, String d) {
        int[] wire = {Integer.parseInt(a, 16), Integer.parseInt(b, 16), Integer.parseInt(c, 16), Integer.parseInt(d, 16)
        };
        Point p = holding(DataType.INT64, order);
        assertThat(p.decode(wire, 0)).isEqualTo(0x0102030405060708L);
        assertThat(write(p, 0x0102030405060708L)).containsExactly(wire);
    }

    @ParameterizedTest
    @CsvSource({"ABCD, 1234", "CDAB, 1234", "BADC, 3412", "DCBA, 3412"})
    void sixteenBitValuesSwapOnlyTheirBytes(RegisterOrder order, String wire) {
        Point p = holding(DataType.UINT16, order);
        assertThat(p.decode(new int[] {Integer.parseInt(wire, 16)}, 0)).isEqualTo(0x1234);
    }

    @Test
    void negativeNumbersAndUnsignedExtremes() {
        assertThat(holding(DataType.INT16, RegisterOrder.ABCD).decode(new int[] {0xFFFE}, 0))
                .isEqualTo(-2);
        assertThat(holding(DataType.UINT16, RegisterOrder.ABCD).decode(new int[] {0xFFFE}, 0))
                .isEqualTo(65534);
        assertThat(holding(DataType.INT32, RegisterOrder.CDAB).decode(new int[] {0xFFFF, 0x8000}, 0))
                .isEqualTo(Integer.MIN_VALUE + 0xFFFF);
        assertThat(holding(DataType.UINT32, RegisterOrder.ABCD).decode(new int[] {0xFFFF, 0xFFFF}, 0))
                .isEqualTo(0xFFFF_FFFFL);
        assertThat(holding(DataType.UINT64, RegisterOrder.ABCD).decode(new int[] {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF}, 0))
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(write(holding(DataType.INT16, RegisterOrder.ABCD), -1)).containsExactly(0xFFFF);
        assertThat(write(holding(DataType.UINT64, RegisterOrder.DCBA), new BigInteger("18446744073709551614")))
                .containsExactly(0xFEFF, 0xFFFF, 0xFFFF, 0xFFFF);
    }

    @Test
    void notANumberAndInfinities() {
        Point f32 = holding(DataType.FLOAT32, RegisterOrder.ABCD);
        Point f64 = holding(DataType.FLOAT64, RegisterOrder.CDAB);
        assertThat(write(f32, Float.NaN)).containsExactly(0x7FC0, 0x0000);
        assertThat(write(f32, "-Infinity")).containsExactly(0xFF80, 0x0000);
        assertThat((Float) f32.decode(new int[] {0x7F80, 0x0001}, 0)).isNaN();
        assertThat(f32.decode(new int[] {0x7F80, 0x0000}, 0)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(f64.decode(write(f64, Double.NEGATIVE_INFINITY), 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) f64.decode(write(f64, "NaN"), 0)).isNaN();
        assertThatThrownBy(() -> f32.encode(1e39))
                .hasMessage("point 'p': cannot write 1.0E39 (Double): out of the range of float32");
        assertThatThrownBy(() -> holding(DataType.INT32, RegisterOrder.ABCD).encode(Double.NaN))
                .hasMessageContaining("point 'p': cannot write NaN (Double) to a int32: expected a number");
    }

    @Test
    void scaleAndOffsetAreExactInDecimal() {
        Point volts = Point.builder("volts", PointKind.INPUT_REGISTER, 0, DataType.UINT16)
                .scale(0.1)
                .build();
        assertThat(volts.decode(new int[] {2345}, 0)).isEqualTo(234.5);
        Point temp = Point.builder("temp", PointKind.HOLDING_REGISTER, 0, DataType.INT16)
                .scale(0.1)
                .offset(-40)
                .writable(true)
                .build();
        assertThat(temp.decode(new int[] {0xFFFF}, 0)).isEqualTo(-40.1);
        assertThat(write(temp, 21.5)).containsExactly(615);
        assertThat(write(temp, "21.55")).containsExactly(616); // half a step rounds up
        Point f = Point.builder("f", PointKind.HOLDING_REGISTER, 0, DataType.FLOAT32)
                .scale(10)
                .build();
        assertThat(f.decode(new int[] {0x3DCC, 0xCCCD}, 0)).isEqualTo(1.0); // 0.1f * 10, not 1.0000000149
    }

    @Test
    void integersRefuseFractionsAndOutOfRange() {
        Point p = holding(DataType.INT16, RegisterOrder.ABCD);
        assertThatThrownBy(() -> p.encode(21.5))
                .hasMessage("point 'p': cannot write 21.5 (Double): int16 holds whole numbers");
        assertThatThrownBy(() -> p.encode(40000))
                .hasMessage("point 'p': cannot write 40000 (Integer): out of range -32768..32767 of int16");
        assertThatThrownBy(() -> holding(DataType.UINT32, RegisterOrder.ABCD).encode(-1))
                .hasMessageContaining("out of range 0..4294967295");
        assertThatThrownBy(() -> p.encode("twelve"))
                .hasMessage("point 'p': cannot write 'twelve' to a int16: expected a number");
        assertThat(write(p, "0x7FFF")).containsExactly(0x7FFF);
        assertThat(write(p, 12.0)).containsExactly(12);
    }

    @Test
    void stringsPadAndTrim() {
        Point p = Point.builder("serial", PointKind.HOLDING_REGISTER, 0, DataType.STRING)
                .length(3)
                .writable(true)
                .build();
        assertThat(write(p, "ABC")).containsExactly(0x4142, 0x4300, 0x0000);
        assertThat(write(p, "ABCDE")).containsExactly(0x4142, 0x4344, 0x4500);
        assertThat(write(p, "")).containsExactly(0, 0, 0);
        assertThat(p.decode(new int[] {0x4142, 0x4300, 0x4600}, 0)).isEqualTo("ABC"); // text ends at the first NUL
        assertThat(p.decode(new int[] {0x4142, 0x4320, 0x2020}, 0)).isEqualTo("ABC"); // space padding
        assertThat(p.decode(new int[] {0x2041, 0x4243, 0x4445}, 0)).isEqualTo(" ABCDE");
        assertThatThrownBy(() -> p.encode("ABCDEFG"))
                .hasMessage("point 'serial': 'ABCDEFG' has 7 characters, the point holds 6 (3 registers)");
        assertThatThrownBy(() -> p.encode("A€"))
                .hasMessageContaining("the character '€' (U+20AC), which one byte (ISO-8859-1) cannot hold");
        Point swapped = p.toBuilder().order(RegisterOrder.BADC).build();
        assertThat(write(swapped, "ABC")).containsExactly(0x4241, 0x0043, 0x0000);
        assertThat(swapped.decode(new int[] {0x4241, 0x0043, 0}, 0)).isEqualTo("ABC");
    }

    @Test
    void bitsRawAndBooleans() {
        Point alarm = Point.builder("alarm", PointKind.HOLDING_REGISTER, 7, DataType.BIT)
                .bit(3)
                .writable(true)
                .build();
        assertThat(alarm.decode(new int[] {0b1000}, 0)).isEqualTo(true);
        assertThat(alarm.decode(new int[] {0b0111}, 0)).isEqualTo(false);
        PointWrite.RegisterBit set = (PointWrite.RegisterBit) alarm.encode("on");
        assertThat(set.andMask()).isEqualTo(0xFFF7);
        assertThat(set.orMask()).isEqualTo(0b1000);
        assertThat(((PointWrite.RegisterBit) alarm.encode(false)).orMask()).isZero();

        Point raw = Point.builder("raw", PointKind.HOLDING_REGISTER, 0, DataType.RAW)
                .length(2)
                .writable(true)
                .build();
        assertThat(raw.decode(new int[] {9, 0xFFFF, 5}, 1)).isEqualTo(List.of(0xFFFF, 5));
        assertThat(write(raw, List.of(1, 65535))).containsExactly(1, 65535);
        assertThat(write(raw, "[3, 4]")).containsExactly(3, 4);
        assertThatThrownBy(() -> raw.encode(List.of(1))).hasMessageContaining("takes 2 register values, got 1");
        assertThatThrownBy(() -> raw.encode(List.of(1, 70000)))
                .hasMessageContaining("70000 (Integer) is not a whole number 0..65535");

        Point coil = Point.builder("pump", PointKind.COIL, 4, DataType.BOOL)
                .writable(true)
                .build();
        assertThat(coil.encode(1)).isEqualTo(new PointWrite.Coil(4, true));
        assertThat(coil.decode(new boolean[] {false, true}, 1)).isEqualTo(true);
        assertThatThrownBy(() -> coil.encode("maybe"))
                .hasMessage("point 'pump': cannot write 'maybe' to a bool: expected true/false, 1/0 or on/off");
    }

    @Test
    void readOnlyPointsRefuseWrites() {
        Point p = Point.builder("speed", PointKind.HOLDING_REGISTER, 0, DataType.INT16)
                .build();
        assertThatThrownBy(() -> p.encode(1))
                .hasMessage("point 'speed': is read-only (writable is not set in the register map)");
    }
}
