package org.trapline.models.vcpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.trapline.models.vmx.ExecutionControls;
import org.trapline.models.vmx.ExitReason;
import org.trapline.models.vmx.Vmcs;

/** Guest MMIO loads and stores through the EPT view. */
class VcpuMmioTest {
    private static final long DEV = Rig.MMIO_BASE;

    private static List<long[]> watch(Rig rig, Vcpu[] cpu) {
        List<long[]> exits = new ArrayList<>();
        Vmcs vmcs = rig.pipeline.vmcs();
        cpu[0] = new Vcpu(vmcs, rig.io, rig.mmio, rig.counters(), c -> {
            exits.add(new long[] {vmcs.exitReason, vmcs.exitQualification, vmcs.guestPhysicalAddress,
                vmcs.guestLinearAddress, vmcs.exitInstructionLength});
            rig.pipeline.vmm().handleExit(c);
        });
        return exits;
    }

    @Test
    void aLoadFromANotPresentPageIsAnEptViolationTheVmmEmulates() {
        Rig rig = new Rig();
        Vcpu[] cpu = new Vcpu[1];
        List<long[]> exits = watch(rig, cpu);
        rig.registers.next = 0xcafe_f00d_1234_5678L;
        cpu[0].registers().rax(-1L);
        cpu[0].load(4, DEV + 0x10);
        assertThat(exits).hasSize(1);
        long[] e = exits.get(0);
        assertThat(e[0]).isEqualTo(ExitReason.EPT_VIOLATION);
        assertThat(e[1]).isEqualTo(0x181L); // read, no permissions, linear address valid, a translation
        assertThat(e[2]).isEqualTo(DEV + 0x10);
        assertThat(e[3]).isEqualTo(DEV + 0x10);
        assertThat(e[4]).isEqualTo(9); // A1h moffs64
        assertThat(cpu[0].registers().rax()).isEqualTo(0x1234_5678L);
        assertThat(rig.registers.log).containsExactly("r4@10=12345678");
        assertThat(cpu[0].registers().rip()).isEqualTo(9);
        assertThat(rig.counters().exits(ExitReason.EPT_VIOLATION)).isEqualTo(1);
    }

    @Test
    void storesOfEachSizeCarryTheWriteBit() {
        Rig rig = new Rig();
        Vcpu[] cpu = new Vcpu[1];
        List<long[]> exits = watch(rig, cpu);
        cpu[0].registers().rax(0x0102_0304_0506_0708L);
        cpu[0].store(1, DEV);
        cpu[0].store(2, DEV + 2);
        cpu[0].store(4, DEV + 4);
        cpu[0].store(8, DEV + 8);
        assertThat(exits).extracting(e -> e[1]).containsOnly(0x182L);
        assertThat(exits).extracting(e -> e[4]).containsExactly(9L, 10L, 9L, 10L); // 66h, REX.W
        assertThat(rig.registers.log).containsExactly("w1@0=8", "w2@2=708", "w4@4=5060708", "w8@8=102030405060708");
    }

    @Test
    void aMisconfiguredPageExitsWithReason49AndNoQualification() {
        Rig rig = new Rig();
        rig.pipeline.vmcs().ept.trapByMisconfiguration(DEV, 0x1000);
        Vcpu[] cpu = new Vcpu[1];
        List<long[]> exits = watch(rig, cpu);
        cpu[0].registers().rax(7);
        cpu[0].store(4, DEV + 0x20);
        cpu[0].load(2, DEV + 0x22);
        assertThat(exits).extracting(e -> e[0]).containsOnly((long) ExitReason.EPT_MISCONFIGURATION);
        assertThat(exits).extracting(e -> e[1]).containsOnly(0L);
        assertThat(exits).extracting(e -> e[2]).containsExactly(DEV + 0x20, DEV + 0x22);
        assertThat(rig.registers.log.get(0)).isEqualTo("w4@20=7");
        assertThat(rig.registers.log.get(1)).startsWith("r2@22=");
        assertThat(rig.counters().exits(ExitReason.EPT_MISCONFIGURATION)).isEqualTo(2);
    }

    @Test
    void aPassthroughPageAndRamAnswerWithNoExit() {
        Rig rig = new Rig();
        rig.pipeline.vmcs().ept.passThrough(DEV, 0x1000);
        rig.r().rax(0xabcdL);
        rig.cpu.store(2, DEV + 6);
        rig.cpu.store(8, 0x8000);
        rig.cpu.load(1, 0x8001);
        assertThat(rig.registers.log).containsExactly("w2@6=abcd");
        assertThat(rig.r().rax()).isEqualTo(0xabab); // AL replaced, the rest kept
        assertThat(rig.counters().totalExits()).isZero();
        assertThat(rig.counters().passthroughAccesses()).isEqualTo(1);
        assertThat(rig.counters().ramAccesses()).isEqualTo(2);
    }

    @Test
    void aReadOnlyPageLetsLoadsThroughAndTrapsStores() {
        Rig rig = new Rig();
        rig.pipeline.vmcs().ept.map(DEV, 0x1000, 1, true);
        Vcpu[] cpu = new Vcpu[1];
        List<long[]> exits = watch(rig, cpu);
        cpu[0].load(4, DEV);
        cpu[0].store(4, DEV);
        assertThat(exits).hasSize(1);
        assertThat(exits.get(0)[1]).isEqualTo(0x18aL); // write; the entry was readable
    }

    @Test
    void anAccessAcrossPagesExitsAtTheFirstPageThatTraps() {
        Rig rig = new Rig();
        rig.pipeline.vmcs().ept.trapByViolation(0x9000, 0x1000);
        Vcpu[] cpu = new Vcpu[1];
        List<long[]> exits = watch(rig, cpu);
        cpu[0].load(8, 0x8ffc);
        assertThat(exits).hasSize(1);
        assertThat(exits.get(0)[2]).isEqualTo(0x9000);
        cpu[0].load(8, 0x7ffc); // RAM on both sides
        assertThat(exits).hasSize(1);
    }

    @Test
    void withoutEptNothingExits() {
        Rig rig = new Rig();
        rig.pipeline.vmcs().secondaryControls &= ~ExecutionControls.ENABLE_EPT;
        rig.cpu.load(4, DEV);
        assertThat(rig.counters().totalExits()).isZero();
        assertThat(rig.registers.log).hasSize(1);
        assertThat(rig.counters().passthroughAccesses()).isEqualTo(1);
    }

    @Test
    void movesAreEncodableOnlyWhereTheModeAllows() {
        Rig rig = new Rig();
        rig.cpu.mode(CpuMode.BITS32);
        assertThatThrownBy(() -> rig.cpu.load(8, 0x1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rig.cpu.load(3, 0x1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rig.cpu.load(4, 0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
        rig.cpu.load(4, 0x1000); // A1h moffs32
        rig.cpu.load(2, 0x1000); // 66h A1h moffs32
        assertThat(rig.r().rip()).isEqualTo(5 + 6);
        rig.cpu.mode(CpuMode.BITS16).segmentBases(0, 0x2_0000).registers().rip(0);
        rig.ram.write(0x2_0010, 4, 0x89ab_cdefL);
        rig.cpu.load(4, 0x10); // 66h A1h moffs16, DS:0010h
        assertThat(rig.r().rax()).isEqualTo(0x89ab_cdefL);
        assertThat(rig.r().rip()).isEqualTo(4);
    }
}
