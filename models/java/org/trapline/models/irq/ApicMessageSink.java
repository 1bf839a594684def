package org.trapline.models.irq;

/** Where interrupt messages go: the local APICs (the board wires the IO-APIC and MSI writes to it). */
@FunctionalInterface
public interface ApicMessageSink {
    void deliver(ApicMessage message);
}
