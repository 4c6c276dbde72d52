package org.camelmodbus.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pacer's arithmetic, on made-up clock readings. */
class PacerTest {
    private static final long MS = 1_000_000;

    @Test
    void withoutLimitsEveryRequestMayGoAtOnce() {
        Pacer pacer = new Pacer(0, Duration.ZERO);
        assertThat(pacer.delayNanos(0)).isZero();
        pacer.sent(0);
        pacer.ended(1);
        assertThat(pacer.delayNanos(1)).isZero();
    }

    @Test
    void aRateSpacesSendsEvenly() {
        Pacer pacer = new Pacer(20, Duration.ZERO); // one per 50 ms
        long t = 1_000 * MS;
        assertThat(pacer.delayNanos(t)).isZero();
        pacer.sent(t);
        assertThat(pacer.delayNanos(t)).isEqualTo(50 * MS);
        assertThat(pacer.delayNanos(t + 30 * MS)).isEqualTo(20 * MS);
        pacer.ended(t + 30 * MS); // an answer does not matter to the rate
        assertThat(pacer.delayNanos(t + 50 * MS)).isZero();
        assertThat(pacer.delayNanos(t + 500 * MS)).isZero();
    }

    @Test
    void theMinimumIntervalCountsFromTheLastSendAndFromTheLastEnd() {
        Pacer pacer = new Pacer(0, Duration.ofMillis(100));
        long t = -5_000 * MS; // nanoTime may be negative
        pacer.sent(t);
        assertThat(pacer.delayNanos(t + 10 * MS)).isEqualTo(90 * MS);
        pacer.ended(t + 70 * MS);
        assertThat(pacer.delayNanos(t + 100 * MS)).isEqualTo(70 * MS);
        assertThat(pacer.delayNanos(t + 170 * MS)).isZero();
    }

    @Test
    void theStricterOfRateAndIntervalWins() {
        Pacer pacer = new Pacer(100, Duration.ofMillis(30)); // 10 ms by rate, 30 ms by interval
        pacer.sent(0);
        assertThat(pacer.delayNanos(0)).isEqualTo(30 * MS);
        Pacer fast = new Pacer(10, Duration.ofMillis(30)); // 100 ms by rate
        fast.sent(0);
        assertThat(fast.delayNanos(0)).isEqualTo(100 * MS);
    }
}
