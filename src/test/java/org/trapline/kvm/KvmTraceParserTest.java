package org.trapline.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.trapline.trace.TraceFormatException;

/**
 * One line of each event as Linux 6.18 prints it (the TP_printk formats of arch/x86/kvm/trace.h and
 * include/trace/events/kvm.h, /work/kvm-formats), in trace-cmd report and raw tracefs forms.
 */
class KvmTraceParserTest {
    private static final Path F = Path.of("t.ftrace");
    private static final String P = " qemu-system-x86-1234  [001]  5678.123456: ";

    private static KvmEvent one(String line) throws TraceFormatException {
        return new KvmTraceParser().line(F, 7, line);
    }

    @Test
    void kvmExit() throws TraceFormatException {
        assertEquals(new KvmEvent.Exit(7, 0, "IO_INSTRUCTION", 0xfff5, 0x210048, 0),
                one(P + "kvm_exit:             vcpu 0 reason IO_INSTRUCTION rip 0xfff5 info1 0x0000000000210048 "
                        + "info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000 requests 0x0000000000000000"));
        assertEquals(new KvmEvent.Exit(7, 1, "EPT_MISCONFIG", 0xf0040, 0, 0xffffffffffffffffL),
                one(P + "kvm_exit: vcpu 1 reason EPT_MISCONFIG rip 0xf0040 info1 0x0000000000000000 "
                        + "info2 0xffffffffffffffff intr_info 0x00000000 error_code 0x00000000 requests 0x0000000000000000"));
    }

    @Test
    void kvmEntry() throws TraceFormatException {
        assertEquals(new KvmEvent.Entry(7, 0, 0xfff7),
                one(P + "kvm_entry:            vcpu 0, rip 0xfff7 intr_info 0x00000000 error_code 0x00000000"));
        assertEquals(new KvmEvent.Entry(7, 0, 0x10),
                one(P + "kvm_entry: vcpu 0, rip 0x10 intr_info 0x80000030 error_code 0x00000000[immediate exit]"));
    }

    @Test
    void kvmPio() throws TraceFormatException {
        assertEquals(new KvmEvent.Pio(7, true, 0x80, 1, 1, 0),
                one(P + "kvm_pio:              pio_write at 0x80 size 1 count 1 val 0x0 "));
        assertEquals(new KvmEvent.Pio(7, false, 0xcfc, 4, 16, 0x12378086L),
                one(P + "kvm_pio: pio_read at 0xcfc size 4 count 16 val 0x12378086 (...)"));
    }

    @Test
    void kvmMmio() throws TraceFormatException {
        assertEquals(new KvmEvent.Mmio(7, "write", 4, 0xfec00000L, 1),
                one(P + "kvm_mmio: mmio write len 4 gpa 0xfec00000 val 0x1"));
        assertEquals(new KvmEvent.Mmio(7, "unsatisfied-read", 8, 0xfed00000L, 0),
                one(P + "kvm_mmio: mmio unsatisfied-read len 8 gpa 0xfed00000 val 0x0"));
    }

    @Test
    void kvmSetIrq() throws TraceFormatException {
        assertEquals(new KvmEvent.SetIrq(7, 9, 1, 0), one(P + "kvm_set_irq:          gsi 9 level 1 source 0"));
    }

    @Test
    void kvmPicSetIrq() throws TraceFormatException {
        assertEquals(new KvmEvent.PicSetIrq(7, 1, 1, false, false, false), one(P + "kvm_pic_set_irq: chip 1 pin 1 (edge)"));
        assertEquals(new KvmEvent.PicSetIrq(7, 0, 3, true, true, true),
                one(P + "kvm_pic_set_irq: chip 0 pin 3 (level|masked) (coalesced)"));
    }

    @Test
    void kvmIoapicSetIrq() throws TraceFormatException {
        assertEquals(new KvmEvent.IoapicSetIrq(7, 2, 0, 0, 0, false, false, true, false),
                one(P + "kvm_ioapic_set_irq:   pin 2 dst 0 vec 0 (Fixed|physical|edge|masked)"));
        assertEquals(new KvmEvent.IoapicSetIrq(7, 9, 0xff, 48, 7, true, true, false, true),
                one(P + "kvm_ioapic_set_irq: pin 9 dst ff vec 48 (ExtINT|logical|level) (coalesced)"));
    }

    @Test
    void kvmMsiSetIrq() throws TraceFormatException {
        assertEquals(new KvmEvent.MsiSetIrq(7, 0x1, 0x41, 1, true, false, true),
                one(P + "kvm_msi_set_irq: dst 1 vec 65 (LowPrio|logical|edge|rh)"));
    }

    @Test
    void kvmApicAcceptIrq() throws TraceFormatException {
        assertEquals(new KvmEvent.ApicAcceptIrq(7, 0, 0x30, 0, false),
                one(P + "kvm_apic_accept_irq: apicid 0 vec 48 (Fixed|edge)"));
    }

    @Test
    void kvmInjVirq() throws TraceFormatException {
        assertEquals(new KvmEvent.InjVirq(7, false, 0x20, false), one(P + "kvm_inj_virq: IRQ 0x20"));
        assertEquals(new KvmEvent.InjVirq(7, true, 0x80, true), one(P + "kvm_inj_virq: Soft/INTn 0x80 [reinjected]"));
    }

