package org.trapline.models.vcpu;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.vmx.Ept;
import org.trapline.models.vmx.EptViolationQualification;
import org.trapline.models.vmx.ExecutionControls;
import org.trapline.models.vmx.ExitReason;
import org.trapline.models.vmx.InterruptionInfo;
import org.trapline.models.vmx.Interruptibility;
import org.trapline.models.vmx.IoInstructionInfo;
import org.trapline.models.vmx.IoQualification;
import org.trapline.models.vmx.Vmcs;

/**
 * A guest processor in VMX non-root operation, as far as I/O goes: the guest issues instructions
 * one call at a time, and for each the processor decides, by the VMCS, whether it runs to its end
 * (a passthrough port, a RAM or passthrough page) or causes a VM exit, which it records in the VMCS
 * and hands to the {@link ExitHandler}; the VM entry after it delivers the event the VMM injected.
 *
 * <p>Instructions: IN and OUT of 1, 2 or 4 bytes with an immediate port (00h-FFh) or DX; INS and
 * OUTS with or without REP, of any encodable address size; MOV between the accumulator and an
 * absolute address (A0h-A3h, moffs) of 1, 2, 4 or 8 bytes, the guest's MMIO load and store; STI,
 * CLI, MOV SS and NOP for the interrupt shadow. The guest runs unpaged (linear = guest-physical);
 * instruction lengths follow from the opcode and the prefixes the mode needs. An instruction the
 * mode cannot encode is the caller's error (IllegalArgumentException), not a guest access.
 */
public final class Vcpu {
    private final Registers registers = new Registers();
    private final Vmcs vmcs;
    private final IoDevice ports;
    private final IoDevice memory;
    private final TrapCounters counters;
    private final ExitHandler handler;
    private InterruptServiceRoutine isr = (vector, cpu) -> { };
    private CpuMode mode = CpuMode.BITS64;
    private long esBase;
    private long dsBase;
    /** The guest MMIO move being executed, as the VMM's instruction decoder reads it at RIP. */
    private long decodedAddress;
    private int decodedSize;
    private boolean decodedWrite;
    /** The shadow bits the instruction being executed opened: its own end keeps them, and only them. */
    private int shadowOpened;
    private long delivered;
    private int lastVector = -1;

    public Vcpu(Vmcs vmcs, IoDevice ports, IoDevice memory, TrapCounters counters, ExitHandler handler) {
        this.vmcs = vmcs;
        this.ports = ports;
        this.memory = memory;
        this.counters = counters;
        this.handler = handler;
    }

    public Registers registers() {
        return registers;
    }

    public Vmcs vmcs() {
        return vmcs;
    }

    public CpuMode mode() {
        return mode;
    }

    public Vcpu mode(CpuMode value) {
        mode = value;
        return this;
    }

    /** ES's and DS's segment bases (used outside 64-bit mode). */
    public Vcpu segmentBases(long es, long ds) {
        esBase = es;
        dsBase = ds;
        return this;
    }

    public Vcpu interruptServiceRoutine(InterruptServiceRoutine value) {
        isr = value;
        return this;
    }

    /** Interrupts delivered to the guest, and the vector of the last. */
    public long interruptsDelivered() {
        return delivered;
    }

    public int lastVector() {
        return lastVector;
    }

    // --- port I/O -------------------------------------------------------------------------------

    /** IN AL/AX/EAX, imm8 (E4h/E5h). */
    public void in(int size, int port) {
        io(size, immediatePort(port), true, true, 2);
    }

    /** IN AL/AX/EAX, DX (ECh/EDh). */
    public void inDx(int size) {
        io(size, (int) registers.rdx & 0xffff, true, false, 1);
    }

    /** OUT imm8, AL/AX/EAX (E6h/E7h). */
    public void out(int size, int port) {
        io(size, immediatePort(port), false, true, 2);
    }

    /** OUT DX, AL/AX/EAX (EEh/EFh). */
    public void outDx(int size) {
        io(size, (int) registers.rdx & 0xffff, false, false, 1);
    }

    /** INS (6Ch/6Dh) of {@code size}-byte operands at DX into ES:[rDI], REP-prefixed or not. */
    public void ins(int size, boolean rep, int addressSize) {
        string(size, true, rep, addressSize);
    }

    /** OUTS (6Eh/6Fh) of {@code size}-byte operands from DS:[rSI] to DX. */
    public void outs(int size, boolean rep, int addressSize) {
        string(size, false, rep, addressSize);
    }

    private static int immediatePort(int port) {
        if (port < 0 || port > 0xff) {
            throw new IllegalArgumentException("an immediate port is 00h-FFh, not " + Integer.toHexString(port) + "h");
        }
        return port;
    }

    private static void checkIoSize(int size) {
        if (size != 1 && size != 2 && size != 4) {
            throw new IllegalArgumentException("an I/O instruction moves 1, 2 or 4 bytes, not " + size);
        }
    }

