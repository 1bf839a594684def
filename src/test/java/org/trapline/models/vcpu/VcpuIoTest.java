package org.trapline.models.vcpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.trapline.models.memory.GuestMemory;
import org.trapline.models.vmx.ExitReason;
import org.trapline.models.vmx.IoInstructionInfo;
import org.trapline.models.vmx.Vmcs;

/** Guest IN, OUT, INS and OUTS through the pipeline: the exit each records and what it does. */
class VcpuIoTest {

    /** Runs {@code rig}'s guest with a handler that notes each exit's fields before the VMM emulates it. */
    private static List<long[]> watchExits(Rig rig, Vcpu[] cpu) {
        List<long[]> exits = new ArrayList<>();
        Vmcs vmcs = rig.pipeline.vmcs();
        cpu[0] = new Vcpu(vmcs, rig.io, rig.mmio, rig.counters(), c -> {
            exits.add(new long[] {vmcs.exitReason, vmcs.exitQualification, vmcs.exitInstructionLength,
                vmcs.exitInstructionInfo, vmcs.guestLinearAddress, vmcs.guestPhysicalAddress});
            rig.pipeline.vmm().handleExit(c);
        });
        return exits;
    }

    @Test
    void outImmediateExitsWithItsQualificationAndTheVmmWritesTheDevice() {
        Rig rig = new Rig();
        Vcpu[] cpu = new Vcpu[1];
        List<long[]> exits = watchExits(rig, cpu);
        cpu[0].registers().rax(0xdead_beef_1234_5642L).rip(0x1000);
        cpu[0].out(1, 0x64);
        assertThat(exits).hasSize(1);
        assertThat(exits.get(0)[0]).isEqualTo(ExitReason.IO_INSTRUCTION);
        assertThat(exits.get(0)[1]).isEqualTo(0x0064_0040L);
        assertThat(exits.get(0)[2]).isEqualTo(2); // E6h ib
        assertThat(rig.ports.log).containsExactly("w1@4=42");
        assertThat(cpu[0].registers().rip()).isEqualTo(0x1002);
        assertThat(rig.counters().exits(ExitReason.IO_INSTRUCTION)).isEqualTo(1);
        assertThat(rig.counters().emulatedAccesses()).isEqualTo(1);
        assertThat(rig.counters().passthroughAccesses()).isZero();
    }

    @Test
    void inMergesTheAccumulatorByOperandSize() {
        Rig rig = new Rig();
        Registers r = rig.r();
        rig.ports.next = 0xaabb_ccddL;
        r.rax(0x1111_2222_3333_4444L);
        rig.cpu.in(1, 0x60);
        assertThat(r.rax()).isEqualTo(0x1111_2222_3333_44ddL);
        rig.ports.next = 0xaabb_ccddL;
        rig.cpu.in(2, 0x60);
        assertThat(r.rax()).isEqualTo(0x1111_2222_3333_ccddL);
        rig.ports.next = 0xaabb_ccddL;
        rig.cpu.in(4, 0x60);
        assertThat(r.rax()).isEqualTo(0xaabb_ccddL); // a 32-bit write clears 63:32
        // E4h ib (2), 66h E5h ib (3), E5h ib (2)
        assertThat(r.rip()).isEqualTo(7);
        assertThat(rig.counters().exits(ExitReason.IO_INSTRUCTION)).isEqualTo(3);
    }

    @Test
    void theDxFormsTakeThePortFromDxAndAreOneByteShorter() {
        Rig rig = new Rig();
        Vcpu[] cpu = new Vcpu[1];
        List<long[]> exits = watchExits(rig, cpu);
        cpu[0].registers().rdx(0xffff_0000_0000_01f7L).rax(0x55);
        cpu[0].outDx(1);
        cpu[0].inDx(2);
        cpu[0].inDx(4);
        assertThat(exits.get(0)[1]).isEqualTo(0x01f7_0000L);
        assertThat(exits.get(1)[1]).isEqualTo(0x01f7_0009L);
        assertThat(exits.get(2)[1]).isEqualTo(0x01f7_000bL);
        assertThat(exits.stream().mapToLong(e -> e[2]).toArray()).containsExactly(1, 2, 1);
        assertThat(rig.disk.log.get(0)).isEqualTo("w1@7=55");
        assertThat(rig.disk.log).hasSize(3);
    }

