package org.trapline.models.machine;

import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.Timer;

/**
 * QEMU's monitor lets its RTC_CHANGE event (sent each time the guest sets the RTC's time) out at most
 * once a second: the first event goes out at once and opens a one-second window; events inside the
 * window wait, the last one going out when it closes and opening the next. Under qtest the window's
 * timer runs on the virtual clock, so its deadlines are among those {@code clock_step} with no
 * argument steps to. Nothing a guest can read depends on it. See {@link BoardQuirks#QTEST_EVENT_THROTTLE}.
 */
final class EventThrottle {
    static final long WINDOW_NS = 1_000_000_000L;

    private final Scheduler scheduler;
    private final Timer window;
    private boolean waiting;

    EventThrottle(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.window = scheduler.newTimer("monitor-event-throttle", this::windowCloses);
    }

    /** An RTC_CHANGE event. */
    void event() {
        if (window.isArmed()) {
            waiting = true;
        } else {
            window.armAt(scheduler.nowNs() + WINDOW_NS);
        }
    }

    private void windowCloses() {
        if (waiting) {
            waiting = false;
            window.armAt(scheduler.nowNs() + WINDOW_NS);
        }
    }
}
