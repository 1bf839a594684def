package org.trapline.models.fdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.fdc.FdcQuirks.*;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** The 82078 as its datasheet says (no quirk) beside QEMU's controller with each quirk on. */
class FdcQuirksTest {
    private final IrqLine irq = new IrqLine("irq6");

    private Fdc82078 fdc(Quirk... quirks) {
        return new Fdc82078(Set.of(quirks), irq);
    }

    private static int[] command(Fdc82078 f, int results, int... bytes) {
        for (int b : bytes) {
            f.write(Fdc82078.FIFO, 1, b);
        }
        int[] r = new int[results];
        for (int i = 0; i < results; i++) {
            r[i] = (int) f.read(Fdc82078.FIFO, 1);
        }
        return r;
    }

    private static int[] dumpreg(Fdc82078 f) {
        return command(f, 10, 0x0e);
    }

    @Test
    void theLedgerIsWhatQemuPcSwitchesOn() {
        assertThat(Fdc82078.qemuQuirks()).containsExactlyElementsOf(FdcQuirks.all()).doesNotHaveDuplicates();
        assertThat(Profile.QEMU_PC.quirks()).containsAll(FdcQuirks.all());
        assertThat(Profile.HARDWARE.quirks()).doesNotContainAnyElementsOf(FdcQuirks.all());
        assertThat(FdcQuirks.all()).allSatisfy(q -> {
            assertThat(q.id()).startsWith("fdc.");
            assertThat(q.citation()).contains("82078").contains("QEMU ");
        });
        var machine = Profile.QEMU_PC.build(MachineConfig.defaults());
        assertThat(machine.devicesAtPort(0x3f5)).singleElement().satisfies(d -> assertThat(d.deviceName()).isEqualTo("fdc"));
        assertThat(machine.devicesAtPort(0x3f7)).singleElement().satisfies(d -> assertThat(d.deviceName()).isEqualTo("fdc"));
        assertThat(machine.devicesAtPort(0x3f0)).isEmpty();
        assertThat(machine.devicesAtPort(0x3f6)).singleElement()
                .satisfies(d -> assertThat(d.deviceName()).isEqualTo("ide-primary"));
        var hw = Profile.HARDWARE.build(MachineConfig.defaults());
        assertThat(hw.devicesAtPort(0x3f0)).singleElement().satisfies(d -> assertThat(d.deviceName()).isEqualTo("fdc"));
    }

    @Test
    void sraAnswersOnHardwareOnly() {
        assertThat(fdc().read(Fdc82078.SRA, 1)).isEqualTo(0x40);
        assertThat(fdc(SRA_NOT_DECODED).read(Fdc82078.SRA, 1)).isEqualTo(0xff);
    }

    @Test
    void wideAccessesAreWholeInQemu() {
        Fdc82078 q = fdc(PORTIO_ACCESS);
        assertThat(q.read(Fdc82078.SRB, 2)).isEqualTo(0x0cc0);
        assertThat(q.read(Fdc82078.SRB, 4)).isEqualTo(0xffffffffL);
        q.write(Fdc82078.DOR, 4, 0x00000000);
        assertThat(q.read(Fdc82078.DOR, 1)).isEqualTo(0x0c);
        q.write(Fdc82078.DOR, 2, 0x001c);
        assertThat(q.read(Fdc82078.DOR, 1)).isEqualTo(0x1c);
        // The hardware profile maps byte regions: the bus gives the device byte accesses only.
        var hw = Profile.HARDWARE.build(MachineConfig.defaults());
        assertThat(hw.io().read(0x3f1, 4)).isEqualTo(0x8000_0cc0L);
        var qemu = Profile.QEMU_PC.build(MachineConfig.defaults());
        assertThat(qemu.io().read(0x3f1, 4)).isEqualTo(0xffffffffL);
        assertThat(qemu.io().read(0x3f5, 2)).isEqualTo(0xff00L);
        assertThat(qemu.io().read(0x3f5, 4)).as("whole to the FDC's portio list, past 3F6h").isEqualTo(0xffffffffL);
        assertThat(qemu.io().read(0x3f7, 2)).isEqualTo(0xff80L);
        assertThat(q.read(Fdc82078.DIR, 2)).isEqualTo(0xff80L);
    }

