package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the option and header tables of modbus-component.adoc equal to the metadata that camel-package-maven-plugin
 * generates from the annotations (modbus.json). Camel's own site renders those tables from partials that do not exist
 * outside it, so the page carries them itself. After changing an option, regenerate with
 * {@code mvn -pl camel-modbus-component test -Dtest=ComponentDocumentationTest -Ddocs.update=true}.
 */
class ComponentDocumentationTest {
    private static final Path JSON = Path.of("src/generated/resources/META-INF/org/camelmodbus/modbus.json");
    private static final Path DOC = Path.of("src/main/docs/modbus-component.adoc");
    private static final String START = "// generated option tables: START\n";
    private static final String END = "// generated option tables: END\n";

    @Test
    void optionTablesMatchTheGeneratedMetadata() throws IOException {
        JsonNode metadata = new ObjectMapper().readTree(JSON.toFile());
        String doc = Files.readString(DOC);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        if (start < 0 || end < start) {
            throw new AssertionError(DOC + " lacks the markers '" + START.trim() + "' and '" + END.trim() + "'");
        }
        String expected = tables(metadata);
        String actual = doc.substring(start + START.length(), end);
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOC, doc.substring(0, start + START.length()) + expected + doc.substring(end));
            return;
        }
        assertEquals(
                expected,
                actual,
                "The option tables in " + DOC + " are out of date; regenerate them with"
                        + " mvn -pl camel-modbus-component test -Dtest=ComponentDocumentationTest -Ddocs.update=true");
    }

    private static String tables(JsonNode metadata) {
        StringBuilder out = new StringBuilder();
        out.append("=== Endpoint options\n\n");
        optionTable(out, metadata.get("properties"));
        out.append("\n=== Component options\n\n");
        optionTable(out, metadata.get("componentProperties"));
        out.append("\n=== Message headers\n\n");
        out.append("[width=\"100%\",cols=\"2,5,1\",options=\"header\"]\n|===\n| Name | Description | Type\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            out.append("| `")
                    .append(header.getKey())
                    .append("` | ")
                    .append(cell(header.getValue(), "description"))
                    .append(" | `")
                    .append(cell(header.getValue(), "javaType"))
                    .append("`\n");
        }
        return out.append("|===\n\n").toString();
    }

    private static void optionTable(StringBuilder out, JsonNode options) {
        out.append(
                "[width=\"100%\",cols=\"2,5,1,1\",options=\"header\"]\n|===\n| Name | Description | Default | Type\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            JsonNode o = option.getValue();
            String group = o.path("group").asText();
            out.append("| *")
                    .append(option.getKey())
                    .append("*")
                    .append(o.path("kind").asText().equals("path") ? " (path)" : " (" + group + ")")
                    .append(o.path("required").asBoolean() ? " *required*" : "")
                    .append(" | ")
                    .append(cell(o, "description"));
            if (o.has("enum")) {
                out.append(" One of: ");
                o.get("enum").forEach(e -> out.append('`').append(e.asText()).append("` "));
            }
            out.append(" | ")
                    .append(o.has("defaultValue") ? o.get("defaultValue").asText() : "")
                    .append(" | ")
                    .append(o.path("type").asText())
                    .append('\n');
        }
        out.append("|===\n");
    }

    private static String cell(JsonNode node, String field) {
        return node.path(field).asText().replace("|", "\\|");
    }
}
