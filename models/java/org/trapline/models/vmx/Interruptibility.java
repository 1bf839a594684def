package org.trapline.models.vmx;

/**
 * The guest interruptibility-state field (SDM Vol. 3C, "Guest Non-Register State", Table "Format
 * of Interruptibility State"). STI with RFLAGS.IF clear, and MOV SS or POP SS, block interrupts
 * until the instruction after them completes (SDM Vol. 3A, "STI", "MOV"); while either bit is set
 * an interrupt window is closed and an external interrupt cannot be injected.
 */
public final class Interruptibility {
    public static final int BLOCKING_BY_STI = 1;
    public static final int BLOCKING_BY_MOV_SS = 1 << 1;
    public static final int BLOCKING_BY_SMI = 1 << 2;
    public static final int BLOCKING_BY_NMI = 1 << 3;
    /** The two bits that hold back an external interrupt for one instruction. */
    public static final int SHADOW = BLOCKING_BY_STI | BLOCKING_BY_MOV_SS;

    private Interruptibility() {
    }
}
