package org.camelmodbus.data;

import java.util.Arrays;

/** What the device must be sent to give a point a value, independent of the protocol's request records. */
public sealed interface PointWrite {

    /** The point's first address. */
    int address();

    /** Holding registers from {@code address}, in wire order: one request, whatever the count. */
    record Registers(int address, int[] values) implements PointWrite {
        public Registers {
            values = values.clone();
        }

        @Override
        public int[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Registers r && r.address == address && Arrays.equals(r.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * address + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Registers[" + address + ", " + Arrays.toString(values) + "]";
        }
    }

    /** One coil. */
    record Coil(int address, boolean value) implements PointWrite {}

    /**
     * One bit of a holding register, leaving its other bits alone: a mask write (function 22), which the device
     * applies atomically, so no other writer's bits are lost between a read and a write.
     */
    record RegisterBit(int address, int bit, boolean value) implements PointWrite {
        /** The AND mask of the mask write: every bit but this one kept. */
        public int andMask() {
            return 0xFFFF & ~(1 << bit);
        }

        /** The OR mask of the mask write: this bit's new value. */
        public int orMask() {
            return value ? 1 << bit : 0;
        }
    }
}