    @Test
    void operandSizePrefixesFollowTheMode() {
        Rig rig = new Rig();
        rig.cpu.mode(CpuMode.BITS16);
        rig.cpu.inDx(2);   // EDh
        rig.cpu.inDx(4);   // 66h EDh
        rig.cpu.out(1, 0x60); // E6h ib
        rig.cpu.out(4, 0x60); // 66h E7h ib
        assertThat(rig.r().rip()).isEqualTo(1 + 2 + 2 + 3);
        rig.cpu.mode(CpuMode.BITS32).registers().rip(0);
        rig.cpu.inDx(2);   // 66h EDh
        rig.cpu.inDx(4);   // EDh
        assertThat(rig.r().rip()).isEqualTo(3);
    }

    @Test
    void badOperandsAreTheCallersError() {
        Rig rig = new Rig();
        assertThatThrownBy(() -> rig.cpu.in(1, 0x100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rig.cpu.out(3, 0x60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rig.cpu.ins(8, false, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rig.cpu.ins(1, false, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BITS64");
        rig.cpu.mode(CpuMode.BITS32);
        assertThatThrownBy(() -> rig.cpu.outs(1, true, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThat(rig.counters().totalExits()).isZero();
    }

    @Test
    void aPassthroughPortAnswersWithNoExit() {
        Rig rig = new Rig();
        rig.pipeline.useIoBitmaps();
        rig.pipeline.vmcs().ioBitmaps.trap(0x64, 1);
        rig.r().rax(0x12);
        rig.cpu.out(1, 0x60);
        rig.ports.next = 0x99;
        rig.cpu.in(1, 0x60);
        assertThat(rig.r().rax()).isEqualTo(0x99);
        assertThat(rig.ports.log).containsExactly("w1@0=12", "r1@0=99");
        assertThat(rig.counters().totalExits()).isZero();
        assertThat(rig.counters().passthroughAccesses()).isEqualTo(2);
        assertThat(rig.r().rip()).isEqualTo(4);
        // a word at 63h covers 64h, whose bit is set
        rig.cpu.in(2, 0x63);
        assertThat(rig.counters().exits(ExitReason.IO_INSTRUCTION)).isEqualTo(1);
    }

    @Test
    void repInswWith32BitAddressesIn64BitModeFillsMemoryUpwards() {
        Rig rig = new Rig();
        Vcpu[] cpu = new Vcpu[1];
        List<long[]> exits = watchExits(rig, cpu);
        Registers r = cpu[0].registers();
        r.rdx(0x1f0).rcx(0xffff_ffff_0000_0003L).rdi(0x7777_7777_0000_2000L).rip(0x100);
        rig.disk.next = 0xa1a1;
        cpu[0].ins(2, true, 4);
        assertThat(exits).hasSize(1);
        long[] e = exits.get(0);
        assertThat(e[1]).isEqualTo(0x01f0_0039L); // size 1, IN, string, REP, DX
        assertThat(e[2]).isEqualTo(4); // F3h 66h 67h 6Dh
        assertThat(e[3]).isEqualTo(IoInstructionInfo.encode(4, IoInstructionInfo.ES)).isEqualTo(0x80);
        assertThat(e[4]).isEqualTo(0x2000); // ES:EDI, ES's base counting as 0 in 64-bit mode
        assertThat(rig.disk.log).hasSize(3);
        GuestMemory ram = rig.ram;
        assertThat(ram.read(0x2000, 2)).isEqualTo(0xa1a1);
        assertThat(ram.read(0x2002, 2)).isEqualTo(Long.parseLong(rig.disk.log.get(1).split("=")[1], 16));
        assertThat(r.rdi()).isEqualTo(0x2006); // EDI written: 63:32 cleared
        assertThat(r.rcx()).isZero();
        assertThat(r.rip()).isEqualTo(0x104);
        assertThat(rig.counters().emulatedAccesses()).isEqualTo(3);
        assertThat(rig.counters().exits(ExitReason.IO_INSTRUCTION)).isEqualTo(1);
    }

    @Test
    void repOutsbWith16BitAddressesStepsDownAndWrapsSi() {
        Rig rig = new Rig();
        Vcpu[] cpu = new Vcpu[1];
        List<long[]> exits = watchExits(rig, cpu);
        cpu[0].mode(CpuMode.BITS32).segmentBases(0, 0x3000);
        rig.ram.writeByte(0x3001, 0x11);
        rig.ram.writeByte(0x3000, 0x22);
        rig.ram.writeByte(0x3000 + 0xffff, 0x33);
        Registers r = cpu[0].registers();
        r.rflags(Registers.DF).rdx(0x60).rsi(0xabcd_0001L).rcx(0x1234_0003L);
        cpu[0].outs(1, true, 2);
        assertThat(rig.ports.log).containsExactly("w1@0=11", "w1@0=22", "w1@0=33");
        assertThat(r.rsi()).isEqualTo(0xabcd_fffeL); // SI only: the upper bits are kept
        assertThat(r.rcx()).isEqualTo(0x1234_0000L); // CX only
        long[] e = exits.get(0);
        assertThat(e[1]).isEqualTo(0x0060_0030L); // size 0, OUT, string, REP, DX
        assertThat(e[2]).isEqualTo(3); // F3h 67h 6Eh
        assertThat(e[3]).isEqualTo(0x18000); // 16-bit addresses, DS
        assertThat(e[4]).isEqualTo(0x3001); // DS base + SI
    }

    @Test
    void insWithout64BitAddressesAndNoRepMovesOneOperand() {
        Rig rig = new Rig();
        Registers r = rig.r();
        r.rdx(0x60).rcx(5).rdi(0x4000);
        rig.ports.next = 0x0102_0304L;
        rig.cpu.ins(4, false, 8);
        assertThat(rig.ram.read(0x4000, 4)).isEqualTo(0x0102_0304L);
        assertThat(r.rdi()).isEqualTo(0x4004);
        assertThat(r.rcx()).isEqualTo(5);
        assertThat(r.rip()).isEqualTo(1);
    }

    @Test
    void repWithACountOfZeroAccessesNothingAndDoesNotExit() {
        Rig rig = new Rig();
        rig.r().rdx(0x60).rcx(0xffff_0000L).rdi(0x4000);
        rig.cpu.mode(CpuMode.BITS32);
        rig.cpu.ins(1, true, 2); // CX = 0
        assertThat(rig.counters().totalExits()).isZero();
        assertThat(rig.ports.log).isEmpty();
        assertThat(rig.r().rip()).isEqualTo(3);
        assertThat(rig.r().rdi()).isEqualTo(0x4000);
    }

    @Test
    void passthroughStringsGiveTheSameResultsAsTrappedOnes() {
        Rig trapped = new Rig();
        Rig through = new Rig();
        through.pipeline.useIoBitmaps();
        for (Rig rig : List.of(trapped, through)) {
            for (int i = 0; i < 16; i++) {
                rig.ram.writeByte(0x5000 + i, 0x40 + i);
            }
            rig.r().rdx(0x61).rcx(4).rsi(0x5000).rdi(0x6000);
            rig.cpu.outs(4, true, 8);
            rig.r().rcx(3);
            rig.cpu.ins(2, true, 8);
        }
        assertThat(through.ports.log).isEqualTo(trapped.ports.log);
        assertThat(through.ram.read(0x6000, 6)).isEqualTo(trapped.ram.read(0x6000, 6));
        assertThat(through.r().rsi()).isEqualTo(trapped.r().rsi()).isEqualTo(0x5010);
        assertThat(through.r().rdi()).isEqualTo(trapped.r().rdi()).isEqualTo(0x6006);
        assertThat(trapped.counters().exits(ExitReason.IO_INSTRUCTION)).isEqualTo(2);
        assertThat(trapped.counters().emulatedAccesses()).isEqualTo(7);
        assertThat(through.counters().totalExits()).isZero();
        assertThat(through.counters().passthroughAccesses()).isEqualTo(7);
    }

    @Test
    void anAccessThatWrapsTheIoSpaceExitsWithBitmapsClear() {
        Rig rig = new Rig();
        rig.pipeline.useIoBitmaps();
        rig.r().rdx(0xfffe);
        rig.cpu.inDx(2);
        assertThat(rig.counters().totalExits()).isZero();
        rig.cpu.inDx(4);
        assertThat(rig.counters().exits(ExitReason.IO_INSTRUCTION)).isEqualTo(1);
    }
}
