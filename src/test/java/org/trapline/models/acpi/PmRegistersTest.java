package org.trapline.models.acpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/** The PIIX4 PM registers at 0x600 on their own bus, under the datasheet and under each QEMU quirk. */
class PmRegistersTest {
    private static final long SEC = 1_000_000_000L;
    final Scheduler scheduler = new Scheduler(new VirtualClock());
    final IrqLine sci = new IrqLine("irq9");
    final PortIoBus io = new PortIoBus();

    private PmRegisters board(Set<Quirk> quirks) {
        PmRegisters pm = new PmRegisters(scheduler, quirks, sci);
        for (Region r : pm.regions()) {
            io.map(r.at(0x600 + r.base()));
        }
        return pm;
    }

    @Test
    void theTimerCountsThe3579545HzClockIn24Bits() {
        board(Set.of());
        scheduler.advanceTo(SEC);
        assertThat(io.read(0x608, 4)).isEqualTo(3_579_545L);
        scheduler.advanceTo(3600 * SEC);
        assertThat(io.read(0x608, 4)).isEqualTo(3600L * 3_579_545L & 0xffffff);
        scheduler.advanceTo(100L * 24 * 3600 * SEC);
        assertThat(io.read(0x608, 4)).as("no overflow of the arithmetic after 100 days")
                .isEqualTo(100L * 24 * 3600 * 3_579_545L & 0xffffff);
    }

    @Test
    void tmrofStsIsClearAtResetOnTheBoardAndSetInQemu() {
        board(Set.of());
        assertThat(io.read(0x600, 2)).isZero();
        PortIoBus other = new PortIoBus();
        PmRegisters qemu = new PmRegisters(scheduler, Set.of(AcpiQuirks.TMROF_STS_AT_RESET), new IrqLine("x"));
        for (Region r : qemu.regions()) {
            other.map(r.at(0x600 + r.base()));
        }
        assertThat(other.read(0x600, 2)).isEqualTo(1);
    }

    @Test
    void anOverflowRaisesSciOnlyWithSciEnOnTheBoard() {
        board(Set.of());
        io.write(0x602, 2, 0x0001); // TMROF_EN
        scheduler.advanceToNextDeadline();
        assertThat(io.read(0x600, 2) & 1).as("bit 23 toggled").isEqualTo(1);
        assertThat(sci.level()).as("SCI_EN clear: an SMI, not SCI").isFalse();
        io.write(0x604, 2, 0x0001);
        assertThat(sci.level()).isTrue();
        io.write(0x600, 2, 0x0001);
        assertThat(sci.level()).as("TMROF_STS cleared").isFalse();
    }

    @Test
    void inQemuSciFollowsTheEventWhateverSciEnSays() {
        board(Set.of(AcpiQuirks.SCI_WITHOUT_SCI_EN));
        io.write(0x602, 2, 0x0001);
        scheduler.advanceToNextDeadline();
        assertThat(sci.level()).isTrue();
        assertThat(scheduler.nowNs()).as("the first toggle of bit 23").isEqualTo((8388608L * SEC + 3_579_544L) / 3_579_545L);
    }

    @Test
    void theBoardKeepsOnlyTheDefinedBitsAndQemuKeepsTheRest() {
        board(Set.of());
        io.write(0x602, 2, 0xffff);
        io.write(0x604, 2, 0xffff);
        assertThat(io.read(0x602, 2)).isEqualTo(0x0521);
        assertThat(io.read(0x604, 2)).isEqualTo(0x1c03);
        PortIoBus other = new PortIoBus();
        for (Region r : new PmRegisters(scheduler, Set.of(AcpiQuirks.RESERVED_BITS_KEPT), new IrqLine("x")).regions()) {
            other.map(r.at(0x600 + r.base()));
        }
        other.write(0x602, 2, 0xffff);
        other.write(0x604, 2, 0xffff);
        assertThat(other.read(0x602, 2)).isEqualTo(0xffff);
        assertThat(other.read(0x604, 2)).isEqualTo(0xdfff);
    }

    @Test
    void bytesAreWhereTheyAreOnTheBoardAndFromTheRegisterStartInQemu() {
        board(Set.of());
        scheduler.advanceTo(SEC); // PMTMR 0x369e99
        io.write(0x602, 2, 0x0500);
        assertThat(io.read(0x603, 1)).isEqualTo(0x05);
        assertThat(io.read(0x609, 1)).isEqualTo(0x9e);
        assertThat(io.read(0x60a, 1)).isEqualTo(0x36);
        io.write(0x605, 1, 0x1c);
        assertThat(io.read(0x604, 2)).isEqualTo(0x1c00);
        PortIoBus other = new PortIoBus();
        for (Region r : new PmRegisters(scheduler, Set.of(AcpiQuirks.NARROW_ACCESS_FROM_REGISTER_START), new IrqLine("x"))
                .regions()) {
            other.map(r.at(0x600 + r.base()));
        }
        other.write(0x602, 2, 0x0500);
        assertThat(other.read(0x603, 1)).isZero();
        assertThat(other.read(0x609, 1)).isEqualTo(0x99);
        other.write(0x604, 2, 0x1c00);
        other.write(0x605, 1, 0x01);
        assertThat(other.read(0x604, 2)).as("the byte replaced the whole register").isEqualTo(0x0001);
    }

    @Test
    void setSciEnSwitchesOnlySciEnAndSciFollows() {
        board(Set.of());
        io.write(0x604, 2, 0x0c00); // SUS_TYP
        io.write(0x602, 2, 0x0001); // TMROF_EN
        scheduler.advanceToNextDeadline();
        assertThat(sci.level()).isFalse();
        PmRegisters pm = new PmRegisters(scheduler, Set.of(), sci);
        io.map(pm.regions()[0].at(0x700));
        io.write(0x702, 2, 0x0001);
        scheduler.advanceToNextDeadline();
        pm.setSciEn(true);
        assertThat(io.read(0x704, 2)).isEqualTo(0x0001);
        assertThat(sci.level()).as("an overflow pending, SCI_EN now set").isTrue();
        io.write(0x704, 2, 0x0c01);
        pm.setSciEn(false);
        assertThat(io.read(0x704, 2)).isEqualTo(0x0c00);
        assertThat(sci.level()).isFalse();
    }

    @Test
    void qemusGpe0BlockClearsStatusByWritingOnesAndKeepsEveryEnableBit() {
        PmRegisters pm = new PmRegisters(scheduler, Set.of(), sci);
        io.map(pm.gpe0Region().at(0xafe0));
        assertThat(io.read(0xafe0, 4)).isZero();
        io.write(0xafe2, 2, 0x1234);
        assertThat(io.read(0xafe0, 4)).isEqualTo(0x12340000L);
        io.write(0xafe0, 4, 0xffffffffL);
        assertThat(io.read(0xafe0, 2)).as("status: a 1 clears, nothing was set").isZero();
        assertThat(io.read(0xafe2, 2)).isEqualTo(0xffff);
        assertThat(pm.registers()).containsEntry("GPE0_STS", "0x0000").containsEntry("GPE0_EN", "0xffff");
        io.write(0xafe3, 1, 0x5a);
        assertThat(io.read(0xafe2, 2)).isEqualTo(0x5aff);
        pm.reset();
        assertThat(io.read(0xafe0, 4)).isZero();
        assertThat(pm.gpe0Region().device().read(4, 1)).isEqualTo(0xff);
        pm.gpe0Region().device().write(4, 1, 0); // beyond the block: ignored, no exception
        assertThat(sci.level()).isFalse();
    }
}
