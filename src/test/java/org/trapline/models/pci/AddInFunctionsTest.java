package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.device.Quirk;
import org.trapline.models.machine.Profile;

/**
 * The add-in functions' configuration space as a guest reads it through CONFIG_ADDRESS/CONFIG_DATA:
 * IDs, class codes, BARs sized by writing all ones (PCI 3.0 §6.2.5.1), the expansion ROM BAR, the
 * header's writable registers and resets. The QEMU values were measured on QEMU 7.2 (the golden
 * traces golden/pcidev-*.trace hold them all).
 */
class AddInFunctionsTest {
    static final PciCard STD_VGA = new PciCard(PciCard.STD_VGA, 2 << 3, false, 64 << 10);
    static final PciCard CIRRUS = new PciCard(PciCard.CIRRUS_VGA, 2 << 3, false, 64 << 10);
    static final PciCard E1000_CARD = new PciCard(PciCard.E1000, 3 << 3, false, 256 << 10);
    static final PciCard UHCI = new PciCard(PciCard.PIIX3_UHCI, 1 << 3 | 2, false, 0);

    static Board board(Set<Quirk> quirks, PciCard... cards) {
        Board b = Board.of(quirks);
        for (PciCard c : cards) {
            b.host.plugCard(c);
        }
        return b;
    }

    static Board qemu(PciCard... cards) {
        return board(Profile.QEMU_PC.quirks(), cards);
    }

    static Board hardware(PciCard... cards) {
        return board(Set.of(), cards);
    }

    /** Writes all ones to a BAR, reads the mask back, restores 0 (PCI 3.0 §6.2.5.1). */
    static long size(Board b, PciCard c, int bar) {
        b.write(c.device(), c.function(), bar, 4, 0xffffffffL);
        long mask = b.read(c.device(), c.function(), bar, 4);
        b.write(c.device(), c.function(), bar, 4, 0);
        return mask;
    }

    @Test
    void stdVgaIsQemusVgaWithAFramebufferAnMmioBlockAndAnOptionRom() {
        for (Board b : new Board[] {qemu(STD_VGA), hardware(STD_VGA)}) {
            assertThat(b.read(2, 0, 0x00, 4)).isEqualTo(0x1111_1234L);
            assertThat(b.read(2, 0, 0x08, 4)).isEqualTo(0x0300_0002L);
            assertThat(b.read(2, 0, 0x0c, 4)).isZero();
            assertThat(b.read(2, 0, 0x10, 4)).isEqualTo(0x8);
            assertThat(size(b, STD_VGA, 0x10)).isEqualTo(0xff00_0008L);
            assertThat(size(b, STD_VGA, 0x14)).isZero();
            assertThat(size(b, STD_VGA, 0x18)).isEqualTo(0xffff_f000L);
            assertThat(size(b, STD_VGA, 0x30)).isEqualTo(0xffff_0001L);
            assertThat(b.read(2, 0, 0x2c, 4)).isEqualTo(0x1100_1af4L);
            assertThat(b.read(2, 0, 0x3c, 4)).isZero();
            b.write(2, 0, 0x40, 4, 0x1234_5678L);
            assertThat(b.read(2, 0, 0x40, 4)).isEqualTo(0x1234_5678L);
        }
    }

    @Test
    void cirrusHas32MiBPrefetchableMemoryA4KiBMmioBarAndAnOptionRom() {
        for (Board b : new Board[] {qemu(CIRRUS), hardware(CIRRUS)}) {
            assertThat(b.read(2, 0, 0x00, 4)).isEqualTo(0x00b8_1013L);
            assertThat(b.read(2, 0, 0x08, 4)).isEqualTo(0x0300_0000L);
            assertThat(size(b, CIRRUS, 0x10)).isEqualTo(0xfe00_0008L);
            assertThat(size(b, CIRRUS, 0x14)).isEqualTo(0xffff_f000L);
            assertThat(size(b, CIRRUS, 0x18)).isZero();
            assertThat(size(b, CIRRUS, 0x30)).isEqualTo(0xffff_0001L);
            assertThat(b.read(2, 0, 0x3d, 1)).isZero();
        }
    }

