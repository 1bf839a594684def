package org.trapline.models.bus;

/** The physical memory address space: MMIO regions and RAM, accesses of 1, 2, 4 or 8 bytes. */
public final class MmioBus extends AddressSpace {
    public MmioBus() {
        super("memory space", 0, 8);
    }
}
