package org.trapline.models.lapic;

import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.Timer;

/**
 * The local APIC timer (SDM Vol. 3A 10.5.4): a 32-bit count loaded from the initial-count register
 * that decrements once per tick of the bus clock divided by the divide configuration. At 0 it
 * signals its LVT entry; in periodic mode it reloads the initial count, in one-shot mode it stays at
 * 0. A zero initial count stops it. Its state is computed from the clock on a read; it is armed only
 * for its next expiry, never ticked.
 */
final class ApicTimer {
    private final Scheduler scheduler;
    private final long busPeriodNs;
    /** {@link LapicQuirks#TIMER_PERIOD_ONE_TICK_LONG}: the interrupt comes a tick after the count reaches 0. */
    private final boolean oneTickLong;
    private final Runnable expired;
    private final Timer timer;
    private int initialCount;
    private long loadNs;
    private int divideConfiguration;
    private boolean periodic;
    /** Expiries so far since the load (periodic mode). */
    private long expiries;

    ApicTimer(Scheduler scheduler, long busPeriodNs, boolean oneTickLong, Runnable expired) {
        this.scheduler = scheduler;
        this.busPeriodNs = busPeriodNs;
        this.oneTickLong = oneTickLong;
        this.expired = expired;
        this.timer = scheduler.newTimer("lapic-timer", this::fire);
    }

    /** Figure 10-10: bits 3, 1, 0 select divide by 2, 4, 8, 16, 32, 64, 128 or (111b) 1. */
    static int divisor(int dcr) {
        int v = (dcr >> 1 & 4) | (dcr & 3);
        return v == 7 ? 1 : 2 << v;
    }

    private long tickNs() {
        return busPeriodNs * divisor(divideConfiguration);
    }

    /** Ticks from a load to the (first) interrupt, and between interrupts in periodic mode. */
    private long periodTicks() {
        return (initialCount & 0xffff_ffffL) + (oneTickLong ? 1 : 0);
    }

    void load(int count) {
        initialCount = count;
        loadNs = scheduler.nowNs();
        expiries = 0;
        arm();
    }

    void setDivideConfiguration(int dcr) {
        divideConfiguration = dcr;
        arm();
    }

    void setPeriodic(boolean on) {
        periodic = on;
        arm();
    }

    int initialCount() {
        return initialCount;
    }

    int divideConfiguration() {
        return divideConfiguration;
    }

    /** The current-count register: what is left of the count at this instant. */
    int currentCount() {
        if (initialCount == 0) {
            return 0;
        }
        long initial = initialCount & 0xffff_ffffL;
        long ticks = (scheduler.nowNs() - loadNs) / tickNs();
        if (periodic) {
            return (int) (initial - ticks % periodTicks());
        }
        return (int) Math.max(initial - ticks, 0);
    }

    void stop() {
        initialCount = 0;
        timer.disarm();
    }

    private void arm() {
        if (initialCount == 0 || !periodic && expiries > 0) {
            timer.disarm();
            return;
        }
        long due = loadNs + (expiries + 1) * periodTicks() * tickNs();
        if (!periodic && due <= scheduler.nowNs()) {
            timer.disarm(); // a one-shot count that already ran out under an earlier divider
            return;
        }
        timer.armAt(due);
    }

    private void fire() {
        expiries++;
        expired.run();
        arm();
    }
}
