package org.camelmodbus.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a register map from YAML or JSON (JSON when the text starts with { or [). The document is a list of points,
 * or an object with {@code points} and an optional {@code order} that every point without its own takes:
 *
 * <pre>
 * order: CDAB
 * points:
 *   - name: voltageL1
 *     kind: input            # coil, discreteInput, holding, input
 *     address: 3000          # zero-based, on the wire; 0x0BB8 works too
 *     type: float32          # bool, bit, int16 ... float64, string, raw
 *     scale: 0.1
 *     unit: V
 *     deadband: 0.5          # or 2%
 *   - name: setpoint
 *     kind: holding
 *     address: 10
 *     type: int16
 *     scale: 0.1
 *     writable: true
 * </pre>
 *
 * Unknown fields are refused, so that a misspelt {@code scal: 0.1} cannot pass unnoticed. Every error names the source,
 * the point (by name, or by position when the name is missing) and the problem.
 */
public final class RegisterMapLoader {
    private static final Set<String> MAP_FIELDS = Set.of("order", "points");
    private static final Set<String> POINT_FIELDS = Set.of(
            "name",
            "kind",
            "address",
            "type",
            "bit",
            "length",
            "order",
            "scale",
            "offset",
            "unit",
            "writable",
            "deadband");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper(new JsonFactory());

    private RegisterMapLoader() {}

    public static RegisterMap load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read register map " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the whole stream and closes it; {@code source} names it in error messages. */
    public static RegisterMap read(InputStream in, String source) {
        try (in) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read register map " + source + ": " + e.getMessage(), e);
        }
    }

    public static RegisterMap parse(String text, String source) {
        String trimmed = text.stripLeading();
        boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("register map " + source + " is not valid " + (json ? "JSON" : "YAML")
                    + ": " + e.getOriginalMessage() + location(e));
        }
        try {
            return map(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("register map " + source + ": " + e.getMessage());
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    private static RegisterMap map(JsonNode root) {
        JsonNode points = root;
        RegisterOrder defaultOrder = RegisterOrder.ABCD;
        if (root != null && root.isObject()) {
            unknownFields(root, MAP_FIELDS, "the register map");
            points = root.get("points");
            if (root.hasNonNull("order")) {
                defaultOrder = RegisterOrder.parse(root.get("order").asText());
            }
        }
        if (points == null || !points.isArray()) {
            throw new IllegalArgumentException(
                    "expected a list of points, or an object with 'points' (a list) and" + " optionally 'order'");
        }
        List<Point> result = new ArrayList<>();
        int index = 0;
        for (JsonNode node : points) {
            index++;
            result.add(point(node, index, defaultOrder));
        }
        return RegisterMap.of(result);
    }

    private static Point point(JsonNode node, int index, RegisterOrder defaultOrder) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(
                    "point #" + index + " is not an object with name, kind, address and" + " type: " + node);
        }
        String name = node.hasNonNull("name") ? node.get("name").asText() : null;
        String who = name == null || name.isBlank() ? "point #" + index : "point '" + name + "'";
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(who + ": name is missing");
        }
        unknownFields(node, POINT_FIELDS, who);
        try {
            Point.Builder b = Point.builder(
                            name,
                            PointKind.parse(required(node, "kind")),
                            integer(node, "address", true),
                            DataType.parse(required(node, "type")))
                    .bit(integer(node, "bit", false))
                    .length(integer(node, "length", false))
                    .order(node.hasNonNull("order") ? RegisterOrder.parse(text(node, "order")) : defaultOrder)
                    .scale(number(node, "scale", 1))
                    .offset(number(node, "offset", 0))
                    .unit(node.hasNonNull("unit") ? text(node, "unit") : null)
                    .writable(bool(node, "writable"));
            if (node.hasNonNull("deadband")) {
                b.deadband(Deadband.parse(text(node, "deadband")));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw message.startsWith("point '") ? e : new IllegalArgumentException(who + ": " + message);
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String who) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                throw new IllegalArgumentException(who + ": unknown field '" + field + "'; expected "
                        + known.stream().sorted().toList());
            }
        }
    }

    private static String required(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return text(node, field);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isValueNode()) {
            throw new IllegalArgumentException(field + " must be a single value, got " + value);
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field, boolean required) {
        if (!node.hasNonNull(field)) {
            if (required) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return 0;
        }
        JsonNode value = node.get(field);
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual()) {
            try {
                return Integer.decode(value.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(field + " must be a whole number (such as 3000 or 0x0BB8), got " + value);
    }

    private static double number(JsonNode node, String field, double otherwise) {
        if (!node.hasNonNull(field)) {
            return otherwise;
        }
        JsonNode value = node.get(field);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        try {
            return Double.parseDouble(text(node, field).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number, got " + value);
        }
    }

    private static boolean bool(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return false;
        }
        JsonNode value = node.get(field);
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String t = value.asText().trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new IllegalArgumentException(field + " must be true or false, got " + value);
    }
}
