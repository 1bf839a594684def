package org.trapline.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.trapline.models.vcpu.CpuMode;

/**
 * A parsed {@code *.vmx} trace: the board ({@code @machine}, {@code @profile}), the vCPU and VMCS
 * set-up, the steps, and the closing {@code @expect} counters (by exit reason and by access kind).
 */
record PipelineTrace(Path file, Optional<String> machineArgs, Optional<String> profile, CpuMode mode, Long rflags,
        Integer pin, Integer primary, Integer secondary, List<Range> ioTraps, List<Range> ioPass,
        List<EptRange> ept, String interrupts, List<PipelineStep> steps, Map<Integer, Long> expectedExits,
        Map<String, Long> expectedAccesses, int expectLine) {

    /** An inclusive range of ports or addresses. */
    record Range(long first, long last) {
    }

    /** An {@code @ept KIND RANGE} line. */
    record EptRange(int line, String kind, Range range) {
    }
}
