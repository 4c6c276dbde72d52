package org.camelmodbus.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A point that cannot work is refused when built, with a message naming it and what is wrong. */
class PointValidationTest {

    @Test
    void typesMustFitTheirKind() {
        assertThatThrownBy(() ->
                        Point.builder("v", PointKind.COIL, 0, DataType.FLOAT32).build())
                .hasMessage("point 'v': type float32 does not fit a coil, which holds one bit: use type bool");
        assertThatThrownBy(() -> Point.builder("b", PointKind.HOLDING_REGISTER, 0, DataType.BOOL)
                        .build())
                .hasMessage("point 'b': type bool does not fit a holding register: use type bit with the bit number"
                        + " (0..15), or a number type");
    }

    @Test
    void inputsAreReadOnly() {
        assertThatThrownBy(() -> Point.builder("t", PointKind.INPUT_REGISTER, 0, DataType.INT16)
                        .writable(true)
                        .build())
                .hasMessage("point 't': an input register is read-only; it cannot be writable");
        assertThatThrownBy(() -> Point.builder("d", PointKind.DISCRETE_INPUT, 0, DataType.BOOL)
                        .writable(true)
                        .build())
                .hasMessage("point 'd': a discrete input is read-only; it cannot be writable");
    }

    @Test
    void lengthsBitsAndAddresses() {
        assertThatThrownBy(() -> Point.builder("s", PointKind.HOLDING_REGISTER, 0, DataType.STRING)
                        .build())
                .hasMessage("point 's': type string needs a length of 1..125 registers, got 0");
        assertThatThrownBy(() -> Point.builder("s", PointKind.HOLDING_REGISTER, 0, DataType.RAW)
                        .length(126)
                        .build())
                .hasMessage("point 's': type raw needs a length of 1..125 registers, got 126");
        assertThatThrownBy(() -> Point.builder("f", PointKind.HOLDING_REGISTER, 0, DataType.FLOAT32)
                        .length(4)
                        .build())
                .hasMessage("point 'f': type float32 takes 2 register(s), the length says 4");
        assertThatThrownBy(() -> Point.builder("x", PointKind.HOLDING_REGISTER, 0, DataType.BIT)
                        .bit(16)
                        .build())
                .hasMessage("point 'x': bit 16 is out of range 0..15");
        assertThatThrownBy(() -> Point.builder("x", PointKind.HOLDING_REGISTER, 0, DataType.INT16)
                        .bit(2)
                        .build())
                .hasMessage("point 'x': bit applies to type bit only, not int16");
        assertThatThrownBy(() -> Point.builder("e", PointKind.HOLDING_REGISTER, 65534, DataType.FLOAT64)
                        .build())
                .hasMessage("point 'e': address 65534 with 4 registers is out of range 0..65535");
        assertThat(Point.builder("last", PointKind.HOLDING_REGISTER, 65535, DataType.UINT16)
                        .build()
                        .end())
                .isEqualTo(65535);
    }

    @Test
    void scaleOffsetAndDeadbandOnlyForNumbers() {
        assertThatThrownBy(() -> Point.builder("z", PointKind.HOLDING_REGISTER, 0, DataType.INT16)
                        .scale(0)
                        .build())
                .hasMessageContaining("point 'z': scale must be a finite number other than 0");
        assertThatThrownBy(() -> Point.builder("s", PointKind.HOLDING_REGISTER, 0, DataType.STRING)
                        .length(2)
                        .scale(2)
                        .build())
                .hasMessage("point 's': scale and offset apply to numbers, not to string");
        assertThatThrownBy(() -> Point.builder("c", PointKind.COIL, 0, DataType.BOOL)
                        .deadband(Deadband.absolute(1))
                        .build())
                .hasMessage("point 'c': a deadband applies to numbers; a bool point is reported on every change");
    }

    @Test
    void namesAreUniqueButPointsMayOverlap() {
        Point whole = Point.builder("status", PointKind.HOLDING_REGISTER, 10, DataType.UINT32)
                .build();
        Point low = Point.builder("statusLow", PointKind.HOLDING_REGISTER, 11, DataType.UINT16)
                .build();
        Point bit = Point.builder("ready", PointKind.HOLDING_REGISTER, 11, DataType.BIT)
                .bit(0)
                .build();
        RegisterMap map = RegisterMap.of(whole, low, bit);
        assertThat(map.points()).containsExactly(whole, low, bit);
        assertThatThrownBy(() -> RegisterMap.of(whole, whole.toBuilder().build()))
                .hasMessageStartingWith("point 'status': the name is taken twice");
        assertThatThrownBy(() -> map.require("stat"))
                .hasMessage("unknown point 'stat'; the register map has status, statusLow, ready");
    }
}
