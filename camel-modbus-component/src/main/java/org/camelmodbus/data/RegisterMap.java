package org.camelmodbus.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named points of one device, in the order given: what a consumer reads and reports, and what a producer may write
 * by name. Names are unique; points may overlap (a register read as a whole and bit by bit, a 32-bit value and its
 * halves). Build one in code, or load it from YAML or JSON with {@link RegisterMapLoader}.
 */
public final class RegisterMap {
    private final Map<String, Point> points;

    private RegisterMap(Map<String, Point> points) {
        this.points = points;
    }

    public static RegisterMap of(Point... points) {
        return of(List.of(points));
    }

    /** Checks that the map has at least one point and that every name is unique. */
    public static RegisterMap of(Collection<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a register map needs at least one point");
        }
        Map<String, Point> byName = new LinkedHashMap<>();
        for (Point p : points) {
            Point before = byName.putIfAbsent(p.name(), p);
            if (before != null) {
                throw new IllegalArgumentException(Point.problem(
                        p.name(), "the name is taken twice: by " + before + " and by " + p + "; names must be unique"));
            }
        }
        return new RegisterMap(Collections.unmodifiableMap(byName));
    }

    /** Every point, in the map's order. */
    public List<Point> points() {
        return List.copyOf(points.values());
    }

    /** The points of one table, in the map's order. */
    public List<Point> points(PointKind kind) {
        List<Point> result = new ArrayList<>();
        for (Point p : points.values()) {
            if (p.kind() == kind) {
                result.add(p);
            }
        }
        return result;
    }

    public Optional<Point> point(String name) {
        return Optional.ofNullable(points.get(name));
    }

    /** The point called {@code name}, or an error that lists what the map has. */
    public Point require(String name) {
        Point p = points.get(name);
        if (p == null) {
            List<String> names = new ArrayList<>(points.keySet());
            String known = names.size() <= 20
                    ? String.join(", ", names)
                    : String.join(", ", names.subList(0, 20)) + " and " + (names.size() - 20) + " more";
            throw new IllegalArgumentException("unknown point '" + name + "'; the register map has " + known);
        }
        return p;
    }

    public int size() {
        return points.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegisterMap m && List.copyOf(points.values()).equals(List.copyOf(m.points.values()));
    }

    @Override
    public int hashCode() {
        return List.copyOf(points.values()).hashCode();
    }

    @Override
    public String toString() {
        return "RegisterMap" + points.values();
    }
}
