package org.trapline.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.trapline.models.vcpu.CpuMode;
import org.trapline.models.vmx.ExecutionControls;
import org.trapline.models.vmx.ExitReason;
import org.trapline.trace.TraceFormatException;

/**
 * Reads a {@code *.vmx} trace (docs/vmx-traces.md) line by line; every line it cannot read is a
 * {@link TraceFormatException} naming the file, the line and why.
 */
public final class PipelineTraceParser {
    private static final long MAX_FILE_BYTES = 16L << 20;
    private static final Map<String, Integer> CONTROLS = Map.of(
            "use-io-bitmaps", ExecutionControls.USE_IO_BITMAPS,
            "unconditional-io-exiting", ExecutionControls.UNCONDITIONAL_IO_EXITING,
            "activate-secondary", ExecutionControls.ACTIVATE_SECONDARY_CONTROLS,
            "interrupt-window-exiting", ExecutionControls.INTERRUPT_WINDOW_EXITING,
            "enable-ept", ExecutionControls.ENABLE_EPT,
            "unrestricted-guest", ExecutionControls.UNRESTRICTED_GUEST,
            "external-interrupt-exiting", ExecutionControls.EXTERNAL_INTERRUPT_EXITING);
    static final Map<String, Integer> EXIT_NAMES = Map.of(
            "io", ExitReason.IO_INSTRUCTION,
            "ept-violation", ExitReason.EPT_VIOLATION,
            "ept-misconfig", ExitReason.EPT_MISCONFIGURATION,
            "interrupt-window", ExitReason.INTERRUPT_WINDOW,
            "external-interrupt", ExitReason.EXTERNAL_INTERRUPT,
            "invalid-guest-state", ExitReason.INVALID_GUEST_STATE);
    static final List<String> ACCESS_NAMES = List.of("emulated", "passthrough", "ram", "injections");

    private final Path file;
    private int line;
    private Optional<String> machine = Optional.empty();
    private Optional<String> profile = Optional.empty();
    private CpuMode mode = CpuMode.BITS64;
    private Long rflags;
    private Integer pin;
    private Integer primary;
    private Integer secondary;
    private final List<PipelineTrace.Range> ioTraps = new ArrayList<>();
    private final List<PipelineTrace.Range> ioPass = new ArrayList<>();
    private final List<PipelineTrace.EptRange> ept = new ArrayList<>();
    private String interrupts = "none";
    private final List<PipelineStep> steps = new ArrayList<>();
    private final Map<Integer, Long> expectedExits = new LinkedHashMap<>();
    private final Map<String, Long> expectedAccesses = new LinkedHashMap<>();
    private int expectLine;

    private PipelineTraceParser(Path file) {
        this.file = file;
    }

    public static boolean isPipelineTrace(Path file) {
        return file.getFileName().toString().endsWith(".vmx");
    }