    @Test
    void e1000HasA128KiBRegisterBarA64ByteIoBarAndA256KiBRom() {
        for (Board b : new Board[] {qemu(E1000_CARD), hardware(E1000_CARD)}) {
            assertThat(b.read(3, 0, 0x00, 4)).isEqualTo(0x100e_8086L);
            assertThat(b.read(3, 0, 0x08, 4)).isEqualTo(0x0200_0003L);
            assertThat(b.read(3, 0, 0x14, 4)).isEqualTo(1);
            assertThat(size(b, E1000_CARD, 0x10)).isEqualTo(0xfffe_0000L);
            assertThat(size(b, E1000_CARD, 0x14)).isEqualTo(0xffff_ffc1L);
            assertThat(size(b, E1000_CARD, 0x18)).isZero();
            assertThat(size(b, E1000_CARD, 0x30)).isEqualTo(0xfffc_0001L);
            assertThat(b.read(3, 0, 0x3c, 4)).isEqualTo(0x0100);
        }
    }

    @Test
    void uhciIsTheSerialBusControllerWithItsIoBarAtBar4AndSbrn() {
        for (Board b : new Board[] {qemu(UHCI), hardware(UHCI)}) {
            assertThat(b.read(1, 2, 0x00, 4)).isEqualTo(0x7020_8086L);
            assertThat(b.read(1, 2, 0x08, 4)).isEqualTo(0x0c03_0001L);
            assertThat(b.read(1, 2, 0x20, 4)).isEqualTo(1);
            assertThat(size(b, UHCI, 0x10)).isZero();
            assertThat(size(b, UHCI, 0x30)).isZero();
            assertThat(b.read(1, 2, 0x3c, 4)).isEqualTo(0x0400);
            assertThat(b.read(1, 2, 0x60, 1)).isEqualTo(0x10);
            assertThat(b.read(1, 2, 0x68, 4)).isEqualTo(0x0001_0000L);
        }
        assertThat(size(qemu(UHCI), UHCI, 0x20)).isEqualTo(0xffff_ffe1L);
        assertThat(size(hardware(UHCI), UHCI, 0x20)).isEqualTo(0x0000_ffe1L);
    }

    @Test
    void theHeadersWritableRegistersAreTheBoardsOnes() {
        Board b = qemu(STD_VGA, E1000_CARD, UHCI);
        for (PciCard c : new PciCard[] {STD_VGA, E1000_CARD, UHCI}) {
            b.write(c.device(), c.function(), 0x04, 4, 0xffff_ffffL);
            assertThat(b.read(c.device(), c.function(), 0x04, 2)).isEqualTo(0x0507);
            b.write(c.device(), c.function(), 0x0c, 4, 0xffff_ffffL);
            assertThat(b.read(c.device(), c.function(), 0x0c, 4) & 0xffff).isEqualTo(0x00ff);
            b.write(c.device(), c.function(), 0x3c, 1, 0xff);
            assertThat(b.read(c.device(), c.function(), 0x3c, 1)).isEqualTo(0xff);
            b.write(c.device(), c.function(), 0x00, 4, 0);
            assertThat(b.read(c.device(), c.function(), 0x00, 4)).isNotZero();
        }
    }

    @Test
    void multifunctionSetsHeaderTypeBit7AndAWiderRomIsSizedByItsFile() {
        PciCard mf = new PciCard(PciCard.E1000, 5 << 3, true, 512 << 10);
        Board b = qemu(mf, new PciCard(PciCard.PIIX3_UHCI, 5 << 3 | 1, false, 0));
        assertThat(b.read(5, 0, 0x0e, 1)).isEqualTo(0x80);
        assertThat(b.read(5, 1, 0x0e, 1)).isZero();
        assertThat(size(b, mf, 0x30)).isEqualTo(0xfff8_0001L);
        assertThat(b.host.function(5, 1).deviceName()).isEqualTo("piix3-uhci");
    }

    @Test
    void aFunctionWithoutRomHasNoRomBar() {
        PciCard noRom = new PciCard(PciCard.STD_VGA, 4 << 3, false, 0);
        assertThat(size(qemu(noRom), noRom, 0x30)).isZero();
    }

