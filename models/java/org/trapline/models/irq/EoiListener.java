package org.trapline.models.irq;

/**
 * An IO-APIC as a local APIC's EOI reaches it: the broadcast of the vector of a level-triggered
 * interrupt that the local APIC's EOI register ended (SDM Vol. 3A, "EOI Register"), which clears
 * the Remote IRR of the redirection entries with that vector.
 */
@FunctionalInterface
public interface EoiListener {
    void endOfInterrupt(int vector);
}
