package org.trapline.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.trapline.qtest.PortAccess;
import org.trapline.qtest.PortAnswer;
import org.trapline.qtest.QtestCommand;

/**
 * Consecutive steps of a trace, kept column by column: a recorded log has millions of steps, and a
 * replay reads each once, so a batch of them costs a few arrays and not an object per step. The
 * rare columns (citations, expected edges) exist only in a batch that has one. Whether a step's
 * edges are checked never turns back from true to false along a trace (see {@link Step#checkIrqs}),
 * so a batch keeps only the first step that checks them.
 */
public final class Steps {
    private static final int NONE = Integer.MAX_VALUE;

    private int lineBase;
    private int size;
    private int[] lines;
    /** A step's port command packed ({@link PortAccess}), or NONE where {@link #commands} holds the command. */
    private long[] accesses;
    /** A step's command where {@link #accesses} holds none; elsewhere whatever a refilled batch left there. */
    private QtestCommand[] commands;
    /** A step's expected answer as a number ({@link PortAnswer}), or NONE where {@link #expects} holds the expectation. */
    private long[] answers;
    /** A step's expectation or null where {@link #answers} holds none; elsewhere whatever a refilled batch left there. */
    private Expectation[] expects;
    private String[] citations;
    private List<String>[] irqEvents;
    private int firstChecking = NONE;

    Steps(int capacity) {
        int n = Math.max(16, capacity);
        lines = new int[n];
        commands = new QtestCommand[n];
        accesses = new long[n];
        answers = new long[n];
        expects = new Expectation[n];
    }

    /** The steps of a trace in memory, as one batch. */
    public static Steps of(List<Step> steps) {
        Steps batch = new Steps(steps.size());
        for (Step s : steps) {
            batch.add(s.line(), s.command(), PortAccess.NONE, s.expect(), PortAnswer.NONE, s.citation(), s.irqEvents(),
                    s.checkIrqs());
        }
        return batch;
    }

    /**
     * Appends a step; {@code line} counts from this batch's {@link #lineBase}; its command is
     * {@code command} or, when that is null, the port command packed in {@code access}; what it
     * expects is {@code expect} or, when that is null, the port answer {@code answer} (if not
     * NONE). A step that checks edges after one that checks them not is fine; the reverse is no trace.
     */
    @SuppressWarnings("unchecked")
    void add(int line, QtestCommand command, long access, Expectation expect, long answer, String citation,
             List<String> irqs, boolean checkIrqs) {
        int i = size++;
        if (i == lines.length) {
            grow();
        }
        lines[i] = line;
        // A packed command or a numeric answer is read from its column alone: a long log's steps
        // write and read no object column.
        long packed = command != null ? PortAccess.NONE : access;
        accesses[i] = packed;
        if (packed == PortAccess.NONE) {
            commands[i] = command;
        }
        long numeric = expect != null ? PortAnswer.NONE : answer;
        answers[i] = numeric;
        if (numeric == PortAnswer.NONE) {
            expects[i] = expect;
        }
        if (citation != null) {
            if (citations == null) {
                citations = new String[lines.length];
            }
            citations[i] = citation;
        }
        if (!irqs.isEmpty()) {
            if (irqEvents == null) {
                irqEvents = new List[lines.length];
            }
            irqEvents[i] = List.copyOf(irqs);
        }
        noteEdgeChecks(i, checkIrqs);
    }

    /** Twice the room, for steps past the capacity. */
    private void grow() {
        int n = lines.length * 2;
        lines = Arrays.copyOf(lines, n);
        commands = Arrays.copyOf(commands, n);
        accesses = Arrays.copyOf(accesses, n);
        answers = Arrays.copyOf(answers, n);
        expects = Arrays.copyOf(expects, n);
        citations = citations == null ? null : Arrays.copyOf(citations, n);
        irqEvents = irqEvents == null ? null : Arrays.copyOf(irqEvents, n);
    }

    private void noteEdgeChecks(int i, boolean checks) {
        if (checks && firstChecking == NONE) {
            firstChecking = i;
        } else if (!checks && firstChecking <= i) {
            throw new IllegalStateException("step " + i + " checks no edges after a step that checks them");
        }
    }

    /** Empties the batch, to be filled again. */
    void clear() {
        size = 0;
        lineBase = 0;
        firstChecking = NONE;
        citations = null;
        irqEvents = null;
    }

    /** Makes the steps from {@code first} on, and only those, check their edges. */
    void checkIrqsFrom(int first) {
        firstChecking = first >= size ? NONE : first;
    }

    /** Numbers this batch's lines on from {@code base}. */
    void lineBase(int base) {
        lineBase = base;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int line(int i) {
        return lineBase + lines[i];
    }

    /** The command, made from its numbers when it is a packed port command. */
    public QtestCommand command(int i) {
        return PortAccess.command(keptCommand(i), accesses[i]);
    }

    /** The command as it is kept: null for a port command packed in {@link #access}. */
    public QtestCommand keptCommand(int i) {
        return accesses[i] == PortAccess.NONE ? commands[i] : null;
    }

    /** The port command packed ({@link PortAccess}), or NONE when {@link #keptCommand} holds the command. */
    public long access(int i) {
        return accesses[i];
    }

    /** The expected response, or null; made from its number when it is a port answer. */
    public Expectation expect(int i) {
        return Expectation.of(expects[i], answers[i]);
    }

    /**
     * The expected port answer as a number ({@link PortAnswer}), or NONE when {@link #expect} is
     * some other expectation, or none.
     */
    public long answer(int i) {
        return answers[i];
    }

    /** The citation, or null. */
    public String citation(int i) {
        return citations == null ? null : citations[i];
    }

    public List<String> irqEvents(int i) {
        List<String> events = irqEvents == null ? null : irqEvents[i];
        return events == null ? List.of() : events;
    }

    public boolean checkIrqs(int i) {
        return i >= firstChecking;
    }

    public Step step(int i) {
        return new Step(line(i), command(i), expect(i), citation(i), irqEvents(i), checkIrqs(i));
    }

    public List<Step> toList() {
        List<Step> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(step(i));
        }
        return out;
    }
}