    @Test
    void anMsrReadEndsADorResetInQemuWithoutAnInterrupt() {
        for (boolean quirk : new boolean[] {false, true}) {
            IrqLine line = new IrqLine("irq6");
            Fdc82078 f = new Fdc82078(quirk ? Set.of(MSR_READ_ENDS_RESET) : Set.of(), line);
            f.write(Fdc82078.DOR, 1, 0x08);
            f.read(Fdc82078.MSR, 1);
            assertThat(f.read(Fdc82078.DOR, 1)).isEqualTo(quirk ? 0x0c : 0x08);
            f.write(Fdc82078.DOR, 1, 0x0c);
            assertThat(line.level()).isEqualTo(!quirk);
            assertThat(f.read(Fdc82078.SRA, 1) & 0x80).isEqualTo(quirk ? 0 : 0x80);
        }
    }

    @Test
    void configureResetsTo20hOnHardwareAnd60hInQemu() {
        assertThat(dumpreg(fdc())[8]).isEqualTo(0x20);
        assertThat(dumpreg(fdc(CONFIGURE_RESET_IMPLIED_SEEK))[8]).isEqualTo(0x60);
    }

    @Test
    void anUnlockedResetRestoresConfigureOnHardwareOnly() {
        for (boolean quirk : new boolean[] {false, true}) {
            Fdc82078 f = quirk ? fdc(RESET_KEEPS_CONFIGURE) : fdc();
            command(f, 0, 0x13, 0x00, 0x57, 0x12);
            f.write(Fdc82078.DOR, 1, 0x08);
            f.write(Fdc82078.DOR, 1, 0x0c);
            int[] d = dumpreg(f);
            assertThat(d[8]).isEqualTo(quirk ? 0x57 : 0x20);
            assertThat(d[9]).isEqualTo(quirk ? 0x12 : 0x00);
            // LOCK keeps them on both sides.
            command(f, 0, 0x13, 0x00, 0x57, 0x12);
            assertThat(command(f, 1, 0x94)).containsExactly(0x10);
            f.write(Fdc82078.DSR, 1, 0x80);
            assertThat(dumpreg(f)[8]).isEqualTo(0x57);
            assertThat(dumpreg(f)[7] & 0x80).isEqualTo(0x80);
        }
    }

    @Test
    void aResultReadClearsASeekInterruptInQemuOnly() {
        for (boolean quirk : new boolean[] {false, true}) {
            IrqLine line = new IrqLine("irq6");
            Fdc82078 f = new Fdc82078(quirk ? Set.of(RESULT_READ_CLEARS_INTERRUPT) : Set.of(), line);
            command(f, 0, 0x0f, 0x00, 0x00);
            assertThat(line.level()).isTrue();
            assertThat(command(f, 1, 0x10)).containsExactly(0x90);
            assertThat(line.level()).isEqualTo(!quirk);
            if (quirk) {
                assertThat(command(f, 1, 0x08)).containsExactly(0x80);
            } else {
                assertThat(command(f, 2, 0x08)).containsExactly(0x20, 0x00);
                assertThat(line.level()).isFalse();
            }
        }
    }

    @Test
    void aSeekMovesThePcnOnHardwareButNotInQemuWithoutAMedium() {
        Fdc82078 hw = fdc();
        command(hw, 0, 0x0f, 0x01, 0x05);
        assertThat(command(hw, 2, 0x08)).containsExactly(0x21, 0x05);
        assertThat(dumpreg(hw)).startsWith(0x00, 0x05);
        Fdc82078 q = fdc(SEEK_BOUNDED_BY_MEDIA);
        command(q, 0, 0x0f, 0x01, 0x05);
        assertThat(command(q, 2, 0x08)).containsExactly(0x21, 0x00);
    }

    @Test
    void recalibrateWithoutADriveFailsOnHardware() {
        Fdc82078 hw = fdc();
        command(hw, 0, 0x07, 0x01);
        assertThat(command(hw, 2, 0x08)).containsExactly(0x71, 0x00);
        Fdc82078 q = fdc(RECALIBRATE_WITHOUT_TRACK0);
        command(q, 0, 0x07, 0x01);
        assertThat(command(q, 2, 0x08)).containsExactly(0x21, 0x00);
    }

