package org.trapline.kvm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of replaying one KVM trace: events replayed, comparisons made, the first divergence if
 * any, the lines of events skipped by name and notes on what was not checked.
 */
public record KvmReplayResult(long eventsReplayed, long checksMade, Optional<KvmDivergence> divergence,
        Map<String, Long> unknownEvents, List<String> notes) {
    public boolean passed() {
        return divergence.isEmpty();
    }
}
