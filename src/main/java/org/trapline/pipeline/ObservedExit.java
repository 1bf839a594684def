package org.trapline.pipeline;

import org.trapline.models.vmx.Vmcs;

/** An exit as the VMM saw it (its VMCS fields) and the VM-entry interruption information it left. */
record ObservedExit(int reason, long qualification, int length, long guestPhysicalAddress, long guestLinearAddress,
        int instructionInfo, int inject) {

    static ObservedExit before(Vmcs vmcs) {
        return new ObservedExit(vmcs.exitReason, vmcs.exitQualification, vmcs.exitInstructionLength,
                vmcs.guestPhysicalAddress, vmcs.guestLinearAddress, vmcs.exitInstructionInfo, 0);
    }

    ObservedExit injecting(int info) {
        return new ObservedExit(reason, qualification, length, guestPhysicalAddress, guestLinearAddress, instructionInfo, info);
    }

    @Override
    public String toString() {
        return String.format("exit %d qual=0x%x len=%d gpa=0x%x gla=0x%x info=0x%x%s", reason, qualification, length,
                guestPhysicalAddress, guestLinearAddress, instructionInfo, inject != 0 ? String.format(" inject 0x%08x", inject) : "");
    }
}
