package org.trapline.trace;

import java.util.List;

import org.trapline.qtest.QtestCommand;

/**
 * The steps of one part of a file read apart from the parts before it. Whether an interception and
 * a recorded response came before the part is known only once those parts are read, so the part
 * notes where each first happens within it, and {@link #settle} settles from those which steps
 * check their edges: as a reading from the file's start does.
 */
final class PartSteps implements TraceParser.StepSink {
    private final Steps steps;
    /** The first step read after an interception in this part, and after a recorded response; -1: none. */
    private int firstIntercepting = -1;
    private int firstRecording = -1;
    private boolean interceptsAtEnd;
    private boolean recordsAtEnd;
    private TraceHeader header;
    private TraceFormatException error;

    /** A part whose steps go into {@code empty}. */
    PartSteps(Steps empty) {
        this.steps = empty;
    }

    @Override
    public void begin(TraceHeader h) {
        header = h;
    }

    /** {@code intercepts} and {@code recordsResponses}: as they stand within this part alone. */
    @Override
    public boolean step(int line, QtestCommand command, long access, Expectation expect, long answer,
                        String citation, List<String> irqs, boolean intercepts, boolean recordsResponses) {
        int i = steps.size();
        if (intercepts && firstIntercepting < 0) {
            firstIntercepting = i;
        }
        if (recordsResponses && firstRecording < 0) {
            firstRecording = i;
        }
        steps.add(line, command, access, expect, answer, citation, irqs, false); // which steps check edges: see settle()
        return true;
    }

    /** The first step that checks edges, after parts that did or did not intercept and record; MAX_VALUE: none. */
    private int firstChecking(boolean interceptsBefore, boolean recordsBefore) {
        int intercepting = interceptsBefore ? 0 : firstIntercepting < 0 ? Integer.MAX_VALUE : firstIntercepting;
        int recording = recordsBefore ? 0 : firstRecording < 0 ? Integer.MAX_VALUE : firstRecording;
        return Math.max(intercepting, recording);
    }

    /** How the reading of the part ended: at {@code e}, or (null) at its end; the conditions on edges then. */
    void ended(TraceFormatException e, boolean intercepts, boolean records) {
        this.error = e;
        this.interceptsAtEnd = intercepts;
        this.recordsAtEnd = records;
    }

    boolean interceptsAtEnd() {
        return interceptsAtEnd;
    }

    boolean recordsAtEnd() {
        return recordsAtEnd;
    }

    /** The header, when this part is the file's first and holds its first command; else null. */
    TraceHeader header() {
        return header;
    }

    /** The error that ended the part, null when none did. */
    TraceFormatException error() {
        return error;
    }

    /**
     * Settles the steps after parts that did or did not intercept and record: which of them check
     * their edges, and their lines, numbered on from {@code lineBase}.
     */
    void settle(boolean interceptsBefore, boolean recordsBefore, int lineBase) {
        steps.checkIrqsFrom(firstChecking(interceptsBefore, recordsBefore));
        steps.lineBase(lineBase);
    }

    Steps steps() {
        return steps;
    }
}
