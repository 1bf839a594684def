package org.trapline.models.vmx;

/**
 * The part of a VMCS that the I/O trap pipeline uses: the execution controls, the I/O bitmaps and
 * the EPT view they point to, the event-injection fields of the VM-entry controls, the guest's
 * interruptibility state, and the VM-exit information fields. It is the exit record too: one per
 * vCPU, rewritten at each exit as the processor rewrites its VMCS, so that an exit allocates
 * nothing. {@link #vmread} reads a field by its encoding (SDM Vol. 3C, Appendix "Field Encoding in
 * VMCS").
 */
public final class Vmcs {
    public static final int PIN_BASED_VM_EXECUTION_CONTROLS = 0x4000;
    public static final int PRIMARY_PROCESSOR_BASED_VM_EXECUTION_CONTROLS = 0x4002;
    public static final int SECONDARY_PROCESSOR_BASED_VM_EXECUTION_CONTROLS = 0x401e;
    public static final int VM_ENTRY_INTERRUPTION_INFORMATION = 0x4016;
    public static final int VM_ENTRY_EXCEPTION_ERROR_CODE = 0x4018;
    public static final int VM_ENTRY_INSTRUCTION_LENGTH = 0x401a;
    public static final int EXIT_REASON = 0x4402;
    public static final int VM_EXIT_INSTRUCTION_LENGTH = 0x440c;
    public static final int VM_EXIT_INSTRUCTION_INFORMATION = 0x440e;
    public static final int GUEST_INTERRUPTIBILITY_STATE = 0x4824;
    public static final int GUEST_PHYSICAL_ADDRESS = 0x2400;
    public static final int EXIT_QUALIFICATION = 0x6400;
    public static final int GUEST_LINEAR_ADDRESS = 0x640a;

    public final IoBitmaps ioBitmaps = new IoBitmaps();
    public final Ept ept = new Ept();

    public int pinBasedControls;
    public int primaryControls;
    public int secondaryControls;

    public int entryInterruptionInfo;
    public int entryExceptionErrorCode;
    public int entryInstructionLength;
    public int guestInterruptibility;

    public int exitReason;
    public long exitQualification;
    public long guestLinearAddress;
    public long guestPhysicalAddress;
    public int exitInstructionLength;
    public int exitInstructionInfo;

    /** Whether guest-physical accesses go through {@link #ept}. */
    public boolean eptEnabled() {
        return (primaryControls & ExecutionControls.ACTIVATE_SECONDARY_CONTROLS) != 0
                && (secondaryControls & ExecutionControls.ENABLE_EPT) != 0;
    }

    /** Whether an I/O instruction of {@code size} bytes at {@code port} exits under the current controls. */
    public boolean ioExits(int port, int size) {
        return ioBitmaps.causesExit(primaryControls, port, size);
    }

    /**
     * Writes the basic exit information of a new exit ("Basic VM-Exit Information"): its reason and
     * qualification, with the fields an exit of another kind leaves undefined cleared. As every VM
     * exit does, it clears the valid bit of the VM-entry interruption-information field.
     */
    public void recordExit(int reason, long qualification) {
        exitReason = reason;
        exitQualification = qualification;
        guestLinearAddress = 0;
        guestPhysicalAddress = 0;
        exitInstructionLength = 0;
        exitInstructionInfo = 0;
        entryInterruptionInfo &= ~InterruptionInfo.VALID;
    }

    /** VMREAD of a field this model keeps; another encoding is one this VMCS does not support. */
    public long vmread(int encoding) {
        return switch (encoding) {
            case PIN_BASED_VM_EXECUTION_CONTROLS -> pinBasedControls & 0xffffffffL;
            case PRIMARY_PROCESSOR_BASED_VM_EXECUTION_CONTROLS -> primaryControls & 0xffffffffL;
            case SECONDARY_PROCESSOR_BASED_VM_EXECUTION_CONTROLS -> secondaryControls & 0xffffffffL;
            case VM_ENTRY_INTERRUPTION_INFORMATION -> entryInterruptionInfo & 0xffffffffL;
            case VM_ENTRY_EXCEPTION_ERROR_CODE -> entryExceptionErrorCode & 0xffffffffL;
            case VM_ENTRY_INSTRUCTION_LENGTH -> entryInstructionLength & 0xffffffffL;
            case EXIT_REASON -> exitReason & 0xffffffffL;
            case VM_EXIT_INSTRUCTION_LENGTH -> exitInstructionLength & 0xffffffffL;
            case VM_EXIT_INSTRUCTION_INFORMATION -> exitInstructionInfo & 0xffffffffL;
            case GUEST_INTERRUPTIBILITY_STATE -> guestInterruptibility & 0xffffffffL;
            case GUEST_PHYSICAL_ADDRESS -> guestPhysicalAddress;
            case EXIT_QUALIFICATION -> exitQualification;
            case GUEST_LINEAR_ADDRESS -> guestLinearAddress;
            default -> throw new IllegalArgumentException("VMCS field " + Integer.toHexString(encoding)
                    + "h is not kept by this model");
        };
    }
}
