package org.camelmodbus.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChangeReporterTest {
    private static final RegisterMap MAP = RegisterMap.of(
            Point.builder("temp", PointKind.INPUT_REGISTER, 0, DataType.INT16)
                    .scale(0.1)
                    .deadband(Deadband.absolute(0.5))
                    .build(),
            Point.builder("level", PointKind.INPUT_REGISTER, 1, DataType.UINT16)
                    .deadband(Deadband.percent(10))
                    .build(),
            Point.builder("count", PointKind.INPUT_REGISTER, 2, DataType.UINT16).build(),
            Point.builder("flow", PointKind.INPUT_REGISTER, 3, DataType.FLOAT32)
                    .deadband(Deadband.absolute(1))
                    .build());
    private static final ReadBlock BLOCK =
            new ReadPlanner(0, 125).plan(MAP).blocks().get(0);

    private static Reading reading(int temp, int level, int count, float flow) {
        int bits = Float.floatToIntBits(flow);
        return Reading.builder(MAP)
                .registers(BLOCK, new int[] {temp & 0xFFFF, level, count, bits >>> 16, bits & 0xFFFF})
                .build(0);
    }

    private static Reading failed() {
        return Reading.builder(MAP).failed(BLOCK, "timeout").build(0);
    }

    @Test
    void reportsEverythingFirstThenOnlyWhatLeftItsBand() {
        ChangeReporter reporter = new ChangeReporter(MAP, Duration.ZERO);
        ChangeReporter.Report first = reporter.report(reading(200, 100, 1, 5f), 0);
        assertThat(first.heartbeat()).isTrue();
        assertThat(first.reading().values()).containsOnlyKeys("temp", "level", "count", "flow");

        assertThat(reporter.report(reading(204, 109, 1, 5.9f), 1).isEmpty()).isTrue(); // all within their bands
        assertThat(reporter.report(reading(205, 109, 1, 5.9f), 2).isEmpty()).isTrue(); // exactly 0.5: still within
        ChangeReporter.Report drift = reporter.report(reading(206, 111, 2, 5.9f), 3);
        assertThat(drift.heartbeat()).isFalse();
        assertThat(drift.reading().values())
                .containsExactly(
                        java.util.Map.entry("temp", 20.6), // 0.6 from the 20.0 last reported
                        java.util.Map.entry("level", 111), // 11% of 100
                        java.util.Map.entry("count", 2)); // no band: any change
        // bands are measured from the value last reported, so slow drifts add up
        assertThat(reporter.report(reading(210, 111, 2, 6.5f), 4).reading().values())
                .containsOnlyKeys("flow");
        assertThat(reporter.report(reading(210, 111, 2, Float.NaN), 5).reading().values())
                .containsOnlyKeys("flow");
        assertThat(reporter.report(reading(210, 111, 2, Float.NaN), 6).isEmpty())
                .isTrue();
    }

    @Test
    void failingAndRecoveringAreChanges() {
        ChangeReporter reporter = new ChangeReporter(MAP, Duration.ZERO);
        reporter.report(reading(200, 100, 1, 5f), 0);
        ChangeReporter.Report bad = reporter.report(failed(), 1);
        assertThat(bad.reading().values()).hasSize(4).containsValue(null);
        assertThat(bad.reading().quality()).containsEntry("temp", "bad: timeout");
        assertThat(reporter.report(failed(), 2).isEmpty()).isTrue();
        ChangeReporter.Report back = reporter.report(reading(200, 100, 1, 5f), 3);
        assertThat(back.reading().values()).hasSize(4).doesNotContainValue(null);
    }

    @Test
    void theHeartbeatReportsEverythingWhenDue() {
        ChangeReporter reporter = new ChangeReporter(MAP, Duration.ofSeconds(10));
        assertThat(reporter.report(reading(200, 100, 1, 5f), 1_000).heartbeat()).isTrue();
        assertThat(reporter.report(reading(200, 100, 1, 5f), 10_999).isEmpty()).isTrue();
        assertThat(reporter.report(reading(200, 100, 2, 5f), 10_999).reading().values())
                .containsOnlyKeys("count");
        ChangeReporter.Report beat = reporter.report(reading(200, 100, 2, 5f), 11_000);
        assertThat(beat.heartbeat()).isTrue();
        assertThat(beat.reading().values()).hasSize(4);
        assertThat(reporter.report(reading(200, 100, 2, 5f), 20_999).isEmpty()).isTrue(); // counted from the beat
        assertThat(reporter.report(reading(200, 100, 2, 5f), 21_000).heartbeat())
                .isTrue();
    }
}
