package org.trapline.models.clock;

/**
 * A one-shot device timer, armed for a deadline in guest nanoseconds (like a QEMUTimer). Re-arming
 * moves the deadline; a disarmed timer never fires. Created by {@link Scheduler#newTimer}.
 */
public final class Timer {
    private final Scheduler scheduler;
    private final String name;
    private final Runnable action;
    long deadlineNs = -1;
    long sequence;

    Timer(Scheduler scheduler, String name, Runnable action) {
        this.scheduler = scheduler;
        this.name = name;
        this.action = action;
    }

    /** Fires at {@code deadlineNs}, or at the next advance if that instant has already passed. */
    public void armAt(long deadlineNs) {
        scheduler.arm(this, deadlineNs);
    }

    public void disarm() {
        scheduler.disarm(this);
    }

    public boolean isArmed() {
        return deadlineNs >= 0;
    }

    /** The armed deadline, or -1 when disarmed. */
    public long deadlineNs() {
        return deadlineNs;
    }

    public String name() {
        return name;
    }

    void fire() {
        action.run();
    }

    @Override
    public String toString() {
        return name + (isArmed() ? "@" + deadlineNs : "(disarmed)");
    }
}
