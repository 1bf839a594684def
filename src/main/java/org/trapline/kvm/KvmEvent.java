package org.trapline.kvm;

/**
 * One KVM tracepoint of a {@code trace-cmd report} (or raw tracefs) line, with the fields its
 * TP_printk prints. {@code line} is the 1-based line of the trace file.
 */
public sealed interface KvmEvent {
    int line();

    /**
     * arch/x86/kvm/trace.h kvm_exit: "vcpu %u reason %s... rip 0x%lx info1 0x%016llx info2 ..." (and the
     * older forms {@link KvmTraceParser} reads). {@code qualified} is false for the oldest form, which
     * prints no exit information: then info1 and info2 are 0 and only the reason can be compared.
     */
    record Exit(int line, int vcpu, String reason, long rip, long info1, long info2, boolean qualified)
            implements KvmEvent {
        public Exit(int line, int vcpu, String reason, long rip, long info1, long info2) {
            this(line, vcpu, reason, rip, info1, info2, true);
        }
    }

    /** arch/x86/kvm/trace.h kvm_entry: "vcpu %u, rip 0x%lx ..." (older kernels: "vcpu %u", rip given as -1). */
    record Entry(int line, int vcpu, long rip) implements KvmEvent { }

    /** arch/x86/kvm/trace.h kvm_pio: "pio_%s at 0x%x size %d count %d val 0x%x %s". */
    record Pio(int line, boolean write, int port, int size, int count, long val) implements KvmEvent { }

    /** include/trace/events/kvm.h kvm_mmio: "mmio %s len %u gpa 0x%llx val 0x%llx"; type is read, write or unsatisfied-read. */
    record Mmio(int line, String type, int len, long gpa, long val) implements KvmEvent { }

    /** include/trace/events/kvm.h kvm_set_irq: "gsi %u level %d source %d". */
    record SetIrq(int line, int gsi, int level, int source) implements KvmEvent { }

    /** arch/x86/kvm/trace.h kvm_pic_set_irq: "chip %u pin %u (%s%s)%s": the ELCR and IMR bits of that pin. */
    record PicSetIrq(int line, int chip, int pin, boolean level, boolean masked, boolean coalesced) implements KvmEvent { }

    /**
     * arch/x86/kvm/trace.h kvm_ioapic_set_irq: "pin %u dst %x vec %u (%s|%s|%s%s)%s": the fields the
     * format prints of redirection entry e (delivery mode bits 10:8, logical bit 11, level bit 15, mask bit 16).
     */
    record IoapicSetIrq(int line, int pin, int dst, int vec, int deliveryMode, boolean logical, boolean level,
            boolean masked, boolean coalesced) implements KvmEvent { }

    /** arch/x86/kvm/trace.h kvm_msi_set_irq: "dst %llx vec %u (%s|%s|%s%s)". */
    record MsiSetIrq(int line, long dst, int vec, int deliveryMode, boolean logical, boolean level, boolean rh)
            implements KvmEvent { }

    /** arch/x86/kvm/trace.h kvm_apic_accept_irq: "apicid %x vec %u (%s|%s)" (older kernels add "%s", " (coalesced)"). */
    record ApicAcceptIrq(int line, int apicId, int vec, int deliveryMode, boolean level) implements KvmEvent { }

    /**
     * arch/x86/kvm/trace.h kvm_inj_virq: "%s 0x%x%s": IRQ or Soft/INTn, the vector, [reinjected]; older
     * kernels print "irq %u" (the vector in decimal, not said whether soft).
     */
    record InjVirq(int line, boolean soft, int vector, boolean reinjected) implements KvmEvent { }
}
