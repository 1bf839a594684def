package org.trapline.models.sysctl;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's port 92h (hw/i386/port92.c) and port 80h (hw/i386/pc.c ioport80) depart from the
 * PIIX3 datasheet (82371SB, 290550): Port 92h, and the DMA page registers at 80h-8Fh. Seen in QEMU's
 * answers over qtest (golden/port92-*.trace).
 */
public enum SysctlQuirks implements Quirk {
    /** Port 92h keeps and returns all eight bits. */
    PORT92_RESERVED_BITS_STORED("port92.reserved-bits-stored", "port92",
            "bits 7-2 of port 92h are kept as written and read back",
            "PIIX3 290550 'Port 92 Register': bits 7:2 are reserved and read 0, only FAST_A20 (bit 1) and FAST_INIT"
                    + " (bit 0) are implemented; QEMU hw/i386/port92.c port92_write, port92_read"),
    /** Fast INIT resets the whole board. */
    PORT92_FAST_INIT_RESETS_BOARD("port92.fast-init-resets-board", "port92",
            "a write that takes bit 0 from 0 to 1 resets the whole board: every device returns to its reset state",
            "PIIX3 290550 'Port 92 Register' bit 0 (FAST_INIT): a 0-to-1 transition asserts INIT to the CPU, which"
                    + " resets the processor only; QEMU hw/i386/port92.c port92_write (qemu_system_reset_request)"),
    /** A board reset clears bit 0 only. */
    PORT92_RESET_KEEPS_A20("port92.reset-keeps-a20", "port92",
            "a board reset clears bit 0 and keeps the other seven bits, A20 (bit 1) included",
            "PIIX3 290550 'Port 92 Register': 00h after a hard reset; QEMU hw/i386/port92.c port92_reset"),
    /** Port 80h is a sink that reads all ones. */
    PORT80_READS_ALL_ONES("port80.reads-all-ones", "port80",
            "writes to port 80h are dropped and a read returns FFh",
            "PIIX3 290550 'DMA Page Registers' (80h-8Fh): port 80h is a read/write byte of the page register file,"
                    + " which also sends each write on to the ISA bus for a POST card; QEMU hw/i386/pc.c"
                    + " ioport80_write, ioport80_read");

    private final Entry entry;

    SysctlQuirks(String id, String device, String behaviour, String citation) {
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
