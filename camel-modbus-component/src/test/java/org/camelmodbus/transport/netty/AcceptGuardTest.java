package org.camelmodbus.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AcceptGuardTest {

    @Test
    void aFailedAcceptPausesAcceptingForASecondAndGoesNoFurther() {
        EmbeddedChannel listener = new EmbeddedChannel(AcceptGuard.INSTANCE);
        listener.freezeTime();

        listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));
        // a second failure while paused changes nothing
        listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));

        assertThat(listener.config().isAutoRead()).isFalse();
        listener.checkException(); // handled: nothing reached the end of the pipeline
        listener.advanceTimeBy(AcceptGuard.PAUSE_MILLIS - 1, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        assertThat(listener.config().isAutoRead()).isFalse();
        listener.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        assertThat(listener.config().isAutoRead()).isTrue();
        listener.finishAndReleaseAll();
    }
}
