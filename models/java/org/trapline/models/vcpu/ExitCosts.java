package org.trapline.models.vcpu;

import java.util.Arrays;

import org.trapline.models.vmx.ExitReason;

/**
 * What a user says an exit and an access cost, in nanoseconds: a price for each basic exit reason
 * (the round trip out of the guest and back, and the VMM's decoding), one for each access the VMM
 * emulates on a device model, one for each access a passthrough device answers with no exit. The
 * model counts; the prices are the user's measurements of their own host, none are built in.
 */
public final class ExitCosts {
    public static final ExitCosts NONE = new ExitCosts(new long[ExitReason.LIMIT], 0, 0);

    private final long[] exitNs;
    private final long emulatedAccessNs;
    private final long passthroughAccessNs;

    private ExitCosts(long[] exitNs, long emulatedAccessNs, long passthroughAccessNs) {
        this.exitNs = exitNs;
        this.emulatedAccessNs = emulatedAccessNs;
        this.passthroughAccessNs = passthroughAccessNs;
    }

    /** These costs with an exit of {@code basicReason} costing {@code ns}. */
    public ExitCosts withExit(int basicReason, long ns) {
        if (basicReason < 0 || basicReason >= ExitReason.LIMIT || ns < 0) {
            throw new IllegalArgumentException("exit reason " + basicReason + " at " + ns + " ns");
        }
        long[] copy = Arrays.copyOf(exitNs, exitNs.length);
        copy[basicReason] = ns;
        return new ExitCosts(copy, emulatedAccessNs, passthroughAccessNs);
    }

    public ExitCosts withEmulatedAccess(long ns) {
        return new ExitCosts(exitNs, requireNonNegative(ns), passthroughAccessNs);
    }

    public ExitCosts withPassthroughAccess(long ns) {
        return new ExitCosts(exitNs, emulatedAccessNs, requireNonNegative(ns));
    }

    private static long requireNonNegative(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("a cost of " + ns + " ns");
        }
        return ns;
    }

    public long exitNs(int basicReason) {
        return basicReason < exitNs.length ? exitNs[basicReason] : 0;
    }

    public long emulatedAccessNs() {
        return emulatedAccessNs;
    }

    public long passthroughAccessNs() {
        return passthroughAccessNs;
    }
}