    static PipelineTrace parse(Path file) throws TraceFormatException {
        List<String> lines;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new TraceFormatException(file, 0, "larger than " + MAX_FILE_BYTES + " bytes");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new TraceFormatException(file, 0, "cannot read: " + e.getMessage());
        }
        return parse(file, lines);
    }

    static PipelineTrace parse(Path file, List<String> lines) throws TraceFormatException {
        PipelineTraceParser p = new PipelineTraceParser(file);
        for (String raw : lines) {
            p.line++;
            int semicolon = raw.indexOf(';');
            String text = (semicolon >= 0 ? raw.substring(0, semicolon) : raw).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            try {
                p.read(text);
            } catch (IllegalArgumentException e) {
                throw p.error(e.getMessage());
            }
        }
        if (p.steps.isEmpty()) {
            throw new TraceFormatException(file, 0, "no guest instruction (g ...) or host action");
        }
        return new PipelineTrace(file, p.machine, p.profile, p.mode, p.rflags, p.pin, p.primary, p.secondary,
                List.copyOf(p.ioTraps), List.copyOf(p.ioPass), List.copyOf(p.ept), p.interrupts,
                List.copyOf(p.steps), Map.copyOf(p.expectedExits), Map.copyOf(p.expectedAccesses), p.expectLine);
    }

    private TraceFormatException error(String reason) {
        return new TraceFormatException(file, line, reason);
    }

    private void read(String text) throws TraceFormatException {
        String[] w = text.split("\\s+", 2);
        String rest = w.length > 1 ? w[1].strip() : "";
        if (expectLine > 0 && !w[0].equals("@expect")) {
            throw error("nothing but @expect may follow @expect");
        }
        switch (w[0]) {
            case "@machine" -> machine = Optional.of(required(rest, "@machine needs QEMU machine arguments"));
            case "@profile" -> profile = Optional.of(required(rest, "@profile needs a profile id"));
            case "@provenance" -> { }
            case "@vcpu" -> vcpu(rest);
            case "@vmcs" -> vmcs(rest);
            case "@io-bitmap" -> ioBitmap(rest);
            case "@ept" -> ept(rest);
            case "@interrupts" -> {
                if (!List.of("pic", "lapic", "none").contains(rest)) {
                    throw error("@interrupts is pic, lapic or none, not '" + rest + "'");
                }
                interrupts = rest;
            }
            case "@expect" -> expect(rest);
            case "g" -> steps.add(rest.startsWith("mem ") || rest.equals("mem") ? memoryCheck(rest.substring(3).strip())
                    : GuestInstructions.parse(line, rest, this::error));
            case "clock_step" -> steps.add(clockStep(rest));
            case "kick" -> steps.add(new PipelineStep(line, "kick", (cpu, m) -> cpu.kick(), 0, null, List.of()));
            case "irq" -> steps.add(irq(rest));
            case "vmm" -> steps.add(vmm(rest));
            case "exit" -> addExit(exit(rest));
            case "noexit" -> {
                lastStep("noexit");
                if (!steps.get(steps.size() - 1).exits().isEmpty()) {
                    throw error("noexit after an exit line of the same step");
                }
            }
            case "inject" -> inject(rest);
            default -> throw error("unknown directive or command '" + w[0] + "'");
        }
    }

    private String required(String value, String reason) throws TraceFormatException {
        if (value.isEmpty()) {
            throw error(reason);
        }
        return value;
    }

    private void vcpu(String rest) throws TraceFormatException {
        for (String kv : words(rest)) {
            if (kv.equals("mode=16")) {
                mode = CpuMode.BITS16;
            } else if (kv.equals("mode=32")) {
                mode = CpuMode.BITS32;
            } else if (kv.equals("mode=64")) {
                mode = CpuMode.BITS64;
            } else if (kv.startsWith("rflags=")) {
                rflags = number(kv.substring("rflags=".length()), 0xffffffffL);
            } else {
                throw error("@vcpu takes mode=16, mode=32, mode=64 and rflags=V, not '" + kv + "'");
            }
        }
    }

    private void vmcs(String rest) throws TraceFormatException {
        for (String kv : words(rest)) {
            int eq = kv.indexOf('=');
            if (eq < 0) {
                throw error("@vmcs takes primary=, secondary= and pin=, not '" + kv + "'");
            }
            int value = controls(kv.substring(eq + 1));
            switch (kv.substring(0, eq)) {
                case "primary" -> primary = value;
                case "secondary" -> secondary = value;
                case "pin" -> pin = value;
                default -> throw error("@vmcs takes primary=, secondary= and pin=, not '" + kv + "'");
            }
        }
    }

    private int controls(String names) throws TraceFormatException {
        int value = 0;
        for (String name : names.split("\\|")) {
            Integer bit = CONTROLS.get(name);
            if (bit != null) {
                value |= bit;
            } else if (name.equals("0") || Character.isDigit(name.isEmpty() ? 'x' : name.charAt(0))) {
                value |= (int) number(name, 0xffffffffL);
            } else {
                throw error("'" + name + "' is not a control (known: " + String.join(", ", CONTROLS.keySet().stream().sorted().toList()) + ")");
            }
        }
        return value;
    }

    private void ioBitmap(String rest) throws TraceFormatException {
        String[] w = rest.split("\\s+", 2);
        List<PipelineTrace.Range> into = switch (w[0]) {
            case "trap" -> ioTraps;
            case "pass" -> ioPass;
            default -> throw error("@io-bitmap trap|pass RANGES, not '" + w[0] + "'");
        };
        if (w.length < 2) {
            throw error("@io-bitmap " + w[0] + " needs port ranges");
        }
        for (String r : w[1].replace(" ", "").split(",")) {
            PipelineTrace.Range range = range(r, 0xffff);
            into.add(range);
        }
    }

    private void ept(String rest) throws TraceFormatException {
        String[] w = words(rest);
        if (w.length != 2 || !List.of("ram", "passthrough", "trap-violation", "trap-misconfig").contains(w[0])) {
            throw error("@ept ram|passthrough|trap-violation|trap-misconfig FIRST-LAST");
        }
        PipelineTrace.Range r = range(w[1], 0xffffffffffffL);
        if ((r.first() & 0xfff) != 0 || (r.last() & 0xfff) != 0xfff) {
            throw error("@ept maps whole 4 KiB pages: " + w[1]);
        }
        ept.add(new PipelineTrace.EptRange(line, w[0], r));
    }

    private void expect(String rest) throws TraceFormatException {
        String[] w = words(rest);
        if (w.length < 2 || !w[0].equals("exits") && !w[0].equals("accesses")) {
            throw error("@expect exits NAME=N ... or @expect accesses NAME=N ...");
        }
        expectLine = line;
        for (int i = 1; i < w.length; i++) {
            int eq = w[i].indexOf('=');
            if (eq < 0) {
                throw error("'" + w[i] + "' is not NAME=N");
            }
            String name = w[i].substring(0, eq);
            long n = number(w[i].substring(eq + 1), Integer.MAX_VALUE);
            if (w[0].equals("exits")) {
                Integer reason = EXIT_NAMES.get(name);
                if (reason == null) {
                    throw error("'" + name + "' is not an exit (known: " + String.join(", ", EXIT_NAMES.keySet().stream().sorted().toList()) + ")");
                }
                expectedExits.put(reason, n);
            } else {
                if (!ACCESS_NAMES.contains(name)) {
                    throw error("'" + name + "' is not an access count (known: " + String.join(", ", ACCESS_NAMES) + ")");
                }
                expectedAccesses.put(name, n);
            }
        }
    }

    private PipelineStep irq(String rest) throws TraceFormatException {
        String[] w = words(rest);
        if (w.length != 2 || !w[1].equals("high") && !w[1].equals("low")) {
            throw error("irq N high|low");
        }
        int n = (int) number(w[0], 15);
        boolean high = w[1].equals("high");
        return new PipelineStep(line, "irq " + rest, (cpu, m) -> m.isaIrq(n).setLevel(high), 0, null, List.of());
    }

    /**
     * {@code vmm io-bitmap trap|pass RANGES} or {@code vmm ept KIND RANGE}: the VMM rewrites its bitmaps
     * or its EPT between two VM entries (a later mapping of a page overrides an earlier one).
     */
    private PipelineStep vmm(String rest) throws TraceFormatException {
        String[] w = rest.split("\\s+", 2);
        String args = w.length > 1 ? w[1] : "";
        if (w[0].equals("io-bitmap")) {
            int traps = ioTraps.size();
            int passes = ioPass.size();
            ioBitmap(args); // read as a header line would be, then taken back out of the header's lists
            List<PipelineTrace.Range> newTraps = List.copyOf(ioTraps.subList(traps, ioTraps.size()));
            List<PipelineTrace.Range> newPasses = List.copyOf(ioPass.subList(passes, ioPass.size()));
            ioTraps.subList(traps, ioTraps.size()).clear();
            ioPass.subList(passes, ioPass.size()).clear();
            return new PipelineStep(line, "vmm " + rest, (cpu, m) -> {
                newTraps.forEach(r -> cpu.vmcs().ioBitmaps.trap((int) r.first(), (int) (r.last() - r.first() + 1)));
                newPasses.forEach(r -> cpu.vmcs().ioBitmaps.passThrough((int) r.first(), (int) (r.last() - r.first() + 1)));
            }, 0, null, List.of());
        }
        if (w[0].equals("ept")) {
            ept(args);
            PipelineTrace.EptRange e = ept.remove(ept.size() - 1);
            return new PipelineStep(line, "vmm " + rest, (cpu, m) -> PipelineReplayer.map(cpu.vmcs(), e), 0, null,
                    List.of());
        }
        throw error("vmm io-bitmap trap|pass RANGES or vmm ept KIND RANGE");
    }

    /** The longest {@code g mem} check, so that no line asks for memory in proportion to a length it claims. */
    static final int MAX_MEMORY_CHECK = 4096;

    /**
     * {@code g mem ADDR LEN -> HEX}: the guest-physical bytes at ADDR, as the guest's own loads would
     * see them through the memory bus, must be the HEX bytes (two digits each, in address order).
     */
    private PipelineStep memoryCheck(String rest) throws TraceFormatException {
        int arrow = rest.indexOf("->");
        String[] w = words(arrow < 0 ? rest : rest.substring(0, arrow).strip());
        if (arrow < 0 || w.length != 2) {
            throw error("g mem ADDR LEN -> HEX");
        }
        long address = number(w[0], 0xffffffffffffL);
        int length = (int) number(w[1], MAX_MEMORY_CHECK);
        String hex = rest.substring(arrow + 2).replace(" ", "").toLowerCase(Locale.ROOT);
        if (length == 0 || hex.length() != 2 * length || !hex.matches("[0-9a-f]*")) {
            throw error("g mem: " + length + " bytes need " + 2 * length + " hex digits, not '" + hex + "'");
        }
        byte[] want = java.util.HexFormat.of().parseHex(hex);
        return new PipelineStep(line, "g mem " + rest, (cpu, m) -> { }, 0, null, List.of(), (cpu, m) -> {
            byte[] got = new byte[length];
            for (int i = 0; i < length; i++) {
                got[i] = (byte) m.mmio().read(address + i, 1);
            }
            return java.util.Arrays.equals(got, want) ? null
                    : "-> " + java.util.HexFormat.of().formatHex(want) + " expected, memory holds " + java.util.HexFormat.of().formatHex(got);
        });
    }

    /** The longest step one line may take (10 s): a periodic timer's events are run one by one. */
    static final long MAX_CLOCK_STEP_NS = 10_000_000_000L;

    /** {@code clock_step N}: the board's virtual clock moves N ns (qtest's clock_step), its timers with it. */
    private PipelineStep clockStep(String rest) throws TraceFormatException {
        long ns = number(required(rest, "clock_step needs a number of nanoseconds"), MAX_CLOCK_STEP_NS);
        return new PipelineStep(line, "clock_step " + rest, (cpu, m) -> {
            var s = m.scheduler();
            s.advanceTo(s.nowNs() + ns);
        }, 0, null, List.of());
    }

    private void lastStep(String what) throws TraceFormatException {
        if (steps.isEmpty()) {
            throw error(what + " before any g, kick or irq line");
        }
    }

    private void addExit(ExitExpectation e) throws TraceFormatException {
        lastStep("exit");
        PipelineStep s = steps.remove(steps.size() - 1);
        List<ExitExpectation> exits = new ArrayList<>(s.exits());
        exits.add(e);
        steps.add(s.withExits(List.copyOf(exits)));
    }

    private void inject(String rest) throws TraceFormatException {
        lastStep("inject");
        PipelineStep s = steps.get(steps.size() - 1);
        if (s.exits().isEmpty()) {
            throw error("inject names the entry after an exit: put it after an exit line");
        }
        int info = (int) number(required(rest, "inject needs the VM-entry interruption information"), 0xffffffffL);
        List<ExitExpectation> exits = new ArrayList<>(s.exits());
        exits.set(exits.size() - 1, exits.get(exits.size() - 1).withInject(info, line));
        steps.set(steps.size() - 1, s.withExits(List.copyOf(exits)));
    }

    private ExitExpectation exit(String rest) throws TraceFormatException {
        String[] w = words(rest);
        if (w.length == 0 || w[0].isEmpty()) {
            throw error("exit needs a reason number");
        }
        int reason = (int) number(w[0], 0xffffffffL);
        Long qual = null;
        long mask = -1L;
        Integer len = null;
        Long gpa = null;
        Long gla = null;
        Integer info = null;
        for (int i = 1; i < w.length; i++) {
            String kv = w[i];
            if (kv.equals("&")) {
                if (qual == null || i + 1 == w.length) {
                    throw error("'& MASK' follows qual=VALUE");
                }
                mask = number(w[++i], -1L);
                continue;
            }
            int eq = kv.indexOf('=');
            String key = eq < 0 ? kv : kv.substring(0, eq);
            String value = eq < 0 ? "" : kv.substring(eq + 1);
            switch (key) {
                case "qual" -> qual = number(value, -1L);
                case "len" -> len = (int) number(value, 15);
                case "gpa" -> gpa = number(value, -1L);
                case "gla" -> gla = number(value, -1L);
                case "info" -> info = (int) number(value, 0xffffffffL);
                default -> throw error("an exit line takes qual=, len=, gpa=, gla= and info=, not '" + kv + "'");
            }
        }
        return new ExitExpectation(line, reason, qual, mask, len, gpa, gla, info, null, 0);
    }

    private PipelineTrace.Range range(String text, long max) throws TraceFormatException {
        int dash = text.indexOf('-');
        long first = number(dash < 0 ? text : text.substring(0, dash), max);
        long last = dash < 0 ? first : number(text.substring(dash + 1), max);
        if (last < first) {
            throw error("range " + text + " ends before it starts");
        }
        return new PipelineTrace.Range(first, last);
    }

    private static String[] words(String rest) {
        return rest.isEmpty() ? new String[0] : rest.split("\\s+");
    }

    /** A number (0x hex or decimal) no greater than {@code max} (as unsigned; -1: any 64-bit value). */
    long number(String text, long max) throws TraceFormatException {
        String t = text.toLowerCase(Locale.ROOT);
        long v;
        try {
            v = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw error("'" + text + "' is not a number");
        }
        if (max != -1L && Long.compareUnsigned(v, max) > 0) {
            throw error(text + " is more than " + (max >= 0xffff ? "0x" + Long.toHexString(max) : Long.toString(max)));
        }
        return v;
    }

    /** The parser's error factory, for the instruction reader. */
    @FunctionalInterface
    interface Errors {
        TraceFormatException at(String reason);
    }
}
