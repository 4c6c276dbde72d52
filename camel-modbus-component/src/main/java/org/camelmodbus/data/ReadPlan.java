package org.camelmodbus.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The reads that fetch every point of a register map, as the planner merged them and as devices made it split them.
 * Immutable: splitting returns a new plan.
 */
public final class ReadPlan {
    private final List<ReadBlock> blocks;
    private final ReadPlanner planner;

    ReadPlan(List<ReadBlock> blocks, ReadPlanner planner) {
        this.blocks = List.copyOf(blocks);
        this.planner = planner;
    }

    public List<ReadBlock> blocks() {
        return blocks;
    }

    /**
     * The smaller reads to try when the device refused {@code block} with "illegal data address": first the runs of
     * adjacent points (the skipped addresses may not exist on the device), then two halves, down to single points. Empty
     * when the block holds a single point.
     */
    public List<ReadBlock> split(ReadBlock block) {
        if (block.unread() > 0) {
            List<ReadBlock> runs = planner.merge(block.kind(), block.points(), 0);
            if (runs.size() > 1) {
                return runs;
            }
        }
        List<Point> points = block.points(); // sorted by address by the planner
        if (points.size() < 2) {
            return List.of();
        }
        int half = points.size() / 2;
        List<ReadBlock> halves = new ArrayList<>(planner.merge(block.kind(), points.subList(0, half), 0));
        halves.addAll(planner.merge(block.kind(), points.subList(half, points.size()), 0));
        return halves;
    }

    /** This plan with {@code block} replaced by {@code parts}; this plan itself if it no longer holds the block. */
    public ReadPlan replace(ReadBlock block, List<ReadBlock> parts) {
        int i = blocks.indexOf(block);
        if (i < 0) {
            return this;
        }
        List<ReadBlock> result = new ArrayList<>(blocks);
        result.remove(i);
        result.addAll(i, parts);
        return new ReadPlan(result, planner);
    }

    public ReadPlanner planner() {
        return planner;
    }

    /** One line per read, for logs and for the exchange header. */
    public List<String> describe() {
        return blocks.stream().map(ReadBlock::toString).toList();
    }

    @Override
    public String toString() {
        return blocks.size() + (blocks.size() == 1 ? " read: " : " reads: ") + String.join("; ", describe());
    }
}
