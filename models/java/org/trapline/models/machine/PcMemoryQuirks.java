package org.trapline.models.machine;

import java.util.List;

import org.trapline.models.device.Quirk;

/** QEMU's departures in the PC's physical memory map, outside any one device. */
public final class PcMemoryQuirks {
    /** C0000h-DFFFFh holds QEMU's pc.rom, read-only and zero until an option ROM is loaded into it. */
    public static final Quirk OPTION_ROM_AREA_READS_ZERO = new Quirk("board.option-rom-area-reads-zero", "memory bus",
            "with no option ROM, the PCI side of C0000h-DFFFFh reads 0 (QEMU's read-only pc.rom region) and ignores writes",
            "IBM PC/AT expansion ROM space: an address no adapter ROM decodes is not driven and floats high (all ones; "
                    + "PCI 3.0 §3.7.3.1 master abort); QEMU hw/i386/pc.c pc_memory_init (pc.rom at PC_ROM_MIN_VGA)");

    private PcMemoryQuirks() {
    }

    public static List<Quirk> all() {
        return List.of(OPTION_ROM_AREA_READS_ZERO);
    }
}
