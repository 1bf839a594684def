package org.trapline.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.trapline.qtest.PortAccess;
import org.trapline.qtest.QtestCommand;

/**
 * The interrupt edges from an access that may have started a device's work to the end of the
 * poll that waits for it (docs/polls.md): the recording's and the target's, each in order. Until
 * a poll of the same unit closes it, the window also keeps the first step whose own edges
 * differ, which is the divergence when no poll comes.
 */
final class EdgeWindow {
    /** A window with no poll within this many steps is settled step by step, as if it had never opened. */
    static final int MAX_STEPS = 1024;

    private final List<String> recorded = new ArrayList<>();
    private final List<String> actual = new ArrayList<>();
    private String channel;
    private int firstLine;
    private QtestCommand firstCommand;
    private long firstAccess;
    private int steps;
    private boolean checked;
    private Divergence firstMismatch;

    boolean isOpen() {
        return channel != null;
    }

    String channel() {
        return channel;
    }

    int firstLine() {
        return firstLine;
    }

    /** The command of the window's first step. */
    String firstCommand() {
        return PortAccess.command(firstCommand, firstAccess).text();
    }

    /** Opens a window at a step: its command is {@code command}, or when that is null the one packed in {@code access}. */
    void open(String unit, int line, QtestCommand command, long access) {
        close();
        channel = unit;
        firstLine = line;
        firstCommand = command;
        firstAccess = access;
    }

    void close() {
        channel = null;
        recorded.clear();
        actual.clear();
        steps = 0;
        checked = false;
        firstMismatch = null;
    }

    /** A step's edges, when its window is checked. */
    void add(List<String> recordedEdges, List<String> actualEdges) {
        checked = true;
        recorded.addAll(recordedEdges);
        actual.addAll(actualEdges);
    }

    /** Counts a step; true when the window has grown past {@link #MAX_STEPS}. */
    boolean countStep() {
        return ++steps > MAX_STEPS;
    }

    /** Keeps {@code d} if no step before it had edges of its own that differ. */
    void mismatch(Divergence d) {
        if (firstMismatch == null) {
            firstMismatch = d;
        }
    }

    /** The first step whose own edges differ, or null. */
    Divergence firstMismatch() {
        return firstMismatch;
    }

    boolean checked() {
        return checked;
    }

    /** Whether each interrupt line has the same raises and lowers, in the same order, in both. */
    boolean sameEdgesPerLine() {
        return perLine(recorded).equals(perLine(actual));
    }

    List<String> recorded() {
        return List.copyOf(recorded);
    }

    List<String> actual() {
        return List.copyOf(actual);
    }

    /** {@code IRQ raise 14} and {@code IRQ lower 14} by their line, {@code 14}, each line's in order. */
    private static Map<String, List<String>> perLine(List<String> edges) {
        Map<String, List<String>> byLine = new LinkedHashMap<>();
        for (String e : edges) {
            String line = e.substring(e.lastIndexOf(' ') + 1);
            byLine.computeIfAbsent(line, k -> new ArrayList<>()).add(e);
        }
        return byLine;
    }
}
