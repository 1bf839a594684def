package org.trapline.models.lapic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.lapic.LocalApic.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Quirk;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.irq.ApicMessage;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** Each QEMU departure: the SDM's behaviour without the quirk, QEMU's with it. */
class LapicQuirksTest {
    private final LocalApicTest.FakePic pic = new LocalApicTest.FakePic();
    final VirtualClock clock = new VirtualClock();
    final Scheduler scheduler = new Scheduler(clock);

    private LocalApic hw() {
        return new LocalApic(0, Set.of(), pic, scheduler);
    }

    private LocalApic q(Quirk quirk) {
        return new LocalApic(0, Set.of(quirk), pic, scheduler);
    }

    private static LocalApic enabled(LocalApic a) {
        a.writeRegister(SVR, 0x1ff);
        return a;
    }

    private static void fixed(LocalApic a, int vector) {
        a.deliver(ApicMessage.of(0, false, vector, ApicMessage.FIXED, true, false));
    }

    @Test
    void theLedgerIsWhatQemuPcSwitchesOn() {
        assertThat(Profile.QEMU_PC.quirks()).containsAll(LapicQuirks.all());
        assertThat(Profile.HARDWARE.quirks()).isEmpty();
        assertThat(LapicQuirks.all()).doesNotHaveDuplicates().allSatisfy(qk -> {
            assertThat(qk.id()).startsWith("lapic.");
            assertThat(qk.device()).isEqualTo("lapic");
            assertThat(qk.citation()).contains("SDM").contains("QEMU");
        });
    }

    @Test
    void theCpusOwnAccessIgnoresTheQtestQuirk() {
        // A vCPU's access to its own page (cpuRead/cpuWrite) is the SDM's whatever the profile: the quirk is qtest's.
        LocalApic a = q(LapicQuirks.QTEST_ACCESS_HAS_NO_CPU);
        assertThat(a.cpuRead(0x30, 4)).isEqualTo(0x0005_0014L);
        assertThat(a.cpuRead(0x32, 1)).isEqualTo(0x05L); // 10.4.1: the byte of the 32-bit register it falls in
        a.cpuWrite(0xf0, 4, 0x1ff);
        assertThat(a.cpuRead(0xf0, 4)).isEqualTo(0x1ffL);
        a.cpuWrite(0xf0, 2, 0x0ff); // 10.4.1: only aligned 32-bit stores write a register
        assertThat(a.cpuRead(0xf0, 4)).isEqualTo(0x1ffL);
        assertThat(a.softwareEnabled()).isTrue();
    }

    @Test
    void qtestAccessHasNoCpu() {
        // Over the board, as qtest reaches it: the hardware profile reads CPU 0's registers, QEMU answers 0.
        Machine hwBoard = Profile.HARDWARE.build(MachineConfig.defaults());
        Machine qemuBoard = Profile.QEMU_PC.build(MachineConfig.defaults());
        assertThat(hwBoard.mmio().read(0xfee00030L, 4)).isEqualTo(0x0005_0014L);
        assertThat(qemuBoard.mmio().read(0xfee00030L, 4)).isZero();
        assertThat(qemuBoard.mmio().read(0xfee000f0L, 1)).isZero();
        hwBoard.mmio().write(0xfee00080L, 4, 0x20);
        qemuBoard.mmio().write(0xfee00080L, 4, 0x20);
        assertThat(hwBoard.lapic().readRegister(TPR)).isEqualTo(0x20);
        assertThat(qemuBoard.lapic().readRegister(TPR)).isZero();
        // The message window above the page: floating on hardware, 0 in QEMU; messages pass on both.
        assertThat(hwBoard.mmio().read(0xfeeff000L, 4)).isEqualTo(0xffff_ffffL);
        assertThat(qemuBoard.mmio().read(0xfeeff000L, 4)).isZero();
        for (Machine m : new Machine[] {hwBoard, qemuBoard}) {
            m.lapic().writeRegister(SVR, 0x1ff);
            m.mmio().write(0xfeeff000L, 4, 0x41);
            assertThat(m.lapic().irr(0x41)).isTrue();
            assertThat(m.devicesAtAddress(0xfee00000L)).extracting(d -> d.deviceName()).containsExactly("lapic");
            assertThat(m.devicesAtAddress(0xfee01000L)).extracting(d -> d.deviceName()).containsExactly("apic-msi");
            assertThat(m.interruptController()).isSameAs(m.lapic());
        }
    }

