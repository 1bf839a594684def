package org.trapline.models.fwcfg;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's fw_cfg (hw/nvram/fw_cfg.c, the I/O-port variant {@code -machine pc} creates)
 * departs from its own specification, docs/specs/fw_cfg.rst. Each was read in QEMU's source and
 * seen in its answers over qtest (golden/fwcfg-*.trace).
 */
public enum FwCfgQuirks implements Quirk {
    /** The selector port answers byte reads with the data register's next byte. */
    SELECTOR_READS_DATA("fwcfg.selector-reads-data", "fw_cfg",
            "a byte read of the selector port (0x510) returns the selected item's next byte and advances the data"
                    + " offset, as a read of the data port does",
            "fw_cfg.rst 'Selector (Control) Register': write only, and the data register is the port one greater;"
                    + " QEMU hw/nvram/fw_cfg.c fw_cfg_comb_mem_ops (fw_cfg_data_read for the whole two-byte region,"
                    + " fw_cfg_comb_valid accepts any byte read)"),
    /** A DMA write that is rejected still moves the data offset on. */
    REJECTED_WRITE_ADVANCES_OFFSET("fwcfg.rejected-write-advances-offset", "fw_cfg",
            "a DMA write to a read-only item sets the error bit but still advances the item's data offset by the"
                    + " length (up to the item's end), so the next read starts later",
            "fw_cfg.rst 'Guest-side DMA Interface': writes to read-only items are rejected (error bit set), and the"
                    + " data offset moves only with successful accesses ('Data Register'); QEMU hw/nvram/fw_cfg.c"
                    + " fw_cfg_dma_transfer (cur_offset += len after the allow_write check fails)");

    private final Entry entry;

    FwCfgQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /** The ledger, in the order the qemu-pc profile lists it. */
    public static List<Quirk> all() {
        return List.of(values());
    }
}
