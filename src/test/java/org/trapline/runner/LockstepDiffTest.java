package org.trapline.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.trapline.qtest.QtestCommand;
import org.trapline.target.Reply;
import org.trapline.target.Target;
import org.trapline.target.TargetException;
import org.trapline.trace.Step;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceHeader;
import org.trapline.trace.TraceFormatException;

class LockstepDiffTest {
    private static final Path FILE = Path.of("t.qtest");

    /** A target that answers from a table and remembers what it was sent. */
    private static final class Scripted implements Target {
        final List<String> sent = new ArrayList<>();
        final Function<String, Reply> answers;

        Scripted(Function<String, Reply> answers) {
            this.answers = answers;
        }

        @Override
        public Reply send(String command) throws TargetException {
            sent.add(command);
            Reply r = answers.apply(command);
            if (r == null) {
                throw new TargetException("cannot take '" + command + "'");
            }
            return r;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public List<String> describeState() {
            return List.of("pic: IRR=0x08");
        }

        @Override
        public void close() {
        }
    }

    private static Trace trace(String... commands) throws Exception {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < commands.length; i++) {
            steps.add(new Step(10 + i, QtestCommand.parse(commands[i]), null, null, List.of(), false));
        }
        return new Trace(new TraceHeader(FILE, Optional.empty(), Optional.empty(), List.of()), steps);
    }

    private static Function<String, Reply> table(Map<String, Reply> replies) {
        return c -> replies.getOrDefault(c, Reply.of("OK"));
    }

    @Test
    void identicalAnswersPassAndBothTargetsSeeEveryCommand() throws Exception {
        Scripted qemu = new Scripted(table(Map.of("inb 0x20", Reply.of("OK 0x0008"))));
        Scripted model = new Scripted(table(Map.of("inb 0x20", Reply.of("OK 0x0008"))));
        ReplayResult result = LockstepDiff.run(trace("outb 0x20 0x0a", "inb 0x20", "inb 0x21"), qemu, model);
        assertThat(result.passed()).isTrue();
        assertThat(result.commandsRun()).isEqualTo(3);
        assertThat(qemu.sent).containsExactly("outb 0x20 0x0a", "inb 0x20", "inb 0x21");
        assertThat(model.sent).isEqualTo(qemu.sent);
    }

    @Test
    void theFirstDifferentResponseIsTheDivergenceWithQemuAsExpected() throws Exception {
        Scripted qemu = new Scripted(table(Map.of("inb 0x20", Reply.of("OK 0x0008"))));
        Scripted model = new Scripted(table(Map.of("inb 0x20", Reply.of("OK 0x00ff"), "inb 0x21", Reply.of("OK 0x0001"))));
        ReplayResult result = LockstepDiff.run(trace("outb 0x20 0x0a", "inb 0x20", "inb 0x21"), qemu, model);
        Divergence d = result.divergence().orElseThrow();
        assertThat(d.line()).isEqualTo(11);
        assertThat(d.command()).isEqualTo("inb 0x20");
        assertThat(d.what()).isEqualTo("response");
        assertThat(d.expected()).isEqualTo("OK 0x0008");
        assertThat(d.actual()).isEqualTo("OK 0x00ff");
        assertThat(d.before()).containsExactly("10: outb 0x20 0x0a");
        assertThat(d.state()).containsExactly("pic: IRR=0x08");
        assertThat(result.commandsRun()).isEqualTo(2);
        assertThat(d.report("qemu-pc model")).contains("t.qtest:11: inb 0x20");
    }

    @Test
    void differentInterruptEdgesAreADivergence() throws Exception {
        String raise = "set_irq_in /machine/unattached/device[6] unnamed-gpio-in 3 1";
        Scripted qemu = new Scripted(table(Map.of(raise, new Reply("OK", List.of("IRQ raise 3")))));
        Scripted model = new Scripted(table(Map.of()));
        Divergence d = LockstepDiff.run(trace("irq_intercept_in /machine/unattached/device[6]", raise), qemu, model)
                .divergence().orElseThrow();
        assertThat(d.what()).isEqualTo("interrupt edges");
        assertThat(d.expected()).isEqualTo("IRQ raise 3");
        assertThat(d.actual()).isEqualTo("(none)");
    }

    @Test
    void aTargetThatCannotAnswerNamesTheLine() throws Exception {
        Scripted qemu = new Scripted(c -> c.equals("inb 0x21") ? null : Reply.of("OK"));
        Scripted model = new Scripted(c -> Reply.of("OK"));
        assertThatThrownBy(() -> LockstepDiff.run(trace("inb 0x20", "inb 0x21"), qemu, model))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage("t.qtest:11: scripted: cannot take 'inb 0x21'");
    }
}
