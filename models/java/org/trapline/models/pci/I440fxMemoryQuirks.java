package org.trapline.models.pci;

import java.util.List;

import org.trapline.models.device.Quirk;

/** Where QEMU 7.2's i440FX routes the memory below 1 MiB otherwise than the 82441FX. */
public final class I440fxMemoryQuirks {
    /** A PAM segment with WE=1, RE=0 sends writes to PCI, not DRAM; with RE=1, WE=0 it drops them. */
    public static final Quirk PAM_WRITES_NOT_TO_DRAM = new Quirk("i440fx.pam-write-only-is-pci", "i440fx",
            "a PAM segment in write-only mode (WE=1, RE=0) sends reads and writes to PCI, so the writes never reach "
                    + "DRAM; in read-only mode (RE=1, WE=0) writes are dropped rather than forwarded to PCI",
            "82441FX PMC datasheet, PAM0-PAM6 (59h-5Fh): WE=1 RE=0 'writes are forwarded to DRAM, reads to PCI'; "
                    + "RE=1 WE=0 'reads from DRAM, writes forwarded to PCI'; QEMU hw/pci-host/pam.c init_pam (its "
                    + "'should distinguish read/write cases': mode 2 aliases PCI space, mode 1 read-only RAM)");

    /** The non-SMM view of A0000h-BFFFFh opens on D_OPEN alone. */
    public static final Quirk SMRAM_OPEN_WITHOUT_G_SMRAME = new Quirk("i440fx.smram-open-without-g-smrame", "i440fx",
            "with D_OPEN=1, A0000h-BFFFFh shows DRAM to non-SMM accesses whatever G_SMRAME says",
            "82441FX PMC datasheet, SMRAM (72h): with G_SMRAME=0 compatible SMRAM is disabled and A0000h-BFFFFh goes "
                    + "to PCI; D_OPEN opens SMRAM to non-SMM accesses only while G_SMRAME=1; QEMU hw/pci-host/i440fx.c "
                    + "i440fx_update_memory_mappings (smram_region enabled on !D_OPEN alone)");

    private I440fxMemoryQuirks() {
    }

    public static List<Quirk> all() {
        return List.of(PAM_WRITES_NOT_TO_DRAM, SMRAM_OPEN_WITHOUT_G_SMRAME);
    }
}
