package org.trapline.models.rtc;

import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.Timer;

/**
 * QEMU's periodic timer ({@link RtcQuirks#PERIODIC_FREE_OF_DIVIDER}; hw/rtc/mc146818rtc.c
 * periodic_timer_update): armed only while PIE=1, on the guest clock's own 32.768 kHz grid, a
 * period after the write that set RS or PIE, less the part of the old period already run (lost
 * ticks are discarded, at most one period counted). The divider chain does not enter into it.
 */
final class QemuPeriodicTimer implements PeriodicSource {
    private final Mc146818 chip;
    private final Scheduler scheduler;
    private final Timer timer;
    /** The period in 32.768 kHz cycles the timer runs at, and its next deadline. */
    private int periodCycles;
    private long nextNs;

    QemuPeriodicTimer(Mc146818 chip, Scheduler scheduler) {
        this.chip = chip;
        this.scheduler = scheduler;
        this.timer = scheduler.newTimer("rtc-periodic", this::tick);
    }

    /** QEMU does not look at the chain. */
    @Override
    public void beforeChange() {
    }

    /** Nor follow it. */
    @Override
    public void afterChange() {
    }

    @Override
    public void selectChanged(int oldPeriodCycles) {
        update(scheduler.nowNs(), oldPeriodCycles, true);
    }

    @Override
    public Timer timer() {
        return timer;
    }

    private void update(long currentNs, int oldPeriod, boolean periodChange) {
        int period = chip.armedPeriodCycles();
        periodCycles = period;
        if (period == 0) {
            timer.disarm();
            return;
        }
        long curCycle = Mc146818.nsToCycles(currentNs);
        long lost = 0;
        if (oldPeriod != 0 && periodChange) {
            long lastCycle = Mc146818.nsToCycles(nextNs) - oldPeriod;
            lost = Math.min(curCycle - lastCycle, period);
        }
        long nextCycle = curCycle + period - lost;
        nextNs = Mc146818.cyclesToNs(nextCycle) + 1;
        timer.armAt(nextNs);
    }

    /** PF is set at each tick; IRQF only while PIE is still 1. */
    private void tick() {
        update(nextNs, periodCycles, false);
        chip.setPeriodicFlag();
        if (chip.periodicEnabled()) {
            chip.periodicInterrupt();
        }
    }
}
