package org.camelmodbus.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReadPlannerTest {
    @Test
    void twoHundredPointsWithGapsTakeTheFewestReads() {
        RegisterMap map = PlanOracle.mapWithGaps(42, 200, 30);
        ReadPlan plan = new ReadPlanner(10, 125).plan(map);
        int optimum = PlanOracle.optimum(map.points(), 10, 125);
        assertThat(plan.blocks()).hasSize(optimum);
        assertThat(optimum).isBetween(10, 199); // the map has gaps worth merging across and gaps too wide to
        assertValid(plan, map, 10, 125);
    }

    @Property(tries = 300)
    void everyPlanIsValidAndMinimal(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60) int count,
            @ForAll @IntRange(max = 40) int maxSkip,
            @ForAll @IntRange(max = 20) int maxGap,
            @ForAll @IntRange(min = 4, max = 125) int maxBlock) {
        RegisterMap map = PlanOracle.mapWithGaps(seed, count, maxSkip);
        ReadPlan plan = new ReadPlanner(maxGap, maxBlock).plan(map);
        assertValid(plan, map, maxGap, maxBlock);
        assertThat(plan.blocks()).hasSize(PlanOracle.optimum(map.points(), maxGap, maxBlock));
    }

    private static void assertValid(ReadPlan plan, RegisterMap map, int maxGap, int maxBlock) {
        List<Point> covered = new ArrayList<>();
        for (ReadBlock b : plan.blocks()) {
            assertThat(b.quantity()).isBetween(1, maxBlock);
            assertThat(PlanOracle.fitsOneRead(b.points(), maxGap, maxBlock)).isTrue();
            covered.addAll(b.points());
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(map.points());
    }

    @Test
    void tablesAreReadApartAndBitsCountSixteenToARegister() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(Point.builder("c" + i, PointKind.COIL, i * 100, DataType.BOOL)
                    .build());
        }
        points.add(Point.builder("h", PointKind.HOLDING_REGISTER, 0, DataType.INT16)
                .build());
        points.add(
                Point.builder("i", PointKind.INPUT_REGISTER, 0, DataType.INT16).build());
        points.add(
                Point.builder("d", PointKind.DISCRETE_INPUT, 5, DataType.BOOL).build());
        ReadPlan plan = new ReadPlanner(10, 125).plan(RegisterMap.of(points));
        // coils 100 apart are within a gap of 10 registers = 160 bits, and 0..900 within 2000 bits
        assertThat(plan.describe())
                .containsExactly(
                        "coil 0..900 (901 bits, 891 unused): c0, c1, c2, c3, c4, c5, c6, c7, c8, c9",
                        "discreteInput 5..5 (1 bit): d",
                        "holding 0..0 (1 register): h",
                        "input 0..0 (1 register): i");
        ReadPlan small = new ReadPlanner(5, 125).plan(RegisterMap.of(points));
        assertThat(small.blocks()).hasSize(10 + 3); // 100 bits apart exceeds a gap of 5 registers (80 bits)
    }

    @Test
    void overlappingPointsShareARead() {
        RegisterMap map = RegisterMap.of(
                Point.builder("word", PointKind.HOLDING_REGISTER, 10, DataType.UINT32)
                        .build(),
                Point.builder("low", PointKind.HOLDING_REGISTER, 11, DataType.UINT16)
                        .build(),
                Point.builder("flag", PointKind.HOLDING_REGISTER, 10, DataType.BIT)
                        .bit(3)
                        .build());
        assertThat(new ReadPlanner(0, 125).plan(map).describe())
                .containsExactly("holding 10..11 (2 registers): flag, word, low");
    }

    @Test
    void aPointLongerThanARead() {
        RegisterMap map = RegisterMap.of(Point.builder("s", PointKind.HOLDING_REGISTER, 0, DataType.STRING)
                .length(100)
                .build());
        assertThatThrownBy(() -> new ReadPlanner(0, 50).plan(map))
                .hasMessage("point 's': takes 100 registers, more than one read may take (maxBlockSize 50)");
        assertThatThrownBy(() -> new ReadPlanner(0, 126)).hasMessage("maxBlockSize must be in 1..125, got 126");
    }

    @Test
    void refusedReadsSplitAtGapsThenInHalvesDownToSinglePoints() {
        RegisterMap map = RegisterMap.of(
                Point.builder("a", PointKind.HOLDING_REGISTER, 0, DataType.INT16)
                        .build(),
                Point.builder("b", PointKind.HOLDING_REGISTER, 1, DataType.INT16)
                        .build(),
                Point.builder("c", PointKind.HOLDING_REGISTER, 2, DataType.INT32)
                        .build(),
                Point.builder("d", PointKind.HOLDING_REGISTER, 10, DataType.INT16)
                        .build());
        ReadPlan plan = new ReadPlanner(20, 125).plan(map);
        assertThat(plan.describe()).containsExactly("holding 0..10 (11 registers, 6 unused): a, b, c, d");
        List<ReadBlock> runs = plan.split(plan.blocks().get(0));
        assertThat(runs)
                .map(ReadBlock::toString)
                .containsExactly("holding 0..3 (4 registers): a, b, c", "holding 10..10 (1 register): d");
        ReadPlan after = plan.replace(plan.blocks().get(0), runs);
        assertThat(after.blocks()).hasSize(2);
        List<ReadBlock> halves = after.split(after.blocks().get(0));
        assertThat(halves)
                .map(ReadBlock::toString)
                .containsExactly("holding 0..0 (1 register): a", "holding 1..3 (3 registers): b, c");
        assertThat(after.split(halves.get(0))).isEmpty();
        assertThat(after.replace(halves.get(0), List.of())).isSameAs(after); // not in this plan
    }
}
