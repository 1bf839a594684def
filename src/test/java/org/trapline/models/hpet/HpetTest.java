package org.trapline.models.hpet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** The HPET as the IA-PC HPET 1.0a specifies it (the hardware profile), register by register. */
class HpetTest {
    private final HpetBoard hw = HpetBoard.hardware();

    @Test
    void capabilitiesDescribeAThreeTimer64BitBlockAt100MHz() {
        long gcap = hw.readq(Hpet.GCAP_ID);
        assertThat(gcap & 0xff).as("REV_ID").isEqualTo(1);
        assertThat(gcap >> 8 & 0x1f).as("NUM_TIM_CAP").isEqualTo(2);
        assertThat(gcap >> 13 & 1).as("COUNT_SIZE_CAP").isEqualTo(1);
        assertThat(gcap >> 15 & 1).as("LEG_RT_CAP").isEqualTo(1);
        assertThat(gcap >> 16 & 0xffff).as("VENDOR_ID").isEqualTo(0x8086);
        assertThat(gcap >>> 32).as("COUNTER_CLK_PERIOD fs").isEqualTo(10_000_000L);
        for (int n = 0; n < 3; n++) {
            assertThat(hw.readq(0x100 + 0x20 * n)).isEqualTo(0x4_0000_0030L);
        }
        hw.writel(Hpet.GCAP_ID, 0);
        assertThat(hw.readq(Hpet.GCAP_ID)).isEqualTo(gcap);
    }

    @Test
    void onlyDwordAndQwordAccessesDecode() {
        assertThat(hw.mmio.read(HpetBoard.BASE, 1)).isZero();
        assertThat(hw.mmio.read(HpetBoard.BASE, 2)).isZero();
        assertThat(hw.mmio.read(HpetBoard.BASE + 2, 4)).isZero();
        assertThat(hw.mmio.read(HpetBoard.BASE + 4, 8)).isZero();
        hw.mmio.write(HpetBoard.BASE + Hpet.GEN_CONF, 1, 1);
        hw.mmio.write(HpetBoard.BASE + Hpet.GEN_CONF, 2, 1);
        assertThat(hw.readl(Hpet.GEN_CONF)).isZero();
        assertThat(hw.readl(Hpet.GEN_CONF + 4)).isZero();
        assertThat(hw.readl(0x008)).isZero();
        assertThat(hw.readl(0x118)).isZero();
    }

    @Test
    void theCounterRunsAt10NsATickOnlyWhileEnabled() {
        hw.step(1000);
        assertThat(hw.counter()).isZero();
        hw.writel(Hpet.GEN_CONF, 1);
        hw.step(1_000_000_000L);
        assertThat(hw.counter()).isEqualTo(100_000_000L);
        hw.step(9);
        assertThat(hw.counter()).isEqualTo(100_000_000L);
        hw.step(1);
        assertThat(hw.readq(Hpet.MAIN_CNT)).isEqualTo(100_000_001L);
        hw.writel(Hpet.GEN_CONF, 0);
        hw.step(123_456);
        assertThat(hw.counter()).isEqualTo(100_000_001L);
    }

    @Test
    void aQwordReadOfTheCounterIsOneInstant() {
        hw.writeq(Hpet.MAIN_CNT, 0xffff_fff0L);
        hw.writel(Hpet.GEN_CONF, 1);
        hw.step(160);
        assertThat(hw.readq(Hpet.MAIN_CNT)).isEqualTo(0x1_0000_0000L);
    }

    @Test
    void counterWritesLoadIt() {
        hw.writel(Hpet.MAIN_CNT + 4, 0x1234);
        hw.writel(Hpet.MAIN_CNT, 0x5678);
        assertThat(hw.counter()).isEqualTo(0x1234_0000_5678L);
        hw.writel(Hpet.GEN_CONF, 1);
        hw.step(100);
        hw.writel(Hpet.MAIN_CNT, 7);
        assertThat(hw.counter()).isEqualTo(0x1234_0000_0007L);
        hw.step(100);
        assertThat(hw.counter()).isEqualTo(0x1234_0000_0011L);
    }

    @Test
    void aOneShotTimerPulsesItsRouteAtTheMatchOnly() {
        hw.program(0, 0x404, 1000);
        hw.writel(Hpet.GEN_CONF, 1);
        hw.step(9_999);
        assertThat(hw.edges).isEmpty();
        hw.step(1);
        assertThat(hw.edges).containsExactly("raise 2@10000", "lower 2@10000");
        hw.step(100_000_000_000L);
        assertThat(hw.edges).hasSize(2);
        assertThat(hw.readl(Hpet.GINTR_STA)).isZero();
    }

    @Test
    void aPeriodicTimerAddsItsPeriodAtEachMatchWithoutDrift() {
        hw.program(2, 0x40c, 1000);
        hw.writel(Hpet.GEN_CONF, 1);
        hw.step(10_000L * 1_000_000);
        assertThat(hw.edges).hasSize(2 * 1_000_000).endsWith("raise 2@10000000000", "lower 2@10000000000");
        assertThat(hw.readq(0x148)).isEqualTo(1_000_001_000L);
    }

    @Test
    void everyTimerFiringEveryTickIsNoRunaway() {
        HpetBoard q = HpetBoard.qemu();
        for (int n = 0; n < 4; n++) {
            q.writel(0x100 + 0x20 * n, 0x4c);
            q.writel(0x108 + 0x20 * n, 1);
        }
        q.writel(Hpet.GEN_CONF, 1);
        q.writel(0x160, 0x48); // QEMU's phantom timer is armed only by its own writes
        q.writel(0x160, 0x4c);
        q.step(5_000_000);
        assertThat(q.readl(0x108)).isEqualTo(500_000L);
        assertThat(q.readl(0x168)).isEqualTo(500_000L);
        assertThat(q.edges).hasSizeGreaterThan(1 << 20);
    }

