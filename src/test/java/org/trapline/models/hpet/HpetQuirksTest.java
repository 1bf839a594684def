package org.trapline.models.hpet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trapline.models.hpet.HpetQuirks.*;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.Profile;

/** Each QEMU departure: the specification's behaviour in the hardware profile, QEMU's with the quirk. */
class HpetQuirksTest {
    private final HpetBoard hw = HpetBoard.hardware();
    private final HpetBoard q = HpetBoard.qemu();

    @Test
    void theLedgerIsWhatQemuPcSwitchesOn() {
        assertThat(Hpet.qemuQuirks()).containsExactlyElementsOf(HpetQuirks.all()).doesNotHaveDuplicates();
        assertThat(Profile.QEMU_PC.quirks()).containsAll(HpetQuirks.all());
        assertThat(Profile.HARDWARE.quirks()).doesNotContainAnyElementsOf(HpetQuirks.all());
        assertThat(HpetQuirks.all()).allSatisfy(qk -> {
            assertThat(qk.id()).startsWith("hpet.");
            assertThat(qk.device()).isEqualTo("hpet");
            assertThat(qk.citation()).contains("IA-PC HPET 1.0a").contains("QEMU hw/timer/hpet.c");
        });
    }

    @Test
    void qemusTimerArithmeticComesWhole() {
        assertThat(Quirk.closure(List.of(PAST_COMPARATOR_FIRES_NEXT_TICK))).containsExactlyInAnyOrderElementsOf(TIMING);
        assertThat(Quirk.closure(List.of(STATUS_NEEDS_INT_ENABLE))).containsExactlyInAnyOrder(STATUS_NEEDS_INT_ENABLE,
                IRQ_DRIVEN_AT_EVENTS);
        assertThat(HALT_CLEARS_STATUS.requires()).containsExactly(IRQ_DRIVEN_AT_EVENTS);
        assertThatThrownBy(() -> with(Set.of(ONE_SHOT_32BIT_WRAP))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hpet.one-shot-32bit-wrap needs hpet.armed-from-access-instant, "
                        + "hpet.past-comparator-fires-next-tick");
    }

    private static Hpet with(Set<Quirk> quirks) {
        IrqLine[] out = new IrqLine[Hpet.OUTPUTS];
        for (int n = 0; n < out.length; n++) {
            out[n] = new IrqLine("o" + n);
        }
        return new Hpet(new Scheduler(new VirtualClock()), quirks, out, b -> { }, null, 4);
    }

    @Test
    void counterNsWrap() {
        for (HpetBoard b : List.of(hw, q)) {
            b.writel(Hpet.MAIN_CNT, 0xffffff00L);
            b.writel(Hpet.MAIN_CNT + 4, 0xffffffffL);
            b.writel(Hpet.GEN_CONF, 1);
            b.step(100);
        }
        assertThat(hw.counter()).isEqualTo(0xffff_ffff_ffff_ff0aL);
        assertThat(q.counter()).isEqualTo(Long.divideUnsigned(0xffff_ffff_ffff_ff00L * 10 + 100, 10));
    }

    @Test
    void counterWriteWhileRunningLost() {
        for (HpetBoard b : List.of(hw, q)) {
            b.writel(Hpet.GEN_CONF, 1);
            b.step(1000);
            b.writel(Hpet.MAIN_CNT, 5);
        }
        assertThat(hw.counter()).isEqualTo(5);
        assertThat(q.counter()).isEqualTo(100);
        hw.writel(Hpet.GEN_CONF, 0);
        q.writel(Hpet.GEN_CONF, 0);
        assertThat(hw.counter()).isEqualTo(5);
        assertThat(q.counter()).isEqualTo(100);
    }

    @Test
    void pastComparatorFiresNextTick() {
        for (HpetBoard b : List.of(hw, q)) {
            b.writel(Hpet.GEN_CONF, 1);
            b.step(1000);
            b.program(0, 0x404, 50);
            b.step(1_000_000);
        }
        assertThat(hw.edges).isEmpty();
        assertThat(q.edges).containsExactly("raise 2@1010", "lower 2@1010");
    }

