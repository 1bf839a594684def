package org.trapline.models.pci;

import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * The Intel 82540EM Gigabit Ethernet controller ({@code e1000}, QEMU hw/net/e1000.c
 * pci_e1000_realize), configuration space only. Register names and layout from the PCI/PCI-X
 * Family of Gigabit Ethernet Controllers Software Developer's Manual (8254x), §4.1 and §6.3.3:
 * BAR0 the 128 KiB memory-mapped register block, BAR1 the 8-byte IOADDR/IODATA window in a 64-byte
 * I/O BAR, the expansion ROM BAR sized for efi-e1000.rom, interrupt pin INTA#, Subsystem IDs from
 * the EEPROM, a capabilities list holding PCI Power Management at DCh (on the 82540EM its Next
 * Item Pointer is 00h: the PCI-X capability at E4h is not applicable to it). Nothing behind BAR0
 * and BAR1 is modelled.
 */
final class E1000 {
    static final int VENDOR_ID = 0x8086;
    static final int DEVICE_ID = 0x100e;
    /** QEMU's e1000 info table for 82540EM (hw/net/e1000.c e1000_devices). */
    static final int REVISION = 0x03;
    /** Base class 02h network, sub-class 00h Ethernet. */
    static final int CLASS_ETHERNET = 0x020000;
    static final long MMIO = 128 << 10;
    static final long IO = 64;
    /** Status bit 4, Capabilities List. */
    static final int STATUS_CAPABILITIES = 0x0010;
    static final int CAP_PTR = 0x34;
    static final int PM_CAPABILITY = 0xdc;
    /**
     * EEPROM words 0Bh (Subsystem ID) and 0Ch (Subsystem Vendor ID), loaded into 2Eh and 2Ch at
     * power-up (8254x manual §5.6, EEPROM map); QEMU's EEPROM image holds the device ID and 8086h
     * there (hw/net/e1000.c e1000_eeprom_template, e1000x_core_prepare_eeprom).
     */
    static final int EEPROM_SUBSYSTEM_ID = DEVICE_ID;
    static final int EEPROM_SUBSYSTEM_VENDOR_ID = 0x8086;
    /**
     * PMC (DEh), read-only: PME_Support D0, D3hot and D3cold (bits 15, 14, 11), DSI (5), version
     * 010b (PCI Power Management 1.1). Taken as the manual's §6.3.3.3 describes the field's
     * defaults; the page giving the 82540EM's exact value could not be read, so this value is not
     * verified.
     */
    static final int PMC = 0xc822;
    /**
     * PMCSR (E0h), 8254x manual §6.3.3.4: PowerState (1:0), PME_En (8) and Data_Select (12:9)
     * read-write (Data_Select while power management is enabled in the EEPROM); Data_Scale (14:13)
     * read-only. The Data register (E3h, §6.3.3.6) reads 00h: its D0/D3 power values from the EEPROM
     * are not modelled.
     */
    static final int PMCSR_WRITABLE = 0x1f03;
    /** PMCSR bit 15, PME_Status: write 1 to clear (§6.3.3.4). */
    static final int PMCSR_PME_STATUS = 0x8000;
    /**
     * PMCSR bits 8 (PME_En, in byte E1h) and 15 (PME_Status): with AUX_POWER at 1, which the D3cold bit
     * of {@link #PMC} advertises (§6.3, "D3cold support"), only LAN_PWR_GOOD resets them, not RST#
     * (§6.3.3, §6.3.3.4).
     */
    static final int PMCSR_HIGH_KEPT_THROUGH_RST = 0x81;

    private E1000() {
    }

    static PciFunction create(PciCard card, Set<Quirk> quirks) {
        boolean pm = !quirks.contains(PciDeviceQuirks.E1000_NO_POWER_MANAGEMENT_CAPABILITY);
        ConfigSpace.Builder b = Type0Header.of(VENDOR_ID, DEVICE_ID, REVISION, CLASS_ETHERNET, PciCards.headerType(card),
                        pm ? STATUS_CAPABILITIES : 0, 1)
                .reg(0x10, 4, "BAR0 (memory register base)", 0, PciCards.memoryBarMask(MMIO))
                .reg(0x14, 4, "BAR1 (IO register base)", PciCards.IO_SPACE, PciCards.ioBarMask(IO, 32));
        PciCards.romBar(b, card.romBytes());
        if (!quirks.contains(PciDeviceQuirks.E1000_SUBSYSTEM_IDS_NOT_FROM_EEPROM)) {
            b.reg(0x2c, 2, "Subsystem Vendor ID", EEPROM_SUBSYSTEM_VENDOR_ID, 0)
                    .reg(0x2e, 2, "Subsystem ID", EEPROM_SUBSYSTEM_ID, 0);
        }
        if (pm) {
            b.reg(CAP_PTR, 1, "Cap_Ptr", PM_CAPABILITY, 0)
                    .reg(PM_CAPABILITY, 1, "Capability ID", 0x01, 0)
                    .reg(PM_CAPABILITY + 1, 1, "Next Item Ptr", 0x00, 0)
                    .reg(PM_CAPABILITY + 2, 2, "PMC", PMC, 0)
                    .reg(PM_CAPABILITY + 4, 2, "PMCSR", 0, PMCSR_WRITABLE)
                    .w1c(PM_CAPABILITY + 4, 2, PMCSR_PME_STATUS)
                    .reg(PM_CAPABILITY + 6, 1, "PMCSR_BSE", 0, 0)
                    .reg(PM_CAPABILITY + 7, 1, "Data", 0, 0);
        }
        if (quirks.contains(PciDeviceQuirks.E1000_DEVICE_REGISTERS_WRITABLE)) {
            b.unnamedReadWrite(PciFunction.DEVICE_SPECIFIC, 0xff);
        }
        // QEMU's e1000 reset (qdev_e1000_reset) rewrites no configuration byte past the header.
        PciFunction f = new PciFunction("e1000", card.device(), card.function(), b.build()).qemuResetRestores();
        return pm ? f.keepsThroughRst(PM_CAPABILITY + 5, PMCSR_HIGH_KEPT_THROUGH_RST) : f;
    }
}
