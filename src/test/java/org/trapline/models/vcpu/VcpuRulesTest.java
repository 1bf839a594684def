package org.trapline.models.vcpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.trapline.models.vmx.Ept;
import org.trapline.models.vmx.EptViolationQualification;
import org.trapline.models.vmx.ExecutionControls;
import org.trapline.models.vmx.ExitReason;
import org.trapline.models.vmx.InterruptionInfo;
import org.trapline.models.vmx.Vmcs;

/** The rules every instruction shares: the interrupt window before it, the shadow's end after it. */
class VcpuRulesTest {
    /** Each kind of instruction, with the registers it needs. */
    private static final List<Consumer<Vcpu>> INSTRUCTIONS = List.of(
        c -> c.in(1, 0x60), c -> c.out(2, 0x60), c -> c.inDx(4), c -> c.outDx(1),
        c -> c.ins(1, true, 8), c -> c.outs(2, false, 4), c -> c.load(4, Rig.MMIO_BASE), c -> c.store(8, 0x1000),
        Vcpu::nop, Vcpu::cli, Vcpu::sti, Vcpu::movSs);

    private static Rig rig() {
        Rig rig = new Rig();
        rig.r().rdx(0x60).rcx(2).rsi(0x2000).rdi(0x3000);
        return rig;
    }

    @Test
    void anOpenWindowExitsBeforeEveryKindOfInstruction() {
        for (Consumer<Vcpu> instruction : INSTRUCTIONS) {
            Rig rig = rig();
            List<Long> ripAtWindow = new ArrayList<>();
            Vmcs vmcs = rig.pipeline.vmcs();
            Vcpu cpu = new Vcpu(vmcs, rig.io, rig.mmio, rig.counters(), c -> {
                if (vmcs.exitReason == ExitReason.INTERRUPT_WINDOW) {
                    ripAtWindow.add(c.registers().rip());
                    vmcs.primaryControls &= ~ExecutionControls.INTERRUPT_WINDOW_EXITING;
                } else {
                    rig.pipeline.vmm().handleExit(c);
                }
            });
            cpu.registers().rdx(0x60).rcx(2).rsi(0x2000).rdi(0x3000).rflags(Registers.IF).rip(0x40);
            vmcs.primaryControls |= ExecutionControls.INTERRUPT_WINDOW_EXITING;
            instruction.accept(cpu);
            assertThat(ripAtWindow).containsExactly(0x40L);
            assertThat(cpu.registers().rip()).isGreaterThan(0x40);
        }
    }

    @Test
    void theShadowOfStiEndsWithEveryKindOfInstruction() {
        for (Consumer<Vcpu> instruction : INSTRUCTIONS) {
            Rig rig = rig();
            rig.pipeline.useIoBitmaps();
            rig.pipeline.vmcs().ept.passThrough(Rig.MMIO_BASE, 0x1000);
            rig.cpu.sti();
            assertThat(rig.pipeline.vmcs().guestInterruptibility).isEqualTo(1);
            instruction.accept(rig.cpu);
            int left = rig.pipeline.vmcs().guestInterruptibility;
            // MOV SS opens its own shadow as the STI's ends
            assertThat(left).isEqualTo(instruction == INSTRUCTIONS.get(INSTRUCTIONS.size() - 1) ? 2 : 0);
        }
    }

    @Test
    void nopAndCliAreOneByte() {
        Rig rig = rig();
        rig.cpu.nop();
        rig.cpu.cli();
        rig.cpu.movSs();
        assertThat(rig.r().rip()).isEqualTo(4);
    }

