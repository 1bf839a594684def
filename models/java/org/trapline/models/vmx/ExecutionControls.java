package org.trapline.models.vmx;

/**
 * The bits of the VM-execution controls this model reads (SDM Vol. 3C, "VM-Execution Control
 * Fields": Tables "Definitions of Pin-Based VM-Execution Controls", "Definitions of Primary
 * Processor-Based VM-Execution Controls", "Definitions of Secondary Processor-Based VM-Execution
 * Controls").
 */
public final class ExecutionControls {
    /** Pin-based bit 0: an external interrupt causes a VM exit. */
    public static final int EXTERNAL_INTERRUPT_EXITING = 1;
    /** Pin-based bit 3. */
    public static final int NMI_EXITING = 1 << 3;

    /** Primary bit 2: exit at the start of any instruction while RFLAGS.IF = 1 and no STI/MOV SS blocking. */
    public static final int INTERRUPT_WINDOW_EXITING = 1 << 2;
    /** Primary bit 7. */
    public static final int HLT_EXITING = 1 << 7;
    /** Primary bit 22. */
    public static final int NMI_WINDOW_EXITING = 1 << 22;
    /** Primary bit 24: every IN, INS, OUT and OUTS exits (ignored when bit 25 is set). */
    public static final int UNCONDITIONAL_IO_EXITING = 1 << 24;
    /** Primary bit 25: the I/O bitmaps decide which I/O instructions exit. */
    public static final int USE_IO_BITMAPS = 1 << 25;
    /** Primary bit 31: the secondary controls apply. */
    public static final int ACTIVATE_SECONDARY_CONTROLS = 1 << 31;

    /** Secondary bit 1: guest-physical addresses are translated through EPT. */
    public static final int ENABLE_EPT = 1 << 1;
    /** Secondary bit 7: the guest may run unpaged or in real mode. */
    public static final int UNRESTRICTED_GUEST = 1 << 7;

    private ExecutionControls() {
    }
}
