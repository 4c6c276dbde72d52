package org.camelmodbus.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Plumbing for the interoperability tests: finds and builds the third-party peers, runs them as child processes on
 * 127.0.0.1 and always stops them. Register it as a static {@code @RegisterExtension} (test classes run one after
 * another): it kills every process it started after the class, also when tests fail, and prints the processes' output
 * under a failed test.
 *
 * <p>A missing peer fails the test with the command that installs it; nothing is ever skipped. Every wait is bounded.
 */
final class Peers implements BeforeEachCallback, TestWatcher, AfterAllCallback {
    /** How long a server peer may take to start listening. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    static final String CI_HINT = "; .ci/run installs every interop peer";
    static final String LIBMODBUS_INSTALL =
            "apt-get install -y --no-install-recommends libmodbus-dev gcc libc6-dev pkg-config (Debian libmodbus 3.1.6)"
                    + CI_HINT;

    /** A server peer announces its port with this line on stdout. */
    private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");

    private static final int MAX_OUTPUT_LINES = 400;

    private final List<PeerProcess> servers = new CopyOnWriteArrayList<>();
    private final List<Result> runs = new CopyOnWriteArrayList<>();

    // ---- tools and builds ----

    /** The module's directory: Maven's {@code basedir}, or the working directory when run from an IDE. */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
    }

    /** target/interop, where peers are built and installed. */
    static Path workDir() {
        Path dir = moduleDir().resolve("target/interop");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless {@code command} is on the PATH; {@code install} says how to get it. */
    static Path requireCommand(String command, String install) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(
                "'" + command + "' is not installed (not on PATH), but the interop tests need it. Install: " + install);
    }

    /**
     * Compiles {@code src/test/c/<name>.c} against libmodbus into {@code target/interop/<name>}. Fails, saying how to
     * install them, when gcc, pkg-config or libmodbus-dev are missing.
     */
    static Path compileLibmodbusProgram(String name) {
        requireCommand("gcc", LIBMODBUS_INSTALL);
        requireCommand("pkg-config", LIBMODBUS_INSTALL);
        Result flags = run(Duration.ofSeconds(30), "pkg-config", "--cflags", "--libs", "libmodbus");
        if (flags.exitCode() != 0) {
            throw new AssertionError(
                    "libmodbus development files are missing (pkg-config knows no libmodbus). Install: "
                            + LIBMODBUS_INSTALL + "\n" + flags.describe());
        }
        Path source = moduleDir().resolve("src/test/c/" + name + ".c");
        Path binary = workDir().resolve(name);
        List<String> command = new ArrayList<>(List.of(
                "gcc",
                "-std=c11",
                "-D_DEFAULT_SOURCE",
                "-Wall",
                "-Wextra",
                "-O1",
                "-o",
                binary.toString(),
                source.toString()));
        command.addAll(List.of(flags.stdout().trim().split("\\s+")));
        Result gcc = run(Duration.ofSeconds(60), command);
        if (gcc.exitCode() != 0) {
            throw new AssertionError("compiling " + source + " failed\n" + gcc.describe());
        }
        return binary;
    }

    /** A TCP port that was free a moment ago, for peers that cannot pick their own. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- child processes ----

    /** Runs a command to its end, at most {@code timeout}; stdin is empty. */
    static Result run(Duration timeout, String... command) {
        return run(timeout, List.of(command));
    }

    static Result run(Duration timeout, List<String> command) {
        return run(timeout, null, command);
    }

    /** As {@link #run(Duration, List)}, in {@code dir} (null: the working directory). */
    static Result run(Duration timeout, Path dir, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
        }
        Output out = new Output(process.getInputStream(), line -> {});
        Output err = new Output(process.getErrorStream(), line -> {});
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new AssertionError("'" + String.join(" ", command) + "' did not end within " + timeout
                        + "\nstdout:\n" + out.text() + "\nstderr:\n" + err.text());
            }
            out.awaitEnd();
            err.awaitEnd();
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
        return new Result(command, process.exitValue(), out.text(), err.text());
    }

    /** Runs a command like {@link #run(Duration, List)} and keeps its result for the failure report. */
    Result runRecorded(Duration timeout, List<String> command) {
        Result result = run(timeout, command);
        runs.add(result);
        return result;
    }

    /**
     * Starts a server peer and waits until it has printed {@code LISTENING <port>} and that port accepts a connection;
     * a peer on a serial port prints {@code LISTENING 0} once its port is open.
     * The process is stopped after the test class, or earlier with {@link PeerProcess#close()}.
     */
    PeerProcess startServer(String name, Path dir, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + name + " " + command + ": " + e.getMessage(), e);
        }
        PeerProcess peer = new PeerProcess(name, command, process);
        servers.add(peer);
        peer.awaitListening(START_TIMEOUT);
        return peer;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        runs.clear();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder report = new StringBuilder("---- peers of failed test ")
                .append(context.getDisplayName())
                .append(" ----\n");
        for (PeerProcess server : servers) {
            report.append(server.describe()).append('\n');
        }
        for (Result result : runs) {
            report.append(result.describe()).append('\n');
        }
        System.out.println(report);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (PeerProcess server : servers) {
            server.close();
        }
        servers.clear();
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A command that ran to its end. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        String describe() {
            return "$ " + String.join(" ", command) + "\nexit code " + exitCode + "\nstdout:\n" + stdout + "stderr:\n"
                    + stderr;
        }
    }

    /** A running server peer. Its stdin stays open: the peers exit by themselves when it closes (the JVM died). */
    static final class PeerProcess implements AutoCloseable {
        private final String name;
        private final List<String> command;
        private final Process process;
        private final CompletableFuture<Integer> listening = new CompletableFuture<>();
        private final Output out;
        private final Output err;

        private PeerProcess(String name, List<String> command, Process process) {
            this.name = name;
            this.command = command;
            this.process = process;
            this.out = new Output(process.getInputStream(), line -> {
                Matcher m = LISTENING.matcher(line);
                if (m.matches()) {
                    listening.complete(Integer.parseInt(m.group(1)));
                }
            });
            this.err = new Output(process.getErrorStream(), line -> {});
        }

        private void awaitListening(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            int port;
            try {
                CompletableFuture.anyOf(listening, process.onExit()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!listening.isDone()) {
                    out.awaitEnd();
                    err.awaitEnd();
                    throw new AssertionError(name + " exited before it listened\n" + describe());
                }
                port = listening.get();
            } catch (TimeoutException e) {
                close();
                throw new AssertionError(
                        name + " did not print LISTENING <port> within " + timeout + "\n" + describe());
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            while (port != 0) {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    return;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        close();
                        throw new AssertionError(name + " announced port " + port + " but does not accept connections: "
                                + e + "\n" + describe());
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        int port() {
            return listening.join();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** Everything the process printed so far (the last lines, if it printed a lot). */
        String output() {
            return "stdout:\n" + out.text() + "stderr:\n" + err.text();
        }

        String describe() {
            return "---- " + name + " (" + String.join(" ", command) + ", pid " + process.pid() + ", "
                    + (process.isAlive() ? "running" : "exit code " + process.exitValue()) + ")\n" + output();
        }

        /** SIGTERM, then SIGKILL if it is still there after five seconds. */
        @Override
        public void close() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill(process);
                }
            } catch (InterruptedException e) {
                kill(process);
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Drains one stream of a child on a daemon thread, keeping the last lines. */
    private static final class Output {
        private final Deque<String> lines = new ArrayDeque<>();
        private final Thread reader;
        private int dropped;

        Output(InputStream stream, Consumer<String> onLine) {
            reader = new Thread(
                    () -> {
                        try (BufferedReader in =
                                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                            for (String line = in.readLine(); line != null; line = in.readLine()) {
                                add(line);
                                onLine.accept(line);
                            }
                        } catch (IOException e) {
                            add("(reading the output failed: " + e + ")");
                        }
                    },
                    "peer-output");
            reader.setDaemon(true);
            reader.start();
        }

        private synchronized void add(String line) {
            lines.addLast(line);
            if (lines.size() > MAX_OUTPUT_LINES) {
                lines.removeFirst();
                dropped++;
            }
        }

        void awaitEnd() throws InterruptedException {
            reader.join(5000);
        }

        synchronized String text() {
            StringBuilder sb = new StringBuilder();
            if (dropped > 0) {
                sb.append("(").append(dropped).append(" earlier lines dropped)\n");
            }
            lines.forEach(line -> sb.append(line).append('\n'));
            return sb.toString();
        }
    }
}