    private void io(int size, int port, boolean in, boolean immediate, int opcodeBytes) {
        checkIoSize(size);
        int length = opcodeBytes + mode.operandSizePrefix(size);
        beginInstruction();
        if (vmcs.ioExits(port, size)) {
            vmcs.recordExit(ExitReason.IO_INSTRUCTION,
                    IoQualification.encode(size, in, false, false, immediate, port));
            vmcs.exitInstructionLength = length;
            exit();
        } else {
            if (in) {
                registers.setAccumulator(size, ports.read(port, size));
            } else {
                ports.write(port, size, registers.accumulator(size));
            }
            counters.passthroughAccess();
            registers.skip(length);
        }
        endInstruction();
    }

    private void string(int size, boolean in, boolean rep, int addressSize) {
        checkIoSize(size);
        if (!mode.encodesAddressSize(addressSize)) {
            throw new IllegalArgumentException(mode + " cannot encode an address size of " + addressSize + " bytes");
        }
        int length = 1 + (rep ? 1 : 0) + mode.operandSizePrefix(size) + mode.addressSizePrefix(addressSize);
        int port = (int) registers.rdx & 0xffff;
        beginInstruction();
        long count = rep ? registers.rcx & Registers.mask(addressSize) : 1;
        if (count != 0 && vmcs.ioExits(port, size)) {
            int segment = in ? IoInstructionInfo.ES : IoInstructionInfo.DS;
            long offset = (in ? registers.rdi : registers.rsi) & Registers.mask(addressSize);
            vmcs.recordExit(ExitReason.IO_INSTRUCTION, IoQualification.encode(size, in, true, rep, false, port));
            vmcs.exitInstructionLength = length;
            vmcs.exitInstructionInfo = IoInstructionInfo.encode(addressSize, segment);
            vmcs.guestLinearAddress = StringIo.linear(segmentBase(segment), offset, mode == CpuMode.BITS64);
            exit();
        } else {
            long n = StringIo.run(registers, ports, memory, in ? esBase : dsBase, mode == CpuMode.BITS64, port, size,
                    in, rep, addressSize);
            for (long i = 0; i < n; i++) {
                counters.passthroughAccess();
            }
            registers.skip(length);
        }
        endInstruction();
    }

    /** The base of segment register {@code segment} (an instruction-information code) for this guest. */
    long segmentBase(int segment) {
        return segment == IoInstructionInfo.ES ? esBase : segment == IoInstructionInfo.DS ? dsBase : 0;
    }

    // --- MMIO -------------------------------------------------------------------------------------

    /** MOV AL/AX/EAX/RAX, [moffs] (A0h/A1h): a load from guest-physical {@code address}. */
    public void load(int size, long address) {
        move(size, address, false);
    }

    /** MOV [moffs], AL/AX/EAX/RAX (A2h/A3h): a store to guest-physical {@code address}. */
    public void store(int size, long address) {
        move(size, address, true);
    }

    private void move(int size, long address, boolean write) {
        if (size != 1 && size != 2 && size != 4 && size != 8 || size == 8 && mode != CpuMode.BITS64) {
            throw new IllegalArgumentException(mode + " has no accumulator move of " + size + " bytes");
        }
        long moffs = address & Registers.mask(mode.defaultAddressSize());
        if (moffs != address) {
            throw new IllegalArgumentException(Long.toHexString(address) + "h is beyond a " + mode + " moffs");
        }
        // opcode, moffs of the default address size, 66h for a word (or a dword in 16-bit code), REX.W for a qword
        int length = 1 + mode.defaultAddressSize() + mode.operandSizePrefix(size) + (size == 8 ? 1 : 0);
        beginInstruction();
        decodedAddress = StringIo.linear(dsBase, moffs, mode == CpuMode.BITS64);
        decodedSize = size;
        decodedWrite = write;
        if (!vmcs.eptEnabled() || !trapped(decodedAddress, size, write, length)) {
            boolean device = vmcs.eptEnabled() ? vmcs.ept.isDevice(decodedAddress) : true;
            if (write) {
                memory.write(decodedAddress, size, registers.accumulator(size));
            } else {
                registers.setAccumulator(size, memory.read(decodedAddress, size));
            }
            if (device) {
                counters.passthroughAccess();
            } else {
                counters.ramAccess();
            }
            registers.skip(length);
        }
        endInstruction();
    }

    /**
     * Translates each page the access touches, in address order; the first that does not allow it
     * causes the exit, with the guest-physical address of the access's first byte in that page.
     * Returns whether the access exited.
     */
    private boolean trapped(long address, int size, boolean write, int length) {
        long last = address + size - 1;
        for (long at = address; ; at = (at | (Ept.PAGE_SIZE - 1)) + 1) {
            int rwx = vmcs.ept.permissions(at);
            int outcome = Ept.check(rwx, write);
            if (outcome == Ept.VIOLATION) {
                vmcs.recordExit(ExitReason.EPT_VIOLATION, EptViolationQualification.dataAccess(write, rwx));
                vmcs.guestPhysicalAddress = at;
                vmcs.guestLinearAddress = at;
                vmcs.exitInstructionLength = length;
                exit();
                return true;
            }
            if (outcome == Ept.MISCONFIGURATION) {
                vmcs.recordExit(ExitReason.EPT_MISCONFIGURATION, 0);
                vmcs.guestPhysicalAddress = at;
                vmcs.exitInstructionLength = length;
                exit();
                return true;
            }
            if ((at | (Ept.PAGE_SIZE - 1)) >= last) {
                return false;
            }
        }
    }

