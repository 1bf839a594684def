package org.trapline.models.pci;

import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * 00:01.1, the PIIX3 IDE interface in compatibility mode: no BARs 0-3 (the legacy ports 1F0h/170h
 * decode always), BAR4 = BMIBA, a 16-byte I/O window for the bus-master registers.
 */
final class PiixIde {
    static final int BMIBA = 0x20;
    /** Bit 0, Resource Type Indicator: hardwired 1, an I/O BAR. Bits 3:1 read 0: 16 bytes. */
    static final long BMIBA_IO = 0x1;
    static final long BMIBA_BASE_BITS_64K = 0x0000fff0L;
    static final long BMIBA_BASE_BITS_32 = 0xfffffff0L;
    /**
     * IDETIM, each channel (40h-41h, 42h-43h): bits 11:10 reserved, the rest read-write (Ralf Brown's
     * Interrupt List 61, Table 01223, from the 82371FB/SB datasheet 290550-001; 86Box
     * chipset/intel_piix.c keeps F3h of the high byte on the PIIX3).
     */
    static final int IDETIM_WRITABLE = 0xf3ff;

    private PiixIde() {
    }

    static PciFunction create(Set<Quirk> quirks) {
        long baseBits = quirks.contains(PciQuirks.BMIBA_UPPER_BITS) ? BMIBA_BASE_BITS_32 : BMIBA_BASE_BITS_64K;
        boolean asQemu = quirks.contains(PciQuirks.PIIX_IDE_DEVICE_REGISTERS_WRITABLE);
        // SIDETIM keeps every bit (Bochs iodev/pci_ide.cc and 86Box chipset/intel_piix.c agree).
        // Programming interface 80h: bus-master capable, both channels in compatibility mode.
        ConfigSpace.Builder b = Type0Header.of(0x8086, 0x7010, 0x00, 0x010180, 0x00, 0x0280, 0)
                .reg(BMIBA, 4, "BMIBA", BMIBA_IO, baseBits)
                .reg(0x40, 2, "IDETIM (primary)", 0, asQemu ? 0xffff : IDETIM_WRITABLE)
                .reg(0x42, 2, "IDETIM (secondary)", 0, asQemu ? 0xffff : IDETIM_WRITABLE)
                .reg(0x44, 1, "SIDETIM", 0, 0xff);
        if (asQemu) {
            b.unnamedReadWrite(0x40, 0xff);
        }
        // QEMU's IDE reset rewrites only header registers (Command, Status, BMIBA): IDETIM and the rest stay.
        return new PciFunction("piix3-ide", 1, 1, b.build()).qemuResetRestores();
    }
}
