package org.trapline.models.pcihp;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * QEMU 7.2's ACPI PCI hotplug block: a paravirtual interface of QEMU's own, with no datasheet. Its
 * specification is QEMU's docs/specs/acpi_pci_hotplug.rst; on a real PIIX4 board nothing answers at
 * its ports, so the block's presence is the quirk.
 */
public enum PcihpQuirks implements Quirk {
    /** QEMU's PCI hotplug registers at AE00h-AE17h. */
    BLOCK_AT_AE00("pcihp.block-at-ae00", "acpi-pci-hotplug",
            "a 24-byte block at fixed ports AE00h-AE17h answers dword accesses: PCI_UP, PCI_DOWN (0), PCI_EJ "
                    + "(reads 0, a write ejects), PCI_RMV (FFFFFFFCh on bus 0: slots 0 and 1 hold the i440FX and "
                    + "the PIIX, which cannot be unplugged; FFFFFFFFh on selectors 1-255), PCI_SEL (the bus selector, "
                    + "kept across reset; every register reads 0 while it is 256 or more) and the acpi-index "
                    + "register; byte and word accesses read 0 and write nothing",
            "82371AB 290562: the PIIX4 decodes no I/O at AE00h (its function 3 claims only PMBA, SMBBA and the "
                    + "fixed APM ports), so on the board the ports float; QEMU hw/acpi/piix4.c "
                    + "piix4_acpi_system_hot_add_init calls acpi_pcihp_init at ACPI_PCIHP_ADDR_PIIX4, "
                    + "hw/acpi/pcihp.c pci_read, pci_write, acpi_pcihp_io_ops (valid sizes 4..4), "
                    + "docs/specs/acpi_pci_hotplug.rst");

    private final Entry entry;

    PcihpQuirks(String id, String device, String behaviour, String citation) {
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
