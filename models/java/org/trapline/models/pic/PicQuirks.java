package org.trapline.models.pic;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's i8259 departs from the Intel 8259A datasheet (order 231468) or from the PIIX3
 * ELCR description. Each one was found in QEMU's hw/intc/i8259.c / i8259_common.c and confirmed
 * against qemu-system-x86_64 7.2 over qtest (see the report and PicQuirksTest).
 */
public enum PicQuirks implements Quirk {
    /** ICW1 bit 3 (LTIM) is only logged: an input is level-triggered only when its ELCR bit says so. */
    LTIM_IGNORED("pic.ltim-ignored", "i8259",
            "ICW1 LTIM=1 leaves every input edge-triggered; only ELCR selects level triggering",
            "8259A 231468 ICW1 D3 (LTIM: level triggered mode); QEMU hw/intc/i8259.c pic_ioport_write, pic_set_irq"),
    /** An edge-triggered IRR bit stays set after its input falls again before INTA. */
    EDGE_IRR_LATCHED("pic.edge-irr-latched", "i8259",
            "an edge-triggered request stays in IRR after the IR input goes low before the acknowledge",
            "8259A 231468 'Edge and Level Triggered Modes': the IR input must stay high until the first INTA,"
                    + " else the request is lost (default IR7); QEMU hw/intc/i8259.c pic_set_irq"),
    /** ICW1 clears the ISR. */
    ICW1_CLEARS_ISR("pic.icw1-clears-isr", "i8259",
            "ICW1 clears the In-Service Register",
            "8259A 231468 ICW1 initialization list a-f does not touch the ISR;"
                    + " QEMU hw/intc/i8259_common.c pic_reset_common"),
    /** ICW1 forgets the input levels, so re-driving a held-high input counts as a new rising edge. */
    ICW1_FORGETS_INPUT_LEVEL("pic.icw1-forgets-input-level", "i8259",
            "after ICW1 or a board reset an input that stayed high latches a request when it is driven high again",
            "8259A 231468 ICW1 a: after initialization an IR input must make a low-to-high transition;"
                    + " QEMU hw/intc/i8259_common.c pic_reset_common (last_irr = 0), called by ICW1 and by the device reset"),
    /** In SFNM the master ignores its IR2 in-service bit altogether. */
    SFNM_IGNORES_CASCADE_ISR("pic.sfnm-ignores-cascade-isr", "i8259",
            "in special fully nested mode the master ignores ISR bit 2 for every level, so IR3-IR7"
                    + " interrupt while the slave is in service",
            "8259A 231468 'Special Fully Nested Mode': only requests from the in-service slave are let through;"
                    + " QEMU hw/intc/i8259.c pic_get_irq"),
    /** A non-specific EOI in special mask mode clears a masked in-service bit. */
    SMM_NONSPECIFIC_EOI("pic.smm-nonspecific-eoi", "i8259",
            "a non-specific EOI in special mask mode clears the highest ISR bit even when it is masked",
            "8259A 231468 'End of Interrupt': an IS bit masked by an IMR bit is not cleared by a non-specific EOI"
                    + " in special mask mode; QEMU hw/intc/i8259.c pic_ioport_write OCW2"),
    /** Writing the ELCR does not re-sample the inputs. */
    ELCR_NO_RESAMPLE("pic.elcr-no-resample", "i8259",
            "switching an input to level-triggered in ELCR leaves IRR alone until the input is driven again",
            "PIIX3 290550 ELCR1/ELCR2 (04D0h/04D1h): a level-triggered IRQ is requested while the input is high;"
                    + " QEMU hw/intc/i8259.c elcr_ioport_write"),
    /** OCW3 and ICW2-ICW4 do not re-evaluate the INT output, nor do OCW2 commands that change nothing. */
    INT_NOT_REEVALUATED("pic.int-not-reevaluated", "i8259",
            "the INT output is not re-evaluated after OCW3 (special mask mode), ICW2-ICW4 (SFNM, AEOI), rotate-in-AEOI"
                    + " set/clear, the OCW2 no-op or a non-specific EOI with no ISR bit set; a slave's new request"
                    + " reaches master IR2 only at the slave's next input change, IMR write or EOI",
            "8259A 231468 'Special Mask Mode': masked levels stop inhibiting as soon as the mode is set (INT is"
                    + " combinational); QEMU hw/intc/i8259.c pic_ioport_write calls pic_update_irq only on some commands"),
    /** The cascade is fixed on master IR2: ICW3 and single mode do not take part in the INTA cycle. */
    CASCADE_FIXED_IR2("pic.cascade-fixed-ir2", "i8259",
            "ICW3 is not stored; the master always fetches the vector from the slave for IR2, even in single mode",
            "8259A 231468 ICW3 and 'Cascading': the master's S bits and the slave ID select the cascade;"
                    + " QEMU hw/intc/i8259.c pic_ioport_write (init_state 2), pic_read_irq"),
    /** MCS-80/85 mode (uPM=0 or no ICW4) still answers INTA with an 8086 vector. */
    UPM_IGNORED("pic.upm-ignored", "i8259",
            "ICW4 uPM=0 (or IC4=0) still gives an 8086 vector; ADI and ICW1 A7-A5 are not used",
            "8259A 231468 ICW1 A7-A5/ADI and ICW4 uPM: MCS-80/85 mode answers INTA with a CALL address;"
                    + " QEMU hw/intc/i8259.c pic_ioport_write (init4 only steers the ICW sequence)");

    private final Entry entry;

    PicQuirks(String id, String device, String behaviour, String citation) {
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
