package org.trapline.models.pci;

import java.util.List;

import org.trapline.models.device.Quirk;

/** Where QEMU 7.2's PCI host and the functions of its pc board depart from the PCI spec and datasheets. */
public enum PciQuirks implements Quirk {
    /** CONFIG_ADDRESS keeps bits 30:24 and 1:0 as written. */
    CONFADD_RESERVED_BITS("pci.confadd-reserved-bits", "i440fx-host",
            "CONFIG_ADDRESS (0xCF8) reads back bits 30:24 and 1:0 as last written (outl 0xcf8 0x7f0000ff; inl 0xcf8 -> 0x7f0000ff)",
            "PCI Local Bus 3.0 §3.2.2.3.2 (bits 30:24 reserved, bits 1:0 read-only, both read as 0); "
                    + "82441FX CONFADD; QEMU hw/pci/pci_host.c pci_host_config_write stores the whole dword"),
    /** The data port's register offset is ORed with CONFIG_ADDRESS bits 1:0. */
    CONFADD_LOW_BITS_OFFSET("pci.confadd-low-bits-offset", "i440fx-host",
            "CONFIG_DATA accesses the register at (CONFIG_ADDRESS[7:0] | port&3) for the access length, so bits 1:0 "
                    + "shift the window (outl 0xcf8 0x80000803; inl 0xcfc -> 0x00000070 instead of 0x12378086)",
            "PCI Local Bus 3.0 §3.2.2.3.2 (a type 0 translation drives AD[1:0]=00; the byte enables come from the "
                    + "port); QEMU hw/pci/pci_host.c pci_host_data_read/pci_host_data_write use config_reg | (addr & 3)"),
    /** Byte and word accesses to 0xCF8-0xCFB are answered by the CONFIG_ADDRESS register itself. */
    CONFADD_NARROW_ACCESS("pci.confadd-narrow-access", "i440fx-host",
            "non-dword reads of 0xCF8/0xCFA/0xCFB return the low bytes of CONFIG_ADDRESS whatever the port "
                    + "(CONFADD 0x12345678: inb 0xcfb -> 0x78, inw 0xcfa -> 0x5678); non-dword writes there are dropped; an "
                    + "access starting at 0xCF9 goes wholly to the Reset Control register (RC 0x02: inw 0xcf9 -> 0x0202, "
                    + "inl 0xcf9 -> 0x02020202; outw 0xcf9 0x0002 leaves RC 0) and one at 0xCF8 never reaches it "
                    + "(outw 0xcf8 0x0200 leaves RC 0)",
            "PCI Local Bus 3.0 §3.2.2.3.2 (non-dword accesses to CONFIG_ADDRESS have no effect on it and run as "
                    + "normal I/O cycles; on the PIIX3 board only RC at 0CF9h answers them, 82371SB RC register); QEMU "
                    + "hw/pci/pci_host.c pci_host_config_read/pci_host_config_write, hw/isa/piix3.c rcr_read/rcr_write, "
                    + "softmmu/physmem.c flatview_read_continue (access sized from its start address)"),
    /** The IDE function's BMIBA keeps bits 31:16. */
    BMIBA_UPPER_BITS("piix-ide.bmiba-upper-bits", "piix3-ide",
            "BMIBA (20h) bits 31:16 are writable (write 0xffffffff; read 0xfffffff1)",
            "82371SB PIIX3 datasheet BMIBA—Bus Master Interface Base Address (function 1, 20-23h): bits 31:16 "
                    + "reserved, read 0 (a 64 KiB I/O decoder); QEMU hw/pci/pci.c pci_register_bar sets an I/O BAR's "
                    + "wmask to ~(size-1) over 32 bits"),
    /** SMRAM is a plain read-write byte. */
    SMRAM_UNLOCKED("i440fx.smram-unlocked", "i440fx",
            "SMRAM (72h) is fully writable: C_BASE_SEG and bit 7 take any value (write 0xff; read 0xff) and "
                    + "D_LCK locks nothing (write 0xff then 0x00; read 0x00)",
            "82441FX PMC datasheet SMRAM—System Management RAM Control Register (72h): C_BASE_SEG hardwired to 010, "
                    + "bit 7 reserved, D_LCK=1 clears D_OPEN and makes D_OPEN, D_LCK, G_SMRAME read-only until reset; "
                    + "QEMU hw/pci-host/i440fx.c i440fx_realize/i440fx_write_config (default wmask of 40h-FFh)"),
    /** Any write with RCPU=1 resets the whole board, whatever SRST says. */
    RCPU_SOFT_RESET_RESETS_BOARD("piix3.rcpu-soft-reset-resets-board", "piix3",
            "a write to RC (0CF9h) with RCPU=1 resets every device of the board even with SRST=0 (IMR 0xfb; outb 0xcf9 "
                    + "0x04; inb 0x21 -> 0x00), and the write itself is not stored in RC",
            "82371SB PIIX3 datasheet RC—Reset Control Register (0CF9h): RCPU=1 with SRST=0 is a soft reset (INIT to the "
                    + "CPU only, devices keep their state), only SRST=1 asserts PCIRST#; QEMU hw/isa/piix3.c rcr_write "
                    + "(qemu_system_reset_request on bit 2, whatever bit 1)"),
    /** A board reset leaves most device-specific configuration bytes as they were. */
    RESET_KEEPS_DEVICE_REGISTERS("pci.reset-keeps-device-registers", "i440fx, piix3",
            "a reset restores the header's writable registers (Command, Cache Line Size, Interrupt Line, BARs) and only "
                    + "the device-specific bytes a QEMU reset handler rewrites (PIIX3 4Ch-4Fh, 60h-63h, 69h, 70h, 76h-79h, "
                    + "80h, 82h, A0h, A2h-A8h, AAh-ACh, AEh; PIIX4 PM 40h, 58h-5Bh, 80h); every other byte of 40h-FFh "
                    + "keeps its value: i440FX DRAMC (57h), PAM0-6, SMRAM (72h), PIIX3 MSTAT and MBIRQ1, IDETIM, PIIX4 "
                    + "PMBA 41h-43h and SMBBA (write 0xff; outb 0xcf9 0x06; read 0xff)",
            "PCI Local Bus 3.0 §6.2 and the 82441FX/82371SB/82371AB datasheets: every register has a default value "
                    + "that RST# restores; QEMU hw/pci/pci.c pci_do_device_reset, hw/isa/piix3.c piix3_reset, "
                    + "hw/acpi/piix4.c piix4_pm_reset, hw/ide/piix.c piix_ide_reset (hw/pci-host/i440fx.c has none)"),
    /** A board reset leaves CONFIG_ADDRESS as it was. */
    RESET_KEEPS_CONFIG_ADDRESS("pci.reset-keeps-config-address", "i440fx-host",
            "CONFIG_ADDRESS (0xCF8) keeps its value across a reset (outl 0xcf8 0x8000083c; outb 0xcf9 0x06; "
                    + "inl 0xcf8 -> 0x8000083c)",
            "82441FX PMC datasheet CONFADD (0CF8h): default value 00000000h, restored by the reset; QEMU "
                    + "hw/pci/pci_host.c keeps config_reg in PCIHostState and no reset handler clears it"),
    /** The i440FX's reserved device-specific bytes are plain read-write bytes. */
    I440FX_DEVICE_REGISTERS_WRITABLE("i440fx.device-registers-writable", "i440fx",
            "the bytes of 40h-FFh the 82441FX reserves (40h-4Fh, 69h-6Fh, 73h-8Fh, 92h, 94h-FFh) keep any value "
                    + "written (write 0xff; read 0xff), and so do the reserved bits of PAM0-6 (59h-5Fh bits 7, 6, 3, 2; "
                    + "PAM0 bits 3:0): write 0xff to 5Ah; read 0xff; likewise the reserved and read-only bits of PMCCFG "
                    + "(50h-51h bits 14:10, 7, 3, 1:0), AXC (54h bits 6:2, 0), DRAMC (57h bits 7, 3), DRAMT (58h bit 7), "
                    + "CLT (71h bits 7:5), ERRCMD (90h bits 7:5, 2) and TRC (93h bits 7:4), and ERRSTS (91h) is a plain "
                    + "read-write byte whose error flags a 1 does not clear: write 0xff to 91h; read 0xff",
            "PCI Local Bus 3.0 §6.1 (reserved registers read 0, writes have no effect) and the 82441FX PMC datasheet "
                    + "register map (no register at those offsets); PAM: only RE and WE of each region are "
                    + "implemented (82443LX PAC datasheet §3.3.17 Table 10, the same registers at 59h-5Fh: bits 7,3 and "
                    + "6,2 reserved; Ralf Brown's Interrupt List, PAM bitfields: on the 82441FX bits 6 and 2, cache "
                    + "enable on the 8243x, are reserved and PAM0's low region is reserved); the other registers as "
                    + "Ralf Brown's Interrupt List 61 (Tables 01230-01239) gives them from the 82441FX PMC datasheet "
                    + "290549-001: PMCCFG bit 14 read-only, 13:10, 7, 3, 1:0 reserved; AXC 6:2 and 0, DRAMC 7 and 3, "
                    + "DRAMT 7, CLT 7:5, ERRCMD 7:5 and 2, TRC 7:4 reserved; ERRSTS bits 4 and 0 write-1-to-clear, "
                    + "7:5 and 3:1 read-only; QEMU hw/pci/pci.c "
                    + "pci_init_wmask makes every byte from 40h to the end of config space writable and "
                    + "hw/pci-host/i440fx.c narrows none of them"),
    /** DRAMC carries the RAM size for old coreboot; DBC and DRAMT power on as 0. */
    I440FX_RAM_SIZE_IN_DRAMC("i440fx.ram-size-in-dramc", "i440fx",
            "DRAMC (57h) powers on holding the RAM size in 8 MiB units, 255 at most (-m 128M: inb -> 0x10), and DBC "
                    + "(53h) and DRAMT (58h) power on as 00h",
            "82441FX PMC power-on values DBC 80h, DRAMC 01h, DRAMT 10h, as Bochs iodev/pci.cc (reset) and 86Box "
                    + "chipset/intel_4x0.c (i4x0_reset) both set them; QEMU hw/pci-host/i440fx.c i440fx_init writes "
                    + "ram_size >> 23 to config[I440FX_COREBOOT_RAM_SIZE] (57h) and sets no other value there"),
    /** The PIIX3's reserved bytes and reserved register bits are writable. */
    PIIX3_DEVICE_REGISTERS_WRITABLE("piix3.device-registers-writable", "piix3",
            "every byte of 40h-FFh takes any value: the reserved bytes (40h-4Bh, 4Dh, 50h-5Fh, 64h-68h, 6Ch-6Fh, 71h-75h, "
                    + "7Ah-7Fh, 81h, 83h-9Fh, A1h, A9h, ADh, AFh-FFh) and the reserved bits of XBCS (4Fh bits 7:1), PIRQRC[A:D] "
                    + "(60h-63h bits 6:4), TOM (69h bit 0), MSTAT (6Ah bits 5, 3:1; 6Bh bits 6:0), MBIRQ0 (70h bit 4), "
                    + "MBDMA0/1 (76h-77h bits 6:3), APICBASE (80h bit 7), SMICNTL (A0h bits 7:5), SMIEN (A3h bits 7:1), SEE "
                    + "(A4h bit 2, A6h, A7h bits 3:0) and SMIREQ (ABh bits 7:1) (write 0xff to 60h; read 0xff); MSTAT bit 15 "
                    + "is plain read-write, not write-1-to-clear, and MBDMA0/1 power on as 0Ch, reserved bit 3 set "
                    + "(inb 0x76 -> 0x0c)",
            "PCI Local Bus 3.0 §6.1; 82371SB PIIX3 datasheet, PCI-to-ISA bridge configuration registers: XBCS bits 15:9 "
                    + "reserved, PIRQRC bits 6:4 reserved, APICBASE bit 7 reserved, no register at the reserved offsets; "
                    + "the other registers as Ralf Brown's Interrupt List 61 (Tables 01167, 01216-01219, 01222, "
                    + "01080-01082) gives them from the 82371FB/SB datasheet 290550-001: MBIRQ1 and 81h reserved on the "
                    + "82371SB, TOM bit 0, MSTAT 14:8, 5, 3:1, MBIRQ0 4, MBDMA 6:3 (bit 3 reads 0, default 04h), SMICNTL "
                    + "7:5, SMIEN and SMIREQ 15:9, SEE 27:16 and 2 reserved, MSTAT bit 15 write-1-to-clear; QEMU "
                    + "hw/pci/pci.c pci_init_wmask (wmask 0xff for 40h-FFh), hw/isa/piix3.c narrows none and piix3_reset "
                    + "writes 0Ch to 76h-77h"),
    /** The IDE function's reserved device-specific bytes are writable. */
    PIIX_IDE_DEVICE_REGISTERS_WRITABLE("piix-ide.device-registers-writable", "piix3-ide",
            "the bytes 45h-FFh, past IDETIM and SIDETIM, keep any value written (write 0xff to 48h; read 0xff), and "
                    + "so do the reserved bits 11:10 of each channel's IDETIM (write 0xffff to 40h; read 0xffff)",
            "PCI Local Bus 3.0 §6.1; 82371SB PIIX3 datasheet, IDE configuration registers (the last is SIDETIM at 44h; "
                    + "IDETIM bits 11:10 reserved, Ralf Brown's Interrupt List 61 Table 01223 from the 82371FB/SB "
                    + "datasheet 290550-001); QEMU hw/pci/pci.c pci_init_wmask, hw/ide/piix.c narrows none"),
    /** The PIIX4 power-management function's reserved bytes and hardwired base-address bits are writable. */
    PIIX4_PM_DEVICE_REGISTERS_WRITABLE("piix4-pm.device-registers-writable", "piix4-pm",
            "PMBA bits 5:0 and 31:16 and SMBBA bits 3:0 and 31:16 take any value (write 0xffffffff to 40h; read "
                    + "0xffffffff; the Resource Type Indicator can be cleared) and the reserved bytes 81h-8Fh, 94h-D1h, "
                    + "D7h-FFh keep any value written",
            "PCI Local Bus 3.0 §6.1; 82371AB PIIX4 datasheet, power management configuration registers: PMBA (40h) bit 0 "
                    + "hardwired 1, bits 5:1 read 0 (64-byte block); SMBBA (90h) bit 0 hardwired 1, bits 3:1 read 0 "
                    + "(16-byte block); bits 31:16 of both read 0, a base in the 64 KiB I/O space (86Box "
                    + "chipset/intel_piix.c and MAME machine/i82371eb_acpi.cpp agree); QEMU hw/pci/pci.c pci_init_wmask, "
                    + "hw/acpi/piix4.c piix4_pm_realize narrows none");

    private final Entry entry;

    PciQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /** The ledger, in the order listed above. */
    public static List<Quirk> all() {
        return List.of(values());
    }
}
