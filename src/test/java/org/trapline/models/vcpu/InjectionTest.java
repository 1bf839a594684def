package org.trapline.models.vcpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.IoDevice;
import org.trapline.models.irq.InterruptAcknowledge;
import org.trapline.models.pic.PicPair;
import org.trapline.models.vmx.ExecutionControls;
import org.trapline.models.vmx.ExitReason;
import org.trapline.models.vmx.InterruptionInfo;
import org.trapline.models.vmx.Interruptibility;
import org.trapline.models.vmx.Vmcs;

/** SDM Vol. 3C, "VM-Entry Controls for Event Injection", "Event Injection", interrupt-window exiting. */
class InjectionTest {

    /** An interrupt source that hands out the vectors queued, and counts its EOIs (a test double). */
    static final class Queue implements InterruptAcknowledge {
        final Deque<Integer> vectors = new ArrayDeque<>();
        int acknowledged;

        @Override
        public boolean interruptRequested() {
            return !vectors.isEmpty();
        }

        @Override
        public int acknowledge() {
            acknowledged++;
            return vectors.isEmpty() ? 0xff : vectors.poll();
        }
    }

    /** What the guest saw at each interrupt: vector, RIP, RFLAGS. */
    private static InterruptServiceRoutine noting(List<long[]> seen) {
        return (vector, cpu) -> seen.add(new long[] {vector, cpu.registers().rip(), cpu.registers().rflags()});
    }