    public long decodedAddress() {
        return decodedAddress;
    }

    public int decodedSize() {
        return decodedSize;
    }

    public boolean decodedWrite() {
        return decodedWrite;
    }

    // --- the interrupt flag and the shadow ------------------------------------------------------

    /** STI (FBh): sets IF; if IF was clear, blocks interrupts until the next instruction completes. */
    public void sti() {
        beginInstruction();
        if (!registers.interruptsEnabled()) {
            shadowOpened = Interruptibility.BLOCKING_BY_STI; // set in the state as the instruction ends
        }
        registers.rflags |= Registers.IF;
        registers.skip(1);
        endInstruction();
    }

    /** CLI (FAh). */
    public void cli() {
        beginInstruction();
        registers.rflags &= ~Registers.IF;
        registers.skip(1);
        endInstruction();
    }

    /** MOV SS, AX (8Eh D0h): blocks interrupts until the next instruction completes. */
    public void movSs() {
        beginInstruction();
        shadowOpened = Interruptibility.BLOCKING_BY_MOV_SS;
        registers.skip(2);
        endInstruction();
    }

    /** NOP (90h). */
    public void nop() {
        beginInstruction();
        registers.skip(1);
        endInstruction();
    }

    /**
     * An interrupt raised while the guest runs (a timer, another thread's device): the host's
     * interrupt reaches the VMM as an external-interrupt exit when the pin-based control asks for
     * it, and the VM entry after it may inject. Returns whether it exited.
     */
    public boolean kick() {
        if ((vmcs.pinBasedControls & ExecutionControls.EXTERNAL_INTERRUPT_EXITING) == 0) {
            return false;
        }
        vmcs.recordExit(ExitReason.EXTERNAL_INTERRUPT, 0);
        exit();
        return true;
    }

    /**
     * Interrupt-window exiting (SDM Vol. 3C, "Other Causes of VM Exits"): with the control set, a VM
     * exit occurs before any instruction while RFLAGS.IF = 1 and there is no blocking by STI or MOV SS.
     */
    private void beginInstruction() {
        shadowOpened = 0;
        if ((vmcs.primaryControls & ExecutionControls.INTERRUPT_WINDOW_EXITING) != 0
                && registers.interruptsEnabled()
                && (vmcs.guestInterruptibility & Interruptibility.SHADOW) == 0) {
            vmcs.recordExit(ExitReason.INTERRUPT_WINDOW, 0);
            exit();
            shadowOpened = 0;
        }
    }

    /**
     * The shadow of STI or MOV SS covers one instruction: it ends when the next completes, even if
     * that one opens a shadow of its own (STI then MOV SS leaves blocking by MOV SS alone).
     */
    private void endInstruction() {
        vmcs.guestInterruptibility = vmcs.guestInterruptibility & ~Interruptibility.SHADOW | shadowOpened;
        shadowOpened = 0;
    }

    // --- exit and entry ---------------------------------------------------------------------------

    private void exit() {
        counters.exit(vmcs.exitReason);
        handler.handleExit(this);
        enter();
    }

    /**
     * VM entry. With an external interrupt to inject, the guest state must let it in (SDM Vol. 3C,
     * "Checks on Guest Non-Register State": RFLAGS.IF = 1 and no blocking by STI or MOV SS), or the
     * entry fails with exit reason 33 and bit 31 set, touching no other field ("VM-Entry Failures
     * During or After Loading Guest State"). Otherwise the event is delivered through the guest's
     * interrupt gate: IF cleared, the handler run, RIP and RFLAGS restored by its IRET.
     */
    private void enter() {
        int info = vmcs.entryInterruptionInfo;
        if (!InterruptionInfo.valid(info)) {
            return;
        }
        if (InterruptionInfo.type(info) == InterruptionInfo.TYPE_EXTERNAL_INTERRUPT
                && (!registers.interruptsEnabled() || (vmcs.guestInterruptibility & Interruptibility.SHADOW) != 0)) {
            vmcs.exitReason = ExitReason.VM_ENTRY_FAILURE | ExitReason.INVALID_GUEST_STATE;
            vmcs.exitQualification = 0;
            counters.exit(vmcs.exitReason);
            handler.handleExit(this);
            if (vmcs.entryInterruptionInfo != info) {
                enter(); // the VMM fixed the field and resumes; one that left it would fail forever
            }
            return;
        }
        deliver(InterruptionInfo.vector(info));
    }

    private void deliver(int vector) {
        long rip = registers.rip;
        long rflags = registers.rflags;
        int opened = shadowOpened;
        delivered++;
        lastVector = vector;
        registers.rflags &= ~Registers.IF;
        vmcs.guestInterruptibility &= ~Interruptibility.SHADOW;
        isr.interrupt(vector, this);
        registers.rip = rip;
        registers.rflags = rflags;
        shadowOpened = opened;
    }
}
