package org.camelmodbus.data;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of a register map's points read in one poll: a typed value for each point whose read succeeded, and for
 * each point whose read failed the reason, its value null. Points keep the map's order.
 */
public final class Reading {
    /** The quality of a point whose value was read. */
    public static final String GOOD = "good";

    private final Map<String, Object> values;
    private final Map<String, String> failures;
    private final long timestamp;

    private Reading(Map<String, Object> values, Map<String, String> failures, long timestamp) {
        this.values = Collections.unmodifiableMap(values);
        this.failures = Collections.unmodifiableMap(failures);
        this.timestamp = timestamp;
    }

    public static Builder builder(RegisterMap map) {
        return new Builder(map);
    }

    /** Point name to typed value, null where the read failed, in the map's order. */
    public Map<String, Object> values() {
        return values;
    }

    /** Point name to {@value #GOOD}, or to "bad: " and why, for every point of {@link #values()}. */
    public Map<String, String> quality() {
        Map<String, String> quality = new LinkedHashMap<>();
        for (String name : values.keySet()) {
            String failure = failures.get(name);
            quality.put(name, failure == null ? GOOD : "bad: " + failure);
        }
        return quality;
    }

    /** Whether the point's value was read. */
    public boolean isGood(String name) {
        return values.containsKey(name) && !failures.containsKey(name);
    }

    /** Points whose read failed, and why. */
    public Map<String, String> failures() {
        return failures;
    }

    /** When the last answer of the poll arrived, in milliseconds since the epoch. */
    public long timestamp() {
        return timestamp;
    }

    /** The same reading with only the points named. */
    public Reading only(Collection<String> names) {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, String> f = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (names.contains(e.getKey())) {
                v.put(e.getKey(), e.getValue());
                if (failures.containsKey(e.getKey())) {
                    f.put(e.getKey(), failures.get(e.getKey()));
                }
            }
        }
        return new Reading(v, f, timestamp);
    }

    @Override
    public String toString() {
        return values + (failures.isEmpty() ? "" : " failed " + failures);
    }

    /** Collects the answers to a plan's reads. Not thread-safe: feed it from one thread, or under a lock. */
    public static final class Builder {
        private final RegisterMap map;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, String> failures = new LinkedHashMap<>();

        private Builder(RegisterMap map) {
            this.map = map;
        }

        /** The registers {@code block} read, {@code registers[0]} at the block's address. */
        public Builder registers(ReadBlock block, int[] registers) {
            for (Point p : block.points()) {
                values.put(p.name(), p.decode(registers, p.address() - block.address()));
            }
            return this;
        }

        /** The coils or discrete inputs {@code block} read, {@code bits[0]} at the block's address. */
        public Builder bits(ReadBlock block, boolean[] bits) {
            for (Point p : block.points()) {
                values.put(p.name(), p.decode(bits, p.address() - block.address()));
            }
            return this;
        }

        /** {@code block} could not be read: its points get no value, and {@code reason} as their quality. */
        public Builder failed(ReadBlock block, String reason) {
            for (Point p : block.points()) {
                values.put(p.name(), null);
                failures.put(p.name(), reason);
            }
            return this;
        }

        /** Whether any point has a value. */
        public boolean anyGood() {
            return values.size() > failures.size();
        }

        /** The reading, points in the map's order; points no block carried are left out. */
        public Reading build(long timestamp) {
            Map<String, Object> ordered = new LinkedHashMap<>();
            for (Point p : map.points()) {
                if (values.containsKey(p.name())) {
                    ordered.put(p.name(), values.get(p.name()));
                }
            }
            return new Reading(ordered, new LinkedHashMap<>(failures), timestamp);
        }
    }
}
