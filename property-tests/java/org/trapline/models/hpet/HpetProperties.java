package org.trapline.models.hpet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The HPET's main counter and comparators (IA-PC HPET 1.0a 2.3.7, 2.3.9) over long random runs, in the
 * hardware and qemu-pc profiles: the counter moves only while ENABLE_CNF=1, never backwards, one tick per
 * 10 ns of guest time; a periodic timer's interrupts fall on the instants of its matches, with no drift.
 */
class HpetProperties {

    /** One step of a run: guest time passing, the counter halted or started, or written while halted. */
    record Action(int kind, long value) {
    }

    @Provide
    Arbitrary<List<Action>> counterRuns() {
        Arbitrary<Action> step = Arbitraries.longs().between(0, 3_600_000_000_000L).map(ns -> new Action(0, ns));
        Arbitrary<Action> shortStep = Arbitraries.longs().between(0, 25).map(ns -> new Action(0, ns));
        Arbitrary<Action> toggle = Arbitraries.just(new Action(1, 0));
        Arbitrary<Action> write = Arbitraries.longs().between(0, 1L << 56).map(v -> new Action(2, v));
        return Arbitraries.frequencyOf(
                Tuple.of(4, step), Tuple.of(3, shortStep), Tuple.of(2, toggle), Tuple.of(1, write)).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<Boolean> qemu() {
        return Arbitraries.of(false, true);
    }

    @Property(tries = 300)
    void theCounterMovesOneTickPer10NsOnlyWhileEnabled(@ForAll("qemu") boolean qemu,
                                                       @ForAll("counterRuns") List<Action> run) {
        HpetBoard b = qemu ? HpetBoard.qemu() : HpetBoard.hardware();
        boolean enabled = false;
        long base = 0;
        long startNs = 0;
        long last = 0;
        for (Action a : run) {
            switch (a.kind()) {
                case 0 -> b.step(a.value());
                case 1 -> {
                    enabled = !enabled;
                    b.writel(Hpet.GEN_CONF, enabled ? 1 : 0);
                    if (enabled) {
                        startNs = b.scheduler.nowNs();
                    } else {
                        base += (b.scheduler.nowNs() - startNs) / Hpet.TICK_NS;
                    }
                }
                default -> {
                    if (!enabled) {
                        b.writeq(Hpet.MAIN_CNT, a.value());
                        base = a.value();
                        last = base;
                    }
                }
            }
            long expected = enabled ? base + (b.scheduler.nowNs() - startNs) / Hpet.TICK_NS : base;
            long count = b.readq(Hpet.MAIN_CNT);
            assertThat(count).as("the main counter at %d ns", b.scheduler.nowNs()).isEqualTo(expected);
            assertThat(count).as("monotonic").isGreaterThanOrEqualTo(last);
            last = count;
        }
    }

    @Provide
    Arbitrary<List<Long>> steps() {
        return Arbitraries.longs().between(1, 50_000_000_000L).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 200)
    void aPeriodicTimerInterruptsAtEveryMatchWithoutDrift(@ForAll("qemu") boolean qemu,
                                                          @ForAll @LongRange(min = 1000, max = 2_000_000_000L) long period,
                                                          @ForAll @LongRange(min = 1, max = 100_000_000L) long first,
                                                          @ForAll @IntRange(min = 1, max = 20_000) int periods,
                                                          @ForAll("steps") List<Long> steps) {
        HpetBoard b = qemu ? HpetBoard.qemu() : HpetBoard.hardware();
        b.writel(0x140, 0x44c);
        b.writel(0x14c, first >>> 32);
        b.writel(0x140, 0x44c);
        b.writel(0x148, first);
        b.writel(0x148, period);
        b.writel(Hpet.GEN_CONF, 1);
        long endNs = (first + (periods - 1) * period) * Hpet.TICK_NS;
        for (long s : steps) {
            if (b.scheduler.nowNs() + s > endNs) {
                break;
            }
            b.step(s);
        }
        b.scheduler.advanceTo(Math.max(b.scheduler.nowNs(), endNs));
        List<String> expected = new ArrayList<>();
        for (long k = 0; k < periods; k++) {
            long at = (first + k * period) * Hpet.TICK_NS;
            expected.add("raise 2@" + at);
            expected.add("lower 2@" + at);
            if (qemu && at + Hpet.TICK_NS <= endNs) {
                // QEMU advances the comparator only once the counter is past it: a second pulse a tick later
                expected.add("raise 2@" + (at + Hpet.TICK_NS));
                expected.add("lower 2@" + (at + Hpet.TICK_NS));
            }
        }
        assertThat(b.edges).isEqualTo(expected);
        assertThat(b.readq(0x148)).as("the comparator after the last match")
                .isEqualTo(first + (qemu ? periods - 1 : periods) * period);
    }
}
