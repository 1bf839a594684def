package org.trapline.models.pci;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's PIIX3 PIRQ router (hw/isa/piix3.c) departs from the 82371SB datasheet
 * (290550-001, PIRQRC[A:D], 60h-63h). Confirmed over qtest (golden/ioapic-pirqrc.trace, PirqRouterTest).
 */
public enum PirqQuirks implements Quirk {
    /** The whole byte is the IRQ number: bits 6:4 set disable the route, the reserved IRQs route. */
    WHOLE_BYTE_IS_IRQ("piix3.pirqrc-whole-byte-is-irq", "piix3-isa",
            "a PIRQRC byte below 16 routes to that ISA IRQ, the reserved 0, 1, 2, 8 and 13 too; any other byte"
                    + " (bit 7, or a reserved bit 6:4 set) leaves the PIRQ unrouted",
            "82371SB 290550 PIRQRC[A:D]: bit 7 IRQROUTEN (1 = disabled), bits 6:4 reserved, bits 3:0 the IRQ, where"
                    + " 0000-0010b, 1000b and 1101b are reserved; QEMU hw/isa/piix3.c piix3_set_irq_level_internal"
                    + " (pic_irq >= PIIX_NUM_PIC_IRQS)"),
    /** A PIRQRC write drives all sixteen ISA IRQs with the PIRQ levels routed to them. */
    WRITE_DRIVES_EVERY_ISA_IRQ("piix3.pirqrc-write-drives-every-isa-irq", "piix3-isa",
            "a write to PIRQRC[A:D] drives every ISA IRQ 0-15 (the 8259A inputs and IO-APIC inputs 0-15) to the OR"
                    + " of the PIRQs routed to it, 0 where none is, over whatever the ISA devices drive",
            "82371SB 290550 PIRQRC[A:D]: the register steers a PIRQx# input to an IRQ; an IRQ no PIRQ is routed to"
                    + " stays the ISA device's; QEMU hw/isa/piix3.c piix3_write_config (piix3_set_irq_pic for every"
                    + " pic_irq)");

    private final Entry entry;

    PirqQuirks(String id, String device, String behaviour, String citation) {
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
