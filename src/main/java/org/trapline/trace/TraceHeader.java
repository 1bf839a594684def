package org.trapline.trace;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a trace says about itself before its first command: machine, profile, provenance. */
public record TraceHeader(Path file, Optional<String> machineArgs, Optional<String> profile, List<String> provenance) {
    public TraceHeader {
        provenance = List.copyOf(provenance);
    }
}
