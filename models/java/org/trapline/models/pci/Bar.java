package org.trapline.models.pci;

import org.trapline.models.bus.AddressSpace;
import org.trapline.models.bus.Mapping;
import org.trapline.models.bus.Region;

/**
 * A Base Address Register that decodes (PCI 3.0 §6.2.5.1): the function's registers appear at the
 * base the BAR holds while Command's I/O Space (bit 0) or Memory Space (bit 1) enable is set, move
 * with it and vanish without it. As QEMU's pci_update_mappings (hw/pci/pci.c pci_bar_address), a
 * base of 0 or one whose block would wrap past the top of its space (64 KiB of I/O, 4 GiB of
 * 32-bit memory) maps nothing, and a mapped BAR lies at priority 1, over the board's own regions.
 */
final class Bar {
    static final int COMMAND = 0x04;
    static final int IO_SPACE = 0x1;
    static final int MEMORY_SPACE = 0x2;
    static final int PRIORITY = 1;
    private static final long IO_LIMIT = 0x10000L;
    private static final long MEMORY_LIMIT = 0x1_0000_0000L;

    private final int offset;
    private final boolean io;
    private final long size;
    private final Mapping mapping;

    Bar(int offset, boolean io, AddressSpace space, Region registers) {
        this.offset = offset;
        this.io = io;
        this.size = registers.length();
        this.mapping = space.map(registers.withPriority(PRIORITY), false);
    }

    boolean covers(int at, int width) {
        return at < offset + 4 && at + width > offset || at < COMMAND + 2 && at + width > COMMAND;
    }

    void update(ConfigSpace config) {
        long command = config.read(COMMAND, 2);
        long base = config.read(offset, 4) & (io ? ~0x3L : ~0xfL) & 0xffffffffL & -size;
        boolean enabled = (command & (io ? IO_SPACE : MEMORY_SPACE)) != 0;
        boolean decodes = enabled && base != 0 && base + size <= (io ? IO_LIMIT : MEMORY_LIMIT);
        mapping.place(decodes ? base : mapping.region().base(), decodes);
    }

    Mapping mapping() {
        return mapping;
    }
}
