package org.trapline.models.pci;

import java.util.Set;

import org.trapline.models.bus.AddressSpace;
import org.trapline.models.bus.IoDevice;
import org.trapline.models.device.Quirk;

/**
 * 00:00.0, the Intel 82441FX PCI and Memory Controller (host bridge), as QEMU's pc board shows it
 * before firmware runs. Register names from the 82441FX datasheet.
 */
final class I440fxPmc extends PciFunction {
    static final int SMRAM = 0x72;
    static final int D_OPEN = 0x40;
    static final int D_CLS = 0x20;
    static final int D_LCK = 0x10;
    static final int G_SMRAME = 0x08;
    /** C_BASE_SEG, hardwired to 010b: compatible SMRAM at A0000h. */
    static final int C_BASE_SEG = 0x02;
    /*
     * Power-on values of the DRAM and data-buffer registers, as Bochs (iodev/pci.cc reset) and 86Box
     * (chipset/intel_4x0.c i4x0_reset) both set them for the 82441FX; QEMU leaves DBC and DRAMT 0 and
     * puts the RAM size in DRAMC (quirk i440fx.ram-size-in-dramc).
     */
    static final int DBC_POWER_ON = 0x80;
    static final int DRAMC_POWER_ON = 0x01;
    static final int DRAMT_POWER_ON = 0x10;
    /** A PAM region's implemented bits: WE (bit 1) and RE (bit 0); bits 3 and 2 are reserved on the 82441FX. */
    static final int PAM_REGION_BITS = 0x3;
    /*
     * Read-write bits of the other device-specific registers, from the 82441FX tables of Ralf Brown's
     * Interrupt List (release 61, INTERRUP.E Tables 01229-01239, taken from the 82441FX PMC datasheet
     * 290549-001 per its BIBLIO.LST). 86Box chipset/intel_4x0.c has the same masks for AXC, DRAMC,
     * DRAMT, CLT, ERRCMD, ERRSTS and TRC.
     */
    /**
     * PMCCFG (Table 01230): WSC# protocol enable (15), host frequency select (9:8), ECC/parity test
     * enable (6), DRAM data integrity mode (5:4), in-order queue size (2); row select/extra copy (14)
     * is read-only; 13:10, 7, 3 and 1:0 are reserved. Each bit has a second source: 86Box also keeps
     * 15, 9:8, 6:4 and 2 (and 14 and 7 besides); Bochs iodev/pci.cc keeps neither 14 nor 7.
     */
    static final int PMCCFG_WRITABLE = 0x8374;
    /** AXC (Table 01232): RAS precharge enable (7) and lower memory address buffer set A (1); the rest reserved. */
    static final int AXC_WRITABLE = 0x82;
    /** DRAMC (Table 01234): bits 7 and 3 reserved. */
    static final int DRAMC_WRITABLE = 0x77;
    /** DRAMT (Table 01235): bit 7 reserved. */
    static final int DRAMT_WRITABLE = 0x7f;
    /** CLT (Table 01236): snoop stall count (4:0); 7:5 reserved. */
    static final int CLT_WRITABLE = 0x1f;
    /** ERRCMD (Table 01237): SERR# enables 4, 3, 1, 0; 7:5 and 2 reserved. */
    static final int ERRCMD_WRITABLE = 0x1b;
    /**
     * ERRSTS (Table 01238): the multiple-bit (4) and single-bit (0) error flags are write-1-to-clear;
     * the DRAM row fields (7:5, 3:1) are read-only.
     */
    static final int ERRSTS_WRITE_ONE_TO_CLEAR = 0x11;
    /** TRC (Table 01239): BIST enable (3), reset CPU (2), reset mode (1), deturbo (0); 7:4 reserved. */
    static final int TRC_WRITABLE = 0x0f;
    /** QEMU's mask of a device-specific byte: every bit writable. */
    private static final int QEMU_BYTE = 0xff;

    private final boolean smramUnlocked;
    private final boolean qemuPam;
    private final boolean qemuSmram;
    private I440fxRouting routing;

    I440fxPmc(Set<Quirk> quirks, long ramBytes) {
        super("i440fx", 0, 0, table(quirks, ramBytes));
        this.smramUnlocked = quirks.contains(PciQuirks.SMRAM_UNLOCKED);
        this.qemuPam = quirks.contains(I440fxMemoryQuirks.PAM_SPLIT_MODES_ARE_DRAM);
        this.qemuSmram = quirks.contains(I440fxMemoryQuirks.SMRAM_OPEN_WITHOUT_G_SMRAME);
        // QEMU's i440FX has no reset handler of its own: DRAMC, PAM, SMRAM and the rest stay.
        qemuResetRestores();
    }

