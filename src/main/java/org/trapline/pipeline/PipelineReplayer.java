package org.trapline.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.trapline.models.irq.InterruptAcknowledge;
import org.trapline.models.machine.Machine;
import org.trapline.models.vcpu.ExitCosts;
import org.trapline.models.vcpu.ExitHandler;
import org.trapline.models.vcpu.TrapCounters;
import org.trapline.models.vcpu.Vcpu;
import org.trapline.models.vcpu.Vmm;
import org.trapline.models.vmx.ExecutionControls;
import org.trapline.models.vmx.ExitReason;
import org.trapline.models.vmx.InterruptionInfo;
import org.trapline.models.vmx.Vmcs;
import org.trapline.target.ModelTarget;
import org.trapline.trace.TraceFormatException;
import org.trapline.trace.TraceHeader;

/**
 * Runs a {@code *.vmx} trace's guest program on the reference models' trap pipeline (a vCPU, its
 * VMCS and the {@link Vmm} in front of the profile's board) and compares, step by step, the exits
 * the pipeline takes (the VMCS fields at each exit, as the VMM reads them, and the event it leaves
 * to inject) with the ones the trace lists. The VMM is wrapped, not changed: the wrapper notes the
 * exit before the VMM handles it and the VM-entry interruption information after.
 */
public final class PipelineReplayer {
    private PipelineReplayer() {
    }

    public static PipelineResult replay(Path file, String profileOverride, String machineOverride)
            throws TraceFormatException {
        PipelineTrace trace = PipelineTraceParser.parse(file);
        Machine m = ModelTarget.forTrace(new TraceHeader(file, trace.machineArgs(), trace.profile(), List.of()),
                profileOverride, machineOverride).machine();
        Vmcs vmcs = vmcs(trace);
        TrapCounters counters = new TrapCounters(ExitCosts.NONE);
        Vmm vmm = new Vmm(vmcs, m.io(), m.mmio(), counters).interruptController(interrupts(trace, m));
        List<ObservedExit> taken = new ArrayList<>();
        ExitHandler observer = cpu -> {
            ObservedExit exit = ObservedExit.before(vmcs);
            vmm.handleExit(cpu);
            int info = vmcs.entryInterruptionInfo;
            taken.add(exit.injecting(InterruptionInfo.valid(info) ? info : 0));
        };
        Vcpu cpu = new Vcpu(vmcs, m.io(), m.mmio(), counters, observer).mode(trace.mode());
        if (trace.rflags() != null) {
            cpu.registers().rflags(trace.rflags());
        }
        int steps = 0;
        int checks = 0;
        for (PipelineStep step : trace.steps()) {
            taken.clear();
            try {
                step.action().run(cpu, m);
            } catch (IllegalArgumentException e) {
                throw new TraceFormatException(file, step.line(), e.getMessage());
            }
            steps++;
            Optional<String> d = compare(file, step, taken);
            checks += 1 + step.exits().size();
            if (d.isPresent()) {
                return new PipelineResult(file, steps, checks, d);
            }
            if (step.check() != null) {
                checks++;
                String mismatch = step.check().mismatch(cpu, m);
                if (mismatch != null) {
                    return new PipelineResult(file, steps, checks, Optional.of(String.format(
                            "  %s:%d: %s%n    %s%n", file, step.line(), step.text(), mismatch)));
                }
            }
            if (step.accumulator() != null) {
                checks++;
                long actual = cpu.registers().accumulator(step.accumulatorSize());
                if (actual != step.accumulator()) {
                    return new PipelineResult(file, steps, checks, Optional.of(String.format(
                            "  %s:%d: %s%n    expected: -> 0x%x%n    actual:   -> 0x%x%n", file, step.line(),
                            step.text(), step.accumulator(), actual)));
                }
            }
        }
        Optional<String> totals = totals(trace, counters);
        checks += trace.expectedExits().size() + trace.expectedAccesses().size();
        return new PipelineResult(file, steps, checks, totals);
    }

    /** The VMCS as {@code TrapPipeline} starts it (KVM's set-up), then the trace's {@code @vmcs} and maps. */
    private static Vmcs vmcs(PipelineTrace trace) throws TraceFormatException {
        Vmcs vmcs = new Vmcs();
        vmcs.pinBasedControls = trace.pin() != null ? trace.pin() : ExecutionControls.EXTERNAL_INTERRUPT_EXITING;
        vmcs.primaryControls = trace.primary() != null ? trace.primary()
                : ExecutionControls.UNCONDITIONAL_IO_EXITING | ExecutionControls.ACTIVATE_SECONDARY_CONTROLS;
        vmcs.secondaryControls = trace.secondary() != null ? trace.secondary()
                : ExecutionControls.ENABLE_EPT | ExecutionControls.UNRESTRICTED_GUEST;
        for (PipelineTrace.Range r : trace.ioTraps()) {
            vmcs.ioBitmaps.trap((int) r.first(), (int) (r.last() - r.first() + 1));
        }
        for (PipelineTrace.Range r : trace.ioPass()) {
            vmcs.ioBitmaps.passThrough((int) r.first(), (int) (r.last() - r.first() + 1));
        }
        for (PipelineTrace.EptRange e : trace.ept()) {
            try {
                map(vmcs, e);
            } catch (IllegalArgumentException ex) {
                throw new TraceFormatException(trace.file(), e.line(), ex.getMessage());
            }
        }
        return vmcs;
    }

