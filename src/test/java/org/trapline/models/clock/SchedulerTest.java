package org.trapline.models.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SchedulerTest {
    private final VirtualClock clock = new VirtualClock();
    private final Scheduler scheduler = new Scheduler(clock);
    private final List<String> fired = new ArrayList<>();

    private Timer timer(String name) {
        return scheduler.newTimer(name, () -> fired.add(name + "@" + clock.nowNs()));
    }

    @Test
    void timeStartsAtZeroAndMovesOnlyWhenAdvanced() {
        assertThat(clock.nowNs()).isZero();
        scheduler.advanceTo(1_000);
        assertThat(clock.nowNs()).isEqualTo(1_000);
        assertThat(scheduler.nowNs()).isEqualTo(1_000);
        assertThat(scheduler.clock()).isSameAs(clock);
    }

    @Test
    void guestTimeNeverRunsBackwards() {
        scheduler.advanceTo(500);
        assertThatThrownBy(() -> scheduler.advanceTo(499)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.nowNs()).isEqualTo(500);
    }

    @Test
    void timersFireInDeadlineOrderWithTheClockAtTheirDeadline() {
        timer("late").armAt(300);
        timer("early").armAt(100);
        timer("middle").armAt(200);
        scheduler.advanceTo(250);
        assertThat(fired).containsExactly("early@100", "middle@200");
        assertThat(clock.nowNs()).isEqualTo(250);
        scheduler.advanceTo(300);
        assertThat(fired).containsExactly("early@100", "middle@200", "late@300");
    }

    @Test
    void timersWithTheSameDeadlineFireInTheOrderTheyWereArmed() {
        timer("b").armAt(100);
        timer("a").armAt(100);
        timer("c").armAt(100);
        scheduler.advanceTo(100);
        assertThat(fired).containsExactly("b@100", "a@100", "c@100");
    }

    @Test
    void rearmingMovesTheDeadlineAndDisarmingCancels() {
        Timer t = timer("t");
        Timer u = timer("u");
        t.armAt(100);
        u.armAt(150);
        t.armAt(400);
        u.disarm();
        assertThat(u.isArmed()).isFalse();
        assertThat(u.deadlineNs()).isEqualTo(-1);
        assertThat(t.deadlineNs()).isEqualTo(400);
        assertThat(scheduler.nextDeadlineNs()).isEqualTo(400);
        scheduler.advanceTo(399);
        assertThat(fired).isEmpty();
        scheduler.advanceTo(400);
        assertThat(fired).containsExactly("t@400");
        assertThat(t.isArmed()).isFalse();
        assertThat(scheduler.nextDeadlineNs()).isEqualTo(-1);
    }

    @Test
    void aPeriodicTimerRearmedFromItsEventFiresOncePerPeriod() {
        Timer[] holder = new Timer[1];
        holder[0] = scheduler.newTimer("tick", () -> {
            fired.add("tick@" + clock.nowNs());
            holder[0].armAt(clock.nowNs() + 1_000);
        });
        holder[0].armAt(1_000);
        scheduler.advanceTo(5_500);
        assertThat(fired).containsExactly("tick@1000", "tick@2000", "tick@3000", "tick@4000", "tick@5000");
        assertThat(holder[0].deadlineNs()).isEqualTo(6_000);
    }

    @Test
    void aTimerArmedInThePastFiresAtTheCurrentInstant() {
        scheduler.advanceTo(1_000);
        timer("overdue").armAt(10);
        scheduler.advanceTo(1_000);
        assertThat(fired).containsExactly("overdue@1000");
    }

    @Test
    void advancingToTheNextDeadlineStopsThere() {
        timer("a").armAt(700);
        timer("b").armAt(900);
        scheduler.advanceToNextDeadline();
        assertThat(clock.nowNs()).isEqualTo(700);
        assertThat(fired).containsExactly("a@700");
        scheduler.advanceToNextDeadline();
        assertThat(clock.nowNs()).isEqualTo(900);
        scheduler.advanceToNextDeadline();
        assertThat(clock.nowNs()).isEqualTo(900);
    }

    @Test
    void negativeDeadlinesAreRefused() {
        Timer t = timer("t");
        assertThatThrownBy(() -> t.armAt(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.isArmed()).isFalse();
    }

    @Test
    void aTimerNamesItselfAndItsDeadline() {
        Timer t = timer("pit0");
        assertThat(t.name()).isEqualTo("pit0");
        assertThat(t).hasToString("pit0(disarmed)");
        t.armAt(42);
        assertThat(t).hasToString("pit0@42");
    }

    @Test
    void anHourOfGuestTimeWithNoTimersCostsNoEvents() {
        scheduler.advanceTo(3_600_000_000_000L);
        assertThat(fired).isEmpty();
        assertThat(clock.nowNs()).isEqualTo(3_600_000_000_000L);
    }

    @Test
    void aTimerThatNeverMovesOnIsStoppedWithItsNameInsteadOfHanging() {
        Timer[] stuck = new Timer[1];
        stuck[0] = scheduler.newTimer("stuck", () -> stuck[0].armAt(scheduler.nowNs()));
        stuck[0].armAt(10);
        assertThatThrownBy(() -> scheduler.advanceTo(1_000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runaway timer 'stuck'");
        Timer[] crawling = new Timer[1];
        Scheduler other = new Scheduler(new VirtualClock());
        crawling[0] = other.newTimer("crawling", () -> crawling[0].armAt(other.nowNs() + 1));
        crawling[0].armAt(0);
        assertThatThrownBy(() -> other.advanceTo(3_600_000_000_000L)).hasMessageContaining("runaway timer 'crawling'");
    }

    @Test
    void aFastButHonestTimerRunsItsWholeSecond() {
        // The 8254's fastest output: count 2 in mode 2, two changes of OUT every 1676 ns.
        long[] count = {0};
        Timer[] fast = new Timer[1];
        fast[0] = scheduler.newTimer("fast", () -> {
            count[0]++;
            fast[0].armAt(scheduler.nowNs() + 838);
        });
        fast[0].armAt(838);
        scheduler.advanceTo(1_000_000_000L);
        assertThat(count[0]).isEqualTo(1_000_000_000L / 838);
    }
}
