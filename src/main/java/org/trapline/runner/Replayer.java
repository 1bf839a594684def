package org.trapline.runner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.trapline.target.Reply;
import org.trapline.target.Target;
import org.trapline.target.TargetException;
import org.trapline.trace.Step;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceFormatException;

/**
 * Replays a trace against one target and checks its expectations: each response, and once the
 * trace intercepts interrupts, the exact edges of each command's window. Stops at the first
 * divergence, which it reports with the commands before it and the device state.
 */
public final class Replayer {
    /** How many earlier commands a divergence report shows. */
    public static final int CONTEXT = 8;

    private Replayer() {
    }

    /**
     * @throws TraceFormatException when the target cannot take a command of the trace (named by line)
     */
    public static ReplayResult replay(Trace trace, Target target) throws TraceFormatException {
        Deque<Step> recent = new ArrayDeque<>(CONTEXT + 1);
        long checks = 0;
        int run = 0;
        for (Step step : trace.steps()) {
            Reply reply;
            try {
                reply = target.send(step.command());
            } catch (TargetException e) {
                throw new TraceFormatException(trace.file(), step.line(), target.name() + ": " + e.getMessage());
            }
            run++;
            if (step.expect() != null) {
                checks++;
                if (!step.expect().matches(reply.response())) {
                    return failed(trace, target, step, recent, run, checks, "response",
                            step.expect().describe(), reply.response());
                }
            }
            if (trace.irqChecked()) {
                checks++;
                if (!step.irqEvents().equals(reply.irqEvents())) {
                    return failed(trace, target, step, recent, run, checks, "interrupt edges",
                            edges(step.irqEvents()), edges(reply.irqEvents()));
                }
            }
            recent.addLast(step);
            if (recent.size() > CONTEXT) {
                recent.removeFirst();
            }
        }
        return new ReplayResult(trace, run, checks, Optional.empty());
    }

    static String edges(List<String> events) {
        return events.isEmpty() ? "(none)" : String.join(", ", events);
    }

    private static ReplayResult failed(Trace trace, Target target, Step step, Deque<Step> recent, int run, long checks,
                                       String what, String expected, String actual) {
        List<String> before = new ArrayList<>();
        for (Step s : recent) {
            before.add(s.line() + ": " + s.command().text());
        }
        Divergence d = new Divergence(trace.file(), step.line(), step.command().text(), what, expected, actual,
                step.citation(), before, target.describeState());
        return new ReplayResult(trace, run, checks, Optional.of(d));
    }
}
