package org.trapline.models.pci;

import java.util.List;

import org.trapline.models.device.Quirk;

/** Where QEMU 7.2's i440FX routes the memory below 1 MiB otherwise than the 82441FX. */
public enum I440fxMemoryQuirks implements Quirk {
    /** A PAM segment with only one of RE and WE set is DRAM both ways, as with both set. */
    PAM_SPLIT_MODES_ARE_DRAM("i440fx.pam-split-modes-are-dram", "i440fx",
            "a PAM segment in write-only mode (WE=1, RE=0) is read from DRAM too, and one in read-only mode (RE=1, WE=0) "
                    + "takes writes into DRAM: both act as RE=WE=1",
            "82441FX PMC datasheet, PAM0-PAM6 (59h-5Fh): with WE=1 RE=0 writes go to DRAM and reads to PCI; with RE=1 WE=0 "
                    + "reads come from DRAM and writes go to PCI; QEMU hw/pci-host/pam.c init_pam (mode 2 is an alias of "
                    + "RAM, mode 1 a read-only alias of RAM whose flag qtest's address_space_write does not see, because "
                    + "softmmu/physmem.c memory_access_is_direct tests the RAM region, not the alias)"),
    /** The non-SMM view of A0000h-BFFFFh opens on D_OPEN alone. */
    SMRAM_OPEN_WITHOUT_G_SMRAME("i440fx.smram-open-without-g-smrame", "i440fx",
            "with D_OPEN=1, A0000h-BFFFFh shows DRAM to non-SMM accesses whatever G_SMRAME says",
            "82441FX PMC datasheet, SMRAM (72h): with G_SMRAME=0 compatible SMRAM is disabled and A0000h-BFFFFh goes "
                    + "to PCI; D_OPEN opens SMRAM to non-SMM accesses only while G_SMRAME=1; QEMU hw/pci-host/i440fx.c "
                    + "i440fx_update_memory_mappings (smram_region enabled on !D_OPEN alone)");

    private final Entry entry;

    I440fxMemoryQuirks(String id, String device, String behaviour, String citation) {
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
