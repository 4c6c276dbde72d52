package org.camelmodbus.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Register maps with gaps, and the fewest reads they need, worked out without the planner. */
public final class PlanOracle {
    private static final DataType[] TYPES = {
        DataType.UINT16, DataType.INT16, DataType.FLOAT32, DataType.INT32, DataType.FLOAT64, DataType.UINT64
    };

    /** {@code count} points of one table, one after the other with gaps of 0..maxSkip, of 1, 2 and 4 registers. */
    public static RegisterMap mapWithGaps(long seed, int count, int maxSkip) {
        Random random = new Random(seed);
        List<Point> points = new ArrayList<>();
        int address = random.nextInt(50);
        for (int i = 0; i < count; i++) {
            DataType type = TYPES[random.nextInt(TYPES.length)];
            points.add(Point.builder("p" + i, PointKind.HOLDING_REGISTER, address, type)
                    .build());
            address += type.registers() + random.nextInt(maxSkip + 1);
        }
        return RegisterMap.of(points);
    }

    /**
     * The fewest reads, found without the planner: dynamic programming over all ways to cut the address-sorted points
     * into consecutive groups that each fit a read.
     */
    public static int optimum(List<Point> points, int maxGap, int maxBlock) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingInt(Point::address).thenComparingInt(Point::end));
        int n = sorted.size();
        int[] fewest = new int[n + 1];
        Arrays.fill(fewest, Integer.MAX_VALUE);
        fewest[0] = 0;
        for (int i = 1; i <= n; i++) {
            for (int j = 0; j < i; j++) {
                if (fewest[j] != Integer.MAX_VALUE && fitsOneRead(sorted.subList(j, i), maxGap, maxBlock)) {
                    fewest[i] = Math.min(fewest[i], fewest[j] + 1);
                }
            }
        }
        return fewest[n];
    }

    static boolean fitsOneRead(List<Point> group, int maxGap, int maxBlock) {
        int start = group.get(0).address();
        int end = group.get(0).end();
        for (Point p : group.subList(1, group.size())) {
            if (p.address() - end - 1 > maxGap) {
                return false;
            }
            end = Math.max(end, p.end());
        }
        return end - start + 1 <= maxBlock;
    }

    private PlanOracle() {}
}
