package org.camelmodbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.camelmodbus.data.DataType;
import org.camelmodbus.data.Point;
import org.camelmodbus.data.PointKind;
import org.camelmodbus.data.RegisterMap;
import org.camelmodbus.data.RegisterOrder;
import org.junit.jupiter.api.Test;

/**
 * Every type in every order through a real device: registers laid out by an independent encoder (java.nio and the
 * byte patterns as device manuals write them) are read into typed values, and typed values written by name land as
 * those same registers.
 */
class ModbusPointTypesRouteTest extends ModbusRouteTestSupport {
    /** Where each byte of a big-endian value goes on the wire, as manuals name the orders. */
    private static final Map<RegisterOrder, String[]> PATTERNS = Map.of(
            RegisterOrder.ABCD, new String[] {"AB", "ABCD", "ABCDEFGH"},
            RegisterOrder.DCBA, new String[] {"BA", "DCBA", "HGFEDCBA"},
            RegisterOrder.BADC, new String[] {"BA", "BADC", "BADCFEHG"},
            RegisterOrder.CDAB, new String[] {"AB", "CDAB", "GHEFCDAB"});

    private static final Map<DataType, List<Object>> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put(DataType.INT16, List.of(-32768, -1, 0, 12345, 32767));
        VALUES.put(DataType.UINT16, List.of(0, 1, 40000, 65535));
        VALUES.put(DataType.INT32, List.of(Integer.MIN_VALUE, -2, 123456789, Integer.MAX_VALUE));
        VALUES.put(DataType.UINT32, List.of(0L, 3_000_000_000L, 4_294_967_295L));
        VALUES.put(DataType.INT64, List.of(Long.MIN_VALUE, -3L, 1_234_567_890_123L, Long.MAX_VALUE));
        VALUES.put(
                DataType.UINT64,
                List.of(
                        BigInteger.ZERO,
                        BigInteger.ONE.shiftLeft(63),
                        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
        VALUES.put(
                DataType.FLOAT32,
                List.of(
                        -1.5f,
                        123456f,
                        -0.0f,
                        Float.MIN_VALUE,
                        Float.NaN,
                        Float.POSITIVE_INFINITY,
                        Float.NEGATIVE_INFINITY));
        VALUES.put(
                DataType.FLOAT64,
                List.of(
                        -2.25,
                        Math.PI,
                        Double.MAX_VALUE,
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY));
    }

    /** A point, the value it holds and its wire registers. */
    private record Case(Point point, Object value, int[] wire) {}

    private final List<Case> cases = new ArrayList<>();

    public ModbusPointTypesRouteTest() {
        int address = 0;
        for (Map.Entry<DataType, List<Object>> e : VALUES.entrySet()) {
            for (RegisterOrder order : RegisterOrder.values()) {
                int i = 0;
                for (Object value : e.getValue()) {
                    DataType type = e.getKey();
                    Point p = Point.builder(type + "_" + order + "_" + i++, PointKind.HOLDING_REGISTER, address, type)
                            .order(order)
                            .writable(true)
                            .build();
                    cases.add(new Case(p, value, wire(bigEndian(type, value), order)));
                    address += type.registers();
                }
            }
        }
        // strings: odd lengths, NUL and space padding, both byte orders
        address = 1000;
        addString(address, 1, RegisterOrder.ABCD, "A", new int[] {0x4100});
        addString(address += 1, 3, RegisterOrder.ABCD, "ABC", new int[] {0x4142, 0x4300, 0});
        addString(address += 3, 4, RegisterOrder.ABCD, "ABCDEFGH", new int[] {0x4142, 0x4344, 0x4546, 0x4748});
        addString(address += 4, 3, RegisterOrder.BADC, "Hello", new int[] {0x6548, 0x6C6C, 0x006F});
        addString(address += 3, 3, RegisterOrder.DCBA, "xyz", new int[] {0x7978, 0x007A, 0});
        addString(address += 3, 2, RegisterOrder.CDAB, "pq", new int[] {0x7071, 0});
    }

    private void addString(int address, int length, RegisterOrder order, String value, int[] wire) {
        Point p = Point.builder("string_" + order + "_" + value, PointKind.HOLDING_REGISTER, address, DataType.STRING)
                .length(length)
                .order(order)
                .writable(true)
                .build();
        cases.add(new Case(p, value, wire));
    }

    private static byte[] bigEndian(DataType type, Object v) {
        ByteBuffer b = ByteBuffer.allocate(type.registers() * 2);
        switch (type) {
            case INT16, UINT16 -> b.putShort((short) ((Integer) v).intValue());
            case INT32 -> b.putInt((Integer) v);
            case UINT32 -> b.putInt((int) ((Long) v).longValue());
            case INT64 -> b.putLong((Long) v);
            case UINT64 -> b.putLong(((BigInteger) v).longValue());
            case FLOAT32 -> b.putFloat((Float) v);
            case FLOAT64 -> b.putDouble((Double) v);
            default -> throw new IllegalArgumentException(type.toString());
        }
        return b.array();
    }

    private static int[] wire(byte[] value, RegisterOrder order) {
        String pattern = PATTERNS.get(order)[Integer.numberOfTrailingZeros(value.length) - 1];
        int[] registers = new int[value.length / 2];
        for (int i = 0; i < value.length; i++) {
            int b = value[pattern.charAt(i) - 'A'] & 0xFF;
            registers[i / 2] |= i % 2 == 0 ? b << 8 : b;
        }
        return registers;
    }

    private RegisterMap map() {
        List<Point> points = new ArrayList<>();
        cases.forEach(c -> points.add(c.point()));
        points.add(Point.builder("bit0", PointKind.HOLDING_REGISTER, 2000, DataType.BIT)
                .build());
        points.add(Point.builder("bit15", PointKind.HOLDING_REGISTER, 2000, DataType.BIT)
                .bit(15)
                .build());
        points.add(Point.builder("pump", PointKind.COIL, 7, DataType.BOOL)
                .writable(true)
                .build());
        points.add(Point.builder("door", PointKind.DISCRETE_INPUT, 3, DataType.BOOL)
                .build());
        points.add(Point.builder("raw", PointKind.INPUT_REGISTER, 50, DataType.RAW)
                .length(3)
                .build());
        return RegisterMap.of(points);
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("map", map());
    }

    @Override
    protected void prepareSimulator() {
        for (Case c : cases) {
            simulator.image().setHoldingRegisters(c.point().address(), c.wire());
        }
        simulator.image().setHoldingRegisters(2000, 0x8000);
        simulator.image().setCoils(7, true);
        simulator.image().setDiscreteInputs(3, true);
        simulator.image().setInputRegisters(50, 1, 0xFFFF, 42);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(device("registerMap=#map&delay=100")).to("mock:points");
                from("direct:write").to(device("registerMap=#map"));
            }
        };
    }

    @Test
    void readsEveryTypeInEveryOrder() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:points");
        mock.expectedMinimumMessageCount(1);
        mock.assertIsSatisfied();
        @SuppressWarnings("unchecked")
        Map<String, Object> body = mock.getExchanges().get(0).getMessage().getBody(Map.class);
        assertThat(cases).hasSizeGreaterThan(100);
        for (Case c : cases) {
            Object read = body.get(c.point().name());
            if (c.value() instanceof Float f && f.isNaN()) {
                assertThat((Float) read).as(c.point().name()).isNaN();
            } else if (c.value() instanceof Double d && d.isNaN()) {
                assertThat((Double) read).as(c.point().name()).isNaN();
            } else {
                assertThat(read).as(c.point().name()).isEqualTo(c.value());
            }
        }
        assertThat(body).containsEntry("bit0", false).containsEntry("bit15", true);
        assertThat(body).containsEntry("pump", true).containsEntry("door", true);
        assertThat(body).containsEntry("raw", List.of(1, 0xFFFF, 42));
        assertThat(body).hasSize(cases.size() + 5);
    }

    @Test
    void writesEveryTypeInEveryOrder() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Case c : cases) {
            simulator.image().setHoldingRegisters(c.point().address(), new int[c.wire().length]);
            values.put(c.point().name(), c.value());
        }
        values.put("pump", false);
        template.sendBody("direct:write", values);
        for (Case c : cases) {
            int[] written = new int[c.wire().length];
            for (int i = 0; i < written.length; i++) {
                written[i] = simulator.image().holdingRegister(c.point().address() + i);
            }
            assertThat(written).as(c.point().name()).containsExactly(c.wire());
        }
        assertThat(simulator.image().coil(7)).isFalse();
    }
}