    @Test
    void periodicMatchFiresTwiceInQemu() {
        for (HpetBoard b : List.of(hw, q)) {
            b.program(2, 0x40c, 100);
            b.writel(Hpet.GEN_CONF, 1);
            b.step(1000);
            b.step(10);
        }
        assertThat(hw.edges).containsExactly("raise 2@1000", "lower 2@1000");
        assertThat(q.edges).containsExactly("raise 2@1000", "lower 2@1000", "raise 2@1010", "lower 2@1010");
        assertThat(hw.readl(0x148)).isEqualTo(200);
        assertThat(q.readl(0x148)).isEqualTo(200);
    }

    @Test
    void armedFromAccessInstant() {
        for (HpetBoard b : List.of(hw, q)) {
            b.writel(Hpet.GEN_CONF, 1);
            b.step(5);
            b.program(0, 0x404, 10);
            b.step(1000);
        }
        assertThat(hw.edges).containsExactly("raise 2@100", "lower 2@100");
        assertThat(q.edges).containsExactly("raise 2@105", "lower 2@105");
    }

    @Test
    void oneShot32BitWrap() {
        for (HpetBoard b : List.of(hw, q)) {
            b.writel(Hpet.MAIN_CNT, 0xffffff00L);
            b.program(0, 0x504, 0x100);
            b.writel(Hpet.GEN_CONF, 1);
            b.step(6000);
        }
        assertThat(hw.edges).containsExactly("raise 2@2560", "lower 2@2560", "raise 2@5120", "lower 2@5120");
        assertThat(q.edges).containsExactly("raise 2@2550", "lower 2@2550", "raise 2@5120", "lower 2@5120");
        // 2^32 ticks later the low half of the counter passes 0 and the comparator again.
        hw.step(42_949_672_960L);
        q.step(42_949_672_960L);
        assertThat(hw.edges).hasSize(8).endsWith("raise 2@42949678080", "lower 2@42949678080");
        assertThat(q.edges).hasSize(4);
    }

    @Test
    void periodWrite() {
        for (HpetBoard b : List.of(hw, q)) {
            b.writel(0x140, 0x48);
            b.writel(0x14c, 3);
            b.writel(0x140, 0x108);
            b.writel(0x148, 0xffffffffL);
        }
        assertThat(hw.readl(0x14c)).isZero();
        assertThat(hw.hpet.timer(2).period).isEqualTo(0xffffffffL);
        assertThat(q.hpet.timer(2).period).isEqualTo(0x7fffffffL);
        for (HpetBoard b : List.of(hw, q)) {
            b.writel(0x120, 0x48);
            b.writel(0x12c, 3);
        }
        assertThat(hw.hpet.timer(1).period).isEqualTo(3L << 32);
        assertThat(q.hpet.timer(1).period).isZero();
        assertThat(hw.readl(0x12c)).isEqualTo(3);
        assertThat(q.readl(0x12c)).isEqualTo(3);
    }

    @Test
    void irqDrivenAtEvents() {
        for (HpetBoard b : List.of(hw, q)) {
            b.program(0, 0x406, 10);
            b.writel(Hpet.GEN_CONF, 1);
            b.step(100);
            b.writel(Hpet.GEN_CONF, 3);
            b.writel(Hpet.GINTR_STA, 1);
        }
        assertThat(hw.edges).containsExactly("raise 2@100", "lower 2@100", "raise 0@100", "lower 0@100");
        // QEMU lowers IRQ0 (already low: no edge) and leaves input 2 high for ever.
        assertThat(q.edges).containsExactly("raise 2@100");
        assertThat(q.outputs[2].level()).isTrue();
    }

