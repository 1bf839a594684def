package org.trapline.models.hpet;

import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.Timer;

/**
 * One comparator of the HPET (IA-PC HPET 1.0a 2.3.8-2.3.10): its Configuration and Capability,
 * Comparator Value and FSB Interrupt Route registers, the period a periodic timer adds at each match,
 * and a {@link Timer} armed for its next event. Nothing ticks: the next match is computed from the
 * main counter when the registers change or the timer fires.
 */
final class HpetTimer {
    // Tn_CONF_CAP bits (IA-PC HPET 1.0a 2.3.8).
    static final long TN_INT_TYPE_CNF = 1L << 1;
    static final long TN_INT_ENB_CNF = 1L << 2;
    static final long TN_TYPE_CNF = 1L << 3;
    static final long TN_PER_INT_CAP = 1L << 4;
    static final long TN_SIZE_CAP = 1L << 5;
    static final long TN_VAL_SET_CNF = 1L << 6;
    static final long TN_32MODE_CNF = 1L << 8;
    static final long TN_INT_ROUTE_CNF = 0x1fL << 9;
    static final int TN_INT_ROUTE_SHIFT = 9;
    static final long TN_FSB_EN_CNF = 1L << 14;
    static final long TN_FSB_INT_DEL_CAP = 1L << 15;
    /** The read/write bits of the low half: INT_TYPE, INT_ENB, TYPE, VAL_SET, 32MODE, INT_ROUTE, FSB_EN. */
    static final long TN_WRITABLE = 0x7f4eL;
    private static final long LOW32 = 0xffffffffL;
    /** Ticks beyond which a deadline is not armed (QEMU hpet_arm: ns_to_ticks(INT64_MAX / 2)). */
    static final long HORIZON_TICKS = (Long.MAX_VALUE / 2) / Hpet.TICK_NS;

    final int n;
    private final Hpet hpet;
    private final Timer timer;
    /** The fourth timer QEMU's off-by-one bound lets through (quirk hpet.phantom-timer). */
    final boolean phantom;
    long config;
    long comparator;
    long period;
    long fsbRoute;
    /** QEMU: the armed event is the 32-bit wrap, and the match is still to come. */
    private boolean wrapPending;
    /** The input a level interrupt of this timer holds high, or -1 (hardware's output follows its route). */
    int assertedRoute = -1;

    HpetTimer(int n, Hpet hpet, Scheduler scheduler, boolean phantom) {
        this.n = n;
        this.hpet = hpet;
        this.phantom = phantom;
        this.timer = scheduler.newTimer("hpet.timer" + n, this::fire);
    }

    boolean periodic() {
        return (config & TN_TYPE_CNF) != 0;
    }

    boolean mode32() {
        return (config & TN_32MODE_CNF) != 0;
    }

    boolean intEnabled() {
        return (config & TN_INT_ENB_CNF) != 0;
    }

    boolean levelTriggered() {
        return (config & TN_INT_TYPE_CNF) != 0;
    }

    boolean fsb() {
        return (config & TN_FSB_EN_CNF) != 0;
    }

    int routeCnf() {
        return (int) ((config & TN_INT_ROUTE_CNF) >>> TN_INT_ROUTE_SHIFT);
    }

    long routeCap() {
        return config >>> 32;
    }

    boolean armed() {
        return timer.isArmed();
    }

    long deadlineNs() {
        return timer.deadlineNs();
    }

    // ------------------------------------------------------------------ register writes

    /** A write to the comparator's low ({@code high == false}) or high half. */
    void writeComparator(boolean high, long value) {
        long v = value & LOW32;
        boolean setsAccumulator = !periodic() || (config & TN_VAL_SET_CNF) != 0;
        if (setsAccumulator) {
            comparator = high ? (comparator & LOW32) | v << 32 : (comparator & ~LOW32) | v;
        }
        // 2.3.9.2.2: a periodic timer adds the value last written; QEMU's high half with VAL_SET skips it.
        if (periodic() && !(high && setsAccumulator && hpet.periodWrite)) {
            long p = v;
            if (hpet.periodWrite) {
                p &= mode32() ? 0x7fffffffL : LOW32;
            }
            period = high ? (period & LOW32) | p << 32 : (period & ~LOW32) | p;
        }
        config &= ~TN_VAL_SET_CNF;
        if (hpet.enabled()) {
            arm();
        }
    }

    /** A 64-bit write of the whole comparator (hardware: one access, one Tn_VAL_SET_CNF). */
    void writeComparator64(long value) {
        long v = mode32() ? value & LOW32 : value;
        if (!periodic() || (config & TN_VAL_SET_CNF) != 0) {
            comparator = v;
        }
        if (periodic()) {
            period = v;
        }
        config &= ~TN_VAL_SET_CNF;
        if (hpet.enabled()) {
            arm();
        }
    }

