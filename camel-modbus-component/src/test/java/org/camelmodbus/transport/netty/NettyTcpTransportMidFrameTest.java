package org.camelmodbus.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.camelmodbus.protocol.MbapFrame;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.transport.FrameListener;
import org.camelmodbus.transport.ModbusConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection caught in the middle of a frame when a request went unanswered is out of step: the rest of that frame,
 * should it come, would be taken for the start of the next answer. Asked, it closes, saying why; in step, it stays.
 */
@Timeout(30)
class NettyTcpTransportMidFrameTest {
    private static final byte[] FRAME = new MbapFrame(7, 1, new byte[] {0x03, 0x02, 0x12, 0x34}).encode();

    @Test
    void aConnectionClosesIfAskedInTheMiddleOfAFrameAndStaysBetweenFrames() throws Exception {
        List<MbapFrame> frames = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> closed = new CompletableFuture<>();
        FrameListener listener = new FrameListener() {
            @Override
            public void onFrame(MbapFrame frame) {
                frames.add(frame);
            }

            @Override
            public void onClosed(Throwable cause) {
                closed.complete(cause);
            }
        };
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                NettyTransports threads = new NettyTransports(1)) {
            ModbusConnection connection = threads.tcp("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2))
                    .connect(listener)
                    .get(5, TimeUnit.SECONDS);
            try (Socket device = server.accept()) {
                OutputStream out = device.getOutputStream();
                assertThat(connection.closeIfMidFrame()).as("before any byte").isFalse();

                out.write(FRAME);
                out.flush();
                await().atMost(Duration.ofSeconds(5)).until(() -> frames.size() == 1);
                assertThat(connection.closeIfMidFrame())
                        .as("after a whole frame")
                        .isFalse();
                assertThat(closed).isNotDone();

                out.write(FRAME, 0, 9);
                out.flush();
                await().atMost(Duration.ofSeconds(5)).until(connection::closeIfMidFrame);
                assertThat(closed.get(5, TimeUnit.SECONDS))
                        .isInstanceOf(ModbusProtocolException.class)
                        .hasMessageContaining("out of step");
                assertThat(device.getInputStream().read())
                        .as("the device sees the connection close")
                        .isEqualTo(-1);
                assertThat(frames).hasSize(1);
            }
        }
    }
}
