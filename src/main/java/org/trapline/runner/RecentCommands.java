package org.trapline.runner;

import java.util.ArrayList;
import java.util.List;

import org.trapline.qtest.PortAccess;
import org.trapline.qtest.QtestCommand;
import org.trapline.trace.Steps;

/**
 * The last few commands before a divergence, for its report: a ring of the latest, with their
 * lines. A replay of batches adds only each batch's last few, as it finishes the batch, and finds
 * the rest in the batch it is in ({@link #linesBefore}): a step costs it nothing.
 */
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

    /** Keeps the last steps of a batch replayed to its end, before the batch goes back to its reader. */
    void addLastOf(Steps steps) {
        for (int i = Math.max(0, steps.size() - CONTEXT); i < steps.size(); i++) {
            add(steps.line(i), steps.keptCommand(i), steps.access(i));
        }
    }

    /** {@code LINE: COMMAND} of the commands before step {@code i} of the batch being replayed, oldest first. */
    List<String> linesBefore(Steps steps, int i) {
        List<String> lines = lines();
        for (int k = Math.max(0, i - CONTEXT); k < i; k++) {
            lines.add(steps.line(k) + ": " + steps.command(k).text());
        }
        return List.copyOf(lines.subList(Math.max(0, lines.size() - CONTEXT), lines.size()));
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