    @Test
    void senseDriveStatusShowsWpAndT0InQemu() {
        assertThat(command(fdc(), 1, 0x04, 0x05)).containsExactly(0x2d);
        assertThat(command(fdc(SENSE_DRIVE_WP_T0_WITHOUT_DRIVE), 1, 0x04, 0x05)).containsExactly(0x7d);
        Fdc82078 q = fdc(SENSE_DRIVE_WP_T0_WITHOUT_DRIVE);
        command(q, 0, 0x0f, 0x00, 0x03);
        command(q, 2, 0x08);
        assertThat(command(q, 1, 0x04, 0x00)).containsExactly(0x68);
    }

    @Test
    void specifyNdIsTheDmaGateInQemu() {
        Fdc82078 hw = fdc();
        command(hw, 0, 0x03, 0xaf, 0x03);
        assertThat(hw.read(Fdc82078.DOR, 1)).isEqualTo(0x0c);
        assertThat(dumpreg(hw)[5]).isEqualTo(0x03);
        command(hw, 0, 0x03, 0xaf, 0x02);
        assertThat(dumpreg(hw)[5]).isEqualTo(0x02);
        Fdc82078 q = fdc(ND_IS_DOR_DMA_GATE);
        assertThat(dumpreg(q)[5]).isEqualTo(0x01);
        command(q, 0, 0x03, 0xaf, 0x03);
        assertThat(q.read(Fdc82078.DOR, 1)).isEqualTo(0x04);
        assertThat(dumpreg(q)[5]).isEqualTo(0x02);
    }

    @Test
    void dumpregByte5DropsHutInQemu() {
        Fdc82078 hw = fdc();
        command(hw, 0, 0x03, 0xaf, 0x02);
        assertThat(dumpreg(hw)[4]).isEqualTo(0xaf);
        Fdc82078 q = fdc(DUMPREG_SRT_ONLY);
        command(q, 0, 0x03, 0xaf, 0x02);
        assertThat(dumpreg(q)[4]).isEqualTo(0x0a);
    }

    @Test
    void perpendicularModeKeepsEveryDriveOnHardware() {
        Fdc82078 hw = fdc();
        command(hw, 0, 0x12, 0xa7);
        assertThat(dumpreg(hw)[7]).isEqualTo(0x27);
        command(hw, 0, 0x12, 0x02);
        assertThat(dumpreg(hw)[7]).isEqualTo(0x26);
        Fdc82078 q = fdc(PERPENDICULAR_CURRENT_DRIVE);
        command(q, 0, 0x12, 0xa7);
        assertThat(dumpreg(q)[7]).isEqualTo(0x1c);
        command(q, 0, 0x12, 0x02);
        assertThat(dumpreg(q)[7]).isEqualTo(0x1c);
        q.write(Fdc82078.DOR, 1, 0x0d);
        assertThat(dumpreg(q)[7]).isEqualTo(0x00);
    }

    @Test
    void tdrKeepsTapeSelectOnHardwareAndBootSelectInQemu() {
        Fdc82078 hw = fdc();
        hw.write(Fdc82078.TDR, 1, 0xff);
        assertThat(hw.read(Fdc82078.TDR, 1)).isEqualTo(0x03);
        Fdc82078 q = fdc(TDR_BOOT_SELECT_ONLY);
        q.write(Fdc82078.TDR, 1, 0xff);
        assertThat(q.read(Fdc82078.TDR, 1)).isEqualTo(0x04);
        q.write(Fdc82078.DOR, 1, 0x08);
        q.write(Fdc82078.TDR, 1, 0x00);
        assertThat(q.read(Fdc82078.TDR, 1)).isEqualTo(0x04);
    }

    @Test
    void dsrPowerDownResetsInQemuOnly() {
        for (boolean quirk : new boolean[] {false, true}) {
            IrqLine line = new IrqLine("irq6");
            Fdc82078 f = new Fdc82078(quirk ? Set.of(DSR_POWERDOWN_RESETS) : Set.of(), line);
            f.write(Fdc82078.DOR, 1, 0x1d);
            f.write(Fdc82078.DSR, 1, 0x40);
            assertThat(line.level()).isEqualTo(quirk);
            assertThat(f.read(Fdc82078.DOR, 1)).isEqualTo(quirk ? 0x0c : 0x1d);
        }
    }

