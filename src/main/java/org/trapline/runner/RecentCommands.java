package org.trapline.runner;

import java.util.ArrayList;
import java.util.List;

import org.trapline.qtest.PortAccess;
import org.trapline.qtest.QtestCommand;

/** The last few commands before a divergence, for its report: a ring of the latest, with their lines. */
final class RecentCommands {
    /** How many earlier commands a divergence report shows (a power of two: the ring's index is masked). */
    static final int CONTEXT = 8;

    private final int[] lines = new int[CONTEXT];
    private final QtestCommand[] commands = new QtestCommand[CONTEXT];
    private final long[] accesses = new long[CONTEXT];
    private int next;
    private int size;

    /** A step's line and its command: {@code command}, or when that is null the one packed in {@code access}. */
    void add(int line, QtestCommand command, long access) {
        lines[next] = line;
        commands[next] = command;
        accesses[next] = access;
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
            lines.add(this.lines[at] + ": " + PortAccess.command(commands[at], accesses[at]).text());
        }
        return lines;
    }
}
