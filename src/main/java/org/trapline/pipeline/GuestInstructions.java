package org.trapline.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.trapline.models.vcpu.Registers;
import org.trapline.models.vcpu.Vcpu;
import org.trapline.trace.TraceFormatException;

/**
 * The {@code g} lines: one guest instruction in Intel syntax, optionally {@code -> VALUE} (the
 * accumulator after it). {@code g mov REG, IMM} sets a register directly (no instruction runs):
 * an 8- or 16-bit register keeps the bits above it, a 32-bit one clears them, as a MOV does.
 */
final class GuestInstructions {
    private static final Map<String, Integer> ACCUMULATORS = Map.of("al", 1, "ax", 2, "eax", 4, "rax", 8);
    private static final Map<String, Integer> SIZES = Map.of("b", 1, "w", 2, "d", 4);

    private GuestInstructions() {
    }

    static PipelineStep parse(int line, String text, PipelineTraceParser.Errors errors) throws TraceFormatException {
        String body = text;
        Long expected = null;
        int arrow = text.indexOf("->");
        if (arrow >= 0) {
            body = text.substring(0, arrow).strip();
            expected = number(text.substring(arrow + 2).strip(), errors);
        }
        String t = body.toLowerCase(Locale.ROOT).replaceAll("\\s*,\\s*", ",").replaceAll("\\s+", " ");
        PipelineStep step = instruction(line, t, errors);
        if (expected != null) {
            if (step.accumulatorSize() == 0) {
                throw errors.at("'-> VALUE' checks the accumulator after IN or a load, not after '" + body + "'");
            }
            if (Long.compareUnsigned(expected, Registers.mask(step.accumulatorSize())) > 0) {
                throw errors.at(text.substring(arrow + 2).strip() + " is wider than " + step.accumulatorSize() + " bytes");
            }
            step = step.withAccumulator(step.accumulatorSize(), expected);
        }
        return step;
    }

    private static PipelineStep instruction(int line, String t, PipelineTraceParser.Errors errors)
            throws TraceFormatException {
        String g = "g " + t;
        switch (t) {
            case "sti" -> {
                return step(line, g, Vcpu::sti, 0);
            }
            case "cli" -> {
                return step(line, g, Vcpu::cli, 0);
            }
            case "nop" -> {
                return step(line, g, Vcpu::nop, 0);
            }
            case "mov ss,ax" -> {
                return step(line, g, Vcpu::movSs, 0);
            }
            default -> {
            }
        }
        String[] w = t.split(" ", 2);
        String ops = w.length > 1 ? w[1] : "";
        switch (w[0]) {
            case "in" -> {
                String[] o = operands(ops, errors);
                int size = accumulator(o[0], errors, 4);
                if (o[1].equals("dx")) {
                    return step(line, g, cpu -> cpu.inDx(size), size);
                }
                int port = (int) port(o[1], errors);
                return step(line, g, cpu -> cpu.in(size, port), size);
            }
            case "out" -> {
                String[] o = operands(ops, errors);
                int size = accumulator(o[1], errors, 4);
                if (o[0].equals("dx")) {
                    return step(line, g, cpu -> cpu.outDx(size), 0);
                }
                int port = (int) port(o[0], errors);
                return step(line, g, cpu -> cpu.out(size, port), 0);
            }
            case "mov" -> {
                return move(line, g, ops, errors);
            }
            default -> {
                return string(line, g, t, errors);
            }
        }
    }

    /** [a16|a32|a64] [rep] insb|insw|insd|outsb|outsw|outsd; the address size is the mode's unless prefixed. */
    private static PipelineStep string(int line, String g, String t, PipelineTraceParser.Errors errors)
            throws TraceFormatException {
        List<String> w = List.of(t.split(" "));
        int i = 0;
        int addressSize = 0;
        if (i < w.size() && w.get(i).matches("a(16|32|64)")) {
            addressSize = Integer.parseInt(w.get(i).substring(1)) / 8;
            i++;
        }
        boolean rep = false;
        if (i < w.size() && w.get(i).equals("rep")) {
            rep = true;
            i++;
        }
        if (i != w.size() - 1 || !w.get(i).matches("(ins|outs)[bwd]")) {
            throw errors.at("'" + t + "' is not an instruction this trace form knows");
        }
        String op = w.get(i);
        boolean in = op.startsWith("ins");
        int size = SIZES.get(op.substring(op.length() - 1));
        boolean repeat = rep;
        int fixed = addressSize;
        return step(line, g, cpu -> {
            int a = fixed != 0 ? fixed : cpu.mode().defaultAddressSize();
            if (in) {
                cpu.ins(size, repeat, a);
            } else {
                cpu.outs(size, repeat, a);
            }
        }, 0);
    }

