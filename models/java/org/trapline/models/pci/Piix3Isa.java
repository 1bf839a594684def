package org.trapline.models.pci;

import java.util.Set;

import org.trapline.models.machine.Quirk;

/**
 * 00:01.0, the 82371SB PIIX3 PCI-to-ISA bridge (function 0 of a multi-function device), as
 * QEMU's pc board shows it before firmware runs. Register names from the 82371SB datasheet.
 * Read-write masks: where the datasheet's reserved bits are established (Bochs iodev/pci2isa.cc
 * and 86Box chipset/intel_piix.c agree), the hardware profile uses them; the other registers keep
 * the full mask QEMU shows until their masks are established.
 */
final class Piix3Isa {
    static final int HEADER_MULTI_FUNCTION = 0x80;
    /** XBCS: the low byte and bit 8 are read-write; bits 15:9 are reserved. */
    static final int XBCS_WRITABLE = 0x01ff;
    /** PIRQRC[A:D]: IRQROUTEN (bit 7) and IRQ (3:0) read-write; bits 6:4 reserved. */
    static final int PIRQRC_WRITABLE = 0x8f;
    /** APICBASE: A12 mask (bit 6) and X/Y base bits (5:0) read-write; bit 7 reserved. */
    static final int APICBASE_WRITABLE = 0x7f;
    /** A byte at an offset the datasheet gives no register, or a register with unknown mask, left as QEMU's. */
    private static final int QEMU_BYTE = 0xff;
    /** 81h: no datasheet register established here, but 86Box implements one; left writable, not proven reserved. */
    private static final int UNKNOWN_81H = 0x81;

    private Piix3Isa() {
    }

    /*
     * Further masks established and cited: IORT, PCSC, CTLTMR and CTHTMR keep every bit (Bochs and
     * 86Box agree); FTMR bits 7:0 read-write (82371SB datasheet §2.2.21 FTMR, "returns the value last
     * written"). Not established (the emulators disagree, no datasheet page found): TOM (86Box bit 0
     * read-only), MSTAT (Bochs D7h, 86Box D1h and 6Bh bit 7 write-1-to-clear), MBIRQ0/1 (86Box EFh,
     * 71h read-only), MBDMA0/1 (86Box 87h), SMICNTL (86Box 1Fh), SMIEN (86Box A3h 01h), SEE (86Box
     * A4h FBh, A7h EFh), SMIREQ (86Box clear-only); those keep QEMU's full mask.
     */
    static PciFunction create(Set<Quirk> quirks) {
        boolean asQemu = quirks.contains(PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE);
        ConfigSpace.Builder b = Type0Header.of(0x8086, 0x7000, 0x00, 0x060100, HEADER_MULTI_FUNCTION, 0x0200, 0)
                .reg(0x4c, 1, "IORT", 0x4d, 0xff)
                .reg(0x4e, 2, "XBCS", 0x0003, asQemu ? 0xffff : XBCS_WRITABLE);
        for (int i = 0; i < 4; i++) {
            b.reg(0x60 + i, 1, "PIRQRC[" + (char) ('A' + i) + "]", 0x80, asQemu ? QEMU_BYTE : PIRQRC_WRITABLE);
        }
        b.reg(0x69, 1, "TOM", 0x02, 0xff)
                .reg(0x6a, 2, "MSTAT", 0, 0xffff)
                .reg(0x70, 1, "MBIRQ0", 0x80, 0xff)
                .reg(0x71, 1, "MBIRQ1", 0, 0xff)
                .reg(0x76, 1, "MBDMA0", 0x0c, 0xff)
                .reg(0x77, 1, "MBDMA1", 0x0c, 0xff)
                .reg(0x78, 2, "PCSC", 0x0002, 0xffff)
                .reg(0x80, 1, "APICBASE", 0, asQemu ? QEMU_BYTE : APICBASE_WRITABLE)
                .reg(0x82, 1, "DLC", 0, 0xff)
                .reg(0xa0, 1, "SMICNTL", 0x08, 0xff)
                .reg(0xa2, 2, "SMIEN", 0, 0xffff)
                .reg(0xa4, 4, "SEE", 0, 0xffffffffL)
                .reg(0xa8, 1, "FTMR", 0x0f, 0xff)
                .reg(0xaa, 2, "SMIREQ", 0, 0xffff)
                .reg(0xac, 1, "CTLTMR", 0, 0xff)
                .reg(0xae, 1, "CTHTMR", 0, 0xff);
        if (asQemu) {
            b.unnamedReadWrite(0x40, 0xff);
        } else {
            // PCI 3.0 §6.1: reserved bytes read 0 and ignore writes.
            b.unnamedReadWrite(UNKNOWN_81H, UNKNOWN_81H);
        }
        // QEMU's piix3_reset rewrites these bytes; MSTAT (6Ah), MBIRQ1 (71h) and the unnamed bytes stay.
        return new PciFunction("piix3-isa", 1, 0, b.build())
                .qemuResetRestores(0x4c, 0x4e, 0x4f, 0x60, 0x61, 0x62, 0x63, 0x69, 0x70, 0x76, 0x77, 0x78, 0x79,
                        0x80, 0x82, 0xa0, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xaa, 0xab, 0xac, 0xae);
    }
}
