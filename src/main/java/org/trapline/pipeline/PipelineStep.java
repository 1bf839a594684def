package org.trapline.pipeline;

import java.util.List;
import java.util.function.Consumer;

import org.trapline.models.machine.Machine;
import org.trapline.models.vcpu.Vcpu;

/**
 * One line that makes the guest or the host act, with the exits it must cause (exactly those, in
 * order; none when the list is empty).
 */
record PipelineStep(int line, String text, Action action, int accumulatorSize, Long accumulator,
        List<ExitExpectation> exits, Check check) {

    PipelineStep(int line, String text, Action action, int accumulatorSize, Long accumulator, List<ExitExpectation> exits) {
        this(line, text, action, accumulatorSize, accumulator, exits, null);
    }

    /** A check of the board's state after the step: null when it holds, else what differs. */
    @FunctionalInterface
    interface Check {
        String mismatch(Vcpu cpu, Machine machine);
    }

    /** What the step does: a guest instruction on the vCPU, or a host input on the board. */
    @FunctionalInterface
    interface Action {
        void run(Vcpu cpu, Machine machine);
    }

    static Action guest(Consumer<Vcpu> instruction) {
        return (cpu, machine) -> instruction.accept(cpu);
    }

    PipelineStep withExits(List<ExitExpectation> value) {
        return new PipelineStep(line, text, action, accumulatorSize, accumulator, value, check);
    }

    PipelineStep withAccumulator(int size, long value) {
        return new PipelineStep(line, text, action, size, value, exits, check);
    }
}
