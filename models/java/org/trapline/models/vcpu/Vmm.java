package org.trapline.models.vcpu;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.irq.InterruptAcknowledge;
import org.trapline.models.vmx.ExecutionControls;
import org.trapline.models.vmx.ExitReason;
import org.trapline.models.vmx.InterruptionInfo;
import org.trapline.models.vmx.Interruptibility;
import org.trapline.models.vmx.IoInstructionInfo;
import org.trapline.models.vmx.IoQualification;
import org.trapline.models.vmx.Vmcs;

/**
 * The VMM's exit handler: it reads the exit from the VMCS as a VMM must, by its encodings, emulates
 * the access on the board's buses (the device models), moves RIP past the instruction, and prepares
 * the VM entry: an interrupt its controller requests is acknowledged and injected when the guest can
 * take it, else interrupt-window exiting is set so that the guest exits as soon as it can.
 *
 * <ul>
 * <li>I/O instruction (30): port, size, direction, string and REP from the qualification; for INS
 *     and OUTS the address size and segment from the instruction information; RIP advances by the
 *     VM-exit instruction length.</li>
 * <li>EPT violation (48) and misconfiguration (49): the guest-physical address from the VMCS; the
 *     size and, for a misconfiguration, the direction from decoding the instruction at RIP, as KVM's
 *     emulator does (the SDM leaves the instruction length of these exits undefined; the model's
 *     decoder gives it).</li>
 * <li>Interrupt window (7), external interrupt (1): nothing to emulate; the entry injects.</li>
 * <li>A failed VM entry: counted; the event that could not be injected is dropped.</li>
 * </ul>
 *
 * Interrupt sources are anything that answers {@link InterruptAcknowledge}: the 8259A pair, a local
 * APIC. Their EOI is the guest's business, an instruction through this same pipeline (OUT 20h for
 * the 8259A, a store to the local APIC's EOI register), so no source needs anything more.
 */
public final class Vmm implements ExitHandler {
    private static final InterruptAcknowledge NO_INTERRUPTS = new InterruptAcknowledge() {
        @Override
        public boolean interruptRequested() {
            return false;
        }

        @Override
        public int acknowledge() {
            return 0xff;
        }
    };

    private final Vmcs vmcs;
    private final IoDevice ports;
    private final IoDevice memory;
    private final TrapCounters counters;
    private InterruptAcknowledge interrupts = NO_INTERRUPTS;

    public Vmm(Vmcs vmcs, IoDevice ports, IoDevice memory, TrapCounters counters) {
        this.vmcs = vmcs;
        this.ports = ports;
        this.memory = memory;
        this.counters = counters;
    }

    /** The controller whose requests this VMM injects (null: none). */
    public Vmm interruptController(InterruptAcknowledge controller) {
        interrupts = controller == null ? NO_INTERRUPTS : controller;
        return this;
    }

    @Override
    public void handleExit(Vcpu cpu) {
        int reason = vmcs.exitReason;
        if (ExitReason.entryFailed(reason)) {
            vmcs.entryInterruptionInfo = 0;
            return;
        }
        switch (ExitReason.basic(reason)) {
            case ExitReason.IO_INSTRUCTION -> emulateIo(cpu);
            case ExitReason.EPT_VIOLATION, ExitReason.EPT_MISCONFIGURATION -> emulateMmio(cpu);
            default -> {
                // interrupt window, external interrupt: the entry below does the work
            }
        }
        prepareEntry(cpu.registers());
    }

    private void emulateIo(Vcpu cpu) {
        long q = vmcs.exitQualification;
        int port = IoQualification.port(q);
        int size = IoQualification.size(q);
        boolean in = IoQualification.in(q);
        Registers r = cpu.registers();
        if (IoQualification.string(q)) {
            int info = vmcs.exitInstructionInfo;
            int segment = IoInstructionInfo.segment(info);
            long n = StringIo.run(r, ports, memory, cpu.segmentBase(segment), cpu.mode() == CpuMode.BITS64, port,
                    size, in, IoQualification.rep(q), IoInstructionInfo.addressSize(info));
            for (long i = 0; i < n; i++) {
                counters.emulatedAccess();
            }
        } else if (in) {
            r.setAccumulator(size, ports.read(port, size));
            counters.emulatedAccess();
        } else {
            ports.write(port, size, r.accumulator(size));
            counters.emulatedAccess();
        }
        completeInstruction(r);
    }

    private void emulateMmio(Vcpu cpu) {
        Registers r = cpu.registers();
        int size = cpu.decodedSize();
        long address = cpu.decodedAddress();
        if (cpu.decodedWrite()) {
            memory.write(address, size, r.accumulator(size));
        } else {
            r.setAccumulator(size, memory.read(address, size));
        }
        counters.emulatedAccess();
        completeInstruction(r);
    }

    /**
     * The emulated instruction is done: RIP moves past it, and the shadow of an STI or MOV SS before
     * it is over, as it would be had the guest run it (the exit saved the state of before it).
     */
    private void completeInstruction(Registers r) {
        r.skip(vmcs.exitInstructionLength);
        vmcs.guestInterruptibility &= ~Interruptibility.SHADOW;
    }

    private void prepareEntry(Registers r) {
        if (InterruptionInfo.valid(vmcs.entryInterruptionInfo)) {
            return;
        }
        if (!interrupts.interruptRequested()) {
            vmcs.primaryControls &= ~ExecutionControls.INTERRUPT_WINDOW_EXITING;
            return;
        }
        if (r.interruptsEnabled() && (vmcs.guestInterruptibility & Interruptibility.SHADOW) == 0) {
            vmcs.entryInterruptionInfo = InterruptionInfo.externalInterrupt(interrupts.acknowledge());
            vmcs.primaryControls &= ~ExecutionControls.INTERRUPT_WINDOW_EXITING;
            counters.injection();
        } else {
            vmcs.primaryControls |= ExecutionControls.INTERRUPT_WINDOW_EXITING;
        }
    }
}
