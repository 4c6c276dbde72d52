package org.camelmodbus.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real MQTT broker for a test: Debian's mosquitto on a free port of 127.0.0.1, anonymous, in memory. */
final class Mosquitto implements AutoCloseable {
    private final int port;
    private final ChildProcess process;

    private Mosquitto(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    static Mosquitto start() {
        String mosquitto = ChildProcess.requireCommand("mosquitto", "apt-get install -y mosquitto");
        Path dir = ChildProcess.workDir("mosquitto");
        int port = ChildProcess.freePort();
        Path config = dir.resolve("mosquitto.conf");
        try {
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "listener " + port + " 127.0.0.1",
                            "allow_anonymous true",
                            "persistence false",
                            "log_dest stdout",
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess process = ChildProcess.start("mosquitto", dir, List.of(mosquitto, "-c", config.toString()));
        return new Mosquitto(port, process.awaitPort(port, Duration.ofSeconds(10)));
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
