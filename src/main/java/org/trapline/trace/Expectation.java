package org.trapline.trace;

import org.trapline.qtest.PortAnswer;
import org.trapline.qtest.QtestReplies;

/**
 * What a check expects of a response: the exact text (raw -qtest-log lines, {@code -> OK}), any
 * failure ({@code -> FAIL}), or a value compared under a mask ({@code -> 0xa0 & 0xf0}).
 */
public sealed interface Expectation {
    boolean matches(String response);

    /** How the expectation reads in a report. */
    String describe();

    /**
     * What a step kept in two forms expects: the port answer {@code answer} ({@link PortAnswer}) in
     * QEMU's own words when there is one, else {@code expect}, or null.
     */
    static Expectation of(Expectation expect, long answer) {
        return answer == PortAnswer.NONE ? expect : new Exact(PortAnswer.text(answer));
    }

    record Exact(String text) implements Expectation {
        @Override
        public boolean matches(String response) {
            return text.equals(response);
        }

        @Override
        public String describe() {
            return text;
        }
    }

    record AnyFailure() implements Expectation {
        @Override
        public boolean matches(String response) {
            return response.startsWith("FAIL");
        }

        @Override
        public String describe() {
            return "FAIL ...";
        }
    }

    record Value(long value, long mask) implements Expectation {
        public static final long ALL_BITS = -1L;

        @Override
        public boolean matches(String response) {
            Long actual = QtestReplies.valueOf(response);
            return actual != null && (actual & mask) == (value & mask);
        }

        @Override
        public String describe() {
            return mask == ALL_BITS ? "OK 0x" + Long.toHexString(value)
                    : "OK 0x" + Long.toHexString(value & mask) + " in the bits of mask 0x" + Long.toHexString(mask);
        }
    }
}
