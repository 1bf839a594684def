package org.trapline.models.pci;

import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * The 82371SB PIIX3 USB host controller ({@code piix3-usb-uhci}, function 2 of the PIIX3 with
 * {@code -usb}; QEMU hw/usb/hcd-uhci.c usb_uhci_common_realize), configuration space only.
 * Register names from the 82371SB datasheet's USB function: USBBA (20h), a 32-byte I/O block
 * (BAR4, where BSD guests look for it); SBRN (60h) 10h, USB 1.0; MISCSUP (6Ah); LEGSUP (C0h);
 * interrupt pin INTD#. Nothing behind USBBA is modelled.
 */
final class Piix3Uhci {
    static final int VENDOR_ID = 0x8086;
    static final int DEVICE_ID = 0x7020;
    static final int REVISION = 0x01;
    /** Base class 0Ch serial bus, sub-class 03h USB, programming interface 00h UHCI. */
    static final int CLASS_UHCI = 0x0c0300;
    static final int USBBA = 0x20;
    static final long IO = 32;
    static final int SBRN = 0x60;
    static final int USB_RELEASE_1_0 = 0x10;
    static final int MISCSUP = 0x6a;
    static final int LEGSUP = 0xc0;
    /**
     * LEGSUP at power-on: USBPIRQDEN (bit 13) set, USB interrupts routed to PIRQD#. Its read-write
     * bits (13, 7, 5:0), its write-1-to-clear status bits (15, 11:8) and its read-only bits (14,
     * 12, 6) as the 82371SB LEGSUP register gives them; Linux has the same (drivers/usb/host/uhci-hcd.h
     * USBLEGSUP_DEFAULT, pci-quirks.c UHCI_USBLEGSUP_RWC and UHCI_USBLEGSUP_RO).
     */
    static final int LEGSUP_DEFAULT = 0x2000;
    static final int LEGSUP_WRITABLE = 0x20bf;
    static final int LEGSUP_WRITE_ONE_TO_CLEAR = 0x8f00;

    private Piix3Uhci() {
    }

    static PciFunction create(PciCard card, Set<Quirk> quirks) {
        boolean writable = quirks.contains(PciDeviceQuirks.UHCI_DEVICE_REGISTERS_WRITABLE);
        int usbbaBits = quirks.contains(PciDeviceQuirks.UHCI_USBBA_UPPER_BITS) ? 32 : 16;
        ConfigSpace.Builder b = Type0Header.of(VENDOR_ID, DEVICE_ID, REVISION, CLASS_UHCI, PciCards.headerType(card), 0, 4)
                .reg(USBBA, 4, "USBBA", PciCards.IO_SPACE, PciCards.ioBarMask(IO, usbbaBits))
                .reg(SBRN, 1, "SBRN", USB_RELEASE_1_0, writable ? 0xff : 0)
                // QEMU's uhci_reset writes 01h here (its "usb clock"); the datasheet's bits were not at
                // hand, so both profiles keep QEMU's value and mask.
                .reg(MISCSUP, 2, "MISCSUP", 0x0001, 0xffff)
                .reg(LEGSUP, 2, "LEGSUP", quirks.contains(PciDeviceQuirks.UHCI_LEGSUP_POWER_ON_ZERO) ? 0 : LEGSUP_DEFAULT,
                        writable ? 0xffff : LEGSUP_WRITABLE);
        if (writable) {
            b.unnamedReadWrite(PciFunction.DEVICE_SPECIFIC, 0xff);
        } else {
            b.w1c(LEGSUP, 2, LEGSUP_WRITE_ONE_TO_CLEAR);
        }
        return new PciFunction("piix3-uhci", card.device(), card.function(), b.build()).qemuResetRestores(MISCSUP, MISCSUP + 1);
    }
}
