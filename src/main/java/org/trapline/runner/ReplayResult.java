package org.trapline.runner;

import java.util.Optional;

import org.trapline.trace.TraceHeader;

/** How one trace fared: the commands run, the checks made, and the first divergence if any. */
public record ReplayResult(TraceHeader header, String targetName, int commandsRun, long checksMade,
                           Optional<Divergence> divergence) {
    public boolean passed() {
        return divergence.isEmpty();
    }
}
