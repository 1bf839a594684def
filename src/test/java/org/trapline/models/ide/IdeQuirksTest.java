package org.trapline.models.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trapline.models.ide.AtaChannel.*;
import static org.trapline.models.ide.IdeQuirks.*;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** An ATA channel with no device as ATA/ATAPI-6 has it (no quirk) beside QEMU's with each quirk on. */
class IdeQuirksTest {
    private final IrqLine irq = new IrqLine("irq14");

    private AtaChannel ide(Quirk... quirks) {
        return new AtaChannel("ide-primary", Set.of(quirks), irq);
    }

    private static void control(AtaChannel c, int v) {
        c.controlBlock().device().write(0, 1, v);
    }

    private static long alt(AtaChannel c, int size) {
        return c.controlBlock().device().read(0, size);
    }

    @Test
    void theLedgerIsWhatQemuPcSwitchesOn() {
        assertThat(AtaChannel.qemuQuirks()).containsExactlyElementsOf(IdeQuirks.all()).doesNotHaveDuplicates();
        assertThat(Profile.QEMU_PC.quirks()).containsAll(IdeQuirks.all());
        assertThat(Profile.HARDWARE.quirks()).doesNotContainAnyElementsOf(IdeQuirks.all());
        assertThat(IdeQuirks.all()).allSatisfy(q -> {
            assertThat(q.id()).startsWith("ide.");
            assertThat(q.device()).isEqualTo("ide");
            assertThat(q.citation()).contains("ATA/ATAPI-6").contains("QEMU ");
        });
        for (Profile p : Profile.values()) {
            var machine = p.build(MachineConfig.defaults());
            for (int port : new int[] {0x1f0, 0x1f7, 0x3f6}) {
                assertThat(machine.devicesAtPort(port)).singleElement()
                        .satisfies(d -> assertThat(d.deviceName()).isEqualTo("ide-primary"));
            }
            for (int port : new int[] {0x170, 0x177, 0x376}) {
                assertThat(machine.devicesAtPort(port)).singleElement()
                        .satisfies(d -> assertThat(d.deviceName()).isEqualTo("ide-secondary"));
            }
            assertThat(machine.devicesAtPort(0x1f8)).isEmpty();
            assertThat(machine.devicesAtPort(0x377)).isEmpty();
        }
    }