    /*
     * Masks of the device-specific registers. Established (Bochs iodev/pci.cc and 86Box
     * chipset/intel_4x0.c both keep every bit): DETURBO, DRAMR, DRB0-7. DBC keeps every bit too (RBIL
     * Table 01231 defines bits 7:0; Bochs agrees, 86Box makes it read-only). PAM0-6: RE and WE of each
     * region only (PAM_REGION_BITS; see quirk i440fx.device-registers-writable for the sources).
     * PMCCFG, AXC, DRAMC, DRAMT, CLT, ERRCMD, ERRSTS, TRC: the constants above. Not established, left
     * with QEMU's full mask: FDHC (68h) and MTT (70h). RBIL Table 01229 names them without bitfields,
     * and no page of the 82441FX datasheet 290549-001 could be reached (chipsec's pmc_i440fx.xml
     * points at a copy on the QEMU wiki but defines neither register's fields). What was found is
     * secondary only: for FDHC, 86Box keeps C0h and a third-party emulator's design note, citing
     * 290549-001 §3.2.20, gives hole enable in 7:6 and 5:0 reserved (coreboot's i440bx code gives the
     * same layout for the 82443BX, another chip); for MTT, 86Box keeps F8h and only other chips'
     * datasheets (82801DB MTT at 70h, 82845 AMTT) put the count in 7:3 with 2:0 reserved. Bochs keeps
     * every bit of both and MAME has no 82441FX.
     */
    private static ConfigSpace table(Set<Quirk> quirks, long ramBytes) {
        boolean ramSizeInDramc = quirks.contains(PciQuirks.I440FX_RAM_SIZE_IN_DRAMC);
        boolean asQemu = quirks.contains(PciQuirks.I440FX_DEVICE_REGISTERS_WRITABLE);
        ConfigSpace.Builder b = Type0Header.of(0x8086, 0x1237, 0x02, 0x060000, 0x00, 0x0000, 0);
        b.reg(0x50, 2, "PMCCFG", 0, asQemu ? 0xffff : PMCCFG_WRITABLE)
                .reg(0x52, 1, "DETURBO", 0, 0xff)
                .reg(0x53, 1, "DBC", ramSizeInDramc ? 0 : DBC_POWER_ON, 0xff)
                .reg(0x54, 1, "AXC", 0, asQemu ? QEMU_BYTE : AXC_WRITABLE)
                .reg(0x55, 2, "DRAMR", 0, 0xffff)
                .reg(0x57, 1, "DRAMC", ramSizeInDramc ? Math.min(ramBytes >> 23, 0xff) : DRAMC_POWER_ON,
                        asQemu ? QEMU_BYTE : DRAMC_WRITABLE)
                .reg(0x58, 1, "DRAMT", ramSizeInDramc ? 0 : DRAMT_POWER_ON, asQemu ? QEMU_BYTE : DRAMT_WRITABLE);
        for (int i = 0; i <= 6; i++) {
            // PAM0's low region (bits 3:0) is reserved: the BIOS area F0000h-FFFFFh is its high one.
            int implemented = i == 0 ? PAM_REGION_BITS << 4 : PAM_REGION_BITS << 4 | PAM_REGION_BITS;
            b.reg(0x59 + i, 1, "PAM" + i, 0, asQemu ? QEMU_BYTE : implemented);
        }
        for (int i = 0; i <= 7; i++) {
            b.reg(0x60 + i, 1, "DRB" + i, 0, 0xff);
        }
        b.reg(0x68, 1, "FDHC", 0, QEMU_BYTE)
                .reg(0x70, 1, "MTT", 0, QEMU_BYTE)
                .reg(0x71, 1, "CLT", 0, asQemu ? QEMU_BYTE : CLT_WRITABLE)
                .reg(SMRAM, 1, "SMRAM", C_BASE_SEG,
                        quirks.contains(PciQuirks.SMRAM_UNLOCKED) ? 0xff : D_OPEN | D_CLS | D_LCK | G_SMRAME)
                .reg(0x90, 1, "ERRCMD", 0, asQemu ? QEMU_BYTE : ERRCMD_WRITABLE)
                .reg(0x91, 1, "ERRSTS", 0, asQemu ? QEMU_BYTE : 0)
                .w1c(0x91, 1, asQemu ? 0 : ERRSTS_WRITE_ONE_TO_CLEAR)
                .reg(0x93, 1, "TRC", 0, asQemu ? QEMU_BYTE : TRC_WRITABLE);
        if (asQemu) {
            b.unnamedReadWrite(0x40, 0xff);
        }
        // Otherwise PCI 3.0 §6.1: the reserved bytes read 0 and ignore writes.
        return b.build();
    }

    /**
     * Takes over the legacy area of {@code system}: from now on PAM0-PAM6 and SMRAM route
     * A0000h-FFFFFh between {@code dram} and the {@code pci} bus.
     */
    void routeMemory(AddressSpace system, IoDevice dram, AddressSpace pci) {
        routing = new I440fxRouting(system, dram, pci, qemuPam, qemuSmram);
        routing.update(config());
    }

    @Override
    public void write(int offset, int width, long value) {
        int before = config().readByte(SMRAM);
        super.write(offset, width, value);
        boolean touchesSmram = offset <= SMRAM && SMRAM < offset + width;
        if (touchesSmram && !smramUnlocked) {
            lockSmram(before, (int) (value >>> (8 * (SMRAM - offset))) & 0xff);
        }
        boolean touchesRouting = offset <= SMRAM && I440fxRouting.PAM0 < offset + width;
        if (touchesRouting && routing != null) {
            routing.update(config());
        }
    }

    @Override
    public void reset() {
        super.reset();
        if (routing != null) {
            routing.update(config());
        }
    }

    @Override
    public void resetAsQemu() {
        super.resetAsQemu();
        if (routing != null) {
            routing.update(config());
        }
    }

    /** 82441FX SMRAM: D_LCK=1 clears D_OPEN and freezes D_OPEN, D_LCK and G_SMRAME until reset. */
    private void lockSmram(int before, int written) {
        if ((before & D_LCK) != 0) {
            config().set(SMRAM, (before & ~D_CLS) | (written & D_CLS));
        } else if ((written & D_LCK) != 0) {
            config().set(SMRAM, config().readByte(SMRAM) & ~D_OPEN);
        }
    }
}
