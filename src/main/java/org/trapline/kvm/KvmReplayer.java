package org.trapline.kvm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.trapline.models.machine.GpioInputs;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;
import org.trapline.models.pic.Pic8259;
import org.trapline.models.vcpu.CpuMode;
import org.trapline.models.vcpu.ExitCosts;
import org.trapline.models.vcpu.TrapPipeline;
import org.trapline.models.vcpu.Vcpu;
import org.trapline.models.vmx.Ept;
import org.trapline.models.vmx.ExitReason;
import org.trapline.models.vmx.IoQualification;
import org.trapline.models.vmx.Vmcs;
import org.trapline.target.MachineArgs;
import org.trapline.trace.TraceFormatException;

/**
 * Replays a KVM ftrace through the trap pipeline into a qemu-pc board: each kvm_pio becomes the
 * guest's IN/OUT (form chosen from the preceding kvm_exit's info1, the VMX exit qualification),
 * each kvm_mmio a load or store through EPT, each kvm_set_irq a GSI level; the model's answers and
 * device state are compared with what KVM recorded. Stops at the first divergence.
 *
 * <p>KVM's in-kernel PIC, IO-APIC and PIT are KVM's own code, not QEMU's models, so a divergence in
 * their state is reported, never masked. kvm_msi_set_irq and kvm_apic_accept_irq are parsed but not
 * compared (the result's notes say so).
 */
public final class KvmReplayer {
    /** Distinct MMIO pages a trace may make trap; each is one EPT range. */
    static final int MAX_MMIO_PAGES = 4096;
    /** A scratch buffer in guest RAM for string I/O (INS/OUTS) operands. */
    private static final long STRING_BUFFER = 0x1000;
    private static final String IOAPIC_PATH = "ioapic";
    private static final int ELCR1 = 0x4d0;

    private final Path file;
    private final Machine machine;
    private final TrapPipeline pipeline;
    private final Vcpu cpu;
    private final Map<Long, Integer> mmioPages = new HashMap<>();
    private KvmEvent.Exit exit;
    private long events;
    private long checks;
    private long pioWithoutExit;
    private long stringValuesUnknown;
    private long notCompared;
    private long apicAccessExits;
    private KvmDivergence divergence;

    private KvmReplayer(Path file, Machine machine) {
        this.file = file;
        this.machine = machine;
        this.pipeline = new TrapPipeline(machine.io(),
                new CpuMemoryView(machine.mmio(), machine.lapic()), machine.interruptController(), ExitCosts.NONE);
        pipeline.vmcs().ept.mapRam(0, machine.ram().sizeBytes());
        this.cpu = pipeline.vcpu();
    }

    /** Replays {@code file}; a malformed line of a known event is a {@link TraceFormatException}. */
    public static KvmReplayResult replay(Path file) throws TraceFormatException {
        return replay(file, null, null);
    }

    /**
     * Replays {@code file} on the board {@code profileId} and {@code machineArgs} choose (null: qemu-pc,
     * {@link MachineArgs#DEFAULT}), as {@code replay --profile --machine} pass them: a trace of a guest
     * with more memory, or of KVM's in-kernel IO-APIC (version 11h, as the datasheet's), needs its own.
     */
    public static KvmReplayResult replay(Path file, String profileId, String machineArgs) throws TraceFormatException {
        String id = profileId != null ? profileId : Profile.QEMU_PC.id();
        Profile profile = Profile.byId(id).orElseThrow(() -> new TraceFormatException(file, 0,
                "profile '" + id + "' is not a profile (known: " + String.join(", ", Profile.ids()) + ")"));
        MachineConfig config;
        try {
            config = MachineArgs.parse(machineArgs != null ? machineArgs : MachineArgs.DEFAULT).config();
        } catch (IllegalArgumentException e) {
            throw new TraceFormatException(file, 0, "machine arguments: " + e.getMessage());
        }
        KvmReplayer r = new KvmReplayer(file, profile.build(config));
        KvmTraceParser parser = new KvmTraceParser();
        parser.parse(file, e -> {
            if (r.divergence == null) {
                r.event(e);
            }
        });
        List<String> notes = new ArrayList<>();
        if (r.pioWithoutExit > 0) {
            notes.add(r.pioWithoutExit + " kvm_pio without a preceding IO_INSTRUCTION kvm_exit: replayed as IN/OUT DX, "
                    + "exit qualification not compared");
        }
        if (r.stringValuesUnknown > 0) {
            notes.add(r.stringValuesUnknown + " string kvm_pio with count > 1: kvm_pio records the first element only; "
                    + "it is used for every element and only it is compared");
        }
        if (r.apicAccessExits > 0) {
            notes.add(r.apicAccessExits + " kvm_mmio after an APIC_ACCESS kvm_exit: replayed, the exit not compared "
                    + "(the pipeline has no APIC-access page)");
        }
        if (r.notCompared > 0) {
            notes.add(r.notCompared + " kvm_msi_set_irq/kvm_apic_accept_irq/unsatisfied-read lines parsed, not compared");
        }
        return new KvmReplayResult(r.events, r.checks, Optional.ofNullable(r.divergence), parser.unknownEvents(), notes);
    }

