package org.trapline.models.machine;

import java.util.List;

/** QEMU's departures in the board's address decoding, outside any one device. */
public final class BoardQuirks {
    /** QEMU 7.2 answers {@code readb 0x8000000} (past 128 MiB of RAM) and any other unassigned address with 0. */
    public static final Quirk UNASSIGNED_MEMORY_READS_ZERO = new Quirk("board.unassigned-memory-reads-zero", "memory bus",
            "a read of a physical address no device or RAM claims returns 0",
            "PCI Local Bus 3.0 §3.7.3.1: a master-aborted read returns all ones (the host bridge floats the data high); "
                    + "QEMU softmmu/physmem.c unassigned_mem_read returns 0");

    /** QEMU 7.2 answers {@code inw 0xffff} with 0x00ff: the byte past port 0xFFFF reads 0. */
    public static final Quirk IO_PAST_END_READS_ZERO = new Quirk("board.io-past-end-reads-zero", "I/O space",
            "the bytes of a word or dword IN that fall past port 0xFFFF read 0",
            "the ISA/PCI bus floats undriven data lines high (all ones); QEMU's 64 KiB I/O address space "
                    + "ends at 0xFFFF and address_space_read returns 0 beyond it");

    private BoardQuirks() {
    }

    public static List<Quirk> qemuQuirks() {
        return List.of(UNASSIGNED_MEMORY_READS_ZERO, IO_PAST_END_READS_ZERO);
    }
}
