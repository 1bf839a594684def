package org.trapline.models.rtc;

import org.trapline.models.clock.Timer;

/**
 * Where register C's PF comes from: the divider chain's tap as the MC146818A has it
 * ({@link DividerTap}), or QEMU's timer of its own ({@link QemuPeriodicTimer},
 * {@link RtcQuirks#PERIODIC_FREE_OF_DIVIDER}). The chip tells its source of each event that can
 * move the next periodic edge; the source sets the flag through the chip.
 */
interface PeriodicSource {

    /** Before a data write, a read of register C or a reset: the edges passed so far are counted. */
    void beforeChange();

    /** After a data write or a reset: the timer follows the chain, the rate and PIE as they now are. */
    void afterChange();

    /** RS or PIE was just written with a new value; {@code oldPeriodCycles} is the period they asked for before. */
    void selectChanged(int oldPeriodCycles);

    /** The timer that brings the next edge the guest can see, for reports. */
    Timer timer();
}
