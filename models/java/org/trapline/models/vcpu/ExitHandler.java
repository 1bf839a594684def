package org.trapline.models.vcpu;

/**
 * The VMM's side of a VM exit: called with the exit recorded in the vCPU's VMCS; it emulates what
 * the exit asks for, prepares the next VM entry (the event to inject, the controls) and returns,
 * which is the VMRESUME.
 */
@FunctionalInterface
public interface ExitHandler {
    void handleExit(Vcpu cpu);
}