    @Test
    void aLevelInterruptHoldsItsLineUntilTheStatusBitIsCleared() {
        hw.program(1, 0x406, 100);
        hw.writel(Hpet.GEN_CONF, 1);
        hw.step(1000);
        assertThat(hw.edges).containsExactly("raise 2@1000");
        assertThat(hw.readl(Hpet.GINTR_STA)).isEqualTo(2);
        hw.writel(Hpet.GINTR_STA, 0xfffffffdL);
        assertThat(hw.readl(Hpet.GINTR_STA)).isEqualTo(2);
        hw.writel(Hpet.GINTR_STA, 2);
        assertThat(hw.readl(Hpet.GINTR_STA)).isZero();
        assertThat(hw.edges).containsExactly("raise 2@1000", "lower 2@1000");
    }

    @Test
    void theVirtualSetBitAloneLetsAPeriodicWriteReachTheComparator() {
        hw.writel(0x140, 0x8);
        hw.writel(0x148, 0x1000);
        assertThat(hw.readl(0x148)).isEqualTo(0xffffffffL);
        assertThat(hw.hpet.timer(2).period).isEqualTo(0x1000);
        hw.writel(0x140, 0x48);
        hw.writeq(0x148, 0x2_0000_2000L);
        assertThat(hw.readq(0x148)).isEqualTo(0x2_0000_2000L);
        assertThat(hw.hpet.timer(2).period).isEqualTo(0x2_0000_2000L);
        assertThat(hw.readl(0x140) & HpetTimer.TN_VAL_SET_CNF).isZero();
    }

    @Test
    void thirtyTwoBitModeZeroesTheUpperHalvesAndWrapsTheMatch() {
        hw.writel(Hpet.MAIN_CNT, 0xffff_fff0L);
        hw.writel(0x100, 0x10c);
        assertThat(hw.readl(0x10c)).isZero();
        hw.writel(0x100, 0x14c);
        hw.writel(0x108, 0x10);
        hw.writel(0x100, 0x10c);
        hw.writel(0x108, 0x20);
        hw.writel(Hpet.GEN_CONF, 1);
        hw.step(320);
        assertThat(hw.edges).containsExactly("raise 0@320", "lower 0@320");
        assertThat(hw.readl(0x108)).isEqualTo(0x30);
        assertThat(hw.readl(0x10c)).isZero();
    }

    @Test
    void legacyReplacementTakesIrq0AndIrq8AndGivesThemBack() {
        IrqLine pit = new IrqLine("pit");
        IrqLine rtc = new IrqLine("rtc");
        pit.connect(hw.hpet.pitInput());
        rtc.connect(hw.hpet.rtcInput());
        pit.raise();
        rtc.raise();
        assertThat(hw.edges).containsExactly("raise 0@0", "raise 8@0");
        hw.writel(Hpet.GEN_CONF, 2);
        assertThat(hw.pitEnable).containsExactly(false);
        assertThat(hw.edges).endsWith("lower 0@0", "lower 8@0");
        rtc.lower();
        rtc.raise();
        pit.lower();
        assertThat(hw.edges).hasSize(4);
        hw.writel(Hpet.GEN_CONF, 0);
        assertThat(hw.pitEnable).containsExactly(false, true);
        assertThat(hw.edges).endsWith("raise 8@0");
    }

    @Test
    void aLevelInterruptFollowsTheMuxIntoLegacyReplacement() {
        hw.program(0, 0x406, 10);
        hw.writel(Hpet.GEN_CONF, 1);
        hw.step(100);
        hw.writel(Hpet.GEN_CONF, 3);
        assertThat(hw.edges).containsExactly("raise 2@100", "lower 2@100", "raise 0@100");
    }

    @Test
    void resetStopsTheTimersAndClearsTheRegisters() {
        hw.program(0, 0x406, 10);
        hw.writel(Hpet.GEN_CONF, 3);
        hw.step(100);
        hw.hpet.reset();
        assertThat(hw.readl(Hpet.GEN_CONF)).isZero();
        assertThat(hw.readl(Hpet.GINTR_STA)).isZero();
        assertThat(hw.counter()).isZero();
        assertThat(hw.readq(0x100)).isEqualTo(0x4_0000_0030L);
        assertThat(hw.readq(0x108)).isEqualTo(-1L);
        assertThat(hw.hpet.timer(0).armed()).isFalse();
        assertThat(hw.pitEnable).endsWith(true);
    }

    @Test
    void theBoardMapsItAtFed00000AndRoutesThePitThroughIt() {
        var machine = Profile.QEMU_PC.build(MachineConfig.defaults());
        assertThat(machine.devices()).anyMatch(d -> d.deviceName().equals("hpet"));
        assertThat(machine.mmio().read(0xfed00000L, 4)).isEqualTo(0x8086a201L);
        var hardware = Profile.HARDWARE.build(MachineConfig.defaults());
        assertThat(hardware.mmio().read(0xfed00004L, 4)).isEqualTo(0x989680L);
    }

    @Test
    void theOutputsAreThirtyTwo() {
        assertThatThrownBy(() -> new Hpet(new Scheduler(new VirtualClock()), Set.of(), new IrqLine[24], b -> { },
                null, 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 outputs");
    }
}
