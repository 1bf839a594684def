package org.trapline.runner;

import java.util.ArrayList;
import java.util.List;

import org.trapline.qtest.QtestCommand;

/** The last few commands before a divergence, for its report: a ring of the latest, with their lines. */
final class RecentCommands {
    /** How many earlier commands a divergence report shows (a power of two: the ring's index is masked). */
    static final int CONTEXT = 8;

    private final int[] lines = new int[CONTEXT];
    private final QtestCommand[] commands = new QtestCommand[CONTEXT];
    private int next;
    private int size;

    void add(int line, QtestCommand command) {
        lines[next] = line;
        commands[next] = command;
        next = (next + 1) & (CONTEXT - 1);
        if (size < CONTEXT) {
            size++;
        }
    }

    /** {@code LINE: COMMAND}, oldest first. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(CONTEXT);
        for (int back = size; back > 0; back--) {
            int at = (next - back) & (CONTEXT - 1);
            lines.add(this.lines[at] + ": " + commands[at].text());
        }
        return lines;
    }
}
