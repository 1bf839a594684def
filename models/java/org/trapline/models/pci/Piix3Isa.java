package org.trapline.models.pci;

import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * 00:01.0, the 82371SB PIIX3 PCI-to-ISA bridge (function 0 of a multi-function device), as
 * QEMU's pc board shows it before firmware runs. Register names from the 82371SB datasheet.
 * Read-write masks: where the datasheet's reserved bits are established, the hardware profile
 * uses them; the QEMU profile keeps every bit of 40h-FFh writable (quirk
 * piix3.device-registers-writable).
 */
final class Piix3Isa {
    static final int HEADER_MULTI_FUNCTION = 0x80;
    /** XBCS: the low byte and bit 8 are read-write; bits 15:9 are reserved. */
    static final int XBCS_WRITABLE = 0x01ff;
    /** PIRQRC[A:D]: IRQROUTEN (bit 7) and IRQ (3:0) read-write; bits 6:4 reserved. */
    static final int PIRQRC_WRITABLE = 0x8f;
    /** APICBASE: A12 mask (bit 6) and X/Y base bits (5:0) read-write; bit 7 reserved. */
    static final int APICBASE_WRITABLE = 0x7f;
    /*
     * The masks below follow the 82371FB/82371SB tables of Ralf Brown's Interrupt List (release 61,
     * INTERRUP.E, taken from the 82371FB/SB datasheet 290550-001 per its BIBLIO.LST), with the bits
     * the datasheet gives the 82371FB only read as reserved; 86Box chipset/intel_piix.c (PIIX3) has
     * the same masks unless a comment says otherwise.
     */
    /** TOM (Table 01216): bits 7:1 read-write, bit 0 reserved (so too PIIX4 datasheet §4.1.12, the same register). */
    static final int TOM_WRITABLE = 0xfe;
    /**
     * MSTAT (Table 01217): NB retry enable (7), EXTSMI# mode enable (6), USB enable (4) and ISA clock
     * divisor (0) read-write; bits 14:8, 5 and 3:1 reserved or 82371FB only.
     */
    static final int MSTAT_WRITABLE = 0x00d1;
    /** MSTAT bit 15, SERR# on a delayed transaction (Table 01217): write 1 to clear. */
    static final int MSTAT_WRITE_ONE_TO_CLEAR = 0x8000;
    /** MBIRQ0 (Table 01218): bits 7, 6, 5 and 3:0 read-write; bit 4 reserved. */
    static final int MBIRQ0_WRITABLE = 0xef;
    /** MBDMA0/1 (Table 01219): type F buffer enable (7) and channel (2:0) read-write; 6:3 reserved on the 82371SB. */
    static final int MBDMA_WRITABLE = 0x87;
    /** MBDMA0/1 default on the 82371SB: channel 100b, disabled; bit 3, 82371FB only, reads 0 (Table 01219; 86Box). */
    static final int MBDMA_POWER_ON = 0x04;
    /** SMICNTL (Table 01222): bits 4:0 read-write; 7:5 reserved. */
    static final int SMICNTL_WRITABLE = 0x1f;
    /** SMIEN (Table 01080): bits 8:0 read-write; 15:9 reserved. */
    static final int SMIEN_WRITABLE = 0x01ff;
    /**
     * SEE (Table 01081): Fast Off SMI, INTR, NMI and APIC enables (31:28) and the Fast Off IRQ enables
     * (15:3, 1:0) read-write; 27:16 (27:24 82379 only) and 2 reserved. 86Box keeps A4h FBh and A5h FFh
     * alike but A6h FFh and A7h EFh.
     */
    static final long SEE_WRITABLE = 0xf000fffbL;
    /**
     * SMIREQ (Table 01082): status bits 8:0, read/write (82371FB/SB datasheet §2.2.22 SMIREQ: software
     * clears a bit by writing 0); 15:9 reserved. 86Box agrees on 15:9 but lets writes only clear.
     */
    static final int SMIREQ_WRITABLE = 0x01ff;
    /** QEMU's MBDMA0/1 reset value: channel 100b with bit 3 set. */
    private static final int QEMU_MBDMA = 0x0c;
    /** A byte at an offset the datasheet gives no register, or a register with unknown mask, left as QEMU's. */
    private static final int QEMU_BYTE = 0xff;

