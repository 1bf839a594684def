package org.trapline.models.irq;

/**
 * A controller as the CPU's INTR side sees it: whether it requests an interrupt, and the
 * interrupt-acknowledge that returns the vector and moves the request into service. The 8259A
 * pair answers it with its INTA cycle, a local APIC with the highest-priority IRR bit above the
 * processor priority (SDM Vol. 3A, "Interrupt Acceptance for Fixed Interrupts").
 */
public interface InterruptAcknowledge {
    boolean interruptRequested();

    int acknowledge();
}
