package org.trapline.models.pit;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trapline.models.pit.PitQuirks.*;
import static org.trapline.models.pit.PitBoard.pulse;

import org.junit.jupiter.api.Test;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** Each QEMU departure: the datasheet's behaviour in the hardware profile, QEMU's with the quirk. */
class PitQuirksTest {
    private final PitBoard hw = PitBoard.hardware();
    private final PitBoard q = PitBoard.qemu();

    @Test
    void theLedgerIsWhatQemuPcSwitchesOn() {
        assertThat(Pit8254.qemuQuirks()).containsExactlyElementsOf(PitQuirks.all()).doesNotHaveDuplicates();
        assertThat(Profile.QEMU_PC.quirks()).containsAll(PitQuirks.all());
        assertThat(PitQuirks.all()).containsAll(PitQuirks.countingArithmetic());
        assertThat(PitQuirks.all()).allSatisfy(qk -> {
            assertThat(qk.id()).startsWith("pit.");
            assertThat(qk.citation()).containsAnyOf("231164", "290550").contains("QEMU");
        });
        var machine = Profile.QEMU_PC.build(MachineConfig.defaults());
        assertThat(machine.devices()).contains(machine.pit());
        assertThat(machine.devicesAtPort(0x43)).containsExactly(machine.pit());
        assertThat(machine.devicesAtPort(0x61)).containsExactly(machine.pit());
        assertThat(machine.devicesAtPort(0x44)).isEmpty();
    }

    @Test
    void qemusArithmeticComesWholeAndItsOptionsNeedIt() {
        assertThat(QEMU_TICKS.requires()).containsExactlyInAnyOrder(COUNT_TAKES_EFFECT_AT_ONCE, GATE_LEVEL_IGNORED,
                OUT_INVERTED, CONTROL_WORD_KEEPS_COUNTING);
        assertThat(OUT_INVERTED.requires()).containsExactlyInAnyOrder(QEMU_TICKS, COUNT_TAKES_EFFECT_AT_ONCE,
                GATE_LEVEL_IGNORED, CONTROL_WORD_KEEPS_COUNTING);
        assertThat(MODE3_ODD_COUNT_READS.requires()).containsExactly(QEMU_TICKS);
        assertThat(MODES_6_7_UNALIASED.requires()).containsExactly(QEMU_TICKS);
        assertThat(COUNTING_AT_RESET.requires()).containsExactly(QEMU_TICKS);
        assertThat(BCD_NOT_COUNTED.requires()).isEmpty();
        assertThat(PORT61_REFRESH_TOGGLES_ON_READ.requires()).isEmpty();
        assertThat(Quirk.closure(List.of(MODE3_ODD_COUNT_READS))).containsExactlyInAnyOrder(MODE3_ODD_COUNT_READS,
                QEMU_TICKS, COUNT_TAKES_EFFECT_AT_ONCE, GATE_LEVEL_IGNORED, OUT_INVERTED, CONTROL_WORD_KEEPS_COUNTING);
        assertThat(Quirk.closure(Profile.QEMU_PC.quirks())).isEqualTo(Profile.QEMU_PC.quirks());
    }