    @Test
    void pageOffset0WriteIsMessage() {
        LocalApic h = enabled(hw());
        LocalApic qa = enabled(q(LapicQuirks.PAGE_OFFSET_0_WRITE_IS_MESSAGE));
        for (LocalApic a : new LocalApic[] {h, qa}) {
            a.writeRegister(0x000, 0x41);
            a.writeRegister(0x004, 0x42); // DM=1: logical destination 0 names nobody
            a.writeRegister(ESR, 0);
            assertThat(a.irr(0x42)).isFalse();
        }
        assertThat(h.irr(0x41)).isFalse();
        assertThat(h.readRegister(ESR)).as("a reserved register").isEqualTo(ESR_ILLEGAL_REGISTER_ADDRESS);
        assertThat(qa.irr(0x41)).isTrue();
        assertThat(qa.readRegister(ESR)).isZero();
        assertThat(enabledAfterOffset0(hw())).isFalse();
        assertThat(enabledAfterOffset0(q(LapicQuirks.PAGE_OFFSET_0_WRITE_IS_MESSAGE))).isTrue();
        // Through the page even without a CPU, as QEMU checks the offset first.
        LocalApic both = new LocalApic(0, Set.of(LapicQuirks.PAGE_OFFSET_0_WRITE_IS_MESSAGE, LapicQuirks.QTEST_ACCESS_HAS_NO_CPU), pic, scheduler);
        enabled(both);
        Region page = both.pageRegion();
        page.device().write(0, 4, 0x51);
        page.device().write(0x80, 4, 0x30);
        assertThat(both.irr(0x51)).isTrue();
        assertThat(both.readRegister(TPR)).isZero();
    }

    private static boolean enabledAfterOffset0(LocalApic a) {
        enabled(a);
        a.writeRegister(0x008, 0x61); // RH=1, physical destination 0
        return a.irr(0x61);
    }

    @Test
    void softwareDisableKeepsLvt() {
        for (LocalApic a : new LocalApic[] {hw(), q(LapicQuirks.SOFTWARE_DISABLE_KEEPS_LVT)}) {
            enabled(a);
            a.writeRegister(LVT_LINT0, 0x700);
            a.writeRegister(SVR, 0xff);
            a.lint0().setLevel(true);
            pic.pending = true;
            boolean quirk = a.readRegister(LVT_LINT0) == 0x700;
            assertThat(a.interruptRequested()).isEqualTo(quirk);
            a.writeRegister(LVT_TIMER, 0x20);
            assertThat(a.readRegister(LVT_TIMER)).isEqualTo(quirk ? 0x20 : 0x1_0020);
        }
        LocalApic a = q(LapicQuirks.SOFTWARE_DISABLE_KEEPS_LVT);
        a.writeRegister(LVT_LINT0, 0x700);
        a.lint0().setLevel(true);
        assertThat(a.acknowledge()).as("the 8259A's vector through a software-disabled APIC").isEqualTo(0x08);
        assertThat(hw().readRegister(LVT_LINT0)).isEqualTo(0x1_0000);
    }

