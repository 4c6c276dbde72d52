package org.camelmodbus.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pair of connected virtual serial ports made by socat: what one end writes, the other reads, as with a null-modem
 * cable. Ptys ignore baud rate and parity. Stopping socat is pulling the cable out: both ends fail, and {@link
 * #start()} plugs it in again under the same names.
 */
final class VirtualSerialPorts implements AutoCloseable {
    static final String SOCAT_INSTALL = "apt-get install -y --no-install-recommends socat (Debian)" + Peers.CI_HINT;

    private final Path a;
    private final Path b;
    private Process socat;

    /** Creates the pair as {@code dir/<name>A} and {@code dir/<name>B}. */
    VirtualSerialPorts(Path dir, String name) {
        this.a = dir.resolve(name + "A");
        this.b = dir.resolve(name + "B");
        start();
    }

    /** One end, by path. */
    String a() {
        return a.toString();
    }

    /** The other end. */
    String b() {
        return b.toString();
    }

    /** (Re)starts socat and waits until both ports exist. */
    synchronized void start() {
        Path socatCommand = Peers.requireCommand("socat", SOCAT_INSTALL);
        try {
            socat = new ProcessBuilder(
                            List.of(socatCommand.toString(), "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                throw new AssertionError("socat did not create " + a + " and " + b);
            }
            try {
                Thread.sleep(10); // polling for files socat creates; nothing to wait on instead
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Stops socat: both ports vanish, as when an adapter is unplugged. */
    synchronized void unplug() {
        if (socat != null) {
            socat.destroy();
            try {
                if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                    socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            socat = null;
        }
    }

    @Override
    public void close() {
        unplug();
    }
}
