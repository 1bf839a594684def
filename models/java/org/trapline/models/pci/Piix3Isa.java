package org.trapline.models.pci;

/**
 * 00:01.0, the 82371SB PIIX3 PCI-to-ISA bridge (function 0 of a multi-function device), as
 * QEMU's pc board shows it before firmware runs. Register names from the 82371SB datasheet.
 */
final class Piix3Isa {
    static final int HEADER_MULTI_FUNCTION = 0x80;

    private Piix3Isa() {
    }

    static PciFunction create() {
        ConfigSpace.Builder b = Type0Header.of(0x8086, 0x7000, 0x00, 0x060100, HEADER_MULTI_FUNCTION, 0x0200, 0)
                .reg(0x4c, 1, "IORT", 0x4d, 0xff)
                .reg(0x4e, 2, "XBCS", 0x0003, 0xffff);
        for (int i = 0; i < 4; i++) {
            b.reg(0x60 + i, 1, "PIRQRC[" + (char) ('A' + i) + "]", 0x80, 0xff);
        }
        b.reg(0x69, 1, "TOM", 0x02, 0xff)
                .reg(0x6a, 2, "MSTAT", 0, 0xffff)
                .reg(0x70, 1, "MBIRQ0", 0x80, 0xff)
                .reg(0x71, 1, "MBIRQ1", 0, 0xff)
                .reg(0x76, 1, "MBDMA0", 0x0c, 0xff)
                .reg(0x77, 1, "MBDMA1", 0x0c, 0xff)
                .reg(0x78, 2, "PCSC", 0x0002, 0xffff)
                .reg(0x80, 1, "APICBASE", 0, 0xff)
                .reg(0x82, 1, "DLC", 0, 0xff)
                .reg(0xa0, 1, "SMICNTL", 0x08, 0xff)
                .reg(0xa2, 2, "SMIEN", 0, 0xffff)
                .reg(0xa4, 4, "SEE", 0, 0xffffffffL)
                .reg(0xa8, 1, "FTMR", 0x0f, 0xff)
                .reg(0xaa, 2, "SMIREQ", 0, 0xffff)
                .reg(0xac, 1, "CTLTMR", 0, 0xff)
                .reg(0xae, 1, "CTLTMRH", 0, 0xff);
        // QEMU's piix3_reset rewrites these bytes; MSTAT (6Ah), MBIRQ1 (71h) and the unnamed bytes stay.
        return new PciFunction("piix3-isa", 1, 0, b.unnamedReadWrite(0x40, 0xff).build())
                .qemuResetRestores(0x4c, 0x4e, 0x4f, 0x60, 0x61, 0x62, 0x63, 0x69, 0x70, 0x76, 0x77, 0x78, 0x79,
                        0x80, 0x82, 0xa0, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xaa, 0xab, 0xac, 0xae);
    }
}
