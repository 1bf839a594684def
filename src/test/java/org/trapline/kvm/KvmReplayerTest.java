package org.trapline.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trapline.trace.TraceFormatException;

/** Hand-made traces in the formats of Linux 6.18 replayed through the trap pipeline into qemu-pc. */
class KvmReplayerTest {
    private static final String P = " qemu-system-x86-1234  [001]  5678.123456: ";
    // SDM Vol. 3C Table "Exit Qualification for I/O Instructions": bits 2:0 size-1, bit 3 IN,
    // bit 4 string, bit 5 REP, bit 6 immediate operand, bits 31:16 the port.
    private static final String IN_21_IMM = exit("IO_INSTRUCTION", 0x0021_0048L);
    private static final String IN_CFC_DX_4 = exit("IO_INSTRUCTION", 0x0cfc_000bL);
    private static final String OUT_CF8_DX_4 = exit("IO_INSTRUCTION", 0x0cf8_0003L);

    @TempDir
    Path dir;

    private static String exit(String reason, long info1) {
        return String.format(P + "kvm_exit: vcpu 0 reason %s rip 0xf0010 info1 0x%016x info2 0x0000000000000000 "
                + "intr_info 0x00000000 error_code 0x00000000 requests 0x0000000000000000", reason, info1);
    }

    private static String entry() {
        return P + "kvm_entry: vcpu 0, rip 0xf0012 intr_info 0x00000000 error_code 0x00000000";
    }

    private KvmReplayResult run(String... lines) throws IOException, TraceFormatException {
        Path f = dir.resolve("t.ftrace");
        Files.write(f, java.util.List.of(lines));
        return KvmReplayer.replay(f);
    }

    @Test
    void picImrReadMatches() throws Exception {
        KvmReplayResult r = run("cpus=1", IN_21_IMM, P + "kvm_pio: pio_read at 0x21 size 1 count 1 val 0x0 ", entry());
        assertTrue(r.passed(), () -> r.divergence().orElseThrow().report());
        assertEquals(3, r.checksMade()); // exit reason, qualification, the value
    }

    @Test
    void olderKernelsFormsReplay() throws Exception {
        // Linux 3.x-5.x: "reason %s rip 0x%lx info %llx %llx" and "vcpu %u": qualification compared as before.
        KvmReplayResult r = run(P + "kvm_exit: reason IO_INSTRUCTION rip 0x7c05 info 210048 0",
                P + "kvm_pio: pio_read at 0x21 size 1 count 1 val 0x0", P + "kvm_entry: vcpu 0");
        assertTrue(r.passed(), () -> r.divergence().orElseThrow().report());
        assertEquals(3, r.checksMade());
        // Linux 2.6: "reason %s rip 0x%lx" gives no qualification: the reason and the value are compared.
        KvmReplayResult bare = run(P + "kvm_exit: reason io_instruction rip 0x7c05",
                P + "kvm_pio: pio_read at 0x21 size 1 count 1 val 0x0", P + "kvm_entry: vcpu 0");
        assertTrue(bare.passed(), () -> bare.divergence().orElseThrow().report());
        assertEquals(2, bare.checksMade());
        KvmReplayResult wrong = run(P + "kvm_exit: reason io_instruction rip 0x7c05",
                P + "kvm_pio: pio_read at 0x21 size 1 count 1 val 0x7", P + "kvm_entry: vcpu 0");
        assertEquals(2, wrong.divergence().orElseThrow().line());
    }

    @Test
    void aWrongRecordedInValueIsADivergence() throws Exception {
        KvmReplayResult r = run(IN_21_IMM, P + "kvm_pio: pio_read at 0x21 size 1 count 1 val 0x5 ", entry());
        KvmDivergence d = r.divergence().orElseThrow();
        assertEquals(2, d.line());
        assertEquals("0x5", d.expected());
        assertEquals("0x0", d.actual());
        assertTrue(d.what().contains("21h"), d.what());
    }

    @Test
    void pciConfigReadThroughDx() throws Exception {
        // 00:00.0 vendor/device of the i440FX host bridge: 8086h/1237h (QEMU's i440fx)
        KvmReplayResult r = run(OUT_CF8_DX_4, P + "kvm_pio: pio_write at 0xcf8 size 4 count 1 val 0x80000000 ", entry(),
                IN_CFC_DX_4, P + "kvm_pio: pio_read at 0xcfc size 4 count 1 val 0x12378086 ", entry());
        assertTrue(r.passed(), () -> r.divergence().orElseThrow().report());
        assertEquals(5, r.checksMade());
    }

    @Test
    void aQualificationOtherThanThePipelinesIsADivergence() throws Exception {
        // bit 7 is reserved (cleared by the processor): the pipeline's qualification differs in it
        KvmReplayResult r = run(exit("IO_INSTRUCTION", 0x0021_00c8L), P + "kvm_pio: pio_read at 0x21 size 1 count 1 val 0x0 ");
        assertTrue(r.divergence().orElseThrow().what().contains("exit qualification"), r.divergence().get().what());
    }

