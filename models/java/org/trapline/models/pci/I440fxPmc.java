package org.trapline.models.pci;

import java.util.Set;

import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Quirk;

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

    private final boolean smramUnlocked;

    I440fxPmc(Set<Quirk> quirks, MachineConfig machine) {
        super("i440fx", 0, 0, table(quirks, machine));
        this.smramUnlocked = quirks.contains(PciQuirks.SMRAM_UNLOCKED);
        // QEMU's i440FX has no reset handler of its own: DRAMC, PAM, SMRAM and the rest stay.
        qemuResetRestores();
    }

    /*
     * Masks of the device-specific registers. Established (Bochs iodev/pci.cc and 86Box
     * chipset/intel_4x0.c both keep every bit): DETURBO, DRAMR, DRB0-7. PAM0-6: RE and WE of each
     * region only (PAM_REGION_BITS; see quirk i440fx.device-registers-writable for the sources).
     * Not established, left with QEMU's full mask until a datasheet page settles them (the two
     * emulators disagree): PMCCFG (Bochs 70h/80h, 86Box F4h/C3h), DBC (writable / read-only), AXC
     * (FFh / 82h), DRAMC (FFh / 77h), DRAMT (FFh / 7Fh), FDHC (FFh / C0h), MTT (FFh / F8h), CLT
     * (FFh / 1Fh), ERRCMD (FFh / 1Bh), ERRSTS (read-write / bits 4 and 0 write-1-to-clear), TRC
     * (FFh / 0Fh).
     */
    private static ConfigSpace table(Set<Quirk> quirks, MachineConfig machine) {
        boolean asQemu = quirks.contains(PciQuirks.I440FX_RAM_SIZE_IN_DRAMC);
        ConfigSpace.Builder b = Type0Header.of(0x8086, 0x1237, 0x02, 0x060000, 0x00, 0x0000, 0);
        b.reg(0x50, 2, "PMCCFG", 0, 0xffff)
                .reg(0x52, 1, "DETURBO", 0, 0xff)
                .reg(0x53, 1, "DBC", asQemu ? 0 : DBC_POWER_ON, 0xff)
                .reg(0x54, 1, "AXC", 0, 0xff)
                .reg(0x55, 2, "DRAMR", 0, 0xffff)
                .reg(0x57, 1, "DRAMC", asQemu ? Math.min(machine.ramBytes() >> 23, 0xff) : DRAMC_POWER_ON, 0xff)
                .reg(0x58, 1, "DRAMT", asQemu ? 0 : DRAMT_POWER_ON, 0xff);
        boolean reservedWritable = quirks.contains(PciQuirks.I440FX_DEVICE_REGISTERS_WRITABLE);
        for (int i = 0; i <= 6; i++) {
            // PAM0's low region (bits 3:0) is reserved: the BIOS area F0000h-FFFFFh is its high one.
            int implemented = i == 0 ? PAM_REGION_BITS << 4 : PAM_REGION_BITS << 4 | PAM_REGION_BITS;
            b.reg(0x59 + i, 1, "PAM" + i, 0, reservedWritable ? 0xff : implemented);
        }
        for (int i = 0; i <= 7; i++) {
            b.reg(0x60 + i, 1, "DRB" + i, 0, 0xff);
        }
        b.reg(0x68, 1, "FDHC", 0, 0xff)
                .reg(0x70, 1, "MTT", 0, 0xff)
                .reg(0x71, 1, "CLT", 0, 0xff)
                .reg(SMRAM, 1, "SMRAM", C_BASE_SEG,
                        quirks.contains(PciQuirks.SMRAM_UNLOCKED) ? 0xff : D_OPEN | D_CLS | D_LCK | G_SMRAME)
                .reg(0x90, 1, "ERRCMD", 0, 0xff)
                .reg(0x91, 1, "ERRSTS", 0, 0xff)
                .reg(0x93, 1, "TRC", 0, 0xff);
        if (quirks.contains(PciQuirks.I440FX_DEVICE_REGISTERS_WRITABLE)) {
            b.unnamedReadWrite(0x40, 0xff);
        }
        // Otherwise PCI 3.0 §6.1: the reserved bytes read 0 and ignore writes.
        return b.build();
    }

    @Override
    public void write(int offset, int width, long value) {
        int before = config().readByte(SMRAM);
        super.write(offset, width, value);
        boolean touchesSmram = offset <= SMRAM && SMRAM < offset + width;
        if (touchesSmram && !smramUnlocked) {
            lockSmram(before, (int) (value >>> (8 * (SMRAM - offset))) & 0xff);
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