    @Test
    void aPitWithPartOfQemusArithmeticIsRefused() {
        assertThatThrownBy(() -> pitWith(Set.of(QEMU_TICKS))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("incoherent quirks: pit.qemu-ticks needs pit.control-word-keeps-counting, "
                        + "pit.count-takes-effect-at-once, pit.gate-level-ignored, pit.out-inverted");
        assertThatThrownBy(() -> pitWith(Set.of(COUNTING_AT_RESET))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("incoherent quirks: pit.counting-at-reset needs pit.qemu-ticks");
        assertThatThrownBy(() -> pitWith(Set.of(QEMU_TICKS, COUNT_TAKES_EFFECT_AT_ONCE, GATE_LEVEL_IGNORED,
                OUT_INVERTED))).hasMessageContaining("needs pit.control-word-keeps-counting");
        assertThat(pitWith(Quirk.closure(List.of(QEMU_TICKS)))).isNotNull();
    }

    private static Pit8254 pitWith(Set<Quirk> quirks) {
        return new Pit8254(new Scheduler(new VirtualClock()), quirks, new IrqLine("irq0"));
    }

    @Test
    void qemuTicksLandIrq0OnQemusNanosecond() {
        // QEMU 7.2 answers the first clock_step with 27462700 and IRQ raise 0, the next with 27462701 and lower.
        q.scheduler.advanceToNextDeadline();
        assertThat(q.scheduler.nowNs()).isEqualTo(27_462_700);
        assertThat(q.edges).containsExactly("raise@27462700");
        q.scheduler.advanceToNextDeadline();
        assertThat(q.edges).containsExactly("raise@27462700", "lower@27462701");
        q.scheduler.advanceToNextDeadline();
        q.scheduler.advanceToNextDeadline();
        assertThat(q.edges).last().isEqualTo("raise@54925402");
        // Mode 0, count 3 written at t: OUT after 3 ticks of 1193182 Hz, not 4 pulses of the crystal.
        PitBoard q0 = PitBoard.qemu().out(0x43, 0x10).out(0x40, 3);
        q0.at(10_000);
        PitBoard h0 = PitBoard.hardware().out(0x43, 0x10).out(0x40, 3);
        h0.at(10_000);
        assertThat(q0.edges).contains("raise@2515");
        assertThat(h0.edges).containsExactly("raise@" + pulse(4));
    }

    /** Measured on QEMU 7.2: mode 2, count 1025, one minute: 69 840 IRQ0 rising edges (69 844.8 periods). */
    @Test
    void qemuTicksLoseSomeOfMode2sOneTickPulses() {
        PitBoard q2 = PitBoard.qemu().out(0x43, 0x34).out(0x40, 0x01).out(0x40, 0x04);
        PitBoard h2 = PitBoard.hardware().out(0x43, 0x34).out(0x40, 0x01).out(0x40, 0x04);
        q2.edges.clear();
        h2.edges.clear();
        q2.at(60_000_000_000L);
        h2.at(60_000_000_000L);
        assertThat(risingEdges(q2.edges)).isEqualTo(69_840);
        // 8254 'Mode 2': OUT low for one CLK pulse every N pulses: 71 590 900 pulses a minute / 1025.
        assertThat(risingEdges(h2.edges)).isBetween(69_844L, 69_845L);
    }

    /** Low-to-high changes of IRQ0 (QEMU re-drives a level it already has; qtest reports only changes). */
    private static long risingEdges(List<String> drives) {
        long rises = 0;
        boolean high = false;
        for (String d : drives) {
            boolean nowHigh = d.startsWith("raise");
            if (nowHigh && !high) {
                rises++;
            }
            high = nowHigh;
        }
        return rises;
    }

    @Test
    void countTakesEffectAtOnce() {
        hw.program(0, 2, 10).at(pulse(3));
        hw.out(0x40, 4).out(0x40, 0).at(pulse(4));
        assertThat(hw.latchedCount(0)).as("the period goes on").isEqualTo(7);
        q.program(0, 2, 10).at(2 * 838);
        q.out(0x40, 4).out(0x40, 0).at(3 * 838 + 5);
        assertThat(q.latchedCount(0)).as("restarted at the write").isEqualTo(3);
        // Mode 1 on counter 0: no trigger ever comes on hardware; QEMU counts from the write.
        PitBoard h1 = PitBoard.hardware().program(0, 1, 5);
        h1.at(pulse(3));
        assertThat(h1.out(0)).isTrue();
        PitBoard q1 = PitBoard.qemu().program(0, 1, 5);
        q1.at(1000);
        assertThat(q1.nullCount(0)).isFalse();
        assertThat(q1.latchedCount(0)).isEqualTo(4);
    }

    @Test
    void gateLevelIgnored() {
        hw.out(0x61, 0x01).out(0x43, 0xb4).out(0x42, 100).out(0x42, 0).at(pulse(10));
        hw.out(0x61, 0x00).at(pulse(50));
        assertThat(hw.latchedCount(2)).isEqualTo(91);
        assertThat(hw.out(2)).isTrue();
        q.out(0x61, 0x01).out(0x43, 0xb4).out(0x42, 100).out(0x42, 0).at(10 * 838 + 1);
        q.out(0x61, 0x00).at(50 * 839);
        assertThat(q.latchedCount(2)).as("still counting").isEqualTo(50);
        assertThat(q.out(2)).isFalse();
    }

    @Test
    void outInverted() {
        PitBoard h1 = PitBoard.hardware().out(0x61, 0x01).out(0x43, 0xb2).out(0x42, 5).out(0x42, 0);
        h1.out(0x61, 0x00).out(0x61, 0x01).at(pulse(2));
        assertThat(h1.out(2)).as("datasheet: low while the one-shot counts").isFalse();
        PitBoard q1 = PitBoard.qemu().program(0, 1, 5);
        q1.at(1000);
        assertThat(q1.out(0)).as("QEMU: high while it counts").isTrue();
        q1.at(10_000);
        assertThat(q1.out(0)).isFalse();
        hw.program(0, 2, 3).at(pulse(2));
        assertThat(hw.out(0)).isTrue();
        q.program(0, 2, 3).at(1000);
        assertThat(q.out(0)).as("QEMU mode 2 OUT is low between reloads").isFalse();
        q.at(3 * 839);
        assertThat(q.out(0)).as("and high for the tick of the reload").isTrue();
        PitBoard q4 = PitBoard.qemu().program(0, 4, 3);
        assertThat(q4.out(0)).isFalse();
    }

    @Test
    void controlWordKeepsCounting() {
        hw.program(0, 2, 100).at(pulse(10));
        hw.out(0x43, 0x30).at(pulse(20));
        assertThat(hw.latchedCount(0)).as("stopped at the control word").isEqualTo(91);
        q.program(0, 2, 100).at(10 * 839);
        q.out(0x43, 0x30).at(20 * 839);
        assertThat(q.latchedCount(0)).isEqualTo(80);
    }

    @Test
    void mode3OddCountReads() {
        PitBoard with = PitBoard.with(PitQuirks.QEMU_TICKS, PitQuirks.MODE3_ODD_COUNT_READS).program(0, 3, 5);
        PitBoard without = PitBoard.with(PitQuirks.QEMU_TICKS).program(0, 3, 5);
        int[] a = new int[5];
        int[] b = new int[5];
        for (int d = 0; d < 5; d++) {
            with.at(d * 839L);
            without.at(d * 839L);
            a[d] = with.latchedCount(0);
            b[d] = without.latchedCount(0);
        }
        assertThat(a).containsExactly(5, 3, 1, 4, 2);
        assertThat(b).containsExactly(4, 2, 0, 4, 2);
    }

    @Test
    void modes6And7Unaliased() {
        PitBoard with = PitBoard.with(PitQuirks.QEMU_TICKS, PitQuirks.MODES_6_7_UNALIASED);
        PitBoard without = PitBoard.with(PitQuirks.QEMU_TICKS);
        for (PitBoard b : new PitBoard[] {with, without}) {
            b.out(0x43, 0x3e).out(0x40, 4).out(0x40, 0).at(839);
        }
        assertThat(with.out(0)).as("OUT as mode 0: low until terminal count").isFalse();
        assertThat(without.out(0)).as("mode 3: high in the first half").isTrue();
        assertThat(with.status(0) & 0x0e).isEqualTo(0x0e);
        assertThat(with.latchedCount(0)).as("count as mode 2").isEqualTo(3);
    }

    @Test
    void bcdNotCounted() {
        hw.out(0x43, 0x35).out(0x40, 0x10).out(0x40, 0x00).at(pulse(2));
        assertThat(hw.latchedCount(0)).isEqualTo(0x09);
        PitBoard b = PitBoard.with(PitQuirks.BCD_NOT_COUNTED);
        b.out(0x43, 0x35).out(0x40, 0x10).out(0x40, 0x00).at(pulse(2));
        assertThat(b.latchedCount(0)).isEqualTo(0x0f);
        assertThat(b.status(0) & 1).isEqualTo(1);
    }

    @Test
    void readBackNoNullCount() {
        hw.out(0x43, 0x34);
        assertThat(hw.nullCount(0)).isTrue();
        PitBoard b = PitBoard.with(PitQuirks.READBACK_NO_NULL_COUNT).out(0x43, 0x34);
        assertThat(b.nullCount(0)).isFalse();
        assertThat(q.out(0x43, 0x34).nullCount(0)).isFalse();
    }

    @Test
    void controlWordKeepsLatch() {
        PitBoard b = PitBoard.with(PitQuirks.CONTROL_WORD_KEEPS_LATCH).program(0, 2, 0x1234).at(pulse(1));
        b.out(0x43, 0x00).at(pulse(5)).out(0x43, 0x34);
        assertThat(b.in(0x40)).isEqualTo(0x34);
        assertThat(b.in(0x40)).isEqualTo(0x12);
        hw.program(0, 2, 0x1234).at(pulse(1));
        hw.out(0x43, 0x00).at(pulse(5)).out(0x43, 0x34);
        assertThat(hw.in(0x40)).isEqualTo(0x30);
    }

    @Test
    void controlPortReadsZero() {
        assertThat(hw.in(0x43)).isEqualTo(0xff);
        assertThat(q.in(0x43)).isZero();
    }

    @Test
    void countingAtReset() {
        hw.at(100_000_000);
        assertThat(hw.edges).isEmpty();
        assertThat(hw.in(0x61) & 0x20).isZero();
        q.at(100_000_000);
        // Each timer firing drives the line, the same level at the floored instant, the new one 1 ns later.
        assertThat(q.edges).containsExactly("raise@27462700", "lower@27462701", "lower@54925401", "raise@54925402",
                "raise@82388101", "lower@82388102");
        assertThat(q.status(0)).isEqualTo(0x06 | (q.out(0) ? 0x80 : 0));
        PitBoard stopped = PitBoard.with(PitQuirks.QEMU_TICKS).at(100_000_000);
        assertThat(stopped.edges).isEmpty();
    }

    @Test
    void port61Quirks() {
        PitBoard b = PitBoard.with(PitQuirks.PORT61_NMI_ENABLES_NOT_STORED);
        b.out(0x61, 0x0f);
        assertThat(b.in(0x61) & 0x0f).isEqualTo(0x03);
        assertThat(hw.out(0x61, 0x0f).in(0x61) & 0x0f).isEqualTo(0x0f);
        PitBoard t = PitBoard.with(PitQuirks.PORT61_REFRESH_TOGGLES_ON_READ);
        assertThat(t.in(0x61) & 0x10).isEqualTo(0x10);
        assertThat(t.in(0x61) & 0x10).isZero();
        assertThat(t.in(0x61) & 0x10).isEqualTo(0x10);
        assertThat(hw.in(0x61) & 0x10).isEqualTo(hw.in(0x61) & 0x10);
        t.out(0x61, 0x02);
        t.pit.reset();
        assertThat(t.in(0x61) & 0x12).as("QEMU's pcspk has no reset").isEqualTo(0x02);
    }
}
