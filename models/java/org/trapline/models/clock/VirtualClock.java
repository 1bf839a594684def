package org.trapline.models.clock;

/**
 * Guest time in nanoseconds. Only the {@link Scheduler} moves it, and only forwards: devices read it,
 * the runner advances it through {@code clock_step} and {@code clock_set}.
 */
public final class VirtualClock {
    private long nowNs;

    public long nowNs() {
        return nowNs;
    }

    void moveTo(long ns) {
        if (ns < nowNs) {
            throw new IllegalArgumentException("guest time runs forwards: " + ns + " < " + nowNs);
        }
        nowNs = ns;
    }
}
