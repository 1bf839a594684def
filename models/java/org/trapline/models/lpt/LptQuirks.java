package org.trapline.models.lpt;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's ISA parallel port (hw/char/parallel.c, isa-parallel on a character backend that is not a
 * host parallel port: {@code -parallel null}, or the console QEMU gives a board without {@code -nodefaults})
 * departs from the IBM PC parallel printer adapter in IEEE 1284 compatibility mode (SPP) with nothing attached.
 * Each was read in QEMU's source and seen in its answers over qtest (golden/lpt-*.trace).
 */
public enum LptQuirks implements Quirk {
    /** The status register is a simulated printer's. */
    EMULATED_PRINTER("lpt.emulated-printer", "lpt",
            "the status register answers for a printer that is online and ready: D9h after reset (nBUSY, nACK,"
                    + " SELECT, nERROR and bit 0 set, PE clear), D8h after a control write with nINIT low; a strobe"
                    + " (STROBE set with INIT and SELECT IN set) clears nBUSY, and then each status read while STROBE is"
                    + " clear runs the handshake: nACK clear, then nACK and nBUSY set again",
            "IBM PC Technical Reference, Printer Adapter, and IEEE 1284 compatibility mode: the status register reads"
                    + " the Busy (inverted), nAck, PError, Select and nFault lines, which with nothing attached float"
                    + " high (7Fh); nothing answers a strobe; QEMU hw/char/parallel.c parallel_ioport_read_sw,"
                    + " parallel_ioport_write_sw, parallel_reset"),
    /** A control write raises IRQ 7 as if an acknowledge had come. */
    CONTROL_WRITE_INTERRUPTS("lpt.control-write-interrupts", "lpt",
            "a control write with INIT and SELECT IN set and STROBE clear, while the previous control value had IRQ"
                    + " enable (bit 4) set, raises IRQ 7; it stays until a status read, and a data write drives the"
                    + " line again",
            "IBM PC Technical Reference, Printer Adapter: the interrupt follows the printer's -ACK while IRQ enable is"
                    + " set, and with nothing attached -ACK never pulses; QEMU hw/char/parallel.c"
                    + " parallel_ioport_write_sw, parallel_update_irq"),
    /** A dword access reaches no register. */
    PORTIO_ACCESS("lpt.portio-access", "lpt",
            "a dword read at 378h-37Fh reads FFFFFFFFh and a dword write writes nothing; no register is reached",
            "IBM PC Technical Reference, Printer Adapter: an 8-bit ISA device, whose 32-bit cycles the bus turns into"
                    + " byte cycles to consecutive ports; QEMU hw/char/parallel.c isa_parallel_portio_sw_list (bytes"
                    + " only), softmmu/ioport.c portio_read, portio_write");

    private final Entry entry;

    LptQuirks(String id, String device, String behaviour, String citation) {
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
