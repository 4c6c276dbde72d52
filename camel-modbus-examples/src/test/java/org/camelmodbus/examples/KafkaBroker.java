package org.camelmodbus.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker for a test: Apache Kafka 3.9.1 (org.apache.kafka:kafka_2.13 from Maven Central, a test
 * dependency) as a child JVM in KRaft mode, one node that is broker and controller, on free ports of 127.0.0.1.
 */
final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final ChildProcess process;

    private KafkaBroker(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    static KafkaBroker start() {
        Path dir = ChildProcess.workDir("kafka");
        int port = ChildProcess.freePort();
        int controllerPort = ChildProcess.freePort();
        Path config = dir.resolve("server.properties");
        try {
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "process.roles=broker,controller",
                            "node.id=1",
                            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                            "controller.listener.names=CONTROLLER",
                            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                            "log.dirs=" + dir.resolve("data"),
                            "num.partitions=1",
                            "offsets.topic.replication.factor=1",
                            "offsets.topic.num.partitions=1",
                            "transaction.state.log.replication.factor=1",
                            "transaction.state.log.min.isr=1",
                            "group.initial.rebalance.delay.ms=0",
                            "auto.create.topics.enable=true",
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess.run(
                "kafka-storage-format",
                dir,
                Duration.ofSeconds(60),
                java(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config.toString()));
        ChildProcess broker = ChildProcess.start("kafka", dir, java("kafka.Kafka", config.toString()));
        try {
            return new KafkaBroker(port, broker.awaitPort(port, START_TIMEOUT));
        } catch (AssertionError e) {
            broker.close();
            throw e;
        }
    }

    /** Bootstrap servers, host:port. */
    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }

    /** A JVM running {@code main} with this test's class path, which holds the broker's jars. */
    private static List<String> java(String main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                main));
        command.addAll(List.of(args));
        return command;
    }
}
