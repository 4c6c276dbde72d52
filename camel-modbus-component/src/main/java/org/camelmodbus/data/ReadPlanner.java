package org.camelmodbus.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the points of a device into as few reads as the protocol and the device allow. Points of one table, sorted
 * by address, join the current read while the read stays within {@code maxBlock} and the addresses skipped to reach
 * the point stay within {@code maxGap}; otherwise a new read begins. Taking each point into the earliest read it fits
 * gives the fewest reads (an exchange argument: any plan can be shifted to this one without adding a read).
 *
 * <p>Coils and discrete inputs are cheap: 16 bits cost what one register costs on the wire, so both limits count 16
 * bits as a register (up to the protocol's 2000 bits per read).
 */
public final class ReadPlanner {
    /** Registers one read may return (function 3 and 4). */
    public static final int MAX_REGISTERS = 125;
    /** Bits one read may return (function 1 and 2). */
    public static final int MAX_BITS = 2000;

    private final int maxGap;
    private final int maxBlock;

    /**
     * @param maxGap registers a read may skip between two points to save a request, 0 to read only adjacent points
     *     together
     * @param maxBlock registers one read may take, 1..125: lower for devices that refuse long reads
     */
    public ReadPlanner(int maxGap, int maxBlock) {
        if (maxGap < 0) {
            throw new IllegalArgumentException("maxGap must be at least 0, got " + maxGap);
        }
        if (maxBlock < 1 || maxBlock > MAX_REGISTERS) {
            throw new IllegalArgumentException("maxBlockSize must be in 1.." + MAX_REGISTERS + ", got " + maxBlock);
        }
        this.maxGap = maxGap;
        this.maxBlock = maxBlock;
    }

    /** The reads of every point of {@code map}: coils, then discrete inputs, holding and input registers. */
    public ReadPlan plan(RegisterMap map) {
        List<ReadBlock> blocks = new ArrayList<>();
        for (PointKind kind : PointKind.values()) {
            blocks.addAll(merge(kind, map.points(kind), maxGap));
        }
        return new ReadPlan(blocks, this);
    }

    /** Reads of the given points of one table, merged across gaps of at most {@code gap}. */
    List<ReadBlock> merge(PointKind kind, List<Point> points, int gap) {
        int maxQuantity = kind.isBits() ? Math.min(MAX_BITS, 16 * maxBlock) : maxBlock;
        int maxSkip = kind.isBits() ? 16 * gap : gap;
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingInt(Point::address).thenComparingInt(Point::end));
        List<ReadBlock> blocks = new ArrayList<>();
        List<Point> current = new ArrayList<>();
        int start = 0;
        int end = 0;
        for (Point p : sorted) {
            if (p.quantity() > maxQuantity) {
                throw new IllegalArgumentException(Point.problem(
                        p.name(),
                        "takes " + p.quantity() + " registers, more than one read may take (maxBlockSize " + maxBlock
                                + ")"));
            }
            boolean fits = !current.isEmpty()
                    && p.address() - end - 1 <= maxSkip
                    && Math.max(end, p.end()) - start + 1 <= maxQuantity;
            if (!fits && !current.isEmpty()) {
                blocks.add(new ReadBlock(kind, start, end - start + 1, current));
                current = new ArrayList<>();
            }
            if (current.isEmpty()) {
                start = p.address();
                end = p.end();
            }
            current.add(p);
            end = Math.max(end, p.end());
        }
        if (!current.isEmpty()) {
            blocks.add(new ReadBlock(kind, start, end - start + 1, current));
        }
        return blocks;
    }

    public int maxGap() {
        return maxGap;
    }

    public int maxBlock() {
        return maxBlock;
    }
}
