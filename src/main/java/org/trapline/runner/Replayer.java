package org.trapline.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.trapline.qtest.PortAccess;
import org.trapline.qtest.PortAnswer;
import org.trapline.target.NumericPortAnswers;
import org.trapline.target.Reply;
import org.trapline.target.Target;
import org.trapline.target.TargetException;
import org.trapline.trace.Expectation;
import org.trapline.trace.ParsedAhead;
import org.trapline.trace.Steps;
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
    /** The target, when it answers port commands in numbers; else null. */
    private NumericPortAnswers numericTarget;
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
                Steps steps = (Steps) batch;
                for (int i = 0, n = steps.size(); i < n; i++) {
                    if (!replayer.step(steps, i)) {
                        break replay;
                    }
                }
                replayer.recent.addLastOf(steps);
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
        Steps steps = Steps.of(trace.steps());
        for (int i = 0, n = steps.size(); i < n; i++) {
            if (!replayer.step(steps, i)) {
                break;
            }
        }
        return replayer.result();
    }

    private void begin(TraceHeader h) throws TraceFormatException {
        header = h;
        target = factory.open(h);
        numericTarget = target instanceof NumericPortAnswers n ? n : null;
    }

    /** Runs step {@code i} of a batch; false at a divergence, which stops the replay. */
    private boolean step(Steps steps, int i) throws TraceFormatException {
        long access = steps.access(i);
        long answer = steps.answer(i);
        if (numericTarget != null && access != PortAccess.NONE && answer != PortAnswer.NONE && !steps.checkIrqs(i)) {
            // Nearly every step of a recorded log: a port command and its answer, both numbers.
            long actual = numericTarget.answerPort(access);
            String unanswerable = numericTarget.unanswerable();
            if (unanswerable != null) {
                throw new TraceFormatException(header.file(), steps.line(i), target.name() + ": " + unanswerable);
            }
            run++;
            checks++;
            return actual == answer
                    || diverged(steps, i, "response", PortAnswer.text(answer), PortAnswer.text(actual));
        }
        Reply reply;
        try {
            reply = access == PortAccess.NONE ? target.send(steps.keptCommand(i)) : target.sendPort(access);
        } catch (TargetException e) {
            throw new TraceFormatException(header.file(), steps.line(i), target.name() + ": " + e.getMessage());
        }
        run++;
        if (answer != PortAnswer.NONE) {
            checks++;
            if (!PortAnswer.matches(answer, reply.response())) {
                return diverged(steps, i, "response", PortAnswer.text(answer), reply.response());
            }
        } else {
            Expectation expect = steps.expect(i);
            if (expect != null) {
                checks++;
                if (!expect.matches(reply.response())) {
                    return diverged(steps, i, "response", expect.describe(), reply.response());
                }
            }
        }
        if (steps.checkIrqs(i)) {
            checks++;
            if (!steps.irqEvents(i).equals(reply.irqEvents())) {
                return diverged(steps, i, "interrupt edges", edges(steps.irqEvents(i)), edges(reply.irqEvents()));
            }
        }
        return true;
    }

    private ReplayResult result() {
        return new ReplayResult(header, target.name(), run, checks, Optional.ofNullable(divergence));
    }

    static String edges(List<String> events) {
        return events.isEmpty() ? "(none)" : String.join(", ", events);
    }

    private boolean diverged(Steps steps, int i, String what, String expected, String actual) {
        divergence = new Divergence(header.file(), steps.line(i), steps.command(i).text(), what, expected, actual,
                steps.citation(i), recent.linesBefore(steps, i), target.describeState());
        return false;
    }
}
