package org.trapline.models.rtc;

import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.Timer;

/**
 * MC146818A 'Periodic Interrupt': PF is set at each edge of the divider tap that RS3-RS0 select,
 * whatever PIE is, and not while the dividers are held in reset. Only an edge PIE lets through
 * interrupts, so only then is a timer armed; the edges in between are counted when the chip next
 * looks ({@link #beforeChange()}), before anything that changes the chain, the rate or the flags.
 */
final class DividerTap implements PeriodicSource {
    private final Mc146818 chip;
    private final Scheduler scheduler;
    private final Timer timer;
    /** The instant since which a divider-chain edge would set PF. */
    private long pfSinceNs;

    DividerTap(Mc146818 chip, Scheduler scheduler) {
        this.chip = chip;
        this.scheduler = scheduler;
        this.timer = scheduler.newTimer("rtc-periodic", this::edge);
    }

    @Override
    public void beforeChange() {
        long now = scheduler.nowNs();
        int period = Mc146818.periodCycles(chip.rateSelect());
        if (period != 0 && !chip.updatesStopped() && now > pfSinceNs
                && edges(now, period) > edges(Math.max(pfSinceNs, chip.lastUpdateNs()), period)) {
            chip.setPeriodicFlag();
        }
        pfSinceNs = now;
    }

    /** With PIE=1, a timer at the next edge of the divider tap. */
    @Override
    public void afterChange() {
        int period = Mc146818.periodCycles(chip.rateSelect());
        if (!chip.periodicEnabled() || period == 0 || chip.updatesStopped()) {
            timer.disarm();
            return;
        }
        long now = scheduler.nowNs();
        long edge = Mc146818.cyclesToNsCeil((edges(now, period) + 1) * period);
        long at = now + (edge - chip.chainNs(now));
        if (at != timer.deadlineNs()) {
            timer.armAt(at);
        }
    }

    /** The chain's tap moves on its own: the write's {@link #afterChange()} follows it. */
    @Override
    public void selectChanged(int oldPeriodCycles) {
    }

    @Override
    public Timer timer() {
        return timer;
    }

    private void edge() {
        chip.periodicInterrupt();
        pfSinceNs = scheduler.nowNs();
        afterChange();
    }

    private long edges(long at, int period) {
        return Mc146818.nsToCycles(chip.chainNs(at)) / period;
    }
}