    /** Maps an {@code @ept} range (whole pages: the parser checked). */
    static void map(Vmcs vmcs, PipelineTrace.EptRange e) {
        long base = e.range().first();
        long length = e.range().last() - base + 1;
        switch (e.kind()) {
            case "ram" -> vmcs.ept.mapRam(base, length);
            case "passthrough" -> vmcs.ept.passThrough(base, length);
            case "trap-violation" -> vmcs.ept.trapByViolation(base, length);
            default -> vmcs.ept.trapByMisconfiguration(base, length);
        }
    }

    private static InterruptAcknowledge interrupts(PipelineTrace trace, Machine m) {
        return switch (trace.interrupts()) {
            case "pic" -> m.pic();
            case "lapic" -> m.lapic();
            default -> null;
        };
    }

    private static Optional<String> compare(Path file, PipelineStep step, List<ObservedExit> taken) {
        List<ExitExpectation> wanted = step.exits();
        for (int i = 0; i < Math.max(wanted.size(), taken.size()); i++) {
            ExitExpectation e = i < wanted.size() ? wanted.get(i) : null;
            ObservedExit a = i < taken.size() ? taken.get(i) : null;
            if (e == null || a == null || !matches(e, a)) {
                int line = e != null ? e.line() : step.line();
                return Optional.of(String.format("  %s:%d: after %s (line %d), exit %d of the step%n"
                        + "    expected: %s%n    actual:   %s%n", file, line, step.text(), step.line(), i + 1,
                        e == null ? "no further exit" : describe(e), a == null ? "no further exit" : a));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(ExitExpectation e, ObservedExit a) {
        return e.reason() == a.reason()
                && (e.qualification() == null || (a.qualification() & e.qualificationMask()) == e.qualification())
                && (e.length() == null || e.length() == a.length())
                && (e.guestPhysicalAddress() == null || e.guestPhysicalAddress() == a.guestPhysicalAddress())
                && (e.guestLinearAddress() == null || e.guestLinearAddress() == a.guestLinearAddress())
                && (e.instructionInfo() == null || e.instructionInfo() == a.instructionInfo())
                && (e.inject() == null || e.inject() == a.inject());
    }

    private static String describe(ExitExpectation e) {
        StringBuilder s = new StringBuilder("exit " + e.reason());
        if (e.qualification() != null) {
            s.append(String.format(" qual=0x%x", e.qualification()));
            if (e.qualificationMask() != -1L) {
                s.append(String.format(" & 0x%x", e.qualificationMask()));
            }
        }
        if (e.length() != null) {
            s.append(" len=").append(e.length());
        }
        if (e.guestPhysicalAddress() != null) {
            s.append(String.format(" gpa=0x%x", e.guestPhysicalAddress()));
        }
        if (e.guestLinearAddress() != null) {
            s.append(String.format(" gla=0x%x", e.guestLinearAddress()));
        }
        if (e.instructionInfo() != null) {
            s.append(String.format(" info=0x%x", e.instructionInfo()));
        }
        if (e.inject() != null) {
            s.append(String.format(" inject 0x%08x", e.inject()));
        }
        return s.toString();
    }

    private static Optional<String> totals(PipelineTrace trace, TrapCounters counters) {
        StringBuilder wrong = new StringBuilder();
        for (Map.Entry<String, Integer> n : PipelineTraceParser.EXIT_NAMES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            Long want = trace.expectedExits().get(n.getValue());
            long got = n.getValue() == ExitReason.INVALID_GUEST_STATE ? counters.entryFailures()
                    : counters.exits(n.getValue());
            if (want != null && want != got) {
                wrong.append(String.format("    exits %s: expected %d, actual %d%n", n.getKey(), want, got));
            }
        }
        for (String name : PipelineTraceParser.ACCESS_NAMES) {
            Long want = trace.expectedAccesses().get(name);
            long got = switch (name) {
                case "emulated" -> counters.emulatedAccesses();
                case "passthrough" -> counters.passthroughAccesses();
                case "ram" -> counters.ramAccesses();
                default -> counters.injections();
            };
            if (want != null && want != got) {
                wrong.append(String.format("    accesses %s: expected %d, actual %d%n", name, want, got));
            }
        }
        return wrong.isEmpty() ? Optional.empty()
                : Optional.of(String.format("  %s:%d: @expect%n%s", trace.file(), trace.expectLine(), wrong));
    }

}
