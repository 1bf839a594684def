package org.trapline.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.trapline.target.Reply;
import org.trapline.target.Target;
import org.trapline.target.TargetException;
import org.trapline.trace.ParsedAhead;
import org.trapline.trace.Step;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceFormatException;
import org.trapline.trace.TraceHeader;

/**
 * Replays a trace against one target and checks its expectations: each response, and where the
 * trace intercepts interrupts, the exact edges of each command's window. Stops at the first
 * divergence, which it reports with the commands before it and the device state. A trace read
 * from a file streams through in constant memory, whatever its length.
 */
public final class Replayer {
    /** How many earlier commands a divergence report shows. */
    public static final int CONTEXT = RecentCommands.CONTEXT;

    /** Opens the target a trace asks for, once its header has been read. */
    @FunctionalInterface
    public interface TargetFactory {
        Target open(TraceHeader header) throws TraceFormatException;
    }

    private final TargetFactory factory;
    private final RecentCommands recent = new RecentCommands();
    private TraceHeader header;
    private Target target;
    private long checks;
    private int run;
    private Divergence divergence;

    private Replayer(TargetFactory factory) {
        this.factory = factory;
    }

    /**
     * Streams the trace file through the target the factory opens for it; closes that target. The
     * file is parsed on a second thread, a few thousand steps ahead of the replay.
     */
    public static ReplayResult replay(Path file, TargetFactory factory) throws TraceFormatException {
        Replayer replayer = new Replayer(factory);
        try (ParsedAhead ahead = ParsedAhead.start(file)) {
            replayer.begin((TraceHeader) ahead.next());
            replay:
            for (Object batch = ahead.next(); batch != null; batch = ahead.next()) {
                for (Step step : (Step[]) batch) {
                    if (!replayer.step(step)) {
                        break replay;
                    }
                }
            }
        } finally {
            if (replayer.target != null) {
                replayer.target.close();
            }
        }
        return replayer.result();
    }

    /** Replays a trace already in memory against a target the caller owns. */
    public static ReplayResult replay(Trace trace, Target target) throws TraceFormatException {
        Replayer replayer = new Replayer(h -> target);
        replayer.begin(trace.header());
        for (Step step : trace.steps()) {
            if (!replayer.step(step)) {
                break;
            }
        }
        return replayer.result();
    }

    private void begin(TraceHeader h) throws TraceFormatException {
        header = h;
        target = factory.open(h);
    }

    /** Runs one step; false at a divergence, which stops the replay. */
    private boolean step(Step step) throws TraceFormatException {
        Reply reply;
        try {
            reply = target.send(step.command());
        } catch (TargetException e) {
            throw new TraceFormatException(header.file(), step.line(), target.name() + ": " + e.getMessage());
        }
        run++;
        if (step.expect() != null) {
            checks++;
            if (!step.expect().matches(reply.response())) {
                return diverged(step, "response", step.expect().describe(), reply.response());
            }
        }
        if (step.checkIrqs()) {
            checks++;
            if (!step.irqEvents().equals(reply.irqEvents())) {
                return diverged(step, "interrupt edges", edges(step.irqEvents()), edges(reply.irqEvents()));
            }
        }
        recent.add(step);
        return true;
    }

    private ReplayResult result() {
        return new ReplayResult(header, target.name(), run, checks, Optional.ofNullable(divergence));
    }

    static String edges(List<String> events) {
        return events.isEmpty() ? "(none)" : String.join(", ", events);
    }

    private boolean diverged(Step step, String what, String expected, String actual) {
        divergence = new Divergence(header.file(), step.line(), step.command().text(), what, expected, actual,
                step.citation(), recent.lines(), target.describeState());
        return false;
    }
}
