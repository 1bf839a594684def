package org.trapline.models.pit;

/**
 * QEMU's PIT time base: PIT_FREQ = 1 193 182 Hz, and ticks since an instant are
 * muldiv64(elapsed ns, 1193182, 1e9), rounded down (QEMU include/hw/timer/i8254.h,
 * include/qemu/host-utils.h). Split like {@link CrystalClock}, so nothing overflows.
 */
final class QemuTicks {
    static final long PIT_FREQ = 1_193_182L;
    static final long NS_PER_SECOND = 1_000_000_000L;

    private QemuTicks() {
    }

    /** Ticks in {@code elapsedNs} (>= 0), rounded down. */
    static long ticks(long elapsedNs) {
        return elapsedNs / NS_PER_SECOND * PIT_FREQ + elapsedNs % NS_PER_SECOND * PIT_FREQ / NS_PER_SECOND;
    }

    /** Nanoseconds in {@code ticks}, rounded down as QEMU converts a tick back into timer units. */
    static long nsFloor(long ticks) {
        long whole = ticks / PIT_FREQ;
        long restNs = ticks % PIT_FREQ * NS_PER_SECOND / PIT_FREQ;
        if (whole > (Long.MAX_VALUE - restNs) / NS_PER_SECOND) {
            return Long.MAX_VALUE;
        }
        return whole * NS_PER_SECOND + restNs;
    }
}