    @Test
    void anExitQualificationThatIsNotThisAccessIsUnusable() {
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> run(IN_21_IMM, P + "kvm_pio: pio_write at 0x80 size 1 count 1 val 0x0 "));
        assertEquals(2, e.line());
    }

    @Test
    void mmioThroughEptMisconfiguration() throws Exception {
        // IOAPICVER of QEMU's IO-APIC: version 20h, 24 entries (max redirection 17h)
        KvmReplayResult r = run(exit("EPT_MISCONFIG", 0), P + "kvm_mmio: mmio write len 4 gpa 0xfec00000 val 0x1", entry(),
                exit("EPT_MISCONFIG", 0), P + "kvm_mmio: mmio read len 4 gpa 0xfec00010 val 0x170020", entry());
        assertTrue(r.passed(), () -> r.divergence().orElseThrow().report());
        // two exit reasons and the value read; a misconfiguration has no qualification, so none is counted
        assertEquals(3, r.checksMade());
        KvmReplayResult wrong = run(exit("EPT_MISCONFIG", 0), P + "kvm_mmio: mmio write len 4 gpa 0xfec00000 val 0x1",
                exit("EPT_MISCONFIG", 0), P + "kvm_mmio: mmio read len 4 gpa 0xfec00010 val 0x110020");
        assertEquals(4, wrong.divergence().orElseThrow().line());
    }

    @Test
    void theProfileAndMachineArgumentsChooseTheBoard() throws Exception {
        // KVM's in-kernel IO-APIC answers version 11h, as the 82093AA datasheet's: the hardware profile's.
        Path f = dir.resolve("kvm-ioapic.ftrace");
        Files.write(f, java.util.List.of(exit("EPT_MISCONFIG", 0), P + "kvm_mmio: mmio write len 4 gpa 0xfec00000 val 0x1",
                exit("EPT_MISCONFIG", 0), P + "kvm_mmio: mmio read len 4 gpa 0xfec00010 val 0x170011"));
        assertTrue(KvmReplayer.replay(f, "hardware", null).passed());
        assertFalse(KvmReplayer.replay(f, null, null).passed());
        TraceFormatException badProfile = assertThrows(TraceFormatException.class, () -> KvmReplayer.replay(f, "kvm", null));
        assertTrue(badProfile.reason().contains("not a profile"), badProfile.reason());
        TraceFormatException badArgs = assertThrows(TraceFormatException.class,
                () -> KvmReplayer.replay(f, null, "-machine pc -m lots"));
        assertTrue(badArgs.reason().startsWith("machine arguments"), badArgs.reason());
    }

    @Test
    void mmioThroughEptViolationComparesTheAccessBits() throws Exception {
        // SDM Table "Exit Qualification for EPT Violations": bit 0 a read, bit 1 a write
        assertTrue(run(exit("EPT_VIOLATION", 0x1), P + "kvm_mmio: mmio read len 4 gpa 0xfed00000 val 0x8086a201").passed()
);
        KvmReplayResult r = run(exit("EPT_VIOLATION", 0x2), P + "kvm_mmio: mmio read len 4 gpa 0xfec00010 val 0x0");
        assertTrue(r.divergence().orElseThrow().what().contains("exit qualification"));
    }

    @Test
    void irqLinesDriveTheBoardAndTheChipsStateIsCompared() throws Exception {
        KvmReplayResult r = run(P + "kvm_set_irq: gsi 9 level 0 source 0", P + "kvm_pic_set_irq: chip 1 pin 1 (edge)",
                P + "kvm_ioapic_set_irq: pin 9 dst 0 vec 0 (Fixed|physical|edge|masked)");
        assertTrue(r.passed(), () -> r.divergence().orElseThrow().report());
        assertEquals(3, r.checksMade());
        KvmReplayResult masked = run(P + "kvm_pic_set_irq: chip 0 pin 0 (edge|masked)");
        assertTrue(masked.divergence().orElseThrow().what().contains("IMR"));
        KvmReplayResult unmasked = run(P + "kvm_ioapic_set_irq: pin 2 dst 0 vec 48 (Fixed|physical|edge)");
        assertFalse(unmasked.passed());
    }

    @Test
    void injectedVectorIsThePicsAnswer() throws Exception {
        String[] init = {"0x20 0x11", "0x21 0x20", "0x21 0x4", "0x21 0x1", "0x21 0xfe"};
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String w : init) {
            String[] pv = w.split(" ");
            lines.add(P + "kvm_pio: pio_write at " + pv[0] + " size 1 count 1 val " + pv[1]);
        }
        // the local APIC passes INTR through only with LVT LINT0 unmasked as ExtINT (SDM Vol. 3A "Local
        // Vector Table"); its mask bit can be cleared once the APIC is software-enabled (SVR bit 8)
        lines.add(P + "kvm_mmio: mmio write len 4 gpa 0xfee000f0 val 0x1ff");
        lines.add(P + "kvm_mmio: mmio write len 4 gpa 0xfee00350 val 0x700");
        lines.add(P + "kvm_set_irq: gsi 0 level 1 source 0");
        lines.add(P + "kvm_inj_virq: IRQ 0x20");
        KvmReplayResult r = run(lines.toArray(String[]::new));
        assertTrue(r.passed(), () -> r.divergence().orElseThrow().report());
        lines.set(lines.size() - 1, P + "kvm_inj_virq: IRQ 0x21");
        assertFalse(run(lines.toArray(String[]::new)).passed());
        lines.remove(P + "kvm_mmio: mmio write len 4 gpa 0xfee00350 val 0x700");
        assertTrue(run(lines.toArray(String[]::new)).divergence().orElseThrow().actual().contains("no interrupt request"));
    }

    @Test
    void unknownEventsAreCounted() throws Exception {
        KvmReplayResult r = run(P + "kvm_userspace_exit: reason KVM_EXIT_IO (2)", P + "kvm_fpu: load");
        assertEquals(Map.of("kvm_userspace_exit", 1L, "kvm_fpu", 1L), r.unknownEvents());
        assertTrue(r.passed());
    }
}
