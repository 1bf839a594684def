package org.trapline.runner;

import java.util.Optional;

import org.trapline.qtest.PortAccess;
import org.trapline.target.Reply;
import org.trapline.target.Target;
import org.trapline.target.TargetException;
import org.trapline.trace.Step;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceFormatException;

/**
 * Drives two targets with the same commands, in lockstep, and stops at the first command whose
 * response or interrupt edges differ. The reference (a live QEMU) says what is expected; the
 * candidate (the model) what actually came. The trace's own expectations are not consulted: the
 * reference is the oracle.
 */
public final class LockstepDiff {
    private LockstepDiff() {
    }

    /**
     * @return the commands run, the comparisons made (two per command: response and edges), and
     *         the first divergence if any
     * @throws TraceFormatException when either target cannot take a command (named by line)
     */
    public static ReplayResult run(Trace trace, Target reference, Target candidate) throws TraceFormatException {
        RecentCommands recent = new RecentCommands();
        int run = 0;
        long checks = 0;
        for (Step step : trace.steps()) {
            Reply expected = send(trace, step, reference);
            Reply actual = send(trace, step, candidate);
            run++;
            checks += 2;
            if (!expected.response().equals(actual.response())) {
                return diverged(trace, candidate, step, recent, run, checks, "response",
                        expected.response(), actual.response());
            }
            if (!expected.irqEvents().equals(actual.irqEvents())) {
                return diverged(trace, candidate, step, recent, run, checks, "interrupt edges",
                        Replayer.edges(expected.irqEvents()), Replayer.edges(actual.irqEvents()));
            }
            recent.add(step.line(), step.command(), PortAccess.NONE);
        }
        return new ReplayResult(trace.header(), candidate.name(), run, checks, Optional.empty());
    }

    private static Reply send(Trace trace, Step step, Target target) throws TraceFormatException {
        try {
            return target.send(step.command());
        } catch (TargetException e) {
            throw new TraceFormatException(trace.file(), step.line(), target.name() + ": " + e.getMessage());
        }
    }

    private static ReplayResult diverged(Trace trace, Target candidate, Step step, RecentCommands recent, int run,
                                         long checks, String what, String expected, String actual) {
        Divergence d = new Divergence(trace.file(), step.line(), step.command().text(), what, expected, actual,
                step.citation(), recent.lines(), candidate.describeState());
        return new ReplayResult(trace.header(), candidate.name(), run, checks, Optional.of(d));
    }
}
