package org.trapline.models.vmx;

/**
 * The exit-reason field of the VMCS (SDM Vol. 3C, "Basic VM-Exit Information", Table "Format of
 * Exit Reason"; the numbers are Appendix C, "VMX Basic Exit Reasons"). Bits 15:0 hold the basic exit
 * reason; bit 31 says that VM entry failed, in which case the basic reason says why.
 */
public final class ExitReason {
    public static final int EXCEPTION_OR_NMI = 0;
    public static final int EXTERNAL_INTERRUPT = 1;
    public static final int TRIPLE_FAULT = 2;
    public static final int INTERRUPT_WINDOW = 7;
    public static final int NMI_WINDOW = 8;
    public static final int HLT = 12;
    public static final int IO_INSTRUCTION = 30;
    /** VM-entry failure due to invalid guest state; reported with {@link #VM_ENTRY_FAILURE} set. */
    public static final int INVALID_GUEST_STATE = 33;
    public static final int EPT_VIOLATION = 48;
    public static final int EPT_MISCONFIGURATION = 49;

    /** Bit 31 of the exit-reason field: the exit is a failed VM entry. */
    public static final int VM_ENTRY_FAILURE = 1 << 31;
    /** Bits 15:0, the basic exit reason. */
    public static final int BASIC_MASK = 0xffff;
    /** Counters cover basic reasons below this (Appendix C defines fewer than 80). */
    public static final int LIMIT = 128;

    private ExitReason() {
    }

    public static int basic(int exitReason) {
        return exitReason & BASIC_MASK;
    }

    public static boolean entryFailed(int exitReason) {
        return (exitReason & VM_ENTRY_FAILURE) != 0;
    }

    /** The appendix's name for a basic reason this model produces, or its number. */
    public static String name(int basicReason) {
        return switch (basicReason) {
            case EXCEPTION_OR_NMI -> "exception or NMI";
            case EXTERNAL_INTERRUPT -> "external interrupt";
            case TRIPLE_FAULT -> "triple fault";
            case INTERRUPT_WINDOW -> "interrupt window";
            case NMI_WINDOW -> "NMI window";
            case HLT -> "HLT";
            case IO_INSTRUCTION -> "I/O instruction";
            case INVALID_GUEST_STATE -> "VM-entry failure due to invalid guest state";
            case EPT_VIOLATION -> "EPT violation";
            case EPT_MISCONFIGURATION -> "EPT misconfiguration";
            default -> "exit reason " + basicReason;
        };
    }
}
