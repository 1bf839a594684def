package org.trapline.discovery;

/** Base class and sub-class names of the PCI Code and ID Assignment Specification 1.11, appendix D. */
final class PciClassNames {
    private PciClassNames() {
    }

    static String of(int baseAndSub) {
        return switch (baseAndSub) {
            case 0x0000 -> "Non-VGA unclassified device";
            case 0x0001 -> "VGA compatible unclassified device";
            case 0x0100 -> "SCSI storage controller";
            case 0x0101 -> "IDE interface";
            case 0x0102 -> "Floppy disk controller";
            case 0x0105 -> "ATA controller";
            case 0x0106 -> "SATA controller";
            case 0x0108 -> "Non-Volatile memory controller";
            case 0x0180 -> "Mass storage controller";
            case 0x0200 -> "Ethernet controller";
            case 0x0280 -> "Network controller";
            case 0x0300 -> "VGA compatible controller";
            case 0x0380 -> "Display controller";
            case 0x0401 -> "Multimedia audio controller";
            case 0x0403 -> "Audio device";
            case 0x0500 -> "RAM memory";
            case 0x0600 -> "Host bridge";
            case 0x0601 -> "ISA bridge";
            case 0x0604 -> "PCI bridge";
            case 0x0680 -> "Bridge";
            case 0x0700 -> "Serial controller";
            case 0x0880 -> "System peripheral";
            case 0x0c03 -> "USB controller";
            case 0x0c05 -> "SMBus";
            default -> (baseAndSub >>> 8) == 0xff ? "Unassigned class" : String.format("Class %04x", baseAndSub);
        };
    }
}
