package org.trapline.models.pci;

import java.util.Set;
import java.util.function.IntPredicate;

import org.trapline.models.bus.AddressSpace;
import org.trapline.models.bus.Mapping;
import org.trapline.models.bus.Region;

import org.trapline.models.device.Quirk;

/**
 * 00:01.3, the 82371AB PIIX4 power management function (ACPI and SMBus), as QEMU's pc board shows
 * it before firmware runs: PMBA unprogrammed, SMBus at B100h, SMBus host enabled on IRQ 9.
 * Register names from the 82371AB datasheet.
 */
final class Piix4Pm extends PciFunction {
    static final int PMBA = 0x40;
    static final int PMREGMISC = 0x80;
    static final int DEVACTB = 0x58;
    /** PMREGMISC bit 0, PMIOSE: the PMBA block decodes only while it is set (PCICMD's IOSE does not gate it). */
    static final int PMIOSE = 0x01;
    /** PMBA bits 15:6: the block is 64 bytes, on a 64-byte boundary. */
    static final long PMBA_BASE = 0xffc0L;

    static final int SMBBA = 0x90;
    static final int SMBHSTCFG = 0xd2;
    /** SMBHSTCFG bit 0, SMB_HST_EN: the SMBus host registers decode while it is set. */
    static final int SMB_HST_EN = 0x01;

    private Mapping[] pmBlock = new Mapping[0];
    private Mapping smbus;
    private java.util.function.LongUnaryOperator smbusBase;
    /** Each register block's offset within the 64 bytes. */
    private long[] pmOffsets = new long[0];

    /**
     * PMBA (40h): bits 15:6 the base of a 64-byte I/O block, bit 0 the Resource Type Indicator,
     * hardwired 1, bits 5:1 read 0 (Bochs iodev/acpi.cc and 86Box agree); bits 31:16 read 0 (86Box
     * chipset/intel_piix.c keeps no bit of 42h-43h, MAME machine/i82371eb_acpi.cpp masks PMBA to
     * FFC0h).
     */
    static final long PMBA_WRITABLE = 0x0000ffc0L;
    /** SMBBA (90h): bits 15:4 the base of a 16-byte I/O block, bit 0 hardwired 1; 31:16 as PMBA's (MAME: FFF0h). */
    static final long SMBBA_WRITABLE = 0x0000fff0L;

    /*
     * Established by Bochs iodev/acpi.cc and 86Box chipset/intel_piix.c keeping every bit: CNTA,
     * DEVACTA, DEVRESA, SMBSLVC, SMBSHDW1, SMBSHDW2. Not established, left with QEMU's full mask:
     * CNTB (86Box 4Ah 73h, 4Bh 01h), GPICTL (4Fh 0Fh), DEVRESD (50h 3Fh, 51h 58h, 52h 7Fh, 53h
     * read-only), DEVACTB (58h 77h, 5Bh 03h), DEVRESB-J (86Box narrows 63h F7h, 66h EFh, 6Ah 1Fh, 6Dh
     * 80h, 72h 1Fh, 75h 80h, 7Ah 1Fh, 7Eh 1Fh and makes 6Bh, 73h, 76h, 7Bh, 7Fh read-only), PMREGMISC
     * (86Box 0Fh, MAME bit 0 only), SMBHSTCFG (86Box 0Fh, MAME every bit), SMBREV (read-only in 86Box).
     * Ralf Brown's Interrupt List Table 01105 lists these registers without bitfields, and no page of
     * the 82371AB datasheet 290562 for function 3's configuration registers (§7.1) could be reached:
     * the copies at hand hold only its functional chapters (§11.3, §11.5.4). The other sources each
     * name a bit or two and do not agree on the rest: PMIOSE is PMREGMISC bit 0 (coreboot i82371eb.h,
     * EDK2 OvmfPkg I440FxPiix4.h, Linux arch/mips piix4.h), but nothing says 7:1 are reserved; SMBHSTCFG
     * bit 0 enables the host and 3:1 select its interrupt (FreeBSD intpmreg.h, Linux i2c-piix4), but
     * nothing says 7:4 are reserved; SeaBIOS and MAME use DEVACTB bit 25 (APMC_EN), MAME keeping
     * every bit of DEVACTB where 86Box keeps 58h 77h and 5Bh 03h; oxidecomputer/propolis lays DEVRESD
     * and DEVRESG out as 16-bit registers with 52h-53h and 72h-73h reserved, where 86Box keeps bits
     * of 52h and 72h; Bochs keeps every bit; MAME i82371eb_acpi.cpp implements only PMBA, DEVACTB,
     * DEVRESA, PMREGMISC, SMBBA and SMBHSTCFG.
     */
    private Piix4Pm(ConfigSpace config) {
        super("piix4-pm", 1, 3, config);
        // QEMU's piix4_pm_reset rewrites PMBA's low byte, DEVACTB and PMREGMISC only (PMBA 41h-43h stay).
        qemuResetRestores(0x40, 0x58, 0x59, 0x5a, 0x5b, 0x80);
    }

    /**
     * Gives the function its power management I/O registers: from now on they appear in {@code io}
     * at PMBA while PMIOSE is set, move when PMBA changes and vanish when PMIOSE is cleared.
     */
    void decodePmba(AddressSpace io, Region[] registers) {
        pmBlock = new Mapping[registers.length];
        pmOffsets = new long[registers.length];
        for (int i = 0; i < registers.length; i++) {
            pmOffsets[i] = registers[i].base();
            pmBlock[i] = io.map(registers[i], false);
        }
        placePmBlock();
    }

    private void placePmBlock() {
        long base = config().read(PMBA, 4) & PMBA_BASE;
        boolean on = (config().readByte(PMREGMISC) & PMIOSE) != 0;
        for (int i = 0; i < pmBlock.length; i++) {
            pmBlock[i].place(base + pmOffsets[i], on);
        }
    }

