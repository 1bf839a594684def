package org.trapline.kvm;

import java.nio.file.Path;

/** Where the model parted from KVM's trace: the trace line, the event, what was compared and both sides. */
public record KvmDivergence(Path file, int line, String what, String expected, String actual) {
    /** "  file:line: what: KVM recorded X, the model gave Y". */
    public String report() {
        return String.format("  %s:%d: %s: KVM recorded %s, the model gave %s%n", file, line, what, expected, actual);
    }
}
