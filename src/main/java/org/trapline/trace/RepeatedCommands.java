package org.trapline.trace;

import java.util.Arrays;

import org.trapline.qtest.QtestCommand;

/**
 * The commands of a log that come back word for word ({@code set_irq_in ... 3 1}, the same
 * CONFIG_ADDRESS again and again), kept by their bytes so that each distinct line is parsed once.
 * Two-way set-associative: a line's hash names a pair of places; a new line takes a free one, or
 * else the first, pushing the line there to the second. Commands are immutable, so one parsed
 * command can stand for every line with its bytes.
 */
final class RepeatedCommands {
    /** Longer lines are rare in a log and not worth keeping. */
    static final int MAX_LENGTH = 96;
    private static final int SET_BITS = 11;

    private final byte[][] lines = new byte[2 << SET_BITS][];
    private final QtestCommand[] commands = new QtestCommand[2 << SET_BITS];

    /** The command parsed before from exactly these bytes, or null. */
    QtestCommand find(byte[] b, int from, int to) {
        int first = set(b, from, to) << 1;
        if (holds(first, b, from, to)) {
            return commands[first];
        }
        return holds(first + 1, b, from, to) ? commands[first + 1] : null;
    }

    private boolean holds(int place, byte[] b, int from, int to) {
        byte[] kept = lines[place];
        return kept != null && Arrays.equals(kept, 0, kept.length, b, from, to);
    }

    void keep(byte[] b, int from, int to, QtestCommand command) {
        if (to - from > MAX_LENGTH) {
            return;
        }
        int first = set(b, from, to) << 1;
        if (lines[first] != null && lines[first + 1] == null) {
            lines[first + 1] = Arrays.copyOfRange(b, from, to);
            commands[first + 1] = command;
            return;
        }
        lines[first + 1] = lines[first];
        commands[first + 1] = commands[first];
        lines[first] = Arrays.copyOfRange(b, from, to);
        commands[first] = command;
    }

    /**
     * A hash of the line's bytes, eight at a time and the tail's one by one, its bits mixed at the
     * end (MurmurHash3's finalizer) so that lines a byte apart land in sets far apart.
     */
    private static int set(byte[] b, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            h = (h ^ AsciiWords.at(b, i)) * 0x9e37_79b9_7f4a_7c15L;
        }
        for (; i < to; i++) {
            h = (h ^ b[i]) * 0x9e37_79b9_7f4a_7c15L;
        }
        h ^= h >>> 33;
        h *= 0xff51_afd7_ed55_8ccdL;
        h ^= h >>> 33;
        return (int) (h >>> (64 - SET_BITS));
    }
}
