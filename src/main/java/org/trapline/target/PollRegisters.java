package org.trapline.target;

/**
 * A target whose devices may finish work while the guest polls a status register: it names those
 * registers, so that a replay can match a recorded run of polls against it (docs/polls.md). A
 * target that is no such thing simply does not implement this, and its replays compare every
 * read on its own.
 */
public interface PollRegisters {
    /** The rule of the status register a read of {@code port} at {@code size} polls now, or null. */
    PollRule pollRule(int port, int size);

    /**
     * The unit ({@link PollRule#channel}) whose work an access to {@code port} may start or go on
     * with now (a command, a data transfer, a bus master's start), or null.
     */
    String worksOn(int port);
}