    @Test
    void drive1AppearsAfterUseInQemu() {
        for (boolean quirk : new boolean[] {false, true}) {
            Fdc82078 f = quirk ? fdc(DRIVE1_APPEARS_WHEN_SELECTED) : fdc();
            f.write(Fdc82078.DOR, 1, 0x0d);
            f.read(Fdc82078.DIR, 1);
            assertThat(f.read(Fdc82078.SRA, 1)).isEqualTo(0x40);
            f.write(Fdc82078.DSR, 1, 0x80);
            assertThat(f.read(Fdc82078.SRA, 1)).isEqualTo(quirk ? 0x80 : 0xc0);
        }
    }

    @Test
    void eachUseOfDrive1MakesItAppearInQemu() {
        int[][] uses = {{0x04, 0x01}, {0x07, 0x01}, {0x0f, 0x01, 0x00}, {0x08}, {0x0e}, {0x12, 0x80}};
        int[] results = {1, 0, 0, 1, 10, 0};
        for (int i = 0; i < uses.length; i++) {
            Fdc82078 f = fdc(DRIVE1_APPEARS_WHEN_SELECTED);
            f.write(Fdc82078.DOR, 1, 0x0d);
            command(f, results[i], uses[i]);
            f.write(Fdc82078.DSR, 1, 0x80);
            assertThat(f.read(Fdc82078.SRA, 1)).as("after %02x", uses[i][0]).isEqualTo(0x80);
        }
        Fdc82078 f = fdc(DRIVE1_APPEARS_WHEN_SELECTED);
        f.write(Fdc82078.DOR, 1, 0x0d);
        f.read(Fdc82078.FIFO, 1);
        f.write(Fdc82078.DSR, 1, 0x80);
        assertThat(f.read(Fdc82078.SRA, 1)).isEqualTo(0x80);
        assertThat(f.interruptPending()).isTrue();
        Fdc82078 untouched = fdc(DRIVE1_APPEARS_WHEN_SELECTED);
        untouched.write(Fdc82078.DOR, 1, 0x0d);
        untouched.write(Fdc82078.DSR, 1, 0x80);
        assertThat(untouched.read(Fdc82078.SRA, 1)).isEqualTo(0xc0);
    }

    @Test
    void aWordWriteReachesTwoRegistersInQemu() {
        Fdc82078 q = fdc(PORTIO_ACCESS);
        q.write(Fdc82078.DOR, 2, 0x031c);
        assertThat(q.read(Fdc82078.DOR, 1)).isEqualTo(0x1c);
        assertThat(q.read(Fdc82078.TDR, 1)).isEqualTo(0x03);
        assertThat(q.interruptPending()).isFalse();
        assertThat(q.read(Fdc82078.SRB, 1)).isEqualTo(0xc1);
    }

    @Test
    void dorShowsTheCommandsDriveInQemu() {
        Fdc82078 hw = fdc();
        command(hw, 1, 0x04, 0x01);
        assertThat(hw.read(Fdc82078.DOR, 1)).isEqualTo(0x0c);
        Fdc82078 q = fdc(DOR_SHOWS_COMMAND_DRIVE);
        command(q, 1, 0x04, 0x01);
        assertThat(q.read(Fdc82078.DOR, 1)).isEqualTo(0x0d);
    }

    @Test
    void everyQuirkTogetherIsQemusController() {
        Fdc82078 q = new Fdc82078(Set.copyOf(FdcQuirks.all()), irq);
        q.write(Fdc82078.DOR, 1, 0x08);
        q.write(Fdc82078.DOR, 1, 0x0c);
        assertThat(irq.level()).isTrue();
        for (int n = 0; n < 4; n++) {
            assertThat(command(q, 2, 0x08)).containsExactly(0xc0 + n, 0x00);
        }
        assertThat(irq.level()).isFalse();
        assertThat(command(q, 1, 0x08)).containsExactly(0x80);
        assertThat(dumpreg(q)).containsExactly(0, 0, 0, 0, 0, 1, 0, 0, 0x60, 0);
    }
}
