package org.trapline.models.vcpu;

/**
 * Guest interrupt handlers that end with the EOI their controller expects, sent as the guest sends
 * it, through the pipeline (so that it exits, or passes through, as any of its instructions would).
 * Each saves and restores RAX around the EOI, as a handler's push and pop do.
 */
public final class EndOfInterrupt {
    /** OCW2 with EOI set, R and SL clear: the non-specific EOI (Intel 8259A, "Operation Command Words"). */
    public static final int NON_SPECIFIC_EOI = 0x20;
    /** The local APIC's EOI register, at offset B0h of its page (SDM Vol. 3A, "EOI Register"). */
    public static final long LOCAL_APIC_EOI_OFFSET = 0xb0;

    private EndOfInterrupt() {
    }

    /**
     * Runs {@code body}, then sends the non-specific EOI to the slave (at {@code slaveCommandPort})
     * when the vector is one of the slave's eight from {@code slaveVectorBase}, and to the master
     * (at {@code masterCommandPort}) always, since the master holds the cascade level in service too.
     */
    public static InterruptServiceRoutine pic8259(int masterCommandPort, int slaveCommandPort, int slaveVectorBase,
                                                  InterruptServiceRoutine body) {
        return (vector, cpu) -> {
            body.interrupt(vector, cpu);
            long rax = cpu.registers().rax();
            cpu.registers().rax(NON_SPECIFIC_EOI);
            if (vector >= slaveVectorBase && vector < slaveVectorBase + 8) {
                cpu.out(1, slaveCommandPort);
            }
            cpu.out(1, masterCommandPort);
            cpu.registers().rax(rax);
        };
    }

    /** The PC's pair: command ports 20h and A0h, the slave's vectors from {@code slaveVectorBase}. */
    public static InterruptServiceRoutine pic8259(int slaveVectorBase, InterruptServiceRoutine body) {
        return pic8259(0x20, 0xa0, slaveVectorBase, body);
    }

    /**
     * Runs {@code body}, then writes 0 to the EOI register of the local APIC at {@code apicBase}
     * (MOV [moffs], EAX; 32- or 64-bit code, since 16-bit code cannot address it with a moffs).
     */
    public static InterruptServiceRoutine localApic(long apicBase, InterruptServiceRoutine body) {
        return (vector, cpu) -> {
            body.interrupt(vector, cpu);
            long rax = cpu.registers().rax();
            cpu.registers().rax(0);
            cpu.store(4, apicBase + LOCAL_APIC_EOI_OFFSET);
            cpu.registers().rax(rax);
        };
    }
}