    @Test
    void statusNeedsIntEnable() {
        for (HpetBoard b : List.of(hw, q)) {
            b.program(1, 0x402, 10);
            b.writel(Hpet.GEN_CONF, 1);
            b.step(1000);
        }
        assertThat(hw.readl(Hpet.GINTR_STA)).isEqualTo(2);
        assertThat(q.readl(Hpet.GINTR_STA)).isZero();
        assertThat(hw.edges).isEmpty();
    }

    @Test
    void intDisableStopsTimer() {
        for (HpetBoard b : List.of(hw, q)) {
            b.program(2, 0x40c, 100);
            b.writel(Hpet.GEN_CONF, 1);
            b.writel(0x140, 0x408);
            b.step(10_000);
        }
        assertThat(hw.readl(0x148)).isEqualTo(1100);
        assertThat(q.readl(0x148)).isEqualTo(100);
        assertThat(hw.edges).isEmpty();
        assertThat(q.edges).isEmpty();
    }

    @Test
    void haltClearsStatus() {
        for (HpetBoard b : List.of(hw, q)) {
            b.program(1, 0x406, 10);
            b.writel(Hpet.GEN_CONF, 1);
            b.step(100);
            b.writel(Hpet.GEN_CONF, 0);
        }
        assertThat(hw.readl(Hpet.GINTR_STA)).isEqualTo(2);
        assertThat(q.readl(Hpet.GINTR_STA)).isZero();
        hw.writel(Hpet.GEN_CONF, 1);
        q.writel(Hpet.GEN_CONF, 1);
        assertThat(hw.edges).containsExactly("raise 2@100", "lower 2@100", "raise 2@100");
        assertThat(q.edges).containsExactly("raise 2@100", "lower 2@100");
    }

    @Test
    void routeUnchecked() {
        hw.writel(0x100, 0x400);
        q.writel(0x100, 0x400);
        hw.writel(0x100, 0xa00);
        q.writel(0x100, 0xa00);
        assertThat(hw.readl(0x100) >> 9 & 0x1f).isEqualTo(2);
        assertThat(q.readl(0x100) >> 9 & 0x1f).isEqualTo(5);
        q.program(0, 0xa04, 10);
        q.writel(Hpet.GEN_CONF, 1);
        q.step(100);
        assertThat(q.edges).containsExactly("raise 5@100", "lower 5@100");
    }

    @Test
    void fsbEnableWithoutCapability() {
        for (HpetBoard b : List.of(hw, q)) {
            b.writel(0x110, 0x4321);
            b.writel(0x114, 0x1000);
            b.program(0, 0x4404, 10);
            b.writel(Hpet.GEN_CONF, 1);
            b.step(100);
        }
        assertThat(hw.readl(0x100) & HpetTimer.TN_FSB_EN_CNF).isZero();
        assertThat(hw.edges).containsExactly("raise 2@100", "lower 2@100");
        assertThat(hw.ram.read(0x1000, 4)).isZero();
        assertThat(q.readl(0x100) & HpetTimer.TN_FSB_EN_CNF).isNotZero();
        assertThat(q.edges).isEmpty();
        assertThat(q.ram.read(0x1000, 4)).isEqualTo(0x4321);
    }

    @Test
    void phantomTimer() {
        for (HpetBoard b : List.of(hw, q)) {
            b.writel(0x160, 0x406);
            b.writel(0x168, 10);
            b.writel(Hpet.GEN_CONF, 1);
            b.writel(0x160, 0x402);
            b.writel(0x160, 0x406);
            b.step(100);
            b.writel(Hpet.GINTR_STA, 8);
        }
        assertThat(hw.readl(0x160)).isZero();
        assertThat(hw.readl(Hpet.GINTR_STA)).isZero();
        assertThat(hw.edges).isEmpty();
        assertThat(q.readl(0x160)).isEqualTo(0x406);
        assertThat(q.readl(Hpet.GINTR_STA)).isEqualTo(8);
        assertThat(q.edges).containsExactly("raise 2@100");
        q.hpet.reset();
        assertThat(q.readl(0x160)).isEqualTo(0x406);
        assertThat(q.readl(0x100)).isEqualTo(0x30);
    }
}
