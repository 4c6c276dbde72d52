package org.camelmodbus.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A benchmark server in a child JVM (see {@link ServerMain}), with its CPU time and system calls readable. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final String kind;
    private final int port;
    private final List<String> hosts;

    private ServerProcess(Process process, String kind, int port, List<String> hosts) {
        this.process = process;
        this.kind = kind;
        this.port = port;
        this.hosts = hosts;
    }

    /** Starts {@code kind} on {@code hosts}, all on one free port, and waits until it listens. */
    static ServerProcess start(String kind, int threads, List<String> hosts, String heap) throws Exception {
        int port = freePort(hosts.get(0));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heap,
                "-Xmx" + heap,
                "-XX:+UseG1GC",
                "-cp",
                System.getProperty("java.class.path"),
                ServerMain.class.getName(),
                kind,
                Integer.toString(threads),
                Integer.toString(port)));
        command.addAll(hosts);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        ServerProcess server = new ServerProcess(process, kind, port, hosts);
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            if (line.equals("READY")) {
                                ready.countDown();
                            } else {
                                System.err.println("[server " + kind + "] " + line);
                            }
                        }
                    } catch (IOException e) {
                        // the server is gone; close() or the ready timeout reports it
                    }
                },
                "server-output");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(30, TimeUnit.SECONDS) || !process.isAlive()) {
            server.close();
            throw new IllegalStateException(kind + " server did not start listening on " + hosts + ":" + port);
        }
        return server;
    }

    String kind() {
        return kind;
    }

    int port() {
        return port;
    }

    String host() {
        return hosts.get(0);
    }

    List<String> hosts() {
        return hosts;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time (user + system) the server has used so far, in nanoseconds; -1 if the OS does not tell. */
    long cpuNanos() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(-1L);
    }

    /** Closes the server's standard input, which makes it exit; kills it if it does not. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }
}
