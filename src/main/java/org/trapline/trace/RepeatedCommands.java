package org.trapline.trace;

import java.util.Arrays;

import org.trapline.qtest.QtestCommand;

/**
 * The commands of a log that come back word for word ({@code set_irq_in ... 3 1}, the same
 * CONFIG_ADDRESS again and again), kept by their bytes so that each distinct line is parsed once.
 * Direct-mapped: a line takes the slot its hash names, and a different line in that slot replaces
 * it. Commands are immutable, so one parsed command can stand for every line with its bytes.
 */
final class RepeatedCommands {
    /** Longer lines are rare in a log and not worth keeping. */
    static final int MAX_LENGTH = 96;
    private static final int SLOTS = 1 << 10;

    private final byte[][] lines = new byte[SLOTS][];
    private final QtestCommand[] commands = new QtestCommand[SLOTS];

    /** The command parsed before from exactly these bytes, or null. */
    QtestCommand find(byte[] b, int from, int to) {
        int slot = slot(b, from, to);
        byte[] kept = lines[slot];
        return kept != null && Arrays.equals(kept, 0, kept.length, b, from, to) ? commands[slot] : null;
    }

    void keep(byte[] b, int from, int to, QtestCommand command) {
        if (to - from <= MAX_LENGTH) {
            int slot = slot(b, from, to);
            lines[slot] = Arrays.copyOfRange(b, from, to);
            commands[slot] = command;
        }
    }

    private static int slot(byte[] b, int from, int to) {
        int h = to - from;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
