package org.trapline.models.pci;

/**
 * The Cirrus Logic CL-GD5446 as QEMU 7.2 shows it ({@code -vga cirrus}, {@code -device cirrus-vga};
 * hw/display/cirrus_vga.c pci_cirrus_vga_realize): 1013:00B8, a VGA-compatible controller; BAR0
 * 32 MiB prefetchable memory (the 4 MiB of video memory and the BitBLT and linear apertures QEMU
 * lays out in it), BAR1 the 4 KiB MMIO block, the expansion ROM BAR sized for vgabios-cirrus.bin.
 * The GD5446 datasheet was not at hand: its configuration registers here are QEMU's, in both
 * profiles (Revision ID 00h, the device-specific bytes 40h-FFh read-write). Configuration space
 * only: no video memory, no registers, no legacy VGA ports or memory.
 */
final class CirrusVga {
    static final int VENDOR_ID = 0x1013;
    static final int DEVICE_ID = 0x00b8;
    static final long MEMORY = 32L << 20;
    static final long MMIO = 4 << 10;

    private CirrusVga() {
    }

    static PciFunction create(PciCard card) {
        ConfigSpace.Builder b = Type0Header.of(VENDOR_ID, DEVICE_ID, 0x00, StdVga.CLASS_VGA, PciCards.headerType(card), 0, 0)
                .reg(0x10, 4, "BAR0 (video memory)", PciCards.PREFETCHABLE, PciCards.memoryBarMask(MEMORY))
                .reg(0x14, 4, "BAR1 (MMIO)", 0, PciCards.memoryBarMask(MMIO));
        PciCards.romBar(b, card.romBytes());
        b.unnamedReadWrite(PciFunction.DEVICE_SPECIFIC, 0xff);
        return new PciFunction("cirrus-vga", card.device(), card.function(), b.build()).qemuResetRestores();
    }
}
