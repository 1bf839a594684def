package org.trapline.models.clock;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * Runs timed device events in a deterministic order: by deadline, then by the order in which they
 * were armed. Advancing guest time costs work in proportion to the events it passes, never to the
 * nanoseconds or clock ticks in between.
 */
public final class Scheduler {
    private static final Comparator<Timer> ORDER =
            Comparator.<Timer>comparingLong(t -> t.deadlineNs).thenComparingLong(t -> t.sequence);

    private final VirtualClock clock;
    private final TreeSet<Timer> armed = new TreeSet<>(ORDER);
    private long nextSequence;

    public Scheduler(VirtualClock clock) {
        this.clock = clock;
    }

    public VirtualClock clock() {
        return clock;
    }

    public long nowNs() {
        return clock.nowNs();
    }

    public Timer newTimer(String name, Runnable action) {
        return new Timer(this, name, action);
    }

    /** The earliest armed deadline, or -1 when no timer is armed. */
    public long nextDeadlineNs() {
        return armed.isEmpty() ? -1 : armed.first().deadlineNs;
    }

    /**
     * Moves guest time to {@code targetNs}, firing every timer whose deadline falls on or before it,
     * each with the clock standing at its deadline. A timer armed for the past by an event fires at
     * the current instant.
     */
    public void advanceTo(long targetNs) {
        if (targetNs < clock.nowNs()) {
            throw new IllegalArgumentException("cannot move guest time back to " + targetNs + " ns from " + clock.nowNs());
        }
        while (!armed.isEmpty() && armed.first().deadlineNs <= targetNs) {
            Timer next = armed.pollFirst();
            clock.moveTo(Math.max(clock.nowNs(), next.deadlineNs));
            next.deadlineNs = -1;
            next.fire();
        }
        clock.moveTo(targetNs);
    }

    /** Advances to the next deadline, as qtest's {@code clock_step} with no argument; stays put with none. */
    public void advanceToNextDeadline() {
        long next = nextDeadlineNs();
        if (next >= 0) {
            advanceTo(Math.max(next, clock.nowNs()));
        }
    }

    void arm(Timer timer, long deadlineNs) {
        if (deadlineNs < 0) {
            throw new IllegalArgumentException("negative deadline " + deadlineNs + " for " + timer.name());
        }
        armed.remove(timer);
        timer.deadlineNs = deadlineNs;
        timer.sequence = nextSequence++;
        armed.add(timer);
    }

    void disarm(Timer timer) {
        armed.remove(timer);
        timer.deadlineNs = -1;
    }
}