    private void event(KvmEvent e) throws TraceFormatException {
        events++;
        if (e instanceof KvmEvent.Exit x) {
            exit = x;
        } else if (e instanceof KvmEvent.Entry) {
            exit = null;
        } else if (e instanceof KvmEvent.Pio p) {
            pio(p);
        } else if (e instanceof KvmEvent.Mmio m) {
            mmio(m);
        } else if (e instanceof KvmEvent.SetIrq s) {
            setIrq(s);
        } else if (e instanceof KvmEvent.PicSetIrq p) {
            pic(p);
        } else if (e instanceof KvmEvent.IoapicSetIrq i) {
            ioapic(i);
        } else if (e instanceof KvmEvent.InjVirq v) {
            injVirq(v);
        } else {
            notCompared++; // kvm_msi_set_irq, kvm_apic_accept_irq
        }
    }

    // --- port I/O ---------------------------------------------------------------------------------

    private void pio(KvmEvent.Pio p) throws TraceFormatException {
        if (p.size() != 1 && p.size() != 2 && p.size() != 4) {
            throw new TraceFormatException(file, p.line(), "kvm_pio: size " + p.size() + " is not 1, 2 or 4");
        }
        if (p.port() > 0xffff || p.count() < 1) {
            throw new TraceFormatException(file, p.line(), "kvm_pio: port " + Integer.toHexString(p.port())
                    + "h or count " + p.count() + " out of range");
        }
        long q;
        boolean checkExit = exit != null && exit.reason().equals("IO_INSTRUCTION");
        // The oldest kvm_exit form prints no qualification: the access is then taken from kvm_pio alone
        // and only the exit's reason is compared.
        boolean checkQualification = checkExit && exit.qualified();
        if (checkQualification) {
            q = exit.info1();
            if (IoQualification.port(q) != p.port() || IoQualification.in(q) == p.write()
                    || IoQualification.size(q) != p.size()) {
                throw new TraceFormatException(file, p.line(), String.format(
                        "kvm_pio: the preceding kvm_exit (line %d) info1 0x%x is not this access", exit.line(), q));
            }
        } else {
            pioWithoutExit++;
            q = IoQualification.encode(p.size(), !p.write(), p.count() > 1, p.count() > 1, false, p.port());
        }
        long mask = (1L << (8 * p.size())) - 1;
        var regs = cpu.registers();
        regs.rdx(p.port());
        if (IoQualification.string(q)) {
            if (p.count() > 1) {
                stringValuesUnknown++;
            }
            int n = IoQualification.rep(q) ? p.count() : 1;
            for (int i = 0; i < n && p.write(); i++) {
                machine.ram().write(STRING_BUFFER + (long) i * p.size(), p.size(), p.val() & mask);
            }
            regs.rcx(n).rsi(STRING_BUFFER).rdi(STRING_BUFFER);
            cpu.mode(CpuMode.BITS32);
            if (p.write()) {
                cpu.outs(p.size(), IoQualification.rep(q), 4);
            } else {
                cpu.ins(p.size(), IoQualification.rep(q), 4);
            }
        } else {
            regs.rax(p.write() ? p.val() & mask : 0);
            boolean imm = IoQualification.immediate(q) && p.port() <= 0xff;
            if (p.write()) {
                if (imm) {
                    cpu.out(p.size(), p.port());
                } else {
                    cpu.outDx(p.size());
                }
            } else if (imm) {
                cpu.in(p.size(), p.port());
            } else {
                cpu.inDx(p.size());
            }
        }
        String what = String.format("%s port %xh size %d", p.write() ? "pio_write" : "pio_read", p.port(), p.size());
        if (checkExit && !sameExit(p.line(), what, ExitReason.IO_INSTRUCTION, q, checkQualification ? -1L : 0L)) {
            return;
        }
        if (!p.write()) {
            long actual = IoQualification.string(q) ? machine.ram().read(STRING_BUFFER, p.size())
                    : regs.rax() & mask;
            compare(p.line(), what, p.val() & mask, actual);
        }
    }

