package org.trapline.models.pci;

/**
 * QEMU's standard VGA (1234:1111, {@code -vga std}, {@code -device VGA}): a PCI VGA-compatible
 * controller of QEMU's own design (QEMU 7.2 docs/specs/standard-vga.txt, "PCI spec" and "MMIO area
 * spec"; hw/display/vga-pci.c pci_std_vga_realize), so its own specification is the hardware and no
 * quirk applies. BAR1 is reserved there (kept for a 64-bit framebuffer BAR) and reads 0. BAR0 the
 * framebuffer, 16 MiB prefetchable memory ({@code vgamem_mb} 16); BAR2 the 4 KiB MMIO block (the
 * VGA ports, the Bochs DISPI interface and QEMU's extended registers, which give Revision ID 2);
 * the expansion ROM BAR sized for vgabios-stdvga.bin. Configuration space only: no framebuffer, no
 * MMIO registers, no legacy VGA ports or memory.
 */
final class StdVga {
    static final int VENDOR_ID = 0x1234;
    static final int DEVICE_ID = 0x1111;
    /** Revision 2 says the MMIO BAR holds QEMU's extended registers (standard-vga.txt, MMIO area 0600h-0607h). */
    static final int REVISION = 0x02;
    /** Base class 03h display, sub-class 00h VGA-compatible, programming interface 00h. */
    static final int CLASS_VGA = 0x030000;
    static final long FRAMEBUFFER = 16L << 20;
    static final long MMIO = 4 << 10;

    private StdVga() {
    }

    static PciFunction create(PciCard card) {
        ConfigSpace.Builder b = Type0Header.of(VENDOR_ID, DEVICE_ID, REVISION, CLASS_VGA, PciCards.headerType(card), 0, 0)
                .reg(0x10, 4, "BAR0 (framebuffer)", PciCards.PREFETCHABLE, PciCards.memoryBarMask(FRAMEBUFFER))
                .reg(0x18, 4, "BAR2 (MMIO)", 0, PciCards.memoryBarMask(MMIO));
        PciCards.romBar(b, card.romBytes());
        // QEMU's own device: its device-specific bytes are QEMU's generic ones (hw/pci/pci.c pci_init_wmask).
        b.unnamedReadWrite(PciFunction.DEVICE_SPECIFIC, 0xff);
        return new PciFunction("std-vga", card.device(), card.function(), b.build()).qemuResetRestores();
    }
}
