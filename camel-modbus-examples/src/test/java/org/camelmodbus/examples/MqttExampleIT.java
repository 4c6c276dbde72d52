package org.camelmodbus.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MQTT example against a real broker (mosquitto): readings arrive as retained JSON on the values topic, and a
 * command published on the commands topic changes the simulated device and gets its result on the results topic.
 */
class MqttExampleIT {
    private static final String TOPICS = "plant/demo-plc/";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ObjectMapper json = new ObjectMapper();

    private Mosquitto broker;
    private RunningExample example;
    private MqttClient client;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start();
        example = RunningExample.start("mqtt", Map.of("camel.component.paho-mqtt5.brokerUrl", broker.url()));
        client = connect("it-client");
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.disconnect();
            client.close();
        }
        if (example != null) {
            example.close();
        }
        broker.close();
    }

    @Test
    void publishesReadingsAsRetainedJson() throws Exception {
        List<JsonNode> readings = new CopyOnWriteArrayList<>();
        subscribe(client, "values", message -> readings.add(json.readTree(message.getPayload())));
        await().atMost(WAIT).until(() -> readings.size() >= 5);

        example.assertReadings(List.copyOf(readings)); // a copy: readings keep coming

        // a late subscriber gets the last reading at once, flagged as retained
        BlockingQueue<MqttMessage> late = new LinkedBlockingQueue<>();
        MqttClient other = connect("it-late");
        try {
            subscribe(other, "values", late::add);
            MqttMessage first = late.poll(5, TimeUnit.SECONDS);
            assertTrue(first != null && first.isRetained(), "a retained reading for a new subscriber: " + first);
            assertEquals(9, json.readTree(first.getPayload()).get("points").size());
        } finally {
            other.disconnect();
            other.close();
        }
    }

    @Test
    void commandsWriteTheDeviceAndPublishTheirResults() throws Exception {
        BlockingQueue<JsonNode> results = new LinkedBlockingQueue<>();
        subscribe(client, "results", message -> results.add(json.readTree(message.getPayload())));

        publish("{\"id\":\"c1\",\"function\":\"writeSingleRegister\",\"address\":100,\"value\":4321}");
        JsonNode ok = results.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(ok != null && ok.get("ok").asBoolean(), "result of c1: " + ok);
        assertEquals("c1", ok.get("id").asText());
        assertEquals(4321, example.simulator.image().holdingRegister(100));

        publish("{\"id\":\"c2\",\"function\":\"writeMultipleCoils\",\"address\":8,\"value\":[true,false,true]}");
        JsonNode coils = results.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(coils != null && coils.get("ok").asBoolean(), "result of c2: " + coils);
        assertTrue(example.simulator.image().coil(8));
        assertFalse(example.simulator.image().coil(9));
        assertTrue(example.simulator.image().coil(10));

        // a bad command is answered with what is wrong, and nothing is written
        publish("{\"id\":\"c3\",\"function\":\"writeSingleRegister\",\"address\":100,\"value\":70000}");
        JsonNode refused = results.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(refused != null && !refused.get("ok").asBoolean(), "result of c3: " + refused);
        assertEquals("c3", refused.get("id").asText());
        assertEquals(400, refused.get("status").asInt());
        assertTrue(refused.get("message").asText().contains("70000"), refused.toString());
        assertEquals(4321, example.simulator.image().holdingRegister(100));

        publish("not json");
        JsonNode garbage = results.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(garbage != null && garbage.get("message").asText().contains("not JSON"), "garbage: " + garbage);
    }

    @Test
    void publishesEachPointAndWritesOnesSetTopic() throws Exception {
        Map<String, String> points = new ConcurrentHashMap<>();
        client.subscribe(
                new MqttSubscription[] {new MqttSubscription(TOPICS + "points/+", 1)}, new IMqttMessageListener[] {
                    (topic, message) -> points.put(
                            topic.substring(topic.lastIndexOf('/') + 1),
                            new String(message.getPayload(), StandardCharsets.UTF_8))
                });
        await().atMost(WAIT).until(() -> points.keySet().containsAll(List.of("ticks", "flow", "setpoint", "pump")));
        assertTrue(points.get("flow").matches("\\d+\\.\\d+"), "flow in m³/h: " + points);
        assertEquals("false", points.get("pump"));

        BlockingQueue<JsonNode> results = new LinkedBlockingQueue<>();
        subscribe(client, "results", message -> results.add(json.readTree(message.getPayload())));
        client.publish(TOPICS + "points/setpoint/set", "21.5".getBytes(StandardCharsets.UTF_8), 1, false);
        JsonNode done = results.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(done != null && done.get("ok").asBoolean(), "result: " + done);
        assertEquals(215, example.simulator.image().holdingRegister(100), "setpoint in tenths of °C");
        await().atMost(WAIT).until(() -> "21.5".equals(points.get("setpoint")));

        client.publish(TOPICS + "points/pump/set", "true".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(WAIT).until(() -> example.simulator.image().coil(0));

        client.publish(TOPICS + "points/flow/set", "3".getBytes(StandardCharsets.UTF_8), 1, false);
        client.publish(TOPICS + "points/setpoint/set", "warm".getBytes(StandardCharsets.UTF_8), 1, false);
        JsonNode pumped = results.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(pumped != null && pumped.get("ok").asBoolean(), "pump: " + pumped);
        JsonNode readOnly = results.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(readOnly != null && readOnly.get("message").asText().contains("read-only"), "flow: " + readOnly);
        JsonNode garbage = results.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(garbage != null && garbage.get("message").asText().contains("not JSON"), "warm: " + garbage);
        assertEquals(215, example.simulator.image().holdingRegister(100));
    }

    private void publish(String command) throws Exception {
        client.publish(TOPICS + "commands", command.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private interface Listener {
        void accept(MqttMessage message) throws Exception;
    }

    /** Paho 1.2.5's subscribe(String, int, listener) recurses until the stack overflows: the array form works. */
    private static void subscribe(MqttClient client, String topic, Listener listener) throws Exception {
        client.subscribe(
                new MqttSubscription[] {new MqttSubscription(TOPICS + topic, 1)},
                new IMqttMessageListener[] {(t, message) -> listener.accept(message)});
    }

    private MqttClient connect(String id) throws Exception {
        MqttClient c = new MqttClient(broker.url(), id, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        c.connect(options);
        return c;
    }
}