    private Piix3Isa() {
    }

    /*
     * Further masks established and cited: IORT, PCSC, CTLTMR and CTHTMR keep every bit (Bochs and
     * 86Box agree); FTMR bits 7:0 read-write (82371SB datasheet §2.2.21 FTMR, "returns the value last
     * written"). MBIRQ1 (71h) is an 82371FB register: reserved on the 82371SB (RBIL Table 01167; 86Box
     * makes 71h read-only on the PIIX3; MAME machine/i82371sb.cpp notes it is PIIX only). 81h is
     * reserved (RBIL Table 01167; MAME i82371sb.cpp maps 80h and 82h and nothing at 81h), though 86Box
     * keeps bits 3:0 there.
     */
    static PciFunction create(Set<Quirk> quirks) {
        boolean asQemu = quirks.contains(PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE);
        ConfigSpace.Builder b = Type0Header.of(0x8086, 0x7000, 0x00, 0x060100, HEADER_MULTI_FUNCTION, 0x0200, 0)
                .reg(0x4c, 1, "IORT", 0x4d, 0xff)
                .reg(0x4e, 2, "XBCS", 0x0003, asQemu ? 0xffff : XBCS_WRITABLE);
        for (int i = 0; i < 4; i++) {
            b.reg(0x60 + i, 1, "PIRQRC[" + (char) ('A' + i) + "]", 0x80, asQemu ? QEMU_BYTE : PIRQRC_WRITABLE);
        }
        int mbdmaPowerOn = asQemu ? QEMU_MBDMA : MBDMA_POWER_ON;
        b.reg(0x69, 1, "TOM", 0x02, asQemu ? QEMU_BYTE : TOM_WRITABLE)
                .reg(0x6a, 2, "MSTAT", 0, asQemu ? 0xffff : MSTAT_WRITABLE)
                .w1c(0x6a, 2, asQemu ? 0 : MSTAT_WRITE_ONE_TO_CLEAR)
                .reg(0x70, 1, "MBIRQ0", 0x80, asQemu ? QEMU_BYTE : MBIRQ0_WRITABLE)
                .reg(0x71, 1, "MBIRQ1", 0, asQemu ? QEMU_BYTE : 0)
                .reg(0x76, 1, "MBDMA0", mbdmaPowerOn, asQemu ? QEMU_BYTE : MBDMA_WRITABLE)
                .reg(0x77, 1, "MBDMA1", mbdmaPowerOn, asQemu ? QEMU_BYTE : MBDMA_WRITABLE)
                .reg(0x78, 2, "PCSC", 0x0002, 0xffff)
                .reg(0x80, 1, "APICBASE", 0, asQemu ? QEMU_BYTE : APICBASE_WRITABLE)
                .reg(0x82, 1, "DLC", 0, 0xff)
                .reg(0xa0, 1, "SMICNTL", 0x08, asQemu ? QEMU_BYTE : SMICNTL_WRITABLE)
                .reg(0xa2, 2, "SMIEN", 0, asQemu ? 0xffff : SMIEN_WRITABLE)
                .reg(0xa4, 4, "SEE", 0, asQemu ? 0xffffffffL : SEE_WRITABLE)
                .reg(0xa8, 1, "FTMR", 0x0f, 0xff)
                .reg(0xaa, 2, "SMIREQ", 0, asQemu ? 0xffff : SMIREQ_WRITABLE)
                .reg(0xac, 1, "CTLTMR", 0, 0xff)
                .reg(0xae, 1, "CTHTMR", 0, 0xff);
        if (asQemu) {
            b.unnamedReadWrite(0x40, 0xff);
        }
        // Otherwise PCI 3.0 §6.1: reserved bytes read 0 and ignore writes.
        // QEMU's piix3_reset rewrites these bytes; MSTAT (6Ah), MBIRQ1 (71h) and the unnamed bytes stay.
        return new PciFunction("piix3-isa", 1, 0, b.build())
                .qemuResetRestores(0x4c, 0x4e, 0x4f, 0x60, 0x61, 0x62, 0x63, 0x69, 0x70, 0x76, 0x77, 0x78, 0x79,
                        0x80, 0x82, 0xa0, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xaa, 0xab, 0xac, 0xae);
    }
}
