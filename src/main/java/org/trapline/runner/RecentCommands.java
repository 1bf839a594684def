package org.trapline.runner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.trapline.trace.Step;

/** The last few commands before a divergence, for its report. */
final class RecentCommands {
    /** How many earlier commands a divergence report shows. */
    static final int CONTEXT = 8;

    private final Deque<Step> steps = new ArrayDeque<>(CONTEXT + 1);

    void add(Step step) {
        steps.addLast(step);
        if (steps.size() > CONTEXT) {
            steps.removeFirst();
        }
    }

    /** {@code LINE: COMMAND}, oldest first. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(steps.size());
        for (Step s : steps) {
            lines.add(s.line() + ": " + s.command().text());
        }
        return lines;
    }
}