    /** The print formats of older kernels, which a trace from another host may well have. */
    @Test
    void olderKernelsKvmExitForms() throws TraceFormatException {
        // "vcpu %u reason %s%s%s rip 0x%lx info1 0x%016llx info2 0x%016llx", before intr_info/error_code.
        assertEquals(new KvmEvent.Exit(7, 0, "IO_INSTRUCTION", 0xfff5, 0x210048, 0),
                one(P + "kvm_exit: vcpu 0 reason IO_INSTRUCTION rip 0xfff5 info1 0x0000000000210048 info2 0x0000000000000000"));
        // "reason %s rip 0x%lx info %llx %llx": no vcpu, the infos in hex without 0x.
        assertEquals(new KvmEvent.Exit(7, 0, "IO_INSTRUCTION", 0x7c05, 0x610008, 0),
                one(P + "kvm_exit: reason IO_INSTRUCTION rip 0x7c05 info 610008 0"));
        // "reason %s rip 0x%lx": no exit information; the reason's case as 2.6 printed it.
        assertEquals(new KvmEvent.Exit(7, 0, "IO_INSTRUCTION", 0x7c10, 0, 0, false),
                one(P + "kvm_exit: reason io_instruction rip 0x7c10"));
    }

    @Test
    void olderKernelsOtherForms() throws TraceFormatException {
        assertEquals(new KvmEvent.Entry(7, 1, -1), one(P + "kvm_entry: vcpu 1"));
        assertEquals(new KvmEvent.InjVirq(7, false, 0x30, false), one(P + "kvm_inj_virq: irq 48"));
        assertEquals(new KvmEvent.ApicAcceptIrq(7, 0, 0xef, 0, false),
                one(P + "kvm_apic_accept_irq: apicid 0 vec 239 (Fixed|edge) (coalesced)"));
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> one(P + "kvm_pio: pio_read at 0x1f0 size 2 count 1"));
        assertTrue(e.reason().contains("has no val"), e.reason());
    }

    @Test
    void perfScriptLinesCarryTheEventSystem() throws TraceFormatException {
        assertEquals(new KvmEvent.Pio(7, false, 0x64, 1, 1, 0x1c),
                one("qemu-system-x86 4321 [001] 1000.000001: kvm:kvm_pio: pio_read at 0x64 size 1 count 1 val 0x1c"));
    }

    @Test
    void rawTracefsLineWithIrqFlags() throws TraceFormatException {
        assertEquals(new KvmEvent.PicSetIrq(7, 0, 0, false, false, false),
                one(" qemu-system-x86-12577   [001] ...1.  6790.918015: kvm_pic_set_irq: chip 0 pin 0 (edge)"));
    }

    @Test
    void headersAndCommentsAreSkipped() throws TraceFormatException {
        assertNull(one("cpus=2"));
        assertNull(one("version = 6"));
        assertNull(one("# tracer: nop"));
        assertNull(one(""));
    }

    @Test
    void unknownEventsAreCountedByName() throws TraceFormatException {
        KvmTraceParser p = new KvmTraceParser();
        assertNull(p.line(F, 1, P + "kvm_userspace_exit:   reason KVM_EXIT_IO (2)"));
        assertNull(p.line(F, 2, P + "kvm_userspace_exit:   reason KVM_EXIT_MMIO (6)"));
        assertNull(p.line(F, 3, P + "sched_switch: whatever"));
        assertEquals(Map.of("kvm_userspace_exit", 2L, "sched_switch", 1L), p.unknownEvents());
    }

    @Test
    void malformedKnownEventNamesTheLine() {
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> one(P + "kvm_pio: pio_write at 0xzz size 1 count 1 val 0x0"));
        assertEquals(7, e.line());
        assertTrue(e.reason().contains("kvm_pio"), e.reason());
        assertThrows(TraceFormatException.class, () -> one(P + "kvm_set_irq: gsi 99999999999 level 1 source 0"));
        assertThrows(TraceFormatException.class, () -> one(P + "kvm_pio: pio_write at 0x123456789 size 1 count 1 val 0x0"));
        assertThrows(TraceFormatException.class, () -> one(P + "kvm_mmio: mmio write len 4 gpa 0xfec00000"));
        assertThrows(TraceFormatException.class, () -> one("garbage"));
    }

    @Test
    void realLinesOfThisKernelParse() throws TraceFormatException, URISyntaxException {
        Path real = Path.of(getClass().getResource("real-irq-lines.ftrace").toURI());
        KvmTraceParser p = new KvmTraceParser();
        List<KvmEvent> events = new ArrayList<>();
        p.parse(real, events::add);
        assertEquals(new KvmEvent.SetIrq(4, 0, 0, 0), events.get(0));
        assertEquals(new KvmEvent.PicSetIrq(5, 0, 0, false, false, false), events.get(1));
        assertEquals(new KvmEvent.IoapicSetIrq(6, 2, 0, 0, 0, false, false, true, false), events.get(2));
        assertEquals(7, events.size()); // head -8 of the file held its cpus=2 line
        assertEquals(Map.of("kvm_userspace_exit", 2L), p.unknownEvents());
    }
}
