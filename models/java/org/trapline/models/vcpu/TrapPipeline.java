package org.trapline.models.vcpu;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.irq.InterruptAcknowledge;
import org.trapline.models.vmx.ExecutionControls;
import org.trapline.models.vmx.Vmcs;

/**
 * One vCPU, its VMCS and its VMM in front of a board's port and memory buses. It starts as KVM
 * runs a guest: every I/O instruction exits ("unconditional I/O exiting", no I/O bitmaps), EPT on
 * with nothing mapped (so every guest-physical page traps until RAM or passthrough pages are
 * mapped), external-interrupt exiting on. Switching "use I/O bitmaps" on and clearing a port's bits
 * passes that port through.
 */
public final class TrapPipeline {
    private final Vmcs vmcs = new Vmcs();
    private final TrapCounters counters;
    private final Vmm vmm;
    private final Vcpu vcpu;

    public TrapPipeline(IoDevice ports, IoDevice memory, InterruptAcknowledge interrupts, ExitCosts costs) {
        counters = new TrapCounters(costs);
        vmcs.pinBasedControls = ExecutionControls.EXTERNAL_INTERRUPT_EXITING;
        vmcs.primaryControls = ExecutionControls.UNCONDITIONAL_IO_EXITING | ExecutionControls.ACTIVATE_SECONDARY_CONTROLS;
        vmcs.secondaryControls = ExecutionControls.ENABLE_EPT | ExecutionControls.UNRESTRICTED_GUEST;
        vmm = new Vmm(vmcs, ports, memory, counters).interruptController(interrupts);
        vcpu = new Vcpu(vmcs, ports, memory, counters, vmm);
    }

    /** Uses the I/O bitmaps from now on (all clear unless set): the bitmaps alone decide. */
    public TrapPipeline useIoBitmaps() {
        vmcs.primaryControls |= ExecutionControls.USE_IO_BITMAPS;
        return this;
    }

    public Vmcs vmcs() {
        return vmcs;
    }

    public Vcpu vcpu() {
        return vcpu;
    }

    public Vmm vmm() {
        return vmm;
    }

    public TrapCounters counters() {
        return counters;
    }
}
