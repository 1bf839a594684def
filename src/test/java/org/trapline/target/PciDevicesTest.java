package org.trapline.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trapline.models.pci.PciCard;

/** The PCI functions QEMU 7.2 adds to the pc board, found and placed from the command line as QEMU does. */
class PciDevicesTest {
    private static final String PC = "-machine pc -m 128M -display none ";

    private static List<String> placed(String args) {
        return MachineArgs.parse(PC + args).config().pciCards().stream()
                .map(c -> String.format("%s@%02x.%x%s/%d", c.model(), c.device(), c.function(), c.multifunction() ? "mf" : "",
                        c.romBytes()))
                .toList();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''|VGA@02.0/65536 e1000@03.0/262144",
            "-nodefaults|''",
            "-vga cirrus|cirrus-vga@02.0/65536 e1000@03.0/262144",
            "-vga none|e1000@02.0/262144",
            "-nic none|VGA@02.0/65536",
            "-vga none -nic none|''",
            "-nodefaults -vga std|VGA@02.0/65536",
            "-nodefaults -vga cirrus -nic none|cirrus-vga@02.0/65536",
            "-usb -nic none|VGA@02.0/65536 piix3-usb-uhci@01.2/0",
            "-nodefaults -usb|piix3-usb-uhci@01.2/0",
            "-device e1000|VGA@02.0/65536 e1000@03.0/262144 e1000@04.0/262144",
            "-device VGA|e1000@02.0/262144 VGA@03.0/65536",
            "-device cirrus-vga,addr=7|e1000@02.0/262144 cirrus-vga@07.0/65536",
            "-nodefaults -device e1000,addr=05.0,multifunction=on -device piix3-usb-uhci,addr=05.1|e1000@05.0mf/262144 piix3-usb-uhci@05.1/0",
            "-nodefaults -device piix3-usb-uhci,addr=0x1f.7|piix3-usb-uhci@1f.7/0",
            "-nodefaults -device piix3-usb-uhci,addr=01.5|piix3-usb-uhci@01.5/0",
            "-nodefaults -device driver=e1000,multifunction=off|e1000@02.0/262144",
            "-nodefaults -device VGA,addr=6,multifunction=on -device e1000,addr=6.3|VGA@06.0mf/65536 e1000@06.3/262144",
    })
    void devicesArePlacedWhereQemuPlacesThem(String args, String expected) {
        assertThat(String.join(" ", placed(args))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "-vga qxl|-vga qxl: not modelled (modelled: -vga std, cirrus or none)",
            "-nic user|-nic user: not modelled (modelled: -nic none, or no -nic for the default e1000)",
            "-device ne2k_pci|-device ne2k_pci: not modelled (modelled: -device VGA, cirrus-vga, e1000 or piix3-usb-uhci, with addr= and multifunction=)",
            "-device e1000,mac=52:54:00:12:34:56|-device e1000,mac=52:54:00:12:34:56: property 'mac=52:54:00:12:34:56' is not modelled (modelled: addr=, multifunction=)",
            "-device e1000,addr=20|-device e1000,addr=20: addr=20 is not a PCI address (SLOT[.FN], slot 0-1f, function 0-7)",
            "-device e1000,addr=x|-device e1000,addr=x: addr=x is not a PCI address (SLOT[.FN], slot 0-1f, function 0-7)",
            "-device e1000,multifunction=maybe|-device e1000,multifunction=maybe: multifunction=maybe: expected 'on' or 'off'",
            "-device e1000,addr=02.0|-device e1000,addr=02.0: 00:02.0 is taken (QEMU: slot 2 function 0 not available)",
            "-device e1000,addr=01.1|-device e1000,addr=01.1: 00:01.1 is taken (QEMU: slot 1 function 1 not available)",
            "-usb -device piix3-usb-uhci,addr=01.2|-device piix3-usb-uhci,addr=01.2: 00:01.2 is taken (QEMU: slot 1 function 2 not available)",
            "-device e1000,addr=00.1|-device e1000,addr=00.1: 00:00.0 is a single-function device, so 00:00.1 cannot be populated (give function 0 multifunction=on)",
            "-device e1000,addr=03.1|-device e1000,addr=03.1: 00:03.0 is a single-function device, so 00:03.1 cannot be populated (give function 0 multifunction=on)",
            "-nodefaults -device e1000,addr=04.2 -device e1000,addr=04.0|-device e1000,addr=04.0: 00:04.0 would be single-function, but 00:04.2 is already populated (give it multifunction=on)",
    })
    void devicesTheModelOrQemuCannotTakeAreRefused(String args, String reason) {
        assertThatThrownBy(() -> MachineArgs.parse(PC + args)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }

    @Test
    void aBusWithNoFreeSlotRefusesTheNext() {
        StringBuilder args = new StringBuilder("-nodefaults");
        for (int i = 0; i < 30; i++) {
            args.append(" -device e1000");
        }
        assertThat(placed(args.toString())).hasSize(30).last().isEqualTo("e1000@1f.0/262144");
        assertThatThrownBy(() -> MachineArgs.parse(PC + args + " -device e1000")).hasMessage(
                "-device e1000: no free PCI slot on bus 0 (QEMU: all in use)");
    }

    @Test
    void theRomBarIsSizedFromTheFileFoundFirstRoundedUpToAPowerOfTwo(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("efi-e1000.rom"), new byte[5000]);
        Files.write(dir.resolve("vgabios-stdvga.bin"), new byte[4096]);
        assertThat(placed("-L " + dir)).containsExactly("VGA@02.0/4096", "e1000@03.0/8192");
        Files.write(dir.resolve("vgabios-cirrus.bin"), new byte[0]);
        assertThat(placed("-L " + dir + " -vga cirrus -nic none")).containsExactly("cirrus-vga@02.0/0");
    }

    @Test
    void aMissingOptionRomIsRefusedAsQemuRefusesToStart(@TempDir Path dir) {
        List<Path> none = List.of(dir);
        assertThatThrownBy(() -> PciDevicesProbe.romOf(PciCard.E1000, none)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no option ROM efi-e1000.rom").hasMessageContaining("ipxe-qemu");
        assertThatThrownBy(() -> PciDevicesProbe.romOf(PciCard.CIRRUS_VGA, none)).hasMessageContaining("seabios");
        assertThat(PciDevicesProbe.romOf(PciCard.PIIX3_UHCI, none)).isZero();
    }

    @Test
    void theNoteNamesWhatIsInConfigurationSpaceOnly() {
        assertThat(MachineArgs.parse(PC + "-nodefaults").unmodelledDefaults()).isNull();
        assertThat(MachineArgs.parse(PC + "-nodefaults -usb").unmodelledDefaults()).isEqualTo("PIIX3 UHCI (00:01.2) is"
                + " modelled in PCI configuration space only: nothing decodes behind their BARs (no device registers behind"
                + " BAR0/BAR1 or the USB I/O BAR, no option ROM contents), so an access there reads as unassigned memory or"
                + " I/O where QEMU's device answers");
        assertThat(MachineArgs.parse(PC + "-nodefaults -vga cirrus").unmodelledDefaults())
                .startsWith("cirrus VGA (00:02.0) is modelled in PCI configuration space only")
                .contains("no framebuffer, no VGA ports 3C0h-3DFh or memory A0000h-BFFFFh").doesNotContain("LPT1");
        assertThat(MachineArgs.parse(PC + "-vga none -nic none").unmodelledDefaults()).isNull();
        assertThat(MachineArgs.parse(PC + "-vga none -nic none -parallel none").unmodelledDefaults()).isNull();
    }
}
