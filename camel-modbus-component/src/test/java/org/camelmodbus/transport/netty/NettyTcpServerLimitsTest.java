package org.camelmodbus.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.ServerLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's limits: connections beyond maxConnections are refused (closed at once), idle ones closed, the others
 * unaffected.
 */
class NettyTcpServerLimitsTest {
    private final NettyTransports threads = new NettyTransports(1);
    private final List<Socket> sockets = new ArrayList<>();
    private NettyTcpServer server;

    @AfterEach
    void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
        threads.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        socket.setSoTimeout(100);
        return socket;
    }

    /** Whether the server closed the connection: a read sees the end of the stream. */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /** Reads holding register 0 of unit 1 and returns its value. */
    private static int readRegister(Socket socket) throws IOException {
        socket.getOutputStream().write(new byte[] {0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 1});
        socket.setSoTimeout(2000);
        InputStream in = socket.getInputStream();
        byte[] answer = in.readNBytes(11);
        socket.setSoTimeout(100);
        assertThat(answer).hasSize(11);
        return ((answer[9] & 0xFF) << 8) | (answer[10] & 0xFF);
    }

    @Test
    void refusesConnectionsBeyondTheLimitWithAWarning() throws Exception {
        ProcessImage image = new ProcessImage();
        image.setHoldingRegisters(0, 4711);
        server = threads.tcpServer("127.0.0.1", 0, image, new ServerLimits(2, Duration.ZERO));
        Socket first = connect();
        Socket second = connect();
        assertThat(readRegister(first)).isEqualTo(4711);
        assertThat(readRegister(second)).isEqualTo(4711);
        Socket third = connect();
        await().atMost(Duration.ofSeconds(5)).until(() -> closedByServer(third));
        assertThat(readRegister(first)).isEqualTo(4711);

        // a freed slot is free again
        first.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Socket next = connect();
            assertThat(readRegister(next)).isEqualTo(4711);
        });
    }

    @Test
    void closesIdleConnections() throws Exception {
        server = threads.tcpServer("127.0.0.1", 0, new ProcessImage(), new ServerLimits(8, Duration.ofSeconds(1)));
        Socket idle = connect();
        Socket busy = connect();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!closedByServer(idle)) {
            assertThat(System.nanoTime())
                    .as("idle connection still open after 5 s")
                    .isLessThan(deadline);
            readRegister(busy); // keeps the other connection busy, a request every 100 ms
        }
        assertThat(readRegister(busy)).isZero();
    }

    @Test
    void aClientThatSendsWithoutReadingIsReadNoFasterThanItReads() throws Exception {
        server = threads.tcpServer("127.0.0.1", 0, new ProcessImage(), ServerLimits.DEFAULT);
        Socket flooder = new Socket();
        sockets.add(flooder);
        flooder.setReceiveBufferSize(4096); // so that unread answers back up in the server soon
        flooder.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        // reads of 125 registers, sent in batches and never read: each 12-byte request asks for a 259-byte answer
        byte[] batch = new byte[12 * 10_000];
        for (int i = 0; i < batch.length; i += 12) {
            System.arraycopy(new byte[] {0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 125}, 0, batch, i, 12);
        }
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 400; i++) { // 48 MB
                    flooder.getOutputStream().write(batch);
                }
            } catch (IOException closed) {
                // the test closes the socket under it
            }
        });
        writer.start();
        // the server stops reading while answers back up, instead of holding them (a GB of them here)
        // (the kernel's socket buffers take the first few MB, so without the pause this fails after about 3 s here)
        await().during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> server.unsentAnswerBytes() < 1 << 20);
        assertThat(writer.isAlive())
                .as("the flooder could send 48 MB without reading")
                .isTrue();
        // and other clients are served meanwhile
        Socket other = connect();
        for (int i = 0; i < 20; i++) {
            assertThat(readRegister(other)).isZero();
        }
        flooder.close();
        writer.join(5000);
        assertThat(readRegister(other)).isZero();
    }
}