    /** Enters 32-bit mode (bit 8 written 1): the upper halves are loaded with zeros. */
    void truncateTo32() {
        comparator &= LOW32;
        period &= LOW32;
    }

    // ------------------------------------------------------------------ arming

    /** Arms the timer for its next event from the counter now (QEMU hpet_set_timer). */
    void arm() {
        long cur = hpet.runningTicks();
        wrapPending = false;
        if (hpet.pastFiresNextTick) {
            long diff = qemuDiff(cur);
            if (hpet.oneShot32BitWrap && mode32() && !periodic()) {
                long wrapDiff = LOW32 - (cur & LOW32);
                if (wrapDiff < (diff & LOW32)) {
                    diff = wrapDiff;
                    wrapPending = true;
                }
            }
            armTicks(diff);
        } else {
            armTicks(ticksToNextEvent(cur));
        }
    }

    void disarm() {
        timer.disarm();
        wrapPending = false;
    }

    /** QEMU hpet_calculate_diff: the comparator's distance, at least one tick. */
    private long qemuDiff(long cur) {
        if (mode32()) {
            int diff = (int) comparator - (int) cur;
            return diff > 0 ? diff & LOW32 : 1;
        }
        long diff = comparator - cur;
        return diff > 0 ? diff : 1;
    }

    /**
     * Hardware: the ticks until the counter next equals the comparator (2.3.9.2), or, for a one-shot timer
     * in 32-bit mode, next rolls over from FFFFFFFFh to 0, whichever comes first; -1 for none within reach.
     */
    private long ticksToNextEvent(long cur) {
        if (mode32()) {
            long match = (comparator - cur) & LOW32;
            long next = match == 0 ? 1L << 32 : match;
            if (!periodic()) {
                long wrap = -cur & LOW32;
                next = Math.min(next, wrap == 0 ? 1L << 32 : wrap);
            }
            return next;
        }
        long match = comparator - cur;
        return match == 0 ? -1 : match;
    }

    private void armTicks(long ticks) {
        if (ticks < 0 || Long.compareUnsigned(ticks, HORIZON_TICKS) >= 0) {
            timer.disarm();
            return;
        }
        long base = hpet.armedFromAccessInstant ? hpet.now() : hpet.tickEdgeNs();
        timer.armAt(base + ticks * Hpet.TICK_NS);
    }

    // ------------------------------------------------------------------ firing

    /** The timer's event (QEMU hpet_timer). */
    private void fire() {
        long cur = hpet.runningTicks();
        if (hpet.pastFiresNextTick) {
            if (periodic() && period != 0) {
                catchUp(cur);
                armTicks(qemuDiff(cur));
            } else if (hpet.oneShot32BitWrap && mode32() && !periodic() && wrapPending) {
                armTicks(qemuDiff(cur));
                wrapPending = false;
            }
        } else {
            boolean match = mode32() ? ((comparator ^ cur) & LOW32) == 0 : comparator == cur;
            if (match && periodic()) {
                comparator = mode32() ? (comparator + period) & LOW32 : comparator + period;
            }
            armTicks(ticksToNextEvent(cur));
        }
        hpet.timerEvent(this);
    }

    /**
     * QEMU's catch-up: the comparator advances by the period while the counter is past it (a signed
     * difference, of 32 bits in 32-bit mode), done here in one step.
     */
    private void catchUp(long cur) {
        if (mode32()) {
            long p = period & LOW32;
            long behind = (cur - comparator) & LOW32; // as int32, >0 means the counter is past
            if ((int) behind <= 0 && behind != 0x80000000L) {
                return;
            }
            if (p == 0) {
                return; // QEMU loops for ever here; the comparator cannot move
            }
            long k;
            if (p <= 0x80000000L) {
                k = (behind + p - 1) / p;
            } else {
                long q = (1L << 32) - p;
                k = (0x80000000L - behind) / q + 1;
            }
            comparator = (comparator + k * p) & LOW32;
            return;
        }
        long behind = cur - comparator;
        if (behind <= 0 && behind != Long.MIN_VALUE) {
            return;
        }
        long k = Long.divideUnsigned(behind, period);
        if (Long.remainderUnsigned(behind, period) != 0) {
            k++;
        }
        comparator += k * period;
    }

    /** Resets the registers (QEMU hpet_reset): comparator all ones, the capabilities, no period. */
    void reset(long capabilities) {
        disarm();
        comparator = -1L;
        config = capabilities;
        period = 0;
    }
}
