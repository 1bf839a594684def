package org.trapline.models.machine;

import java.util.List;

import org.trapline.models.device.Quirk;

/** QEMU's departures in the PC's physical memory map, outside any one device. */
public enum PcMemoryQuirks implements Quirk {
    /** C0000h-DFFFFh holds QEMU's pc.rom, read-only and zero until an option ROM is loaded into it. */
    OPTION_ROM_AREA_READS_ZERO("board.option-rom-area-reads-zero", "memory bus",
            "with no option ROM, the PCI side of C0000h-DFFFFh reads 0 (QEMU's read-only pc.rom region) and ignores writes",
            "IBM PC/AT expansion ROM space: an address no adapter ROM decodes is not driven and floats high (all ones; "
                    + "PCI 3.0 §3.7.3.1 master abort); QEMU hw/i386/pc.c pc_memory_init (pc.rom at PC_ROM_MIN_VGA)"),
    /** Where the i440FX sends a cycle to PCI and nothing on PCI decodes it, QEMU shows the DRAM under the window. */
    EMPTY_PCI_WINDOW_SHOWS_RAM("board.empty-pci-window-shows-ram", "memory bus",
            "an access the i440FX routes to PCI (SMRAM closed, a PAM segment set to PCI) that no PCI device decodes reaches "
                    + "the DRAM under it: with -nodefaults, A0000h-BFFFFh is RAM whatever SMRAM says",
            "82441FX PMC datasheet SMRAM (72h) and PAM0-PAM6: such cycles go to PCI, where nothing claims them and the "
                    + "host bridge's master abort returns all ones (PCI 3.0 §3.7.3.1) and drops writes; QEMU "
                    + "softmmu/memory.c render_memory_region: an alias of the PCI container renders only the container's "
                    + "subregions, so the RAM below it shows where it has none");

    private final Entry entry;

    PcMemoryQuirks(String id, String device, String behaviour, String citation) {
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
