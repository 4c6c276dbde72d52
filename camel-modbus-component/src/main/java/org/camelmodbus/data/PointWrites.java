package org.camelmodbus.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns "point name to value" into what to send, checking everything first: unknown names, read-only points and values
 * a point's type cannot hold are refused before a single request goes out, so that a bad message writes nothing.
 */
public final class PointWrites {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PointWrites() {}

    /** One point's write. */
    public record Named(Point point, PointWrite write) {}

    /**
     * The writes of {@code values}, in its order. Every problem of every entry is reported at once, so one message
     * tells a user all that is wrong.
     */
    public static List<Named> of(RegisterMap map, Map<?, ?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing to write: the map of point names to values is empty");
        }
        List<Named> writes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<?, ?> e : values.entrySet()) {
            String name = String.valueOf(e.getKey());
            try {
                Point p = map.require(name);
                writes.add(new Named(p, p.encode(e.getValue())));
            } catch (IllegalArgumentException problem) {
                problems.add(problem.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("nothing written: " + String.join("; ", problems));
        }
        return writes;
    }

    /** Parses a JSON object of point names to values, such as {@code {"setpoint": 21.5, "pump": true}}. */
    public static Map<String, Object> parseJson(String json) {
        try {
            Object parsed = JSON.readValue(json, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                Map<String, Object> result = new LinkedHashMap<>();
                map.forEach((k, v) -> result.put(String.valueOf(k), v));
                return result;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("expected a JSON object of point names to values, such as"
                    + " {\"setpoint\": 21.5}, but the body is not valid JSON: " + e.getOriginalMessage());
        }
        throw new IllegalArgumentException(
                "expected a JSON object of point names to values, such as" + " {\"setpoint\": 21.5}, got " + json);
    }
}