    private static PipelineStep move(int line, String g, String ops, PipelineTraceParser.Errors errors)
            throws TraceFormatException {
        String[] o = operands(ops, errors);
        if (o[1].startsWith("[")) {
            int size = accumulator(o[0], errors, 8);
            long address = address(o[1], errors);
            return step(line, g, cpu -> cpu.load(size, address), size);
        }
        if (o[0].startsWith("[")) {
            int size = accumulator(o[1], errors, 8);
            long address = address(o[0], errors);
            return step(line, g, cpu -> cpu.store(size, address), 0);
        }
        long value = number(o[1], errors);
        Register r = Register.byName(o[0]);
        if (r == null) {
            throw errors.at("'" + o[0] + "' is not a register (rax/eax/ax/al, rcx.., rdx.., rsi.., rdi..)");
        }
        if (Long.compareUnsigned(value, Registers.mask(r.size())) > 0) {
            throw errors.at(o[1] + " does not fit in " + o[0]);
        }
        return step(line, g, cpu -> r.set(cpu.registers(), value), 0);
    }

    private static PipelineStep step(int line, String g, java.util.function.Consumer<Vcpu> run, int accumulatorSize) {
        return new PipelineStep(line, g, PipelineStep.guest(run), accumulatorSize, null, List.of());
    }

    private static String[] operands(String ops, PipelineTraceParser.Errors errors) throws TraceFormatException {
        String[] o = ops.split(",");
        if (o.length != 2 || o[0].isEmpty() || o[1].isEmpty()) {
            throw errors.at("two operands expected, not '" + ops + "'");
        }
        return o;
    }

    private static int accumulator(String name, PipelineTraceParser.Errors errors, int widest)
            throws TraceFormatException {
        Integer size = ACCUMULATORS.get(name);
        if (size == null || size > widest) {
            throw errors.at("'" + name + "' is not an accumulator here (al, ax, eax" + (widest == 8 ? ", rax" : "") + ")");
        }
        return size;
    }

    private static long port(String text, PipelineTraceParser.Errors errors) throws TraceFormatException {
        long port = number(text, errors);
        if (port > 0xff) {
            throw errors.at("an immediate port is 0x00-0xff, not " + text + " (use dx)");
        }
        return port;
    }

    private static long address(String text, PipelineTraceParser.Errors errors) throws TraceFormatException {
        if (!text.endsWith("]")) {
            throw errors.at("'" + text + "' is not [ADDRESS]");
        }
        return number(text.substring(1, text.length() - 1).strip(), errors);
    }

    static long number(String text, PipelineTraceParser.Errors errors) throws TraceFormatException {
        try {
            return text.startsWith("0x") || text.startsWith("0X") ? Long.parseUnsignedLong(text.substring(2), 16)
                    : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw errors.at("'" + text + "' is not a number");
        }
    }

    /** The general registers a trace sets, by their 64-bit register ('A' rax, 'C' rcx, 'D' rdx, 'S' rsi, 'I' rdi). */
    private enum Register {
        RAX(8, 'A'), EAX(4, 'A'), AX(2, 'A'), AL(1, 'A'), RCX(8, 'C'), ECX(4, 'C'), CX(2, 'C'), CL(1, 'C'),
        RDX(8, 'D'), EDX(4, 'D'), DX(2, 'D'), DL(1, 'D'), RSI(8, 'S'), ESI(4, 'S'), SI(2, 'S'),
        RDI(8, 'I'), EDI(4, 'I'), DI(2, 'I');

        private final int size;
        private final char family;

        Register(int size, char family) {
            this.size = size;
            this.family = family;
        }

        int size() {
            return size;
        }

        static Register byName(String name) {
            for (Register r : values()) {
                if (r.name().equalsIgnoreCase(name)) {
                    return r;
                }
            }
            return null;
        }

        void set(Registers regs, long value) {
            long old = switch (family) {
                case 'A' -> regs.rax();
                case 'C' -> regs.rcx();
                case 'D' -> regs.rdx();
                case 'S' -> regs.rsi();
                default -> regs.rdi();
            };
            // SDM Vol. 1 §3.4.1.1: a 32-bit result is zero-extended to 64 bits; 8- and 16-bit ones merge
            long v = size >= 4 ? value : old & ~Registers.mask(size) | value;
            switch (family) {
                case 'A' -> regs.rax(v);
                case 'C' -> regs.rcx(v);
                case 'D' -> regs.rdx(v);
                case 'S' -> regs.rsi(v);
                default -> regs.rdi(v);
            }
        }
    }
}
