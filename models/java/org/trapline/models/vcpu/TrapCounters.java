package org.trapline.models.vcpu;

import org.trapline.models.vmx.ExitReason;

/**
 * What the pipeline counts: exits by basic reason, failed VM entries, the device accesses the VMM
 * emulated after an exit and those a passthrough device answered with none, the guest's RAM
 * accesses, the events injected, and the cost of it all by the user's {@link ExitCosts}.
 */
public final class TrapCounters {
    private final ExitCosts costs;
    private final long[] exits = new long[ExitReason.LIMIT];
    private long entryFailures;
    private long emulatedAccesses;
    private long passthroughAccesses;
    private long ramAccesses;
    private long injections;
    private long costNs;

    public TrapCounters(ExitCosts costs) {
        this.costs = costs;
    }

    void exit(int exitReason) {
        int basic = ExitReason.basic(exitReason);
        if (ExitReason.entryFailed(exitReason)) {
            entryFailures++;
        } else if (basic < exits.length) {
            exits[basic]++;
        }
        costNs += costs.exitNs(basic);
    }

    void emulatedAccess() {
        emulatedAccesses++;
        costNs += costs.emulatedAccessNs();
    }

    void passthroughAccess() {
        passthroughAccesses++;
        costNs += costs.passthroughAccessNs();
    }

    void ramAccess() {
        ramAccesses++;
    }

    void injection() {
        injections++;
    }

    /** Exits of {@code basicReason}, failed VM entries not included. */
    public long exits(int basicReason) {
        return basicReason >= 0 && basicReason < exits.length ? exits[basicReason] : 0;
    }

    public long totalExits() {
        long n = 0;
        for (long e : exits) {
            n += e;
        }
        return n;
    }

    public long entryFailures() {
        return entryFailures;
    }

    public long emulatedAccesses() {
        return emulatedAccesses;
    }

    public long passthroughAccesses() {
        return passthroughAccesses;
    }

    public long ramAccesses() {
        return ramAccesses;
    }

    public long injections() {
        return injections;
    }

    /** The cost of the exits and accesses counted, in nanoseconds. */
    public long costNs() {
        return costNs;
    }
}
