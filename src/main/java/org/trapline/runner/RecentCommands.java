package org.trapline.runner;

import java.util.ArrayList;
import java.util.List;

import org.trapline.trace.Step;

/** The last few commands before a divergence, for its report: a ring of the latest steps. */
final class RecentCommands {
    /** How many earlier commands a divergence report shows (a power of two: the ring's index is masked). */
    static final int CONTEXT = 8;

    private final Step[] ring = new Step[CONTEXT];
    private int next;
    private int size;

    void add(Step step) {
        ring[next] = step;
        next = (next + 1) & (CONTEXT - 1);
        if (size < CONTEXT) {
            size++;
        }
    }

    /** {@code LINE: COMMAND}, oldest first. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(CONTEXT);
        for (int back = size; back > 0; back--) {
            Step s = ring[(next - back) & (CONTEXT - 1)];
            lines.add(s.line() + ": " + s.command().text());
        }
        return lines;
    }
}
