package org.trapline.models.pci;

/**
 * A PCI function the command line adds to bus 0 beside the board's own: QEMU's std VGA
 * ({@code VGA}), the Cirrus CL-GD5446 ({@code cirrus-vga}), the Intel 82540EM ({@code e1000}) or the
 * PIIX3 USB host controller ({@code piix3-usb-uhci}), at the devfn QEMU gives it. These are
 * modelled in configuration space only: nothing decodes behind their BARs.
 *
 * @param model         QEMU's device name
 * @param devfn         device and function, CONFIG_ADDRESS bits 15:8
 * @param multifunction {@code multifunction=on}: Header Type bit 7 set
 * @param romBytes      the expansion ROM BAR's size (the option ROM file's size rounded up to a
 *                      power of two, as QEMU's pci_add_option_rom sizes it), 0 for none
 */
public record PciCard(String model, int devfn, boolean multifunction, long romBytes) {
    public static final String STD_VGA = "VGA";
    public static final String CIRRUS_VGA = "cirrus-vga";
    public static final String E1000 = "e1000";
    public static final String PIIX3_UHCI = "piix3-usb-uhci";

    public PciCard {
        if (!model.equals(STD_VGA) && !model.equals(CIRRUS_VGA) && !model.equals(E1000) && !model.equals(PIIX3_UHCI)) {
            throw new IllegalArgumentException("no configuration space for PCI device '" + model + "'");
        }
        if (devfn < 0 || devfn > 0xff) {
            throw new IllegalArgumentException("devfn " + devfn + " out of range");
        }
        if (romBytes != 0 && Long.bitCount(romBytes) != 1) {
            throw new IllegalArgumentException("ROM BAR size " + romBytes + " is not a power of two");
        }
    }

    public int device() {
        return devfn >> 3;
    }

    public int function() {
        return devfn & 7;
    }

    /** The option ROM file QEMU 7.2 loads into the device's expansion ROM BAR (its class's romfile). */
    public String romFile() {
        return switch (model) {
            case STD_VGA -> "vgabios-stdvga.bin";
            case CIRRUS_VGA -> "vgabios-cirrus.bin";
            case E1000 -> "efi-e1000.rom";
            default -> null;
        };
    }
}
