package org.trapline.runner;

import org.trapline.qtest.QtestReplies;
import org.trapline.target.PollRule;

/**
 * A run of recorded reads of one poll register being replayed (docs/polls.md): the recording's
 * reads so far, all "not done" but perhaps the last, and the target's, which stop at its first
 * "done" answer.
 */
final class PollRun {
    private PollRule rule;
    private boolean active;
    private String command;
    private int firstLine;
    private int lastLine;
    private int recordedReads;
    private int targetReads;
    private String recordedLast;
    private String targetLast;
    private boolean targetDone;

    boolean isActive() {
        return active;
    }

    PollRule rule() {
        return rule;
    }

    void start(PollRule r, String commandText) {
        rule = r;
        active = true;
        command = commandText;
        recordedReads = 0;
        targetReads = 0;
        targetDone = false;
        targetLast = null;
    }

    /** Ends the run; its reads stay for a report. */
    void end() {
        active = false;
    }

    /** Whether the target is still to be read: it has answered no "done" value yet. */
    boolean targetToRead() {
        return !targetDone;
    }

    /** The target's answer to one more read: done unless it is a value the rule calls not done. */
    void targetRead(String response) {
        targetReads++;
        targetLast = response;
        Long value = QtestReplies.valueOf(response);
        targetDone = value == null || !rule.notDone(value);
    }

    /** One more recorded read; true when its value is "done", which ends the run. */
    boolean recordedRead(int line, String response, long value) {
        if (recordedReads == 0) {
            firstLine = line;
        }
        recordedReads++;
        lastLine = line;
        recordedLast = response;
        return !rule.notDone(value);
    }

    boolean lastMatches() {
        return recordedLast.equals(targetLast);
    }

    String recordedLast() {
        return recordedLast;
    }

    String targetLast() {
        return targetDone ? targetLast : targetLast + " (still not done after " + targetReads + " reads)";
    }

    int firstLine() {
        return firstLine;
    }

    int lastLine() {
        return lastLine;
    }

    /** {@code inb 0x1f7, a poll of ATA Status (1F7h): 30 reads recorded to F:74, 1 made}. */
    String describe(Object file) {
        return command + ", a poll of " + rule.describe() + ": " + recordedReads + " read"
                + (recordedReads == 1 ? "" : "s") + " recorded from " + file + ':' + firstLine + " to " + file + ':'
                + lastLine + ", " + targetReads + " made";
    }
}