    /** Compares the pipeline's recorded exit with KVM's; {@code qualificationMask} chooses the bits compared. */
    private boolean sameExit(int line, String what, int reason, long recorded, long qualificationMask) {
        Vmcs v = pipeline.vmcs();
        checks++;
        int actualReason = v.exitReason & ExitReason.BASIC_MASK;
        if (actualReason != reason) {
            divergence = new KvmDivergence(file, line, what + ": exit reason", exit.reason() + " (" + reason + ")",
                    String.valueOf(actualReason));
            return false;
        }
        if (qualificationMask == 0) {
            return true; // nothing of the qualification is compared: no check is counted
        }
        checks++;
        if ((v.exitQualification & qualificationMask) != (recorded & qualificationMask)) {
            divergence = new KvmDivergence(file, line, what + ": exit qualification (kvm_exit line " + exit.line() + " info1)",
                    String.format("0x%016x", recorded & qualificationMask),
                    String.format("0x%016x", v.exitQualification & qualificationMask));
            return false;
        }
        return true;
    }

    private void compare(int line, String what, long expected, long actual) {
        checks++;
        if (expected != actual) {
            divergence = new KvmDivergence(file, line, what, String.format("0x%x", expected), String.format("0x%x", actual));
        }
    }

    // --- MMIO -------------------------------------------------------------------------------------

    private void mmio(KvmEvent.Mmio m) throws TraceFormatException {
        if (m.type().equals("unsatisfied-read")) {
            notCompared++;
            return;
        }
        int len = m.len();
        if (len != 1 && len != 2 && len != 4 && len != 8) {
            throw new TraceFormatException(file, m.line(), "kvm_mmio: len " + len + " is not 1, 2, 4 or 8");
        }
        if (m.gpa() < 0 || m.gpa() > 0xffff_ffffL && len != 8) {
            throw new TraceFormatException(file, m.line(), "kvm_mmio: gpa 0x" + Long.toHexString(m.gpa()) + " out of range");
        }
        boolean write = m.type().equals("write");
        String how = exit == null ? "EPT_MISCONFIG" : exit.reason();
        // KVM's local APIC page is an APIC-access page (SDM Vol. 3C "APIC-Access Page"): its exits are
        // APIC_ACCESS (44), which the pipeline does not model; the access is replayed, its exit not compared.
        boolean apicAccess = how.equals("APIC_ACCESS");
        if (apicAccess) {
            apicAccessExits++;
            how = "EPT_MISCONFIG";
        }
        int reason = how.equals("EPT_VIOLATION") ? ExitReason.EPT_VIOLATION : ExitReason.EPT_MISCONFIGURATION;
        if (!how.equals("EPT_VIOLATION") && !how.equals("EPT_MISCONFIG")) {
            throw new TraceFormatException(file, m.line(), "kvm_mmio after a kvm_exit of reason " + how
                    + " (line " + exit.line() + "): only EPT_VIOLATION and EPT_MISCONFIG are replayed");
        }
        trapPage(m.line(), m.gpa() & ~(long) (Ept.PAGE_SIZE - 1), reason);
        long mask = len == 8 ? -1L : (1L << (8 * len)) - 1;
        cpu.mode(len == 8 ? CpuMode.BITS64 : CpuMode.BITS32);
        var regs = cpu.registers();
        regs.rax(write ? m.val() & mask : 0);
        if (write) {
            cpu.store(len, m.gpa());
        } else {
            cpu.load(len, m.gpa());
        }
        String what = String.format("mmio %s len %d gpa 0x%x", m.type(), len, m.gpa());
        // An EPT violation's qualification bits 1:0 are the access (read, write), SDM Table "Exit
        // Qualification for EPT Violations"; the rest describes KVM's own entries. A misconfiguration has none.
        long qMask = reason == ExitReason.EPT_VIOLATION && exit != null && exit.qualified() ? 0x3 : 0;
        if (exit != null && !apicAccess && !sameExit(m.line(), what, reason, exit.info1(), qMask)) {
            return;
        }
        if (!write) {
            compare(m.line(), what, m.val() & mask, regs.rax() & mask);
        }
    }

