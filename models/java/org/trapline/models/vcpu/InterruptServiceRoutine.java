package org.trapline.models.vcpu;

/**
 * The guest's handler of an interrupt it takes: it runs with RFLAGS.IF clear (an interrupt gate),
 * may issue instructions on {@code cpu} (the EOI to its controller, through the same pipeline), and
 * its return is the IRET that restores RIP and RFLAGS.
 */
@FunctionalInterface
public interface InterruptServiceRoutine {
    void interrupt(int vector, Vcpu cpu);
}
