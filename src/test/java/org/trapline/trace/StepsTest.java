package org.trapline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.trapline.qtest.PortAccess;
import org.trapline.qtest.PortAnswer;
import org.trapline.qtest.QtestCommand;

class StepsTest {
    private static final QtestCommand INB = new QtestCommand.PortRead("inb 0x21", 0x21, 1);
    private static final QtestCommand OUTB = new QtestCommand.PortWrite("outb 0x21 0xfb", 0x21, 1, 0xfb);
    private static final Expectation OK = new Expectation.Exact("OK");

    @Test
    void aBatchGivesBackTheStepsItWasGivenColumnByColumn() {
        List<Step> steps = List.of(
                new Step(3, OUTB, OK, null, List.of(), false),
                new Step(4, INB, new Expectation.Value(0xfb, 0xff), "8259A OCW1: the IMR reads back", List.of(), false),
                new Step(9, INB, null, null, List.of("IRQ raise 0", "IRQ lower 0"), true));
        Steps batch = Steps.of(steps);
        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.toList()).isEqualTo(steps);
        assertThat(batch.citation(0)).isNull();
        assertThat(batch.irqEvents(1)).isEmpty();
        assertThat(batch.checkIrqs(1)).isFalse();
        assertThat(batch.checkIrqs(2)).isTrue();
    }

    @Test
    void aPackedPortCommandComesBackAsTheCommandItStandsFor() {
        Steps batch = new Steps(4);
        batch.add(5, null, PortAccess.write(0x21, 1, 0xfb), OK, PortAnswer.NONE, null, List.of(), false);
        batch.add(6, null, PortAccess.read(0xcfc, 4), null, PortAnswer.NONE, null, List.of(), false);
        batch.add(7, INB, PortAccess.write(0x80, 1, 1), null, PortAnswer.NONE, null, List.of(), false); // the object wins
        assertThat(batch.keptCommand(0)).isNull();
        assertThat(batch.command(0).text()).isEqualTo("outb 0x21 0xfb");
        assertThat(batch.command(0)).isEqualTo(OUTB);
        assertThat(batch.command(1).text()).isEqualTo("inl 0xcfc");
        assertThat(batch.command(2)).isSameAs(INB);
        assertThat(batch.access(2)).isEqualTo(PortAccess.NONE);
    }

    @Test
    void aPortAnswerIsKeptAsANumberAndComesBackAsTheExpectationOfItsText() {
        Steps batch = new Steps(2);
        batch.add(1, null, PortAccess.read(0x21, 1), null, 0xfb, null, List.of(), false);
        batch.add(2, null, PortAccess.write(0x21, 1, 0xfb), null, PortAnswer.OK, null, List.of(), false);
        batch.add(3, null, PortAccess.read(0xcfc, 4), null, 0x12378086L, null, List.of(), false); // grows
        batch.add(4, INB, PortAccess.NONE, OK, 0x26, null, List.of(), false); // the object wins
        batch.add(5, INB, PortAccess.NONE, null, PortAnswer.NONE, null, List.of(), false);
        assertThat(batch.answer(0)).isEqualTo(0xfb);
        assertThat(batch.expect(0)).isEqualTo(new Expectation.Exact("OK 0x00fb"));
        assertThat(batch.answer(1)).isEqualTo(PortAnswer.OK);
        assertThat(batch.expect(1)).isEqualTo(OK);
        assertThat(batch.expect(2)).isEqualTo(new Expectation.Exact("OK 0x12378086"));
        assertThat(batch.answer(3)).isEqualTo(PortAnswer.NONE);
        assertThat(batch.expect(3)).isSameAs(OK);
        assertThat(batch.answer(4)).isEqualTo(PortAnswer.NONE);
        assertThat(batch.expect(4)).isNull();
    }

    @Test
    void aBatchFilledAgainShowsNothingOfItsStepsBefore() {
        Steps batch = new Steps(2);
        batch.add(1, INB, PortAccess.NONE, OK, PortAnswer.NONE, "cited", List.of("IRQ raise 1"), false);
        batch.add(2, null, PortAccess.read(0x21, 1), null, 0xfb, null, List.of(), false);
        batch.clear();
        batch.add(3, null, PortAccess.read(0xa1, 1), null, 0x12, null, List.of(), false);
        batch.add(4, OUTB, PortAccess.NONE, null, PortAnswer.NONE, null, List.of(), false);
        assertThat(batch.toList()).containsExactly(
                new Step(3, new QtestCommand.PortRead(null, 0xa1, 1), new Expectation.Exact("OK 0x0012"), null, List.of(), false),
                new Step(4, OUTB, null, null, List.of(), false));
        assertThat(batch.keptCommand(0)).isNull();
    }

    @Test
    void linesCountFromTheBatchsBase() {
        Steps batch = new Steps(4);
        batch.add(1, INB, PortAccess.NONE, null, PortAnswer.NONE, null, List.of(), false);
        batch.add(3, INB, PortAccess.NONE, null, PortAnswer.NONE, null, List.of(), false);
        batch.lineBase(1000);
        assertThat(batch.toList()).extracting(Step::line).containsExactly(1001, 1003);
    }

    @Test
    void edgeChecksCanBeSettledAfterTheStepsAreIn() {
        Steps batch = new Steps(4);
        for (int line = 1; line <= 4; line++) {
            batch.add(line, INB, PortAccess.NONE, null, PortAnswer.NONE, null, List.of(), false);
        }
        batch.checkIrqsFrom(2);
        assertThat(batch.toList()).extracting(Step::checkIrqs).containsExactly(false, false, true, true);
        batch.checkIrqsFrom(Integer.MAX_VALUE);
        assertThat(batch.toList()).extracting(Step::checkIrqs).containsOnly(false);
    }

    @Test
    void aStepThatChecksNoEdgesAfterOneThatDoesIsNoTrace() {
        Steps batch = new Steps(4);
        batch.add(1, INB, PortAccess.NONE, null, PortAnswer.NONE, null, List.of(), true);
        assertThatThrownBy(() -> batch.add(2, INB, PortAccess.NONE, null, PortAnswer.NONE, null, List.of(), false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClearedBatchIsEmptyAndForgetsItsRareColumns() {
        Steps batch = new Steps(1);
        for (int line = 1; line <= 40; line++) { // past its first capacity
            batch.add(line, OUTB, PortAccess.NONE, OK, PortAnswer.NONE, "cited", List.of("IRQ raise 2"), true);
        }
        assertThat(batch.size()).isEqualTo(40);
        assertThat(batch.line(39)).isEqualTo(40);
        assertThat(batch.citation(39)).isEqualTo("cited");
        batch.clear();
        assertThat(batch.isEmpty()).isTrue();
        batch.add(7, INB, PortAccess.NONE, null, PortAnswer.NONE, null, List.of(), false);
        assertThat(batch.toList()).containsExactly(new Step(7, INB, null, null, List.of(), false));
    }
}