    /** Makes the page trap as KVM's did: not present (violation) or misconfigured. */
    private void trapPage(int line, long page, int reason) throws TraceFormatException {
        Integer had = mmioPages.get(page);
        if (had != null && had == reason) {
            return;
        }
        if (mmioPages.size() >= MAX_MMIO_PAGES) {
            throw new TraceFormatException(file, line, "more than " + MAX_MMIO_PAGES + " distinct MMIO pages");
        }
        mmioPages.put(page, reason);
        if (reason == ExitReason.EPT_VIOLATION) {
            pipeline.vmcs().ept.trapByViolation(page, Ept.PAGE_SIZE);
        } else {
            pipeline.vmcs().ept.trapByMisconfiguration(page, Ept.PAGE_SIZE);
        }
    }

    // --- interrupts -------------------------------------------------------------------------------

    /** As QEMU's gsi_handler (and qtest set_irq_in): GSI 0-15 reach the 8259A pair and the IO-APIC, 16-23 the IO-APIC. */
    private void setIrq(KvmEvent.SetIrq s) throws TraceFormatException {
        if (s.gsi() < 16) {
            machine.isaIrq(s.gsi()).setLevel(s.level() != 0);
            return;
        }
        GpioInputs ioapic = machine.gpio(IOAPIC_PATH);
        if (ioapic == null || !ioapic.set(s.gsi(), s.level() != 0 ? 1 : 0)) {
            throw new TraceFormatException(file, s.line(), "kvm_set_irq: the board has no GSI " + s.gsi());
        }
    }

    /** kvm_pic_set_irq prints the pin's ELCR and IMR bits of KVM's 8259A: compare the model's. */
    private void pic(KvmEvent.PicSetIrq p) throws TraceFormatException {
        if (p.chip() > 1 || p.pin() > 7) {
            throw new TraceFormatException(file, p.line(), "kvm_pic_set_irq: chip " + p.chip() + " pin " + p.pin());
        }
        Pic8259 chip = p.chip() == 0 ? machine.pic().master() : machine.pic().slave();
        int bit = 1 << p.pin();
        String where = "8259A chip " + p.chip() + " pin " + p.pin();
        compareFlag(p.line(), where + " IMR bit (masked)", p.masked(), (chip.imr() & bit) != 0);
        if (divergence == null) {
            long elcr = machine.io().read(ELCR1 + p.chip(), 1);
            compareFlag(p.line(), where + " ELCR bit (level)", p.level(), (elcr & bit) != 0);
        }
    }

    private void ioapic(KvmEvent.IoapicSetIrq i) throws TraceFormatException {
        if (i.pin() > 23) {
            throw new TraceFormatException(file, i.line(), "kvm_ioapic_set_irq: pin " + i.pin() + " beyond 23");
        }
        long e = machine.ioapic().redirection(i.pin());
        // The fields the format prints: destination 63:56, vector 7:0, delivery mode 10:8, logical 11,
        // trigger 15, mask 16 (82093AA "I/O Redirection Table Registers").
        long recorded = (long) (i.dst() & 0xff) << 56 | i.vec() & 0xff | (long) i.deliveryMode() << 8
                | (i.logical() ? 1L << 11 : 0) | (i.level() ? 1L << 15 : 0) | (i.masked() ? 1L << 16 : 0);
        long printed = 0xffL << 56 | 0xff | 0x7 << 8 | 1 << 11 | 1 << 15 | 1 << 16;
        checks++;
        if ((e & printed) != recorded) {
            divergence = new KvmDivergence(file, i.line(), "IO-APIC redirection entry " + i.pin()
                    + " (dst, vec, mode, logical, level, mask)", String.format("0x%016x", recorded),
                    String.format("0x%016x", e & printed));
        }
    }

    /** An injected external interrupt: the vector the model's interrupt controller answers the acknowledge with. */
    private void injVirq(KvmEvent.InjVirq v) {
        if (v.soft() || v.reinjected()) {
            notCompared++;
            return;
        }
        var ack = machine.interruptController();
        checks++;
        if (!ack.interruptRequested()) {
            divergence = new KvmDivergence(file, v.line(), "kvm_inj_virq", String.format("vector 0x%x", v.vector()),
                    "no interrupt request (INTR low)");
            return;
        }
        compare(v.line(), "kvm_inj_virq vector", v.vector(), ack.acknowledge());
    }

    private void compareFlag(int line, String what, boolean expected, boolean actual) {
        checks++;
        if (expected != actual) {
            divergence = new KvmDivergence(file, line, what, String.valueOf(expected), String.valueOf(actual));
        }
    }
}