    @Test
    void softwareDisabledAcceptsInterrupts() {
        LocalApic h = hw();
        LocalApic qa = q(LapicQuirks.SOFTWARE_DISABLED_ACCEPTS_INTERRUPTS);
        fixed(h, 0x40);
        fixed(qa, 0x40);
        assertThat(h.irr(0x40)).isFalse();
        assertThat(qa.irr(0x40)).isTrue();
        assertThat(qa.interruptRequested()).as("held until software-enabled").isFalse();
        enabled(qa);
        assertThat(qa.acknowledge()).isEqualTo(0x40);
    }

    @Test
    void extIntMessageIsFixed() {
        LocalApic h = enabled(hw());
        LocalApic qa = enabled(q(LapicQuirks.EXTINT_MESSAGE_IS_FIXED));
        for (LocalApic a : new LocalApic[] {h, qa}) {
            a.deliver(ApicMessage.of(0, false, 0x30, ApicMessage.EXT_INT, true, false));
        }
        assertThat(h.irr(0x30)).isFalse();
        assertThat(h.acknowledge()).isEqualTo(0x08);
        assertThat(qa.irr(0x30)).isTrue();
        assertThat(qa.acknowledge()).isEqualTo(0x30);
        assertThat(qa.isr(0x30)).isTrue();
    }

    @Test
    void illegalVectorAccepted() {
        LocalApic h = enabled(hw());
        LocalApic qa = enabled(q(LapicQuirks.ILLEGAL_VECTOR_ACCEPTED));
        for (LocalApic a : new LocalApic[] {h, qa}) {
            fixed(a, 0x0e);
            a.writeRegister(ICR_LOW, 0x0004_0003);
            a.writeRegister(ESR, 0);
        }
        assertThat(h.highestIrr()).isEqualTo(-1);
        assertThat(h.readRegister(ESR)).isEqualTo(ESR_RECEIVE_ILLEGAL_VECTOR | ESR_SEND_ILLEGAL_VECTOR);
        assertThat(qa.irr(0x0e) && qa.irr(0x03)).isTrue();
        assertThat(qa.readRegister(ESR)).isZero();
    }

    @Test
    void aprReadsZero() {
        LocalApic h = hw();
        LocalApic qa = q(LapicQuirks.APR_READS_ZERO);
        h.writeRegister(TPR, 0x45);
        qa.writeRegister(TPR, 0x45);
        assertThat(h.readRegister(APR)).isEqualTo(0x45);
        assertThat(qa.readRegister(APR)).isZero();
    }

    @Test
    void svrFocusBitDropped() {
        LocalApic h = hw();
        LocalApic qa = q(LapicQuirks.SVR_FOCUS_BIT_DROPPED);
        h.writeRegister(SVR, 0x3ff);
        qa.writeRegister(SVR, 0x3ff);
        assertThat(h.readRegister(SVR)).isEqualTo(0x3ff);
        assertThat(qa.readRegister(SVR)).isEqualTo(0x1ff);
    }

    @Test
    void esrWriteIgnored() {
        LocalApic h = enabled(hw());
        LocalApic qa = enabled(q(LapicQuirks.ESR_WRITE_IGNORED));
        for (LocalApic a : new LocalApic[] {h, qa}) {
            a.writeRegister(LVT_ERROR, 0xfe);
            a.readRegister(0x040);
        }
        assertThat(h.readRegister(ESR)).isZero();
        assertThat(qa.readRegister(ESR)).as("at once").isEqualTo(ESR_ILLEGAL_REGISTER_ADDRESS);
        assertThat(h.irr(0xfe)).isTrue();
        assertThat(qa.irr(0xfe)).as("no error interrupt").isFalse();
        h.writeRegister(ESR, 0);
        qa.writeRegister(ESR, 0);
        assertThat(h.readRegister(ESR)).isEqualTo(ESR_ILLEGAL_REGISTER_ADDRESS);
        qa.writeRegister(ESR, 0);
        assertThat(qa.readRegister(ESR)).as("never cleared").isEqualTo(ESR_ILLEGAL_REGISTER_ADDRESS);
    }

