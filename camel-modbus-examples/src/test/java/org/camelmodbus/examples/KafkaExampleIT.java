package org.camelmodbus.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka example against a real broker (Apache Kafka 3.9.1, KRaft, a child JVM): readings arrive as JSON records
 * keyed by device, and command records change the simulated device and get their results, keyed as they were.
 */
class KafkaExampleIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaBroker broker;
    private static RunningExample example;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start();
        example = RunningExample.start("kafka", Map.of("camel.component.kafka.brokers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (example != null) {
            example.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishesReadingsKeyedByDevice() throws Exception {
        // this simulator's readings (another test restarts the app with a fresh one)
        String source = "\"source\":\"tcp://127.0.0.1:" + example.simulator.port() + "\"";
        List<ConsumerRecord<String, String>> records =
                read(
                                "modbus.values",
                                r -> r.stream()
                                                .filter(c -> c.value().contains(source))
                                                .count()
                                        >= 5)
                        .stream()
                        .filter(c -> c.value().contains(source))
                        .toList();
        List<JsonNode> readings = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            assertEquals("demo-plc", record.key());
            readings.add(json.readTree(record.value()));
        }
        example.assertReadings(readings);
    }

    @Test
    void commandRecordsWriteTheDeviceAndGetResults() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            producer.send(
                            new ProducerRecord<>(
                                    "modbus.commands",
                                    "demo-plc",
                                    "{\"id\":\"k1\",\"function\":\"writeMultipleRegisters\",\"address\":200,\"value\":[7,8,9]}"))
                    .get();
            producer.send(new ProducerRecord<>(
                            "modbus.commands", "demo-plc", "{\"id\":\"k2\",\"function\":\"readCoils\",\"address\":0}"))
                    .get();
        }
        await().atMost(WAIT).until(() -> example.simulator.image().holdingRegister(202) == 9);
        assertEquals(7, example.simulator.image().holdingRegister(200));
        assertEquals(8, example.simulator.image().holdingRegister(201));

        // results come in the commands' order, with their key; other tests' results may come first
        List<ConsumerRecord<String, String>> results = read(
                        "modbus.command-results",
                        records -> records.stream().anyMatch(r -> r.value().contains("\"k2\"")))
                .stream()
                .filter(r -> r.value().matches(".*\"id\":\"k[12]\".*"))
                .toList();
        assertEquals(2, results.size(), results.toString());
        JsonNode done = json.readTree(results.get(0).value());
        assertEquals("demo-plc", results.get(0).key());
        assertEquals("k1", done.get("id").asText());
        assertTrue(done.get("ok").asBoolean(), done.toString());
        JsonNode refused = json.readTree(results.get(1).value());
        assertEquals("k2", refused.get("id").asText());
        assertEquals(400, refused.get("status").asInt(), refused.toString());
        assertTrue(refused.get("message").asText().contains("readCoils"), refused.toString());
    }

    @Test
    void aCommandSentWhileTheAppIsDownRunsOnceItIsBackAndNoneRunsTwice() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            producer.send(command("k10", 600, 1)).get();
            await().atMost(WAIT).until(() -> example.simulator.image().holdingRegister(600) == 1);

            example.close(); // the consumer commits what it has processed as it stops
            example = null;
            producer.send(command("k11", 601, 2)).get();

            // the same group on a fresh device: only the command it has not seen yet arrives
            example = RunningExample.start("kafka", Map.of("camel.component.kafka.brokers", broker.bootstrapServers()));
            await().atMost(WAIT).until(() -> example.simulator.image().holdingRegister(601) == 2);
            // k10 precedes k11 on the one partition their key maps to: had it come again, it would be here by now
            assertEquals(0, example.simulator.image().holdingRegister(600), "k10 ran twice");
        }
    }

    private static ProducerRecord<String, String> command(String id, int address, int value) {
        return new ProducerRecord<>(
                "modbus.commands",
                "demo-plc",
                "{\"id\":\"" + id + "\",\"function\":\"writeSingleRegister\",\"address\":" + address + ",\"value\":"
                        + value + "}");
    }

    /** The records of {@code topic} from its beginning, until they are {@code enough}. */
    private List<ConsumerRecord<String, String>> read(
            String topic, Predicate<List<ConsumerRecord<String, String>>> enough) {
        List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return enough.test(records);
            });
        }
        return List.copyOf(records);
    }

    private static Properties consumerConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    private static Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }
}