    @Test
    void theImmediatePortIsOneByteAndSizesAreCheckedOnThePassthroughPathToo() {
        Rig rig = rig();
        rig.pipeline.useIoBitmaps();
        rig.cpu.in(1, 0);
        rig.cpu.in(1, 0xff);
        assertThatThrownBy(() -> rig.cpu.in(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rig.cpu.out(1, 0x100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rig.cpu.inDx(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rig.cpu.ins(3, false, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1, 2 or 4 bytes, not 3");
        assertThatThrownBy(() -> rig.cpu.inDx(8)).hasMessageContaining("1, 2 or 4 bytes, not 8");
        assertThatThrownBy(() -> rig.cpu.load(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(rig.r().rip()).isEqualTo(4);
    }

    @Test
    void passthroughStringsUseTheirSegmentsOutside64BitMode() {
        Rig rig = rig();
        rig.pipeline.useIoBitmaps();
        rig.cpu.mode(CpuMode.BITS32).segmentBases(0x5_0000, 0x6_0000);
        rig.ram.writeByte(0x6_0010, 0x5a);
        rig.r().rdx(0x60).rsi(0x10).rdi(0x20);
        rig.cpu.outs(1, false, 4);
        rig.ports.next = 0xa5;
        rig.cpu.ins(1, false, 4);
        assertThat(rig.ports.log).containsExactly("w1@0=5a", "r1@0=a5");
        assertThat(rig.ram.readByte(0x5_0020)).isEqualTo(0xa5);
        rig.cpu.mode(CpuMode.BITS64);
        rig.r().rsi(0x10);
        rig.cpu.outs(1, false, 8); // bases count as zero
        assertThat(rig.ports.log.get(2)).isEqualTo("w1@0=0");
    }

    @Test
    void anAccessEndingAtAPageEndStaysInItsPage() {
        Rig rig = rig();
        rig.pipeline.vmcs().ept.trapByViolation(0x9000, 0x1000);
        rig.cpu.load(4, 0x8ffc);
        rig.cpu.load(8, 0x8ff8);
        assertThat(rig.counters().totalExits()).isZero();
        rig.cpu.load(2, 0x8fff);
        assertThat(rig.counters().exits(ExitReason.EPT_VIOLATION)).isEqualTo(1);
    }

    @Test
    void aVmmThatFixesAFailedInjectionResumesAndDelivers() {
        Rig rig = rig();
        Vmcs vmcs = rig.pipeline.vmcs();
        List<Integer> vectors = new ArrayList<>();
        Vcpu cpu = new Vcpu(vmcs, rig.io, rig.mmio, rig.counters(), c -> {
            if (vmcs.exitReason == ExitReason.IO_INSTRUCTION) {
                vmcs.entryInterruptionInfo = InterruptionInfo.externalInterrupt(0x30); // IF clear: fails
            } else {
                vmcs.entryInterruptionInfo = InterruptionInfo.encode(2, InterruptionInfo.TYPE_NMI, false);
            }
        });
        cpu.interruptServiceRoutine((v, c) -> vectors.add(v));
        cpu.out(1, 0x60);
        assertThat(vectors).containsExactly(2);
        assertThat(vmcs.guestInterruptibility).isZero();
    }

    @Test
    void withNoControllerNothingIsInjected() {
        Rig rig = rig();
        rig.r().rflags(Registers.IF);
        rig.cpu.out(1, 0x60);
        rig.cpu.nop();
        assertThat(rig.counters().injections()).isZero();
        assertThat(rig.cpu.interruptsDelivered()).isZero();
        assertThat(rig.cpu.lastVector()).isEqualTo(-1);
        assertThat(rig.pipeline.vmcs().primaryControls & ExecutionControls.INTERRUPT_WINDOW_EXITING).isZero();
        assertThat(rig.pipeline.vmm().interruptController(null)).isSameAs(rig.pipeline.vmm());
    }

    @Test
    void accessorsAndChains() {
        Rig rig = rig();
        Vcpu cpu = rig.cpu;
        assertThat(cpu.vmcs()).isSameAs(rig.pipeline.vmcs());
        assertThat(cpu.mode(CpuMode.BITS32)).isSameAs(cpu);
        assertThat(cpu.mode()).isEqualTo(CpuMode.BITS32);
        assertThat(cpu.interruptServiceRoutine((v, c) -> { })).isSameAs(cpu);
        assertThat(cpu.segmentBases(0, 0)).isSameAs(cpu);
        assertThat(rig.pipeline.useIoBitmaps()).isSameAs(rig.pipeline);
        Registers r = cpu.registers();
        assertThat(r.rax(1).rcx(2).rdx(3).rsi(4).rdi(5).rflags(0).rip(6)).isSameAs(r);
        assertThat(new long[] {r.rax(), r.rcx(), r.rdx(), r.rsi(), r.rdi(), r.rflags(), r.rip()})
                .containsExactly(1, 2, 3, 4, 5, 2, 6);
        assertThat(CpuMode.BITS16.defaultOperandSize()).isEqualTo(2);
        assertThat(CpuMode.BITS32.defaultOperandSize()).isEqualTo(4);
        assertThat(CpuMode.BITS64.defaultOperandSize()).isEqualTo(4);
        assertThat(CpuMode.BITS64.defaultAddressSize()).isEqualTo(8);
        assertThat(Registers.mask(8)).isEqualTo(-1L);
        assertThat(Registers.mask(2)).isEqualTo(0xffff);
        assertThat(InterruptionInfo.deliversErrorCode(InterruptionInfo.externalInterrupt(0x20))).isFalse();
        assertThat(EptViolationQualification.write(EptViolationQualification.dataAccess(false, 0))).isFalse();
        assertThat(EptViolationQualification.read(EptViolationQualification.dataAccess(false, 0))).isTrue();
    }

    @Test
    void endOfInterruptGoesToTheSlaveOnlyForItsEightVectors() {
        for (int[] c : new int[][] {{0x6f, 0}, {0x70, 1}, {0x77, 1}, {0x78, 0}}) {
            Rig rig = rig();
            java.util.List<Integer> ports = new ArrayList<>();
            rig.io.map("master", 0x20, 1, 1, 1, new org.trapline.models.bus.IoDevice() {
                public long read(long o, int s) {
                    return 0;
                }

                public void write(long o, int s, long v) {
                    ports.add(0x20);
                }
            });
            rig.io.map("slave", 0xa0, 1, 1, 1, new org.trapline.models.bus.IoDevice() {
                public long read(long o, int s) {
                    return 0;
                }

                public void write(long o, int s, long v) {
                    ports.add(0xa0);
                }
            });
            EndOfInterrupt.pic8259(0x70, (v, cpu) -> { }).interrupt(c[0], rig.cpu);
            assertThat(ports).as("vector %x", c[0]).isEqualTo(c[1] == 1 ? List.of(0xa0, 0x20) : List.of(0x20));
        }
    }

    @Test
    void eptLooksUpFromTheLatestRangeAtAFullTable() {
        Ept ept = new Ept();
        for (int i = 0; i < 8; i++) {
            ept.map(i * 0x1000L, 0x1000, i % 2 == 0 ? Ept.RWX : Ept.READ, i % 2 == 0);
        }
        assertThat(ept.permissions(0x7000)).isEqualTo(Ept.READ);
        assertThat(ept.isDevice(0x6000)).isTrue();
        assertThat(ept.isDevice(0x7000)).isFalse();
        assertThat(ept.isDevice(0x8000)).isTrue();
        assertThat(ept.permissions(0x8000)).isEqualTo(Ept.NOT_PRESENT);
    }

    @Test
    void anEmptyPortRangeIsAllowed() {
        org.trapline.models.vmx.IoBitmaps b = new org.trapline.models.vmx.IoBitmaps();
        b.trap(0x10, 0);
        b.trap(0, 0x10000);
        assertThat(b.isSet(0x10)).isTrue();
    }
}
