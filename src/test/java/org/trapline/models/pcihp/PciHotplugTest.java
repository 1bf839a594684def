package org.trapline.models.pcihp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.PortIoBus;

/** QEMU's PCI hotplug registers (docs/specs/acpi_pci_hotplug.rst, hw/acpi/pcihp.c), one bus, slots 0-1 fixed. */
class PciHotplugTest {
    final PciHotplug hp = new PciHotplug(0b11);
    final IoDevice regs = hp.region().device();

    @Test
    void bus0ShowsTheFixedSlotsAsNotRemovable() {
        assertThat(regs.read(PciHotplug.PCI_RMV, 4)).isEqualTo(0xfffffffcL);
        assertThat(regs.read(PciHotplug.PCI_UP, 4)).isZero();
        assertThat(regs.read(PciHotplug.PCI_DOWN, 4)).isZero();
        assertThat(regs.read(PciHotplug.PCI_EJ, 4)).as("no feature bits").isZero();
        assertThat(regs.read(PciHotplug.PCI_SEL, 4)).isZero();
    }

    @Test
    void theSelectorKeepsEveryDwordAndNamesBusesBelow256() {
        regs.write(PciHotplug.PCI_SEL, 4, 0xff);
        assertThat(regs.read(PciHotplug.PCI_SEL, 4)).isEqualTo(0xff);
        assertThat(regs.read(PciHotplug.PCI_RMV, 4)).as("a bus with no device: every slot free").isEqualTo(0xffffffffL);
        regs.write(PciHotplug.PCI_SEL, 4, 0x100);
        assertThat(hp.selector()).isEqualTo(0x100);
        assertThat(regs.read(PciHotplug.PCI_SEL, 4)).as("no bus: even PCI_SEL reads 0").isZero();
        assertThat(regs.read(PciHotplug.PCI_RMV, 4)).isZero();
        regs.write(PciHotplug.PCI_SEL, 4, 0xffffffffL);
        assertThat(regs.read(PciHotplug.PCI_RMV, 4)).as("negative as an int, still no bus").isZero();
        assertThat(hp.registers()).containsEntry("PCI_SEL", "0xffffffff").containsEntry("PCI_RMV", "0x00000000");
    }

    @Test
    void onlyAlignedDwordsReachTheRegisters() {
        assertThat(regs.read(PciHotplug.PCI_RMV, 2)).isZero();
        assertThat(regs.read(PciHotplug.PCI_RMV, 1)).isZero();
        assertThat(regs.read(PciHotplug.PCI_RMV + 1, 4)).isZero();
        assertThat(regs.read(PciHotplug.LENGTH, 4)).isZero();
        assertThat(regs.read(-4, 4)).isZero();
        regs.write(PciHotplug.PCI_SEL, 1, 5);
        regs.write(PciHotplug.PCI_SEL, 2, 5);
        regs.write(PciHotplug.PCI_SEL + 2, 4, 5);
        regs.write(PciHotplug.LENGTH, 4, 5);
        assertThat(hp.selector()).isZero();
    }

    @Test
    void upClearsOnReadDownStaysUntilEjected() {
        hp.hotAdd(3);
        hp.removeRequest(4);
        assertThat(regs.read(PciHotplug.PCI_UP, 4)).isEqualTo(8);
        assertThat(regs.read(PciHotplug.PCI_UP, 4)).isZero();
        assertThat(regs.read(PciHotplug.PCI_DOWN, 4)).isEqualTo(0x10);
        assertThat(regs.read(PciHotplug.PCI_DOWN, 4)).isEqualTo(0x10);
        regs.write(PciHotplug.PCI_EJ, 4, 0x30);
        assertThat(regs.read(PciHotplug.PCI_DOWN, 4)).as("the lowest slot written, 4").isZero();
    }

    @Test
    void anEjectClearsOnlyItsSlotAndOnlyOnBus0() {
        hp.removeRequest(5);
        hp.removeRequest(6);
        regs.write(PciHotplug.PCI_EJ, 4, 0);
        assertThat(regs.read(PciHotplug.PCI_DOWN, 4)).as("no slot").isEqualTo(0x60);
        regs.write(PciHotplug.PCI_SEL, 4, 1);
        regs.write(PciHotplug.PCI_EJ, 4, 0x20);
        regs.write(PciHotplug.PCI_SEL, 4, 0x100);
        regs.write(PciHotplug.PCI_EJ, 4, 0x20);
        regs.write(PciHotplug.PCI_SEL, 4, 0);
        assertThat(regs.read(PciHotplug.PCI_DOWN, 4)).as("other selectors have no bus").isEqualTo(0x60);
        regs.write(PciHotplug.PCI_EJ, 4, 0x40);
        assertThat(regs.read(PciHotplug.PCI_DOWN, 4)).isEqualTo(0x20);
        hp.hotAdd(5);
        regs.write(PciHotplug.PCI_EJ, 4, 0x20);
        assertThat(regs.read(PciHotplug.PCI_UP, 4)).as("eject clears the up bit too").isZero();
        assertThat(regs.read(PciHotplug.PCI_DOWN, 4)).isZero();
    }

    @Test
    void theAcpiIndexIsZeroForEveryDeviceHere() {
        regs.write(PciHotplug.PCI_AIDX, 4, 2);
        assertThat(regs.read(PciHotplug.PCI_AIDX, 4)).isZero();
        assertThat(hp.registers()).containsEntry("PCI_AIDX", "0x00000000").containsEntry("PCI_RMV", "0xfffffffc");
        assertThat(hp.deviceName()).isEqualTo("acpi-pci-hotplug");
    }

    @Test
    void onABusTheNarrowAccessesReadZero() {
        PortIoBus io = new PortIoBus();
        io.setQemuSplitting(true);
        io.map(hp.region().at(0xae00));
        assertThat(io.read(0xae0c, 4)).isEqualTo(0xfffffffcL);
        assertThat(io.read(0xae0c, 2)).isZero();
        assertThat(io.read(0xae0e, 2)).isZero();
        assertThat(io.read(0xae0d, 4)).as("split into pieces none of which is a dword").isZero();
    }

    @Test
    void anAcpiIndexIsReadOnceAndForgottenByAnyWrite() {
        hp.removeRequest(2);
        assertThat(regs.read(PciHotplug.PCI_AIDX, 4)).isZero();
        assertThat(regs.read(PciHotplug.LENGTH - 4, 4)).as("PCI_AIDX is the last dword").isZero();
        assertThat(regs.read(PciHotplug.LENGTH - 4, 2)).isZero();
        assertThat(regs.read(PciHotplug.LENGTH, 4)).isZero();
    }
}