    @Test
    void qemusResetRestoresTheHeaderAndUhcisMiscsupButKeepsTheRest() {
        Board b = qemu(STD_VGA, UHCI);
        b.write(2, 0, 0x10, 4, 0xe000_0000L);
        b.write(2, 0, 0x80, 4, 0x1234_5678L);
        b.write(1, 2, 0x6a, 2, 0xabcd);
        b.write(1, 2, 0xc0, 2, 0x1234);
        b.host.reset();
        assertThat(b.read(2, 0, 0x10, 4)).isEqualTo(0x8);
        assertThat(b.read(2, 0, 0x80, 4)).isEqualTo(0x1234_5678L);
        assertThat(b.read(1, 2, 0x6a, 2)).isEqualTo(0x0001);
        assertThat(b.read(1, 2, 0xc0, 2)).isEqualTo(0x1234);
        Board hw = hardware(UHCI);
        hw.write(1, 2, 0xc0, 2, 0x00bf);
        hw.host.reset();
        assertThat(hw.read(1, 2, 0xc0, 2)).isEqualTo(0x2000);
    }

    @Test
    void aCardMustNameAModelledFunctionAndAPowerOfTwoRom() {
        assertThatThrownBy(() -> new PciCard("ne2k_pci", 0x10, false, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ne2k_pci");
        assertThatThrownBy(() -> new PciCard(PciCard.E1000, 0x100, false, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PciCard(PciCard.E1000, -1, false, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PciCard(PciCard.E1000, 0x18, false, 3000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PciCard(PciCard.E1000, 0x2a, false, 0).device()).isEqualTo(5);
        assertThat(new PciCard(PciCard.E1000, 0x2a, false, 0).function()).isEqualTo(2);
        assertThat(STD_VGA.romFile()).isEqualTo("vgabios-stdvga.bin");
        assertThat(CIRRUS.romFile()).isEqualTo("vgabios-cirrus.bin");
        assertThat(E1000_CARD.romFile()).isEqualTo("efi-e1000.rom");
        assertThat(UHCI.romFile()).isNull();
    }

    @Test
    void aTakenAddressIsRefused() {
        Board b = qemu(STD_VGA);
        assertThatThrownBy(() -> b.host.plugCard(CIRRUS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("00:02.0");
    }

    @Test
    void theReportNamesTheRegisters() {
        Board b = hardware(E1000_CARD, UHCI);
        assertThat(b.host.function(3, 0).registers()).containsEntry("dch Capability ID", "0x01")
                .containsEntry("deh PMC", "0xc822").containsEntry("14h BAR1 (IO register base)", "0x00000001");
        assertThat(b.host.function(1, 2).registers()).containsEntry("c0h LEGSUP", "0x2000").containsEntry("60h SBRN", "0x10");
    }

    @Test
    void pmMachineReadyRecordsTheLegacyPortsThatDecode() {
        Board b = Board.qemu();
        b.host.machineReady(port -> port == 0x3f8 || port == 0x378);
        assertThat(b.read(1, 3, 0x5c, 4)).isEqualTo(0x9000_0000L);
        assertThat(b.read(1, 3, 0x64, 4)).isEqualTo(0x0800_0000L);
        b.host.machineReady(port -> port == 0x2f8);
        assertThat(b.read(1, 3, 0x5c, 4)).isEqualTo(0x1000_0000L);
        assertThat(b.read(1, 3, 0x64, 4)).isEqualTo(0x9000_0000L);
        b.write(1, 3, 0x64, 4, 0);
        b.host.reset();
        assertThat(b.read(1, 3, 0x64, 4)).as("QEMU's reset keeps 67h as written").isZero();
        Board hw = Board.hardware();
        hw.write(1, 3, 0x64, 4, 0);
        hw.host.machineReady(port -> port == 0x2f8 || port == 0x378);
        hw.host.machineReady(port -> port == 0x3f8);
        hw.write(1, 3, 0x64, 4, 0);
        hw.host.reset();
        assertThat(hw.read(1, 3, 0x64, 4)).as("a power-on value, restored by reset").isEqualTo(0x0800_0000L);
        assertThat(hw.read(1, 3, 0x5c, 4)).as("the last machine-ready values, the other bytes kept").isEqualTo(0x1000_0000L);
        assertThat(hw.read(1, 3, 0x60, 4)).isEqualTo(0x6000_0000L);
        new PciHost(Set.of()).machineReady(port -> true);
    }
}
