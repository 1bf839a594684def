package org.trapline.models.ioapic;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's IO-APIC (hw/intc/ioapic.c, ioapic_common.c) departs from the Intel 82093AA
 * datasheet (290566-001). Each was read in QEMU's source and confirmed over qtest against
 * qemu-system-x86_64 7.2 (golden/ioapic-*.trace, IoapicQuirksTest).
 */
public enum IoapicQuirks implements Quirk {
    /** IOAPICVER reads 20h and the EOI register at 40h exists (QEMU's default "version" property). */
    VERSION_20H("ioapic.version-20h", "ioapic",
            "IOAPICVER bits 7:0 read 20h, and a dword written at offset 40h is an EOI: it clears Remote IRR of the"
                    + " level-triggered entries whose vector equals the whole written value",
            "82093AA 290566 §3.2.2 IOAPICVER: version 11h; §3.1 Table 1: IOREGSEL and IOWIN are the only memory-mapped"
                    + " registers; QEMU hw/intc/ioapic.c IOAPIC_VER_DEF 0x20, ioapic_mem_write IOAPIC_EOI"),
    /** A 4 KiB region that decodes address bits 7:0 only. */
    WINDOW_4K_ALIASED("ioapic.window-4k-aliased", "ioapic",
            "the IO-APIC answers in a 4 KiB region at FEC00000h and sees only address bits 7:0, so IOREGSEL and IOWIN"
                    + " repeat every 256 bytes up to FEC00FFFh",
            "82093AA 290566 §3.0: the PIIX3 decodes the IOAPIC's block (its APICBASE register moves it in 1 KiB steps)"
                    + " and D/I# selects IOREGSEL or IOWIN; QEMU hw/intc/ioapic.c ioapic_realize (0x1000),"
                    + " ioapic_mem_read/ioapic_mem_write (addr &= 0xff)"),
    /** Bits 55:17 of a redirection entry, and ID's reserved bits, are stored as written. */
    RESERVED_ENTRY_BITS_STORED("ioapic.reserved-entry-bits-stored", "ioapic",
            "a redirection entry keeps and reads back every bit written to its reserved bits 55:17, and bits 55:48"
                    + " go out in bits 11:4 of the interrupt message's address",
            "82093AA 290566 §3.2.4 IOREDTBL bits 55:17 Reserved; Intel SDM Vol. 3A 'Message Address Register Format'"
                    + " bits 11:4 reserved; QEMU hw/intc/ioapic.c ioapic_mem_write (IOAPIC_RW_BITS),"
                    + " ioapic_entry_parse (dest_idx << MSI_ADDR_DEST_IDX_SHIFT)"),
    /** Polarity is stored but never read: a high input is an asserted one. */
    POLARITY_IGNORED("ioapic.polarity-ignored", "ioapic",
            "INTPOL is stored but not used: every input is active high, so a low-active entry interrupts when its"
                    + " input goes high",
            "82093AA 290566 §3.2.4 bit 13 INTPOL: 0 high active, 1 low active; QEMU hw/intc/ioapic.c ioapic_set_irq"
                    + " (the level is taken as it comes)"),
    /** Input 0 is pin 2. */
    INPUT0_IS_PIN2("ioapic.input0-is-pin2", "ioapic",
            "a level on input 0 acts on redirection entry 2; entry 0 is never driven",
            "82093AA 290566 §2 INTIN[23:0]: each input has its own redirection entry (§3.2.4); QEMU"
                    + " hw/intc/ioapic.c ioapic_set_irq ('if (vector == 0) vector = 2')"),
    /**
     * QEMU keeps a request register instead of sampling the pins: an edge entry latches every assert
     * call (no edge detection), a level entry's request follows the input only while the entry is
     * level-triggered, and a request is served with the trigger mode the entry has at service time.
     */
    REQUEST_REGISTER("ioapic.request-register", "ioapic",
            "requests are latched in an IRR instead of taken from the pins: driving an edge-triggered input high again"
                    + " while it is high delivers again; a level-triggered entry switched from edge while its input is"
                    + " high stays idle until the input is driven again; a level request pending when the entry is"
                    + " switched to edge is delivered once as an edge",
            "82093AA 290566 §3.2.4: edge-sensitive pins interrupt on an edge, level-sensitive pins while the level is"
                    + " asserted (the pin is the request); QEMU hw/intc/ioapic.c ioapic_set_irq, ioapic_service"),
    /** Deliveries after an EOI are delayed by 10 ms once 10000 follow each other. */
    EOI_STORM_DELAY("ioapic.eoi-storm-delay", "ioapic",
            "after 10000 successive EOIs that each find the level input still asserted, the next re-delivery waits"
                    + " 10 ms of virtual time",
            "82093AA 290566 §3.2.4 bit 14 Remote IRR: cleared by a matching EOI, after which an asserted level"
                    + " input is delivered again; QEMU hw/intc/ioapic.c ioapic_eoi_broadcast (SUCCESSIVE_IRQ_MAX_COUNT,"
                    + " delayed_ioapic_service_timer)"),
    /** The message for an ExtINT entry carries the vector of an 8259A acknowledge made at delivery. */
    EXTINT_ACKNOWLEDGES_PIC("ioapic.extint-acknowledges-pic", "ioapic",
            "delivering an ExtINT entry runs the 8259A's interrupt acknowledge at once and sends its vector in the"
                    + " message, moving the 8259A's request into service",
            "82093AA 290566 §3.2.4 Delivery Mode 111 ExtINT: the destination responds as to an 8259A interrupt (the"
                    + " processor's INTA cycle fetches the vector); QEMU hw/intc/ioapic.c ioapic_entry_parse"
                    + " (pic_read_irq)"),
    /** Message data bit 14 (level: assert) is never set. */
    MESSAGE_LEVEL_CLEAR("ioapic.message-level-clear", "ioapic",
            "the interrupt message's data has bit 14 (level) clear, also for a level-triggered assertion",
            "Intel SDM Vol. 3A 'Message Data Register Format': edge messages are always assert messages; for level"
                    + " triggered interrupts bit 14 reflects the asserted input; QEMU hw/intc/ioapic.c"
                    + " ioapic_entry_parse (info->data)");

    private final Entry entry;

    IoapicQuirks(String id, String device, String behaviour, String citation) {
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
