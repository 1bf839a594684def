package org.trapline.qtest;

/**
 * The answer to a port command as one {@code long}: {@link #OK} for {@code OK} (a write's), the
 * value for {@code OK 0x%04x} (a read's, as {@link QtestReplies#portValue} prints it), {@link #NONE}
 * for no such answer. A recorded log holds an answer for every command; kept as numbers they cost a
 * replay no object and no string comparison.
 */
public final class PortAnswer {
    /** No port answer: the check, if any, is another kind of expectation. */
    public static final long NONE = Long.MIN_VALUE;
    /** The answer {@code OK}. */
    public static final long OK = -1;

    private PortAnswer() {
    }

    /** The answer's text, exactly as QEMU's qtest server prints it. */
    public static String text(long answer) {
        return answer == OK ? QtestReplies.OK : QtestReplies.portValue(answer);
    }

    /** Whether {@code response} is that answer, character for character. */
    public static boolean matches(long answer, String response) {
        return text(answer).equals(response);
    }
}
