package org.camelmodbus.data;

import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One read request of a plan: {@code quantity} coils, inputs or registers of one table from {@code address}, and the
 * points whose values it carries.
 */
public record ReadBlock(PointKind kind, int address, int quantity, List<Point> points) {

    public ReadBlock {
        points = List.copyOf(points);
        for (Point p : points) {
            if (p.kind() != kind || p.address() < address || p.end() > address + quantity - 1) {
                throw new IllegalArgumentException(
                        p + " lies outside " + kind + " " + address + ".." + (address + quantity - 1));
            }
        }
    }

    /** The last address read. */
    public int end() {
        return address + quantity - 1;
    }

    /** Addresses read that no point needs: the price of merging. */
    public int unread() {
        BitSet used = new BitSet(quantity);
        for (Point p : points) {
            used.set(p.address() - address, p.end() - address + 1);
        }
        return quantity - used.cardinality();
    }

    @Override
    public String toString() {
        String unit = kind.isBits() ? (quantity == 1 ? " bit" : " bits") : (quantity == 1 ? " register" : " registers");
        int gaps = unread();
        return kind + " " + address + ".." + end() + " (" + quantity + unit + (gaps > 0 ? ", " + gaps + " unused" : "")
                + "): " + points.stream().map(Point::name).collect(Collectors.joining(", "));
    }
}
