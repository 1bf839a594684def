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

    /**
     * No device of the board fires events faster than its clock: the 8254's fastest, count 2 in mode 2,
     * changes OUT 2.4 million times a second; the HPET's four comparators (three, and QEMU's phantom
     * fourth) can each fire every tick of its 100 MHz counter, one event per 2.5 ns. A model that
     * fires more than one event per {@value #MIN_NS_PER_EVENT} ns, after a first million, has a
     * timer that never moves on: it is stopped with an error rather than left to hang.
     */
    static final long MIN_NS_PER_EVENT = 2;
    static final long RUNAWAY_CHECK = 1 << 20;

    private final VirtualClock clock;
    private final TreeSet<Timer> armed = new TreeSet<>(ORDER);
    /** The first of {@code armed}, or null: asked for after every guest access, so kept at hand. */
    private Timer earliest;
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
        return earliest == null ? -1 : earliest.deadlineNs;
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
        long startNs = clock.nowNs();
        long fired = 0;
        while (earliest != null && earliest.deadlineNs <= targetNs) {
            Timer next = armed.pollFirst();
            earliest = firstArmed();
            clock.moveTo(Math.max(clock.nowNs(), next.deadlineNs));
            next.deadlineNs = -1;
            next.fire();
            if (++fired % RUNAWAY_CHECK == 0 && fired > RUNAWAY_CHECK + (clock.nowNs() - startNs) / MIN_NS_PER_EVENT) {
                throw new IllegalStateException("runaway timer '" + next.name() + "': " + fired + " events in "
                        + (clock.nowNs() - startNs) + " ns of guest time; a device re-arms it without moving on");
            }
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
        earliest = firstArmed();
    }

    private Timer firstArmed() {
        return armed.isEmpty() ? null : armed.first();
    }

    void disarm(Timer timer) {
        if (timer.deadlineNs < 0) {
            return;
        }
        armed.remove(timer);
        earliest = firstArmed();
        timer.deadlineNs = -1;
    }
}
