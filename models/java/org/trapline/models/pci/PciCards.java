package org.trapline.models.pci;

import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * The configuration spaces of the add-in functions a {@link PciCard} names. Each is a type 0 header
 * (Type0Header) with its BARs as read-write base bits over hardwired type bits, so that writing all
 * ones reads back the block's size (PCI 3.0 §6.2.5.1), and the expansion ROM BAR at 30h with its
 * Address Decode Enable (bit 0) writable (§6.2.5.2). Nothing decodes behind the BARs: an access
 * there finds the unassigned memory or I/O the board answers for any address nobody claims.
 */
final class PciCards {
    /** Memory BAR bit 3, Prefetchable (PCI 3.0 §6.2.5.1); bits 2:1 00b: anywhere in 32-bit space. */
    static final long PREFETCHABLE = 0x8;
    /** I/O BAR bit 0, the Resource Type Indicator. */
    static final long IO_SPACE = 0x1;
    static final int ROM_BAR = 0x30;
    /** Expansion ROM BAR bit 0, Address Decode Enable. */
    static final long ROM_ENABLE = 0x1;
    static final int HEADER_MULTI_FUNCTION = 0x80;

    private PciCards() {
    }

    static PciFunction create(PciCard card, Set<Quirk> quirks) {
        return switch (card.model()) {
            case PciCard.STD_VGA -> StdVga.create(card);
            case PciCard.CIRRUS_VGA -> CirrusVga.create(card);
            case PciCard.E1000 -> E1000.create(card, quirks);
            default -> Piix3Uhci.create(card, quirks);
        };
    }

    /** A 32-bit memory BAR of {@code size} bytes (a power of two of 16 bytes or more). */
    static long memoryBarMask(long size) {
        return ~(size - 1) & 0xffffffffL;
    }

    /** An I/O BAR of {@code size} bytes whose base has {@code bits} address bits (16 or 32). */
    static long ioBarMask(long size, int bits) {
        return ~(size - 1) & ((1L << bits) - 1);
    }

    /** The expansion ROM BAR: base bits for {@code size} bytes and the decode enable; none when size is 0. */
    static void romBar(ConfigSpace.Builder b, long size) {
        b.reg(ROM_BAR, 4, "Expansion ROM Base Address", 0, size == 0 ? 0 : memoryBarMask(size) | ROM_ENABLE);
    }

    static int headerType(PciCard card) {
        return card.multifunction() ? HEADER_MULTI_FUNCTION : 0;
    }
}
