package org.trapline.models.pit;

/**
 * The PC's 8254 CLK: the 14.31818 MHz crystal divided by 12, exactly 3 579 545 / 3 Hz. Pulse k (k >= 1)
 * falls at guest time ceil(k * 3e9 / 3579545) ns, so by time t exactly floor(t * 3579545 / 3e9) pulses
 * have happened. Both conversions split their argument so that no product overflows a long, for any
 * time a long holds: no drift, however long the run.
 */
final class CrystalClock {
    /** Three times the CLK frequency in Hz: 14 318 180 / 4. */
    static final long HZ_TIMES_3 = 3_579_545L;
    /** Three seconds in nanoseconds. */
    static final long NS_TIMES_3 = 3_000_000_000L;

    private CrystalClock() {
    }

    /** The number of CLK pulses that have happened by guest time {@code ns} (>= 0). */
    static long pulsesAt(long ns) {
        return ns / NS_TIMES_3 * HZ_TIMES_3 + ns % NS_TIMES_3 * HZ_TIMES_3 / NS_TIMES_3;
    }

    /** The guest time of CLK pulse {@code k} (>= 0): the first instant at which {@link #pulsesAt} reaches k. */
    static long timeOfPulse(long k) {
        long whole = k / HZ_TIMES_3;
        long rest = k % HZ_TIMES_3 * NS_TIMES_3;
        long restNs = (rest + HZ_TIMES_3 - 1) / HZ_TIMES_3;
        if (whole > (Long.MAX_VALUE - restNs) / NS_TIMES_3) {
            return Long.MAX_VALUE;
        }
        return whole * NS_TIMES_3 + restNs;
    }
}
