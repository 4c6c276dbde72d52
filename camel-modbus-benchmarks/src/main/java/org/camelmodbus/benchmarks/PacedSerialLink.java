package org.camelmodbus.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A serial cable of a given baud rate between a client and a device that sit on virtual serial ports, which pass bytes
 * at memory speed: two socat pty pairs, and between them a relay that delivers each byte one character time after the
 * previous one left, both ways, as a UART would. The client's port and the device's port are {@link #clientPort()}
 * and {@link #devicePort()}.
 */
final class PacedSerialLink implements AutoCloseable {
    private final List<Process> socats;
    private final Path dir;
    private final long characterNanos;
    private final RandomAccessFile clientSide;
    private final RandomAccessFile deviceSide;

    PacedSerialLink(Path dir, long characterNanos) throws IOException, InterruptedException {
        this.dir = dir;
        this.characterNanos = characterNanos;
        socats = List.of(socat("clientA", "clientB"), socat("deviceA", "deviceB"));
        clientSide = new RandomAccessFile(dir.resolve("clientB").toFile(), "rw");
        deviceSide = new RandomAccessFile(dir.resolve("deviceA").toFile(), "rw");
        start("paced-to-device", clientSide, deviceSide);
        start("paced-to-client", deviceSide, clientSide);
    }

    String clientPort() {
        return dir.resolve("clientA").toString();
    }

    String devicePort() {
        return dir.resolve("deviceB").toString();
    }

    private Process socat(String a, String b) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "socat", "pty,raw,echo=0,link=" + dir.resolve(a), "pty,raw,echo=0,link=" + dir.resolve(b))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(dir.resolve(a)) || !Files.exists(dir.resolve(b))) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                throw new IOException("socat did not create the ports in " + dir + " (apt-get install socat)");
            }
            Thread.sleep(10);
        }
        return p;
    }

    private void start(String name, RandomAccessFile from, RandomAccessFile to) {
        Thread t = new Thread(() -> relay(from, to), name);
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        t.start();
    }

    /** Each byte arrives one character time after the line became free, or after it was read if the line was idle. */
    private void relay(RandomAccessFile from, RandomAccessFile to) {
        byte[] chunk = new byte[512];
        long lineFreeAt = 0;
        try {
            int n;
            while ((n = from.read(chunk)) > 0) {
                long now = System.nanoTime();
                long at = Math.max(now, lineFreeAt);
                for (int i = 0; i < n; i++) {
                    at += characterNanos;
                    waitUntil(at);
                    to.write(chunk[i]);
                }
                lineFreeAt = at;
            }
        } catch (IOException closed) {
            // the ports went away: the run is over
        }
    }

    /** Parks most of the way and spins the rest: parking alone overshoots by tens of microseconds. */
    private static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 200_000) {
            LockSupport.parkNanos(left - 150_000);
        }
        while (deadline - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        socats.forEach(Process::destroy);
        try {
            clientSide.close();
            deviceSide.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
