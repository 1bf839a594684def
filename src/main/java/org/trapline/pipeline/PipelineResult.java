package org.trapline.pipeline;

import java.nio.file.Path;
import java.util.Optional;

/** The replay of one {@code *.vmx} trace: the steps run, the checks made, and the first divergence. */
public record PipelineResult(Path file, int stepsRun, int checksMade, Optional<String> divergence) {
    public boolean passed() {
        return divergence.isEmpty();
    }
}