    @Test
    void aPartialSetIsRefused() {
        assertThatThrownBy(() -> ide(SRST_INTERRUPTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ide.srst-interrupts needs ide.empty-slots-keep-state");
        assertThatThrownBy(() -> ide(NIEN_KEEPS_INTRQ)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SRST_INTERRUPTS.requires()).containsExactly(EMPTY_SLOTS_KEEP_STATE);
        assertThat(NIEN_KEEPS_INTRQ.requires()).containsExactly(EMPTY_SLOTS_KEEP_STATE);
        assertThat(NO_DEVICE_READS_ZERO.requires()).isEmpty();
    }

    @Test
    void registersReadZeroUnderQemuAndTheFloatingBusOnHardware() {
        AtaChannel hw = ide();
        AtaChannel qemu = ide(NO_DEVICE_READS_ZERO);
        for (int r = 0; r < 8; r++) {
            assertThat(hw.read(r, 1)).as("register %d", r).isEqualTo(0x7f);
            assertThat(qemu.read(r, 1)).as("register %d", r).isZero();
        }
        assertThat(hw.read(DATA, 2)).isEqualTo(0xff7f);
        assertThat(qemu.read(DATA, 2)).isZero();
        assertThat(hw.read(DATA, 4)).isEqualTo(0xff7fff7fL);
        assertThat(qemu.read(DATA, 4)).isZero();
        assertThat(alt(hw, 1)).isEqualTo(0x7f);
        assertThat(alt(qemu, 1)).isZero();
    }

    @Test
    void widerAccessesAsQemusPortioListsTakeThem() {
        AtaChannel hw = ide(NO_DEVICE_READS_ZERO);
        AtaChannel qemu = ide(NO_DEVICE_READS_ZERO, PORTIO_ACCESS);
        assertThat(hw.read(DEVICE, 2)).isZero();
        assertThat(qemu.read(STATUS, 2)).isEqualTo(0xff00);
        assertThat(hw.read(SECTOR_COUNT, 4)).isZero();
        assertThat(qemu.read(SECTOR_COUNT, 4)).isEqualTo(0xffffffffL);
        assertThat(qemu.read(LBA_HIGH, 4)).isEqualTo(0xffffffffL);
        assertThat(qemu.read(ERROR, 2)).isZero();
        assertThat(qemu.read(DATA, 2)).isZero();
        assertThat(qemu.read(DATA, 4)).isZero();
        assertThat(alt(qemu, 2)).isEqualTo(0xff00);
        assertThat(alt(qemu, 4)).isEqualTo(0xffffffffL);
        assertThat(qemu.commandBlock().whole()).isTrue();
        assertThat(qemu.controlBlock().whole()).isTrue();
        assertThat(qemu.controlBlock().maxAccess()).isEqualTo(4);
        assertThat(hw.commandBlock().whole()).isFalse();
        assertThat(hw.controlBlock().maxAccess()).isEqualTo(1);
        assertThat(hw.commandBlock().maxAccess()).isEqualTo(4);
    }

    @Test
    void onQemusBusAnUnalignedDwordReachesThePortioListWhole() {
        PortIoBus io = new PortIoBus();
        io.setQemuSplitting(true);
        AtaChannel qemu = ide(NO_DEVICE_READS_ZERO, PORTIO_ACCESS);
        io.map(qemu.commandBlock().at(0x1f0));
        io.map(qemu.controlBlock().at(0x3f6));
        assertThat(io.read(0x1f5, 4)).isEqualTo(0xffffffffL);
        assertThat(io.read(0x1f7, 2)).isEqualTo(0xff00);
        assertThat(io.read(0x1f3, 2)).isZero();
        assertThat(io.read(0x3f6, 2)).isEqualTo(0xff00);
        PortIoBus isa = new PortIoBus();
        AtaChannel hw = ide();
        isa.map(hw.commandBlock().at(0x1f0));
        assertThat(isa.read(0x1f7, 2)).isEqualTo(0xff7f);
        assertThat(isa.read(0x1f5, 4)).isEqualTo(0xff7f7f7fL);
    }

    @Test
    void qemuRunsDevice0sCommandsAndInterrupts() {
        AtaChannel hw = ide();
        hw.write(DEVICE, 1, 0xa0);
        hw.write(COMMAND, 1, 0xec);
        assertThat(irq.level()).isFalse();
        assertThat(hw.registers()).doesNotContainKey("d0.Status");

        AtaChannel qemu = ide(EMPTY_SLOTS_KEEP_STATE);
        qemu.write(DEVICE, 1, 0xa0);
        qemu.write(COMMAND, 1, 0xec);
        assertThat(irq.level()).isTrue();
        assertThat(qemu.registers()).containsEntry("d0.Status", "0x41").containsEntry("d0.Error", "0x04")
                .containsEntry("INTRQ", "1");
        qemu.read(ERROR, 1);
        assertThat(irq.level()).as("only Status acknowledges").isTrue();
        qemu.read(STATUS, 1);
        assertThat(irq.level()).isFalse();
        qemu.write(COMMAND, 1, 0x90);
        assertThat(irq.level()).isTrue();
        assertThat(qemu.registers()).containsEntry("d0.Status", "0x50").containsEntry("d0.Error", "0x01")
                .containsEntry("d0.Sector Count", "0x01").containsEntry("d0.LBA Mid", "0xff");
        // The empty device 1: Command still lowers the line, and nothing runs.
        qemu.write(DEVICE, 1, 0xb0);
        qemu.write(COMMAND, 1, 0xec);
        assertThat(irq.level()).isFalse();
        assertThat(qemu.registers()).containsEntry("DEV", "1").containsEntry("d0.Status", "0x50");
    }

    @Test
    void qemuLatchesTheTaskfileInBothSlots() {
        AtaChannel qemu = ide(EMPTY_SLOTS_KEEP_STATE);
        qemu.write(FEATURES, 1, 0x5a);
        qemu.write(SECTOR_COUNT, 1, 0x11);
        qemu.write(SECTOR_COUNT, 1, 0x12);
        qemu.write(LBA_LOW, 1, 0x22);
        qemu.write(LBA_MID, 1, 0x33);
        qemu.write(LBA_HIGH, 1, 0x44);
        qemu.write(DEVICE, 1, 0x05);
        for (String d : new String[] {"d0.", "d1."}) {
            assertThat(qemu.registers()).containsEntry(d + "Features", "0x5a").containsEntry(d + "Sector Count", "0x12")
                    .containsEntry(d + "LBA Low", "0x22").containsEntry(d + "LBA Mid", "0x33")
                    .containsEntry(d + "LBA High", "0x44").containsEntry(d + "Device", "0xa5")
                    .containsEntry(d + "HOB", "0x00 0x11 0x01 0xff 0xff");
        }
        assertThat(qemu.registers()).containsEntry("DEV", "0");
        control(qemu, 0x80);
        assertThat(qemu.registers()).containsEntry("Device Control", "0x80");
        qemu.write(DATA, 1, 0);
        assertThat(qemu.registers()).as("a Data write keeps HOB").containsEntry("Device Control", "0x80");
        qemu.write(LBA_LOW, 1, 0);
        assertThat(qemu.registers()).as("any other write clears HOB").containsEntry("Device Control", "0x00");
        AtaChannel hw = ide();
        hw.write(SECTOR_COUNT, 1, 0x11);
        assertThat(hw.registers()).containsOnlyKeys("device 0", "device 1", "INTRQ");
    }

    @Test
    void srstInterruptsUnderQemuAndIsSilentAsAtaSays() {
        AtaChannel ata = ide(EMPTY_SLOTS_KEEP_STATE);
        ata.write(SECTOR_COUNT, 1, 0x77);
        control(ata, SRST);
        assertThat(irq.level()).isFalse();
        assertThat(ata.registers()).containsEntry("Device Control", "0x04").containsEntry("d0.Sector Count", "0x01")
                .containsEntry("d0.Error", "0x00");
        control(ata, 0);

        AtaChannel qemu = ide(EMPTY_SLOTS_KEEP_STATE, SRST_INTERRUPTS);
        qemu.write(SECTOR_COUNT, 1, 0x77);
        control(qemu, SRST);
        assertThat(irq.level()).isTrue();
        assertThat(qemu.registers()).containsEntry("Device Control", "0x00").containsEntry("d1.Error", "0x01")
                .containsEntry("d0.Sector Count", "0x01");
        qemu.read(STATUS, 1);
        control(qemu, SRST);
        assertThat(irq.level()).as("SRST cleared itself, so it resets again").isTrue();
        qemu.read(STATUS, 1);
        control(qemu, SRST | NIEN);
        assertThat(irq.level()).isFalse();
    }

    @Test
    void nienReleasesIntrqOnAtaAndOnlyGatesRaisingInQemu() {
        AtaChannel ata = ide(EMPTY_SLOTS_KEEP_STATE);
        ata.write(COMMAND, 1, 0x90);
        assertThat(irq.level()).isTrue();
        control(ata, NIEN);
        assertThat(irq.level()).isFalse();
        control(ata, 0);
        assertThat(irq.level()).as("the pending interrupt shows again").isTrue();
        ata.read(STATUS, 1);
        control(ata, NIEN);
        ata.write(COMMAND, 1, 0x90);
        assertThat(irq.level()).isFalse();
        control(ata, 0);
        assertThat(irq.level()).isTrue();
        ata.read(STATUS, 1);

        AtaChannel qemu = ide(EMPTY_SLOTS_KEEP_STATE, NIEN_KEEPS_INTRQ);
        qemu.write(COMMAND, 1, 0x90);
        control(qemu, NIEN);
        assertThat(irq.level()).isTrue();
        qemu.read(STATUS, 1);
        qemu.write(COMMAND, 1, 0x90);
        assertThat(irq.level()).isFalse();
        control(qemu, 0);
        assertThat(irq.level()).isFalse();
    }

    @Test
    void portioWritesAsQemuTakesThem() {
        AtaChannel qemu = ide(EMPTY_SLOTS_KEEP_STATE, PORTIO_ACCESS, NIEN_KEEPS_INTRQ);
        qemu.write(DEVICE, 2, 0x90b0);
        assertThat(irq.level()).as("DEV=1 then 90h to the empty device 1").isFalse();
        qemu.write(DEVICE, 2, 0x90a0);
        assertThat(irq.level()).isTrue();
        qemu.write(STATUS, 2, 0x90ec);
        assertThat(qemu.registers()).containsEntry("d0.Status", "0x41");
        qemu.write(SECTOR_COUNT, 4, 0x12345678);
        qemu.write(DATA, 4, 0x12345678);
        qemu.write(DATA, 2, 0x1234);
        assertThat(qemu.registers()).containsEntry("d0.Sector Count", "0x01").containsEntry("d0.LBA Low", "0x01");
        qemu.write(SECTOR_COUNT, 2, 0x2211);
        assertThat(qemu.registers()).containsEntry("d1.Sector Count", "0x11").containsEntry("d1.LBA Low", "0x22");
        qemu.controlBlock().device().write(0, 4, NIEN);
        assertThat(qemu.registers()).containsEntry("Device Control", "0x00");
        qemu.controlBlock().device().write(0, 2, 0xff00 | NIEN);
        assertThat(qemu.registers()).containsEntry("Device Control", "0x02");
        assertThat(qemu.read(ERROR, 4)).isEqualTo(0xffffffffL);
        assertThat(irq.level()).as("a dword read of Status does not reach it").isTrue();
        qemu.read(LBA_HIGH, 2);
        assertThat(irq.level()).as("a word at 5 reads LBA High and Device").isTrue();
        qemu.read(DEVICE, 2);
        assertThat(irq.level()).as("a word at 6 reads Device and Status").isFalse();
    }

    @Test
    void theBoardsResetClearsQemusStateAndLeavesTheLine() {
        AtaChannel qemu = ide(EMPTY_SLOTS_KEEP_STATE);
        qemu.write(LBA_MID, 1, 0x33);
        qemu.write(DEVICE, 1, 0x10);
        qemu.write(COMMAND, 1, 0xec);
        control(qemu, NIEN);
        qemu.reset();
        assertThat(qemu.registers()).containsEntry("d0.LBA Mid", "0xff").containsEntry("DEV", "0")
                .containsEntry("Device Control", "0x00").containsEntry("d0.Status", "0x50");
        assertThat(irq.level()).isFalse();
    }

    @Test
    void qemusWiderReadsOfTheFloatingBusWithoutTheZeroQuirk() {
        AtaChannel portio = ide(PORTIO_ACCESS);
        assertThat(portio.read(SECTOR_COUNT, 2)).isEqualTo(0x7f7f);
        assertThat(portio.read(STATUS, 2)).isEqualTo(0xff7f);
        assertThat(portio.read(DATA, 2)).isEqualTo(0xff7f);
        assertThat(portio.read(DATA, 4)).isEqualTo(0xff7fff7fL);
        assertThat(portio.read(DATA, 1)).isEqualTo(0x7f);
    }

    @Test
    void hostByteCyclesReachEachRegisterInTurn() {
        AtaChannel c = ide(EMPTY_SLOTS_KEEP_STATE);
        c.write(SECTOR_COUNT, 4, 0x44332211L);
        assertThat(c.registers()).containsEntry("d0.Sector Count", "0x11").containsEntry("d0.LBA Low", "0x22")
                .containsEntry("d1.LBA Mid", "0x33").containsEntry("d1.LBA High", "0x44");
        c.write(DATA, 2, 0x5555);
        c.write(DATA, 4, 0x55555555L);
        assertThat(c.registers()).containsEntry("d0.Features", "0x00").containsEntry("d0.Sector Count", "0x11");
        c.write(DEVICE, 2, 0x90a0);
        assertThat(irq.level()).as("Device, then EXECUTE DEVICE DIAGNOSTIC").isTrue();
        assertThat(c.registers()).containsEntry("d0.Error", "0x01");
        c.read(DEVICE, 2);
        assertThat(irq.level()).as("the word read's second byte is Status").isFalse();
        c.write(DEVICE, 1, 0xa0);
        c.write(COMMAND, 1, 0x90);
        c.read(LBA_HIGH, 2);
        assertThat(irq.level()).isTrue();
    }

    @Test
    void resetsAndTheDiagnosticRestoreTheSignature() {
        AtaChannel c = ide(EMPTY_SLOTS_KEEP_STATE, SRST_INTERRUPTS);
        c.write(FEATURES, 1, 0x5a);
        c.write(FEATURES, 1, 0x5b);
        c.write(SECTOR_COUNT, 1, 0x77);
        c.write(COMMAND, 1, 0x90);
        assertThat(c.registers()).containsEntry("d0.Sector Count", "0x01").containsEntry("d1.Sector Count", "0x77")
                .containsEntry("d0.Features", "0x5b");
        c.write(COMMAND, 1, 0xec);
        control(c, SRST);
        assertThat(c.registers()).containsEntry("d0.Features", "0x00").containsEntry("d1.Features", "0x00")
                .containsEntry("d0.HOB", "0x00 0x00 0x00 0x00 0x00").containsEntry("d0.Status", "0x50")
                .containsEntry("d1.Sector Count", "0x01");
        c.write(FEATURES, 1, 0x5a);
        c.write(FEATURES, 1, 0x5b);
        c.reset();
        assertThat(c.registers()).containsEntry("d0.Features", "0x00").containsEntry("d0.HOB", "0x00 0x00 0x00 0x00 0x00")
                .containsEntry("d0.Error", "0x00");
    }
}
