package org.camelmodbus.data;

import java.util.Objects;

/**
 * One named value of a device: where it lives (kind and zero-based address), how its bits read (type, order, bit,
 * length), how raw numbers become engineering values ({@code value = raw * scale + offset}), and whether routes may
 * write it. Validated when built: every error names the point and the problem.
 *
 * @param bit for type bit: which bit of the register, 0 (least significant) to 15; otherwise 0
 * @param length for string and raw: how many registers; otherwise what the type takes (1 for bool); 0 means that
 * @param unit the engineering unit, for people and documentation only; may be null
 * @param deadband for report-by-exception: how far a number must move before it is reported again; null for any
 *     change
 */
public record Point(
        String name,
        PointKind kind,
        int address,
        DataType type,
        int bit,
        int length,
        RegisterOrder order,
        double scale,
        double offset,
        String unit,
        boolean writable,
        Deadband deadband) {

    /** Registers one read may return; a point must fit one read. */
    static final int MAX_REGISTERS = 125;

    public Point {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a point needs a name");
        }
        Objects.requireNonNull(kind, () -> problem(name, "kind is missing"));
        Objects.requireNonNull(type, () -> problem(name, "type is missing"));
        if (order == null) {
            order = RegisterOrder.ABCD;
        }
        if (!type.fits(kind)) {
            throw new IllegalArgumentException(problem(
                    name,
                    kind.isBits()
                            ? "type " + type + " does not fit " + kind.described()
                                    + ", which holds one bit: use type bool"
                            : "type bool does not fit " + kind.described() + ": use type bit with the bit number"
                                    + " (0..15), or a number type"));
        }
        if (type.hasLength()) {
            if (length < 1 || length > MAX_REGISTERS) {
                throw new IllegalArgumentException(problem(
                        name, "type " + type + " needs a length of 1.." + MAX_REGISTERS + " registers, got " + length));
            }
        } else {
            int fixed = type == DataType.BOOL ? 1 : type.registers();
            if (length != 0 && length != fixed) {
                throw new IllegalArgumentException(problem(
                        name,
                        "type " + type + " takes " + fixed + (kind.isBits() ? " bit" : " register(s)")
                                + ", the length says " + length));
            }
            length = fixed;
        }
        if (type == DataType.BIT ? bit < 0 || bit > 15 : bit != 0) {
            throw new IllegalArgumentException(problem(
                    name,
                    type == DataType.BIT
                            ? "bit " + bit + " is out of range 0..15"
                            : "bit applies to type bit only, not " + type));
        }
        if (address < 0 || address + length > 0x10000) {
            throw new IllegalArgumentException(problem(
                    name,
                    "address " + address + (length > 1 ? " with " + length + " registers" : "")
                            + " is out of range 0..65535"));
        }
        if (!(Double.isFinite(scale) && scale != 0) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException(problem(
                    name,
                    "scale must be a finite number other than 0 and offset finite, got " + scale + ", " + offset));
        }
        if (!type.isNumeric() && (scale != 1 || offset != 0)) {
            throw new IllegalArgumentException(problem(name, "scale and offset apply to numbers, not to " + type));
        }
        if (deadband != null && !type.isNumeric()) {
            throw new IllegalArgumentException(
                    problem(name, "a deadband applies to numbers; a " + type + " point is reported on every change"));
        }
        if (writable && !kind.isWritable()) {
            throw new IllegalArgumentException(
                    problem(name, kind.described() + " is read-only; it cannot be writable"));
        }
    }

    public static Builder builder(String name, PointKind kind, int address, DataType type) {
        return new Builder(name, kind, address, type);
    }

    /** This point with a new name, for example to map one device's points under another prefix. */
    public Builder toBuilder() {
        return new Builder(name, kind, address, type)
                .bit(bit)
                .length(length)
                .order(order)
                .scale(scale)
                .offset(offset)
                .unit(unit)
                .writable(writable)
                .deadband(deadband);
    }

    /** Coils or discrete inputs, or registers, the point takes in its table. */
    public int quantity() {
        return length;
    }

    /** The last address the point takes. */
    public int end() {
        return address + quantity() - 1;
    }

    /** Whether raw numbers are turned into engineering values, which makes every value a Double. */
    public boolean isScaled() {
        return scale != 1 || offset != 0;
    }

    /**
     * The point's value from registers as read, {@code registers[from]} being the point's first register: see
     * {@link DataType} for the Java type of each.
     */
    public Object decode(int[] registers, int from) {
        return ValueCodec.decode(this, registers, from);
    }

    /** The point's value from coils or discrete inputs as read, {@code bits[from]} being the point's own. */
    public Object decode(boolean[] bits, int from) {
        if (!kind.isBits()) {
            throw new IllegalStateException(problem(name, kind.described() + " is decoded from registers"));
        }
        return bits[from];
    }

    /**
     * What to send to give the point {@code value}: a Boolean, a Number, a String holding either, or (raw) a list of
     * register values. Refuses read-only points and values the type cannot hold, naming the point.
     */
    public PointWrite encode(Object value) {
        if (!writable) {
            throw new IllegalArgumentException(problem(
                    name, "is read-only" + (kind.isWritable() ? " (writable is not set in the register map)" : "")));
        }
        return ValueCodec.encode(this, value);
    }

    /**
     * What the device's own tables hold when the point has {@code value}: as {@link #encode(Object)}, read-only points
     * included, for the side that serves the point (a server's register image).
     */
    public PointWrite encodeServed(Object value) {
        return ValueCodec.encode(this, value);
    }

    static String problem(String name, String problem) {
        return "point '" + name + "': " + problem;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name)
                .append(" (")
                .append(kind)
                .append(' ')
                .append(address)
                .append(' ')
                .append(type);
        if (type == DataType.BIT) {
            sb.append(' ').append(bit);
        } else if (type.hasLength()) {
            sb.append('[').append(length).append(']');
        } else if (length > 1) {
            sb.append(' ').append(order);
        }
        return sb.append(')').toString();
    }

    /** Builds a {@link Point}: order ABCD, scale 1, offset 0, read-only unless said otherwise. */
    public static final class Builder {
        private final String name;
        private final PointKind kind;
        private final int address;
        private final DataType type;
        private int bit;
        private int length;
        private RegisterOrder order = RegisterOrder.ABCD;
        private double scale = 1;
        private double offset;
        private String unit;
        private boolean writable;
        private Deadband deadband;

        private Builder(String name, PointKind kind, int address, DataType type) {
            this.name = name;
            this.kind = kind;
            this.address = address;
            this.type = type;
        }

        public Builder bit(int bit) {
            this.bit = bit;
            return this;
        }

        public Builder length(int registers) {
            this.length = registers;
            return this;
        }

        public Builder order(RegisterOrder order) {
            this.order = order;
            return this;
        }

        public Builder scale(double scale) {
            this.scale = scale;
            return this;
        }

        public Builder offset(double offset) {
            this.offset = offset;
            return this;
        }

        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        public Builder writable(boolean writable) {
            this.writable = writable;
            return this;
        }

        public Builder deadband(Deadband deadband) {
            this.deadband = deadband;
            return this;
        }

        public Point build() {
            return new Point(name, kind, address, type, bit, length, order, scale, offset, unit, writable, deadband);
        }
    }
}
