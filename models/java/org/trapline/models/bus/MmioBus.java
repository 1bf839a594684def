package org.trapline.models.bus;

/** A physical memory address space: MMIO regions and RAM, accesses of 1, 2, 4 or 8 bytes. */
public final class MmioBus extends AddressSpace {
    public MmioBus() {
        this("memory space");
    }

    /** A memory space of its own name: the system's, or the PCI bus's behind the host bridge. */
    public MmioBus(String name) {
        super(name, 0, 8);
    }
}
