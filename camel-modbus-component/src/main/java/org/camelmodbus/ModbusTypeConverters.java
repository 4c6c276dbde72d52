package org.camelmodbus;

import java.util.List;
import org.apache.camel.Converter;
import org.camelmodbus.data.DataType;
import org.camelmodbus.data.Point;
import org.camelmodbus.data.PointKind;
import org.camelmodbus.data.PointWrite;
import org.camelmodbus.protocol.BitValues;
import org.camelmodbus.protocol.RegisterValues;

/**
 * Camel type converters between register arrays and Java types, so that {@code convertBodyTo(Float.class)} after a
 * read of two registers gives the float they hold. Registers are big-endian (ABCD, the Modbus default) and the target
 * type's width decides how many it takes: Short 1, Integer and Float 2, Long and Double 4; a list of another length,
 * or of values that are no registers, does not convert. Other orders, unsigned types, scaling and strings: use a
 * register map.
 */
@Converter(generateLoader = true)
public final class ModbusTypeConverters {
    private static final Point INT16 = point(DataType.INT16);
    private static final Point INT32 = point(DataType.INT32);
    private static final Point INT64 = point(DataType.INT64);
    private static final Point FLOAT32 = point(DataType.FLOAT32);
    private static final Point FLOAT64 = point(DataType.FLOAT64);

    private ModbusTypeConverters() {}

    private static Point point(DataType type) {
        return Point.builder("value", PointKind.HOLDING_REGISTER, 0, type)
                .writable(true)
                .build();
    }

    /** A list of register values (numbers 0..65535), as a read puts in the body; null if it holds anything else. */
    @Converter
    public static RegisterValues toRegisterValues(List<?> values) {
        int[] registers = new int[values.size()];
        for (int i = 0; i < registers.length; i++) {
            if (!(values.get(i) instanceof Number n)
                    || n.doubleValue() != n.intValue()
                    || n.intValue() < 0
                    || n.intValue() > 0xFFFF) {
                return null;
            }
            registers[i] = n.intValue();
        }
        return RegisterValues.of(registers);
    }

    @Converter
    public static RegisterValues toRegisterValues(int[] values) {
        return RegisterValues.of(values);
    }

    @Converter
    public static int[] toIntArray(RegisterValues values) {
        return values.toArray();
    }

    @Converter
    public static BitValues toBitValues(boolean[] bits) {
        return BitValues.of(bits);
    }

    @Converter
    public static boolean[] toBooleanArray(BitValues bits) {
        return bits.toArray();
    }

    @Converter
    public static Short toShort(List<?> registers) {
        Object value = decode(INT16, registers);
        return value == null ? null : ((Integer) value).shortValue();
    }

    @Converter
    public static Integer toInteger(List<?> registers) {
        return (Integer) decode(INT32, registers);
    }

    @Converter
    public static Long toLong(List<?> registers) {
        return (Long) decode(INT64, registers);
    }

    @Converter
    public static Float toFloat(List<?> registers) {
        return (Float) decode(FLOAT32, registers);
    }

    @Converter
    public static Double toDouble(List<?> registers) {
        return (Double) decode(FLOAT64, registers);
    }

    /** The two registers of a float32, big-endian. */
    @Converter
    public static int[] fromFloat(Float value) {
        return encode(FLOAT32, value);
    }

    /** The four registers of a float64, big-endian. */
    @Converter
    public static int[] fromDouble(Double value) {
        return encode(FLOAT64, value);
    }

    /** The one register of an int16. */
    @Converter
    public static int[] fromShort(Short value) {
        return encode(INT16, value);
    }

    /** The two registers of an int32, big-endian. */
    @Converter
    public static int[] fromInteger(Integer value) {
        return encode(INT32, value);
    }

    /** The four registers of an int64, big-endian. */
    @Converter
    public static int[] fromLong(Long value) {
        return encode(INT64, value);
    }

    private static Object decode(Point type, List<?> registers) {
        if (registers.size() != type.length()) {
            return null;
        }
        RegisterValues values = toRegisterValues(registers);
        return values == null ? null : type.decode(values.toArray(), 0);
    }

    private static int[] encode(Point type, Object value) {
        return ((PointWrite.Registers) type.encode(value)).values();
    }
}
