package org.camelmodbus.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP example over real HTTP: latest values, reads and writes on demand, and clear 4xx for bad requests. */
class HttpExampleIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static RunningExample example;
    private static String base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        int port = ChildProcess.freePort();
        example = RunningExample.start(
                "http", Map.of("camel.server.host", "127.0.0.1", "camel.server.port", String.valueOf(port)));
        base = "http://127.0.0.1:" + port + "/api";
    }

    @AfterAll
    static void stop() {
        if (example != null) {
            example.close();
        }
    }

    record Answer(int status, JsonNode body) {}

    @Test
    void servesTheLatestReading() throws Exception {
        await().atMost(WAIT).until(() -> send("GET", "/values", null).status() == 200);
        JsonNode first = send("GET", "/values", null).body();
        assertEquals("demo-plc", first.get("device").asText());
        assertEquals(9, first.get("points").size());
        await().atMost(WAIT)
                .until(() -> send("GET", "/values", null).body().get("time").asLong()
                        > first.get("time").asLong());
    }

    @Test
    void readsAndWritesOnDemand() throws Exception {
        example.simulator.image().setHoldingRegisters(300, 11, 22, 33);
        Answer read = send("GET", "/holdingRegisters/300?quantity=3", null);
        assertEquals(200, read.status(), read.toString());
        assertEquals("[11,22,33]", read.body().get("values").toString());

        Answer one = send("PUT", "/holdingRegisters/310", "42");
        assertEquals(200, one.status(), one.toString());
        assertTrue(one.body().get("ok").asBoolean());
        assertEquals(42, example.simulator.image().holdingRegister(310));

        Answer many = send("PUT", "/holdingRegisters/320", "[1, 2, 65535]");
        assertEquals(200, many.status(), many.toString());
        assertEquals(65535, example.simulator.image().holdingRegister(322));

        Answer coil = send("PUT", "/coils/7", "true");
        assertEquals(200, coil.status(), coil.toString());
        assertTrue(example.simulator.image().coil(7));
        assertEquals(
                "[true]", send("GET", "/coils/7", null).body().get("values").toString());

        Answer command = send(
                "POST",
                "/commands",
                "{\"id\":\"h1\",\"function\":\"writeSingleRegister\",\"address\":330,\"value\":-2}");
        assertEquals(200, command.status(), command.toString());
        assertEquals("h1", command.body().get("id").asText());
        assertEquals(0xFFFE, example.simulator.image().holdingRegister(330));
    }

    @Test
    void refusesBadRequestsWithA4xxThatSaysWhy() throws Exception {
        example.simulator.image().setHoldingRegisters(400, 5);
        assertRefused(send("PUT", "/holdingRegisters/400", "70000"), 400, "70000");
        assertRefused(send("PUT", "/holdingRegisters/400", "forty"), 400, "not JSON");
        assertRefused(send("PUT", "/holdingRegisters/400", ""), 400, "empty");
        assertRefused(send("PUT", "/holdingRegisters/abc", "1"), 400, "address must be a whole number");
        assertRefused(send("PUT", "/holdingRegisters/65536", "1"), 400, "65536");
        assertRefused(send("PUT", "/inputRegisters/400", "1"), 400, "read-only");
        assertRefused(send("GET", "/registers/400", null), 400, "unknown table \"registers\"");
        assertRefused(send("GET", "/holdingRegisters/400?quantity=126", null), 400, "126");
        assertRefused(send("GET", "/holdingRegisters/65535?quantity=2", null), 400, "65535");
        assertRefused(send("POST", "/commands", "{\"function\":\"readCoils\",\"address\":1}"), 400, "readCoils");
        assertRefused(send("POST", "/commands", "[1,2]"), 400, "JSON object");
        assertRefused(send("POST", "/commands", "{\"point\":\"flow\",\"value\":1}"), 400, "read-only");
        assertRefused(send("POST", "/commands", "{\"point\":\"nope\",\"value\":1}"), 400, "unknown point 'nope'");
        assertEquals(5, example.simulator.image().holdingRegister(400), "nothing was written");

        assertEquals(404, send("GET", "/nothing", null).status());
    }

    private void assertRefused(Answer answer, int status, String reason) {
        assertEquals(status, answer.status(), answer.toString());
        assertFalse(answer.body().get("ok").asBoolean(), answer.toString());
        assertEquals(status, answer.body().get("status").asInt(), answer.toString());
        assertTrue(answer.body().get("message").asText().contains(reason), reason + " in " + answer);
    }

    private Answer send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return new Answer(404, json.nullNode()); // Vert.x's own page: no route has this path
        }
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(""),
                response.toString());
        return new Answer(response.statusCode(), json.readTree(response.body()));
    }
}
