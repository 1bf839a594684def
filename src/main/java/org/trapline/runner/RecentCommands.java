package org.trapline.runner;

import java.util.ArrayList;
import java.util.List;

import org.trapline.trace.Step;

/** The last few commands before a divergence, for its report: a ring of the latest steps. */
final class RecentCommands {
    /** How many earlier commands a divergence report shows. */
    static final int CONTEXT = 8;

    private final Step[] ring = new Step[CONTEXT];
    private long added;

    void add(Step step) {
        ring[(int) (added++ % CONTEXT)] = step;
    }

    /** {@code LINE: COMMAND}, oldest first. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(CONTEXT);
        for (long i = Math.max(0, added - CONTEXT); i < added; i++) {
            Step s = ring[(int) (i % CONTEXT)];
            lines.add(s.line() + ": " + s.command().text());
        }
        return lines;
    }
}