    @Test
    void anInterruptRequestedAtAnExitIsInjectedByTheEntryAfterIt() {
        Queue q = new Queue();
        Rig rig = new Rig(q, ExitCosts.NONE);
        List<long[]> seen = new ArrayList<>();
        rig.cpu.interruptServiceRoutine(noting(seen));
        rig.r().rflags(Registers.IF).rip(0x500);
        q.vectors.add(0x31);
        rig.cpu.out(1, 0x60);
        Vmcs vmcs = rig.pipeline.vmcs();
        assertThat(vmcs.entryInterruptionInfo).isEqualTo(0x8000_0031);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)[0]).isEqualTo(0x31);
        assertThat(seen.get(0)[1]).isEqualTo(0x502); // after the OUT
        assertThat(seen.get(0)[2] & Registers.IF).isZero(); // an interrupt gate clears IF
        assertThat(rig.r().rflags()).isEqualTo(Registers.IF | Registers.RFLAGS_RESERVED); // IRET restored it
        assertThat(rig.r().rip()).isEqualTo(0x502);
        assertThat(rig.counters().injections()).isEqualTo(1);
        assertThat(rig.cpu.interruptsDelivered()).isEqualTo(1);
        assertThat(rig.cpu.lastVector()).isEqualTo(0x31);
        // the next exit clears the valid bit: nothing is injected twice
        rig.cpu.out(1, 0x60);
        assertThat(InterruptionInfo.valid(vmcs.entryInterruptionInfo)).isFalse();
        assertThat(seen).hasSize(1);
    }

    @Test
    void withInterruptsDisabledTheVmmAsksForAnInterruptWindow() {
        Queue q = new Queue();
        Rig rig = new Rig(q, ExitCosts.NONE);
        List<long[]> seen = new ArrayList<>();
        rig.cpu.interruptServiceRoutine(noting(seen));
        q.vectors.add(0x40);
        rig.cpu.out(1, 0x60); // IF = 0
        Vmcs vmcs = rig.pipeline.vmcs();
        assertThat(vmcs.primaryControls & ExecutionControls.INTERRUPT_WINDOW_EXITING).isNotZero();
        assertThat(q.acknowledged).isZero();
        rig.cpu.nop();
        assertThat(seen).isEmpty();
        assertThat(rig.counters().exits(ExitReason.INTERRUPT_WINDOW)).isZero();
        // STI (at 3) opens the window only after the instruction after it (the NOP at 4)
        rig.cpu.sti();
        assertThat(vmcs.guestInterruptibility).isEqualTo(Interruptibility.BLOCKING_BY_STI);
        rig.cpu.nop();
        assertThat(vmcs.guestInterruptibility).isZero();
        assertThat(seen).isEmpty();
        rig.cpu.nop(); // the window exit comes before this one runs
        assertThat(rig.counters().exits(ExitReason.INTERRUPT_WINDOW)).isEqualTo(1);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)[0]).isEqualTo(0x40);
        assertThat(seen.get(0)[1]).isEqualTo(5);
        assertThat(vmcs.primaryControls & ExecutionControls.INTERRUPT_WINDOW_EXITING).isZero();
        assertThat(rig.r().rip()).isEqualTo(6);
    }

    @Test
    void stiWithInterruptsAlreadyEnabledOpensNoShadow() {
        Rig rig = new Rig();
        rig.r().rflags(Registers.IF);
        rig.cpu.sti();
        assertThat(rig.pipeline.vmcs().guestInterruptibility).isZero();
        rig.cpu.cli();
        assertThat(rig.r().interruptsEnabled()).isFalse();
    }

    @Test
    void movSsBlocksForOneInstructionEvenWithInterruptsEnabled() {
        Queue q = new Queue();
        Rig rig = new Rig(q, ExitCosts.NONE);
        List<long[]> seen = new ArrayList<>();
        rig.cpu.interruptServiceRoutine(noting(seen));
        rig.r().rflags(Registers.IF);
        rig.cpu.movSs();
        q.vectors.add(0x50);
        // the OUT in the shadow exits; once the VMM has run it the shadow is over, so it injects
        Vmcs vmcs = rig.pipeline.vmcs();
        assertThat(vmcs.guestInterruptibility).isEqualTo(Interruptibility.BLOCKING_BY_MOV_SS);
        rig.cpu.out(1, 0x60);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)[1]).isEqualTo(4);
        // a kick while the guest runs: an external-interrupt exit, and the entry injects
        q.vectors.add(0x51);
        rig.r().rflags(Registers.IF);
        rig.cpu.movSs();
        assertThat(rig.cpu.kick()).isTrue(); // exits between instructions, the MOV SS's shadow still open
        assertThat(seen).hasSize(1);
        assertThat(vmcs.primaryControls & ExecutionControls.INTERRUPT_WINDOW_EXITING).isNotZero();
        rig.cpu.nop(); // in the shadow
        assertThat(seen).hasSize(1);
        rig.cpu.nop();
        assertThat(seen).hasSize(2);
        assertThat(rig.counters().exits(ExitReason.EXTERNAL_INTERRUPT)).isEqualTo(1);
        assertThat(rig.counters().exits(ExitReason.INTERRUPT_WINDOW)).isEqualTo(1);
    }

    @Test
    void aWindowWhoseRequestWentAwayInjectsNothingAndCloses() {
        Queue q = new Queue();
        Rig rig = new Rig(q, ExitCosts.NONE);
        q.vectors.add(0x40);
        rig.cpu.out(1, 0x60);
        q.vectors.clear();
        rig.r().rflags(Registers.IF);
        rig.cpu.nop();
        assertThat(rig.counters().exits(ExitReason.INTERRUPT_WINDOW)).isEqualTo(1);
        assertThat(rig.counters().injections()).isZero();
        assertThat(rig.pipeline.vmcs().primaryControls & ExecutionControls.INTERRUPT_WINDOW_EXITING).isZero();
        rig.cpu.nop();
        assertThat(rig.counters().exits(ExitReason.INTERRUPT_WINDOW)).isEqualTo(1);
    }

    @Test
    void noKickWithoutExternalInterruptExiting() {
        Rig rig = new Rig();
        rig.pipeline.vmcs().pinBasedControls = 0;
        assertThat(rig.cpu.kick()).isFalse();
        assertThat(rig.counters().totalExits()).isZero();
    }

    @Test
    void injectingAnExternalInterruptIntoAGuestThatCannotTakeItFailsTheEntry() {
        Rig rig = new Rig();
        Vmcs vmcs = rig.pipeline.vmcs();
        List<Integer> reasons = new ArrayList<>();
        Vcpu cpu = new Vcpu(vmcs, rig.io, rig.mmio, rig.counters(), c -> {
            reasons.add(vmcs.exitReason);
            if (vmcs.exitReason == ExitReason.IO_INSTRUCTION) {
                vmcs.entryInterruptionInfo = InterruptionInfo.externalInterrupt(0x20); // IF is 0
            } else {
                assertThat(vmcs.entryInterruptionInfo).isEqualTo(0x8000_0020); // an entry failure leaves it
                vmcs.entryInterruptionInfo = 0;
            }
        });
        cpu.out(1, 0x60);
        assertThat(reasons).containsExactly(ExitReason.IO_INSTRUCTION, 0x8000_0021);
        assertThat(cpu.interruptsDelivered()).isZero();
        assertThat(rig.counters().entryFailures()).isEqualTo(1);
        assertThat(rig.counters().exits(ExitReason.INVALID_GUEST_STATE)).isZero();
        // the same with a shadow open though IF is set, and a VMM that leaves the field: one failure, no loop
        List<Integer> again = new ArrayList<>();
        Vcpu stubborn = new Vcpu(vmcs, rig.io, rig.mmio, rig.counters(), c -> {
            again.add(vmcs.exitReason);
            vmcs.entryInterruptionInfo = InterruptionInfo.externalInterrupt(0x21);
        });
        stubborn.registers().rflags(0);
        stubborn.sti();
        stubborn.out(1, 0x60);
        assertThat(again).containsExactly(ExitReason.IO_INSTRUCTION, 0x8000_0021);
        // the VMM's own handler drops the event
        vmcs.entryInterruptionInfo = InterruptionInfo.externalInterrupt(0x22);
        vmcs.exitReason = 0x8000_0021;
        rig.pipeline.vmm().handleExit(rig.cpu);
        assertThat(vmcs.entryInterruptionInfo).isZero();
    }

    @Test
    void anNmiIsDeliveredWhateverIf() {
        Rig rig = new Rig();
        Vmcs vmcs = rig.pipeline.vmcs();
        List<Integer> vectors = new ArrayList<>();
        Vcpu cpu = new Vcpu(vmcs, rig.io, rig.mmio, rig.counters(),
                c -> vmcs.entryInterruptionInfo = InterruptionInfo.encode(2, InterruptionInfo.TYPE_NMI, false));
        cpu.interruptServiceRoutine((v, c) -> vectors.add(v));
        cpu.out(1, 0x60);
        assertThat(vectors).containsExactly(2);
    }

    // --- the 8259A pair: the vector from its INTA, the EOI an OUT through the pipeline ----------

    private static PicPair pic(Rig rig) {
        PicPair pic = new PicPair(Set.of());
        pic.attach(rig.io, 0x20, 0xa0, 0x4d0);
        return pic;
    }

    /** The guest's BIOS programming, each OUT through the pipeline: master at 08h, slave at 70h. */
    private static void initialise(Vcpu cpu) {
        int[][] writes = {{0x20, 0x11}, {0x21, 0x08}, {0x21, 0x04}, {0x21, 0x01},
            {0xa0, 0x11}, {0xa1, 0x70}, {0xa1, 0x02}, {0xa1, 0x01}, {0x21, 0x00}, {0xa1, 0x00}};
        for (int[] w : writes) {
            cpu.registers().rax(w[1]);
            cpu.out(1, w[0]);
        }
    }

    /** An ISR that notes the vector and sends the non-specific EOI (OCW2 20h) to the chips that hold it. */
    private static InterruptServiceRoutine eoi8259(List<Integer> vectors) {
        return EndOfInterrupt.pic8259(0x70, (vector, cpu) -> vectors.add(vector));
    }

    @Test
    void the8259AVectorIsInjectedAndItsEoiGoesBackThroughThePipeline() {
        Rig rig = new Rig();
        PicPair pic = pic(rig);
        rig.pipeline.vmm().interruptController(pic);
        List<Integer> vectors = new ArrayList<>();
        rig.cpu.interruptServiceRoutine(eoi8259(vectors));
        initialise(rig.cpu);
        rig.r().rflags(Registers.IF);
        pic.masterInputs()[1].setLevel(true); // IRQ1 while the guest runs
        rig.r().rax(0x1234);
        assertThat(rig.cpu.kick()).isTrue();
        assertThat(vectors).containsExactly(0x09);
        assertThat(pic.master().isr()).isZero(); // the EOI reached the chip
        assertThat(rig.r().rax()).isEqualTo(0x1234); // the handler saved and restored RAX
        pic.masterInputs()[1].setLevel(false);
        pic.slaveInputs()[0].setLevel(true); // IRQ8 through the cascade
        rig.cpu.kick();
        assertThat(vectors).containsExactly(0x09, 0x70);
        assertThat(pic.master().isr()).isZero();
        assertThat(pic.slave().isr()).isZero();
        // 10 OUTs of initialisation, 1 + 2 of EOI, 2 kicks
        assertThat(rig.counters().exits(ExitReason.IO_INSTRUCTION)).isEqualTo(13);
        assertThat(rig.counters().exits(ExitReason.EXTERNAL_INTERRUPT)).isEqualTo(2);
        assertThat(rig.counters().injections()).isEqualTo(2);
    }

    @Test
    void aMaskedOrUnservedRequestWaitsForItsEoi() {
        Rig rig = new Rig();
        PicPair pic = pic(rig);
        rig.pipeline.vmm().interruptController(pic);
        List<Integer> vectors = new ArrayList<>();
        // an ISR that does not send its EOI: IRQ0's second edge must wait behind it in service
        rig.cpu.interruptServiceRoutine((v, c) -> vectors.add(v));
        initialise(rig.cpu);
        rig.r().rflags(Registers.IF);
        pic.masterInputs()[0].setLevel(true);
        rig.cpu.kick();
        pic.masterInputs()[0].setLevel(false);
        pic.masterInputs()[0].setLevel(true);
        rig.cpu.kick();
        assertThat(vectors).containsExactly(0x08);
        rig.r().rax(0x20);
        rig.cpu.out(1, 0x20); // the EOI, late: the entry after it injects the pending edge
        assertThat(vectors).containsExactly(0x08, 0x08);
    }

    // --- a local APIC-like source: the EOI a store to its EOI register, an MMIO exit ---------

    /** A test double of a local APIC: IRR and ISR of 256 bits, the EOI register at offset B0h. */
    static final class ApicDouble implements InterruptAcknowledge, IoDevice {
        final boolean[] irr = new boolean[256];
        final boolean[] isr = new boolean[256];
        final List<Integer> eois = new ArrayList<>();

        @Override
        public boolean interruptRequested() {
            int high = highest(irr);
            return high >= 0 && high > highest(isr);
        }

        @Override
        public int acknowledge() {
            int v = highest(irr);
            irr[v] = false;
            isr[v] = true;
            return v;
        }

        private static int highest(boolean[] bits) {
            for (int v = 255; v >= 0; v--) {
                if (bits[v]) {
                    return v;
                }
            }
            return -1;
        }

        @Override
        public long read(long offset, int size) {
            return 0;
        }

        @Override
        public void write(long offset, int size, long value) {
            if (offset == 0xb0) {
                int v = highest(isr);
                if (v >= 0) {
                    isr[v] = false;
                    eois.add(v);
                }
            }
        }
    }

    @Test
    void aLocalApicPlugsInAsAnotherSourceWithItsEoiAnMmioStore() {
        Queue none = new Queue();
        Rig rig = new Rig(none, ExitCosts.NONE);
        ApicDouble apic = new ApicDouble();
        rig.mmio.map("lapic", 0xfee0_0000L, 0x1000, 4, 4, apic);
        rig.pipeline.vmm().interruptController(apic);
        List<Integer> vectors = new ArrayList<>();
        rig.cpu.interruptServiceRoutine(EndOfInterrupt.localApic(0xfee0_0000L, (v, c) -> vectors.add(v)));
        rig.r().rflags(Registers.IF);
        apic.irr[0x41] = true;
        apic.irr[0x61] = true;
        rig.cpu.kick();
        // the second is requested during the first's handler (IF clear): it waits for the window after IRET
        assertThat(vectors).containsExactly(0x61);
        rig.cpu.nop();
        assertThat(vectors).containsExactly(0x61, 0x41);
        assertThat(rig.counters().exits(ExitReason.INTERRUPT_WINDOW)).isEqualTo(1);
        assertThat(apic.eois).containsExactly(0x61, 0x41);
        assertThat(rig.r().rax()).isZero(); // (the rig's RAX was 0: saved and restored around the EOI)
        assertThat(rig.counters().exits(ExitReason.EPT_VIOLATION)).isEqualTo(2);
        assertThat(rig.counters().injections()).isEqualTo(2);
    }
}
