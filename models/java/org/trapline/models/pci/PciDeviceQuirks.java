package org.trapline.models.pci;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's e1000 and PIIX3 USB functions depart from the 8254x manual and the 82371SB
 * datasheet in configuration space. (QEMU's std VGA is QEMU's own design, and the Cirrus GD5446's
 * datasheet was not at hand: neither has a quirk.)
 */
public enum PciDeviceQuirks implements Quirk {
    /** Subsystem IDs are QEMU's, not the EEPROM's. */
    E1000_SUBSYSTEM_IDS_NOT_FROM_EEPROM("e1000.subsystem-ids-not-from-eeprom", "e1000",
            "Subsystem Vendor ID and Subsystem ID read 1AF4h and 1100h (inl 0x2c -> 0x11001af4), QEMU's own IDs, "
                    + "not the 8086h and 100Eh its e1000 EEPROM image holds at words 0Ch and 0Bh",
            "8254x Software Developer's Manual §4.1 (Subsystem ID and Subsystem Vendor ID are loaded from the EEPROM "
                    + "at power-up) and §5.6 (EEPROM words 0Bh, 0Ch); QEMU hw/pci/pci.c pci_set_default_subsystem_id, "
                    + "hw/net/e1000.c e1000_eeprom_template"),
    /** No capabilities list. */
    E1000_NO_POWER_MANAGEMENT_CAPABILITY("e1000.no-power-management-capability", "e1000",
            "Status bit 4 (Capabilities List) reads 0 and Cap_Ptr (34h) 00h (inl 0x04 -> 0x00000000, inl 0x34 -> 0); "
                    + "there is no PCI Power Management capability at DCh and PMCSR cannot put the function in D3",
            "8254x Software Developer's Manual §4.1 (Cap_Ptr DCh; the Capabilities List bit set) and §6.3.3 (the "
                    + "Power Management register block at DCh-E3h); QEMU hw/net/e1000.c pci_e1000_realize adds no "
                    + "capability (e1000e and igb do)"),
    /** 40h-FFh keep any value. */
    E1000_DEVICE_REGISTERS_WRITABLE("e1000.device-registers-writable", "e1000",
            "every byte of 40h-FFh keeps any value written (write 0xffffffff to 40h; read 0xffffffff)",
            "PCI Local Bus 3.0 §6.1 (reserved registers read 0 and ignore writes); 8254x Software Developer's Manual "
                    + "§4.1 (no register in 40h-FFh but the capability at DCh); QEMU hw/pci/pci.c pci_init_wmask, "
                    + "hw/net/e1000.c narrows none"),
    /** USBBA's bits 31:16 are writable. */
    UHCI_USBBA_UPPER_BITS("uhci.usbba-upper-bits", "piix3-uhci",
            "USBBA (20h) bits 31:16 are writable (write 0xffffffff; read 0xffffffe1)",
            "82371SB PIIX3 datasheet USBBA (function 2, 20-23h): bits 31:16 reserved, read 0 (a base in 64 KiB of "
                    + "I/O, as BMIBA); QEMU hw/pci/pci.c pci_register_bar sets an I/O BAR's wmask to ~(size-1) over "
                    + "32 bits"),
    /** LEGSUP powers on as 0. */
    UHCI_LEGSUP_POWER_ON_ZERO("uhci.legsup-power-on-zero", "piix3-uhci",
            "LEGSUP (C0h) powers on as 0000h (inw 0xc0 -> 0x0000): USBPIRQDEN clear",
            "82371SB PIIX3 datasheet LEGSUP (function 2, C0-C1h): default 2000h, USBPIRQDEN (bit 13) set, the USB "
                    + "interrupt on PIRQD# (Linux drivers/usb/host/uhci-hcd.h USBLEGSUP_DEFAULT); QEMU "
                    + "hw/usb/hcd-uhci.c usb_uhci_common_realize writes nothing there"),
    /** 40h-FFh keep any value, SBRN and LEGSUP's status bits included. */
    UHCI_DEVICE_REGISTERS_WRITABLE("uhci.device-registers-writable", "piix3-uhci",
            "every byte of 40h-FFh keeps any value written: the reserved bytes, SBRN (60h; write 0xff; read 0xff) and "
                    + "every bit of LEGSUP (C0h), whose status bits 15, 11:8 a 1 does not clear and whose read-only "
                    + "bits 14, 12, 6 take the value (write 0xffff; read 0xffff)",
            "PCI Local Bus 3.0 §6.1; 82371SB PIIX3 datasheet, USB configuration registers: SBRN read-only, LEGSUP bits "
                    + "15 and 11:8 read/write-clear, 14, 12 and 6 read-only (Linux drivers/usb/host/pci-quirks.c "
                    + "UHCI_USBLEGSUP_RWC 8F00h, UHCI_USBLEGSUP_RO 5040h), no register at the other offsets; QEMU "
                    + "hw/pci/pci.c pci_init_wmask, hw/usb/hcd-uhci.c narrows none");

    private final Entry entry;

    PciDeviceQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    public static List<Quirk> all() {
        return List.of(values());
    }
}
