package org.trapline.trace;

import java.util.Arrays;
import java.util.List;

import org.trapline.qtest.QtestCommand;

/**
 * The steps of one part of a file read apart from the parts before it. Whether an interception and
 * a recorded response came before the part is known only once those parts are read, so the steps
 * are made on a guess ({@code guessIntercepts}, {@code guessRecords}) and {@link #steps} remakes
 * the few the truth changes: the edge checks come out as a reading from the file's start makes them.
 */
final class PartSteps implements TraceParser.StepSink {
    private final boolean guessIntercepts;
    private final boolean guessRecords;
    private Step[] steps;
    private int size;
    /** The first step read after an interception in this part, and after a recorded response; -1: none. */
    private int firstIntercepting = -1;
    private int firstRecording = -1;
    private boolean interceptsAtEnd;
    private boolean recordsAtEnd;
    private TraceHeader header;
    private TraceFormatException error;

    PartSteps(boolean guessIntercepts, boolean guessRecords, int expectedSteps) {
        this.guessIntercepts = guessIntercepts;
        this.guessRecords = guessRecords;
        this.steps = new Step[Math.max(16, expectedSteps)];
    }

    @Override
    public void begin(TraceHeader h) {
        header = h;
    }

    /** {@code intercepts} and {@code recordsResponses}: as they stand within this part alone. */
    @Override
    public boolean step(int line, QtestCommand command, Expectation expect, String citation, List<String> irqs,
                        boolean intercepts, boolean recordsResponses) {
        int i = size++;
        if (i == steps.length) {
            steps = Arrays.copyOf(steps, i * 2);
        }
        if (intercepts && firstIntercepting < 0) {
            firstIntercepting = i;
        }
        if (recordsResponses && firstRecording < 0) {
            firstRecording = i;
        }
        steps[i] = new Step(line, command, expect, citation, irqs, checksIrqs(i, guessIntercepts, guessRecords));
        return true;
    }

    private boolean checksIrqs(int i, boolean interceptsBefore, boolean recordsBefore) {
        return (interceptsBefore || (firstIntercepting >= 0 && i >= firstIntercepting))
                && (recordsBefore || (firstRecording >= 0 && i >= firstRecording));
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

    /** The steps, after parts that did or did not intercept and record. */
    Step[] steps(boolean interceptsBefore, boolean recordsBefore) {
        Step[] out = size == steps.length ? steps : Arrays.copyOf(steps, size);
        if (interceptsBefore != guessIntercepts || recordsBefore != guessRecords) {
            for (int i = 0; i < size; i++) {
                boolean checks = checksIrqs(i, interceptsBefore, recordsBefore);
                Step s = out[i];
                if (s.checkIrqs() != checks) {
                    out[i] = new Step(s.line(), s.command(), s.expect(), s.citation(), s.irqEvents(), checks);
                }
            }
        }
        return out;
    }
}