    @Test
    void registersKeepWrittenBits() {
        LocalApic h = enabled(hw());
        LocalApic qa = enabled(q(LapicQuirks.REGISTERS_KEEP_WRITTEN_BITS));
        for (LocalApic a : new LocalApic[] {h, qa}) {
            a.writeRegister(LVT_ERROR, 0xfffe_f0fe);
            a.writeRegister(ICR_HIGH, 0x0100_00ff);
            a.writeRegister(ICR_LOW, 0x0c03_5040);
        }
        assertThat(h.readRegister(LVT_ERROR)).isEqualTo(0x0000_00fe);
        assertThat(qa.readRegister(LVT_ERROR)).isEqualTo(0xfffe_f0fe);
        assertThat(h.readRegister(ICR_HIGH)).isEqualTo(0x0100_0000);
        assertThat(qa.readRegister(ICR_HIGH)).isEqualTo(0x0100_00ff);
        assertThat(h.readRegister(ICR_LOW)).isEqualTo(0x0000_4040);
        assertThat(qa.readRegister(ICR_LOW)).isEqualTo(0x0c03_5040);
    }

    @Test
    void aTraceOfTheSinkSeesEveryMessage() {
        List<ApicMessage> seen = new ArrayList<>();
        LocalApic a = q(LapicQuirks.PAGE_OFFSET_0_WRITE_IS_MESSAGE);
        a.setSystemBus(seen::add);
        a.writeRegister(0x008, 0x4041);
        assertThat(seen).containsExactly(new ApicMessage(0xfee00008L, 0x4041));
    }

    @Test
    void timerCountsNanoseconds() {
        LocalApic h = enabled(hw());
        LocalApic qa = enabled(q(LapicQuirks.TIMER_COUNTS_NANOSECONDS));
        for (LocalApic a : new LocalApic[] {h, qa}) {
            a.writeRegister(DIVIDE_CONFIGURATION, 0xb);
            a.writeRegister(INITIAL_COUNT, 100);
        }
        scheduler.advanceTo(50);
        assertThat(h.readRegister(CURRENT_COUNT)).isEqualTo(95); // 10 ns a tick
        assertThat(qa.readRegister(CURRENT_COUNT)).isEqualTo(50); // 1 ns a tick
    }

    @Test
    void timerPeriodOneTickLong() {
        LocalApic h = enabled(hw());
        LocalApic qa = enabled(q(LapicQuirks.TIMER_PERIOD_ONE_TICK_LONG));
        for (LocalApic a : new LocalApic[] {h, qa}) {
            a.writeRegister(DIVIDE_CONFIGURATION, 0xb);
            a.writeRegister(LVT_TIMER, 0x40);
            a.writeRegister(INITIAL_COUNT, 10);
        }
        scheduler.advanceTo(100);
        assertThat(h.readRegister(CURRENT_COUNT)).isZero();
        assertThat(qa.readRegister(CURRENT_COUNT)).isZero();
        assertThat(h.irr(0x40)).isTrue();
        assertThat(qa.irr(0x40)).as("a tick later").isFalse();
        scheduler.advanceTo(110);
        assertThat(qa.irr(0x40)).isTrue();
        // Periodic: every 10 ticks on hardware, every 11 in QEMU, which reads 0 for the eleventh.
        LocalApic hp = enabled(hw());
        LocalApic qp = enabled(q(LapicQuirks.TIMER_PERIOD_ONE_TICK_LONG));
        for (LocalApic a : new LocalApic[] {hp, qp}) {
            a.writeRegister(DIVIDE_CONFIGURATION, 0xb);
            a.writeRegister(LVT_TIMER, 0x2_0041);
            a.writeRegister(INITIAL_COUNT, 10);
        }
        scheduler.advanceTo(110 + 100);
        assertThat(hp.readRegister(CURRENT_COUNT)).isEqualTo(10);
        assertThat(qp.readRegister(CURRENT_COUNT)).isZero();
    }
}
