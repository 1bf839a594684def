package org.trapline.trace;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A trace read whole: its header and its steps. */
public record Trace(TraceHeader header, List<Step> steps) {
    public Trace {
        steps = List.copyOf(steps);
    }

    public Path file() {
        return header.file();
    }

    public Optional<String> machineArgs() {
        return header.machineArgs();
    }

    public Optional<String> profile() {
        return header.profile();
    }

    public List<String> provenance() {
        return header.provenance();
    }

    /** The number of response checks. */
    public long checks() {
        return steps.stream().filter(s -> s.expect() != null).count();
    }
}
