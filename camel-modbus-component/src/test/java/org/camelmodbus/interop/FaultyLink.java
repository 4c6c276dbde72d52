package org.camelmodbus.interop;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bad cable between two virtual serial ports: copies what one port receives to the other, both ways, and while
 * {@link #faulty} is on damages what travels from the device to the client: flips a bit in one read out of {@code
 * 1/corruptEvery}, and puts a few random bytes of line noise in front of one answer out of {@code 1/noiseEvery} (in
 * front of a read that follows a quiet line, so never inside a frame). The counters say how many were damaged, so that
 * a test can tell lost answers from answers that should have survived the noise.
 */
final class FaultyLink implements AutoCloseable {
    private final RandomAccessFile client;
    private final RandomAccessFile device;
    private final int corruptEvery;
    private final int noiseEvery;
    private final SplittableRandom random = new SplittableRandom(42);
    volatile boolean faulty = true;
    /** A pause this long on the line means the next read starts a new frame. */
    private static final long QUIET_NANOS = 5_000_000;

    final AtomicLong corrupted = new AtomicLong();
    final AtomicLong noisy = new AtomicLong();

    /**
     * @param clientSide the port the client's port is paired with
     * @param deviceSide the port the device's port is paired with
     */
    FaultyLink(String clientSide, String deviceSide, int corruptEvery, int noiseEvery) {
        try {
            this.client = new RandomAccessFile(clientSide, "rw");
            this.device = new RandomAccessFile(deviceSide, "rw");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.corruptEvery = corruptEvery;
        this.noiseEvery = noiseEvery;
        start("link-to-device", client, device, false);
        start("link-to-client", device, client, true);
    }

    private void start(String name, RandomAccessFile from, RandomAccessFile to, boolean damage) {
        Thread t = new Thread(() -> copy(from, to, damage), name);
        t.setDaemon(true);
        t.start();
    }

    private void copy(RandomAccessFile from, RandomAccessFile to, boolean damage) {
        byte[] buffer = new byte[512];
        long lastRead = 0;
        try {
            int n;
            while ((n = from.read(buffer)) > 0) {
                long now = System.nanoTime();
                boolean startOfAnswer = now - lastRead > QUIET_NANOS;
                lastRead = now;
                if (damage) {
                    if (faulty && startOfAnswer && pick(noiseEvery)) {
                        byte[] noise = new byte[1 + next(8)];
                        random.nextBytes(noise);
                        to.write(noise);
                        noisy.incrementAndGet();
                    }
                    if (faulty && pick(corruptEvery)) {
                        buffer[next(n)] ^= (byte) (1 << next(8));
                        corrupted.incrementAndGet();
                    }
                }
                to.write(buffer, 0, n);
            }
        } catch (IOException unplugged) {
            // the ports went away with socat: the link ends
        }
    }

    private synchronized boolean pick(int every) {
        return random.nextInt(every) == 0;
    }

    private synchronized int next(int bound) {
        return random.nextInt(bound);
    }

    @Override
    public void close() {
        try {
            client.close();
            device.close();
        } catch (IOException ignored) {
            // closing is best effort; the threads end when socat stops
        }
    }
}