    /** The SMBus host block: at the base {@code base} makes of SMBBA, while SMB_HST_EN is set. */
    void decodeSmbba(AddressSpace io, Region registers, java.util.function.LongUnaryOperator base) {
        smbusBase = base;
        smbus = io.map(registers, false);
        placeSmbus();
    }

    private void placeSmbus() {
        if (smbus != null) {
            boolean on = (config().readByte(SMBHSTCFG) & SMB_HST_EN) != 0;
            smbus.place(smbusBase.applyAsLong(config().read(SMBBA, 4)), on);
        }
    }

    /** DEVRESA (5Ch) byte 3 and DEVRESC (64h) byte 3, which QEMU fills in from the ports the board decodes. */
    static final int DEVRESA_3 = 0x5f;
    static final int DEVRESC_3 = 0x67;
    /** DEVRESA bit 31: the parallel port (LPT1, 378h) decode enabled; bit 28 as the power-on value has it. */
    static final int DEVRESA_3_LPT = 0x80;
    static final int DEVRESA_3_DEFAULT = 0x10;
    /** DEVRESC bit 27: serial port A (COM1, 3F8h) enabled; bits 31 and 28: serial port B (COM2, 2F8h). */
    static final int DEVRESC_3_COM1 = 0x08;
    static final int DEVRESC_3_COM2 = 0x90;

    /**
     * Fills DEVRESA and DEVRESC in from the ports the assembled board decodes, as QEMU does once its
     * machine is ready (hw/acpi/piix4.c piix4_pm_machine_ready, memory_region_present): LPT1 at 378h,
     * COM1 at 3F8h, COM2 at 2F8h. A board's firmware would program the same device resources; these
     * become the power-on values.
     */
    void machineReady(IntPredicate ioPresent) {
        config().setPowerOn(DEVRESA_3, DEVRESA_3_DEFAULT | (ioPresent.test(0x378) ? DEVRESA_3_LPT : 0));
        config().setPowerOn(DEVRESC_3, (ioPresent.test(0x3f8) ? DEVRESC_3_COM1 : 0) | (ioPresent.test(0x2f8) ? DEVRESC_3_COM2 : 0));
    }

    /** DEVACTB (58h) bit 25, APMC_EN: a write to APMC raises SMI#. */
    boolean apmcEnabled() {
        return (config().readByte(DEVACTB + 3) & 0x02) != 0;
    }

    @Override
    public void write(int offset, int width, long value) {
        super.write(offset, width, value);
        boolean touches = (offset < PMBA + 4 && offset + width > PMBA) || (offset <= PMREGMISC && offset + width > PMREGMISC);
        if (touches) {
            placePmBlock();
        }
        if ((offset < SMBBA + 4 && offset + width > SMBBA) || (offset <= SMBHSTCFG && offset + width > SMBHSTCFG)) {
            placeSmbus();
        }
    }

    @Override
    public void reset() {
        super.reset();
        placePmBlock();
        placeSmbus();
    }

    @Override
    public void resetAsQemu() {
        super.resetAsQemu();
        placePmBlock();
        placeSmbus();
    }

    static Piix4Pm create(Set<Quirk> quirks) {
        boolean asQemu = quirks.contains(PciQuirks.PIIX4_PM_DEVICE_REGISTERS_WRITABLE);
        ConfigSpace.Builder b = Type0Header.of(0x8086, 0x7113, 0x03, 0x068000, 0x00, 0x0280, 1)
                .reg(0x40, 4, "PMBA", 0x00000001, asQemu ? 0xffffffffL : PMBA_WRITABLE)
                .reg(0x44, 4, "CNTA", 0, 0xffffffffL)
                .reg(0x48, 4, "CNTB", 0, 0xffffffffL)
                .reg(0x4c, 4, "GPICTL", 0, 0xffffffffL)
                .reg(0x50, 4, "DEVRESD", 0, 0xffffffffL)
                .reg(0x54, 4, "DEVACTA", 0, 0xffffffffL)
                .reg(0x58, 4, "DEVACTB", 0, 0xffffffffL)
                .reg(0x5c, 4, "DEVRESA", 0x10000000L, 0xffffffffL)
                .reg(0x60, 4, "DEVRESB", 0x60000000L, 0xffffffffL)
                .reg(0x64, 4, "DEVRESC", 0, 0xffffffffL)
                .reg(0x68, 4, "DEVRESE", 0, 0xffffffffL)
                .reg(0x6c, 4, "DEVRESF", 0, 0xffffffffL)
                .reg(0x70, 4, "DEVRESG", 0, 0xffffffffL)
                .reg(0x74, 4, "DEVRESH", 0, 0xffffffffL)
                .reg(0x78, 4, "DEVRESI", 0, 0xffffffffL)
                .reg(0x7c, 4, "DEVRESJ", 0, 0xffffffffL)
                .reg(0x80, 1, "PMREGMISC", 0, 0xff)
                .reg(0x90, 4, "SMBBA", 0x0000b101L, asQemu ? 0xffffffffL : SMBBA_WRITABLE)
                .reg(0xd2, 1, "SMBHSTCFG", 0x09, 0xff)
                .reg(0xd3, 1, "SMBSLVC", 0, 0xff)
                .reg(0xd4, 1, "SMBSHDW1", 0, 0xff)
                .reg(0xd5, 1, "SMBSHDW2", 0, 0xff)
                .reg(0xd6, 1, "SMBREV", 0, 0xff);
        if (asQemu) {
            b.unnamedReadWrite(0x40, 0xff);
        }
        return new Piix4Pm(b.build());
    }
}
