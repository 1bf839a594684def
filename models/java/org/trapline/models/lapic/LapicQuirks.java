package org.trapline.models.lapic;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's local APIC (hw/intc/apic.c, apic_common.c) departs from the Intel SDM Vol. 3A,
 * chapter 10 "Advanced Programmable Interrupt Controller (APIC)" (order 253668; section numbers
 * of that edition), for the Pentium 4 / Xeon xAPIC the hardware profile stands for. Only the first
 * two are visible over qtest (LapicQuirksTest and the lapic goldens); the rest decide what a CPU
 * sees and are shown by unit tests.
 */
public enum LapicQuirks implements Quirk {
    /** qtest has no current CPU: apic_mem_read returns 0 and apic_mem_write drops register writes. */
    QTEST_ACCESS_HAS_NO_CPU("lapic.qtest-access-has-no-cpu", "lapic",
            "a qtest read anywhere in FEE00000h-FEEFFFFFh returns 0 and a qtest write to a register of the APIC page"
                    + " is dropped: the access has no current CPU, so it reaches no local APIC",
            "SDM 10.4.1 'The Local APIC Block Diagram': the APIC registers are memory-mapped for the processor that owns"
                    + " them (the board lets a qtest access act as CPU 0's); QEMU hw/intc/apic.c apic_mem_read and"
                    + " apic_mem_write return when cpu_get_current_apic() is NULL (hw/i386/x86.c, current_cpu)"),
    /** A dword write at page offset 000h-00Fh is sent as an MSI instead of reaching a register. */
    PAGE_OFFSET_0_WRITE_IS_MESSAGE("lapic.page-offset-0-write-is-message", "lapic",
            "a dword write at FEE00000h-FEE0000Fh is an interrupt message (destination 0, DM and RH from address bits"
                    + " 2 and 3), from a CPU as from qtest, and not an access to a reserved APIC register",
            "SDM Table 10-1: FEE0 0000H-FEE0 0010H are reserved registers of the processor's own APIC page, and"
                    + " 10.5.3 'Illegal Register Address'; QEMU hw/intc/apic.c apic_mem_write (addr > 0xfff || !index)"
                    + " calls apic_send_msi"),
    /** Clearing the APIC software enable does not mask the LVT, so LINT0 still passes the 8259A. */
    SOFTWARE_DISABLE_KEEPS_LVT("lapic.software-disable-keeps-lvt", "lapic",
            "clearing SVR bit 8 leaves the LVT mask bits as they were and software may still clear them, so an"
                    + " unmasked LINT0 in ExtINT mode keeps passing the 8259A's INTR while the APIC is software-disabled",
            "SDM 10.4.7.2 'Local APIC State After It Has Been Software Disabled': the mask bits of all LVT entries are"
                    + " set and attempts to reset them are ignored; QEMU hw/intc/apic.c apic_mem_write (SVR: spurious_vec"
                    + " only), apic_accept_pic_intr (LINT0 mask only)"),
    /** A software-disabled APIC still takes fixed and lowest-priority interrupts into IRR. */
    SOFTWARE_DISABLED_ACCEPTS_INTERRUPTS("lapic.software-disabled-accepts-interrupts", "lapic",
            "a software-disabled APIC still sets IRR (and TMR) for fixed and lowest-priority messages; they are held"
                    + " and dispatched once SVR bit 8 is set again",
            "SDM 10.4.7.2: while software-disabled the local APIC responds normally to INIT, NMI, SMI and SIPI messages"
                    + " (and holds the IRR and ISR it had); QEMU hw/intc/apic.c apic_set_irq does not look at SVR"),
    /** An ExtINT message sets the IRR bit of its vector field, as a fixed interrupt. */
    EXTINT_MESSAGE_IS_FIXED("lapic.extint-message-is-fixed", "lapic",
            "an interrupt message with delivery mode ExtINT is accepted as a fixed interrupt of the message's vector"
                    + " (QEMU's IO-APIC fetched that vector from the 8259A by itself when it sent the message)",
            "SDM 10.6.1 / 10.11.2 delivery mode 111b ExtINT: the processor answers with an INTA cycle routed to the"
                    + " external 8259A, which supplies the vector, and the vector field is ignored; QEMU hw/intc/apic.c"
                    + " apic_bus_deliver (APIC_DM_EXTINT falls through to apic_set_irq), hw/intc/ioapic.c ioapic_entry_parse"
                    + " (pic_read_irq)"),
    /** Vectors 0-15 are accepted and sent without an illegal-vector error. */
    ILLEGAL_VECTOR_ACCEPTED("lapic.illegal-vector-accepted", "lapic",
            "a fixed or lowest-priority interrupt with vector 0-15 is set in IRR when received and sent when written"
                    + " to the ICR; the ESR records no illegal vector",
            "SDM 10.5.2 'Valid Interrupt Vectors' and 10.5.3 ESR bits 5 (Send Illegal Vector) and 6 (Receive Illegal"
                    + " Vector): such an interrupt is not accepted or sent; QEMU hw/intc/apic.c apic_set_irq, apic_deliver"),
    /** APR always reads 0. */
    APR_READS_ZERO("lapic.apr-reads-zero", "lapic",
            "the Arbitration Priority Register reads 0 whatever TPR, IRR and ISR hold",
            "SDM 10.6.2.4 'Lowest Priority Delivery Mode', Figure 10-15: APR is computed from TPR, IRRV and ISRV;"
                    + " QEMU hw/intc/apic.c apic_get_arb_pri"),
    /** SVR keeps bits 8-0 only: the focus processor checking bit 9 is dropped. */
    SVR_FOCUS_BIT_DROPPED("lapic.svr-focus-bit-dropped", "lapic",
            "a write to the SVR keeps bits 8-0; bit 9 (Focus Processor Checking) always reads 0",
            "SDM 10.9 'Spurious Interrupt', Figure 10-23: bit 9 is Focus Processor Checking on the Pentium 4 and Xeon;"
                    + " QEMU hw/intc/apic.c apic_mem_write (spurious_vec = val & 0x1ff)"),
    /** The ESR shows errors at once, a write to it does nothing, and no error interrupt is sent. */
    ESR_WRITE_IGNORED("lapic.esr-write-ignored", "lapic",
            "an error shows in the ESR at once and stays until reset: a write to the ESR neither updates nor clears it,"
                    + " and the LVT Error entry never delivers an interrupt",
            "SDM 10.5.3 'Error Handling': the ESR is updated with the errors found since the last write to it, which"
                    + " also clears them, and an error delivers the LVT Error entry's interrupt; QEMU hw/intc/apic.c"
                    + " apic_mem_write (case 0x28: break), APIC_ESR_ILLEGAL_ADDRESS the only error it sets"),
    /** The LVT entries and the ICR keep whatever is written, reserved and read-only bits too. */
    REGISTERS_KEEP_WRITTEN_BITS("lapic.registers-keep-written-bits", "lapic",
            "an LVT entry or ICR half reads back every bit written, the reserved ones and the read-only Delivery"
                    + " Status and Remote IRR bits too",
            "SDM 10.5.1 Figure 10-8 and 10.6.1 Figure 10-12: reserved bits, Delivery Status (12) and Remote IRR (14)"
                    + " are not written by software; QEMU hw/intc/apic.c apic_mem_write (lvt[n] = val, icr[i] = val)"),
    /** The timer counts QEMU_CLOCK_VIRTUAL nanoseconds: a 1 GHz time base before the divider. */
    TIMER_COUNTS_NANOSECONDS("lapic.timer-counts-nanoseconds", "lapic",
            "the APIC timer's count decrements once per divide-value nanoseconds of guest time: its time base is 1 GHz",
            "SDM 10.5.4 'APIC Timer': the timer counts the processor's bus clock (on the Pentium 4 the 100 MHz system"
                    + " bus clock, the board's choice) divided by the divide configuration; QEMU hw/intc/apic_common.c"
                    + " apic_get_current_count, apic_next_timer (ns >> count_shift)"),
    /** The interrupt comes one tick after the count reaches 0, and a period is initial count + 1 ticks. */
    TIMER_PERIOD_ONE_TICK_LONG("lapic.timer-period-one-tick-long", "lapic",
            "the timer interrupt comes one tick after the count reaches 0: a one-shot count of N interrupts after N+1"
                    + " ticks, and a periodic one every N+1 ticks, reading 0 for a tick before it reloads",
            "SDM 10.5.4: when the count reaches 0 a timer interrupt is generated, and in periodic mode the count is"
                    + " reloaded from the initial count; QEMU hw/intc/apic_common.c apic_next_timer (initial_count + 1),"
                    + " apic_get_current_count (d % (initial_count + 1))");

    private final Entry entry;

    LapicQuirks(String id, String device, String behaviour, String citation) {
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
