package org.trapline.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.trapline.qtest.PortAccess;
import org.trapline.qtest.PortAnswer;
import org.trapline.qtest.QtestCommand;
import org.trapline.qtest.QtestReplies;
import org.trapline.target.NumericPortAnswers;
import org.trapline.target.PollRegisters;
import org.trapline.target.PollRule;
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
    /** The target's poll registers, when it declares them (docs/polls.md); else null. */
    private PollRegisters polls;
    private final PollRun poll = new PollRun();
    private final EdgeWindow window = new EdgeWindow();
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
            replayer.settle(replayer.recent::lines);
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
        replayer.settle(() -> replayer.recent.linesBefore(steps, steps.size()));
        return replayer.result();
    }

    private void begin(TraceHeader h) throws TraceFormatException {
        header = h;
        target = factory.open(h);
        numericTarget = target instanceof NumericPortAnswers n ? n : null;
        polls = target instanceof PollRegisters p ? p : null;
    }

    /** Runs step {@code i} of a batch; false at a divergence, which stops the replay. */
    private boolean step(Steps steps, int i) throws TraceFormatException {
        return polls == null ? plainStep(steps, i) : pollStep(steps, i);
    }

    /**
     * Step {@code i} against a target with poll registers (docs/polls.md): a read of one goes into
     * a poll run; an access that may start a unit's work opens an edge window; any other step, with
     * no window open, is a plain step.
     */
    private boolean pollStep(Steps steps, int i) throws TraceFormatException {
        long access = steps.access(i);
        QtestCommand kept = steps.keptCommand(i);
        int port = -1;
        int size = 0;
        boolean read = false;
        if (access != PortAccess.NONE) {
            port = PortAccess.port(access);
            size = PortAccess.size(access);
            read = !PortAccess.isWrite(access);
        } else if (kept instanceof QtestCommand.PortRead r) {
            port = r.port();
            size = r.size();
            read = true;
        } else if (kept instanceof QtestCommand.PortWrite w) {
            port = w.port();
        }
        PollRule rule = read ? polls.pollRule(port, size) : null;
        String recorded = rule != null ? recordedValue(steps, i) : null;
        if (recorded == null) {
            rule = null;
        }
        if (poll.isActive()) {
            if (rule != null && rule.equals(poll.rule())) {
                return pollRead(steps, i, recorded);
            }
            if (!endPoll(() -> recent.linesBefore(steps, i))) {
                return false;
            }
        }
        if (rule != null) {
            if (window.isOpen() && !window.channel().equals(rule.channel()) && !settleWindow()) {
                return false;
            }
            if (!window.isOpen()) {
                window.open(rule.channel(), steps.line(i), kept, access);
            }
            poll.start(rule, steps.command(i).text());
            return pollRead(steps, i, recorded);
        }
        String unit = port >= 0 ? polls.worksOn(port) : null;
        // A window runs from the first access that may start the unit's work to the poll that closes it: a further
        // access to the same unit (the bus master's stop after its start, the next register write) keeps it open,
        // since QEMU's thread pool may end the work, and raise its interrupt, during any of them.
        if (unit != null && !(window.isOpen() && window.channel().equals(unit))) {
            if (!settleWindow()) {
                return false;
            }
            window.open(unit, steps.line(i), kept, access);
        }
        return window.isOpen() ? windowStep(steps, i) : plainStep(steps, i);
    }

    /** The recorded answer of a port read as QEMU printed it ({@code OK 0x0080}), or null. */
    private static String recordedValue(Steps steps, int i) {
        long answer = steps.answer(i);
        if (answer != PortAnswer.NONE) {
            return answer == PortAnswer.OK ? null : PortAnswer.text(answer);
        }
        return steps.expect(i) instanceof Expectation.Exact e && QtestReplies.valueOf(e.text()) != null
                ? e.text() : null;
    }

    /**
     * One recorded read of the poll: the target is read too unless it has answered "done" already.
     * A recorded "done" value ends the run.
     */
    private boolean pollRead(Steps steps, int i, String recorded) throws TraceFormatException {
        List<String> edges = List.of();
        if (poll.targetToRead()) {
            Reply reply = send(steps, i);
            run++;
            poll.targetRead(reply.response());
            edges = reply.irqEvents();
        }
        if (steps.checkIrqs(i)) {
            window.add(steps.irqEvents(i), edges);
        }
        boolean done = poll.recordedRead(steps.line(i), recorded, QtestReplies.valueOf(recorded));
        return !done || endPoll(() -> recent.linesBefore(steps, i + 1));
    }

    /**
     * Ends the run: the target's last answer must be the recording's, bit for bit, and the edges
     * from the window's first step to the run's last read the same on each line.
     */
    private boolean endPoll(Supplier<List<String>> before) {
        checks++;
        if (!poll.lastMatches()) {
            return divergedPoll("final status", poll.recordedLast(), poll.targetLast(), before);
        }
        poll.end();
        if (!window.checked()) {
            window.close();
            return true;
        }
        checks++;
        if (window.sameEdgesPerLine()) {
            window.close();
            return true;
        }
        return divergedPoll("interrupt edges from line " + window.firstLine() + " (" + window.firstCommand()
                + ") to the poll's last read", edges(window.recorded()), edges(window.actual()), before);
    }

    /** The poll's divergence, at its first read, naming its first and last reads. */
    private boolean divergedPoll(String what, String expected, String actual, Supplier<List<String>> before) {
        divergence = new Divergence(header.file(), poll.firstLine(), poll.describe(header.file()), what, expected,
                actual, null, before.get(), target.describeState());
        return false;
    }

    /** Closes the window with no poll: the first step whose own edges differed is the divergence. */
    private boolean settleWindow() {
        Divergence d = window.firstMismatch();
        window.close();
        if (d != null) {
            divergence = d;
            return false;
        }
        return true;
    }

    /** At the end of the trace: a run still going ends, and an open window settles. */
    private void settle(Supplier<List<String>> before) {
        if (divergence == null && (!poll.isActive() || endPoll(before))) {
            settleWindow();
        }
    }

    /**
     * A step inside an open window: its response is checked at once, its edges join the window's,
     * and a difference in them is kept until the window closes.
     */
    private boolean windowStep(Steps steps, int i) throws TraceFormatException {
        Reply reply = send(steps, i);
        run++;
        if (!responseMatches(steps, i, reply)) {
            Divergence earlier = window.firstMismatch();
            if (earlier != null) {
                divergence = earlier;
                return false;
            }
            return diverged(steps, i, "response", expectedText(steps, i), reply.response());
        }
        if (steps.checkIrqs(i)) {
            checks++;
            window.add(steps.irqEvents(i), reply.irqEvents());
            if (!steps.irqEvents(i).equals(reply.irqEvents())) {
                window.mismatch(divergence(steps, i, "interrupt edges", edges(steps.irqEvents(i)),
                        edges(reply.irqEvents())));
            }
        }
        return !window.countStep() || settleWindow();
    }

    private Reply send(Steps steps, int i) throws TraceFormatException {
        long access = steps.access(i);
        try {
            return access == PortAccess.NONE ? target.send(steps.keptCommand(i)) : target.sendPort(access);
        } catch (TargetException e) {
            throw new TraceFormatException(header.file(), steps.line(i), target.name() + ": " + e.getMessage());
        }
    }

    /** Checks the step's response, if it has an expectation, counting the check. */
    private boolean responseMatches(Steps steps, int i, Reply reply) {
        long answer = steps.answer(i);
        if (answer != PortAnswer.NONE) {
            checks++;
            return PortAnswer.matches(answer, reply.response());
        }
        Expectation expect = steps.expect(i);
        if (expect != null) {
            checks++;
            return expect.matches(reply.response());
        }
        return true;
    }

    private static String expectedText(Steps steps, int i) {
        long answer = steps.answer(i);
        return answer != PortAnswer.NONE ? PortAnswer.text(answer) : steps.expect(i).describe();
    }

    /** Step {@code i} checked on its own: the replay of a target with no poll registers, and outside any window. */
    private boolean plainStep(Steps steps, int i) throws TraceFormatException {
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
        divergence = divergence(steps, i, what, expected, actual);
        return false;
    }

    private Divergence divergence(Steps steps, int i, String what, String expected, String actual) {
        return new Divergence(header.file(), steps.line(i), steps.command(i).text(), what, expected, actual,
                steps.citation(i), recent.linesBefore(steps, i), target.describeState());
    }
}
