package org.trapline.trace;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed trace: its header (machine arguments, profile, provenance) and its steps.
 *
 * @param irqChecked true when the trace intercepts interrupts, so every window's edges are checked
 */
public record Trace(Path file, Optional<String> machineArgs, Optional<String> profile, List<String> provenance,
                    List<Step> steps, boolean irqChecked) {
    public Trace {
        provenance = List.copyOf(provenance);
        steps = List.copyOf(steps);
    }

    /** The number of checks: expected responses plus windows whose edges are checked. */
    public long checks() {
        return steps.stream().filter(s -> s.expect() != null).count();
    }
}
