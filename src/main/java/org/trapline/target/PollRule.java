package org.trapline.target;

/**
 * A status register that a guest may read again and again until a device finishes its work, and
 * the values of it that mean "not done yet" ({@code (value & notDoneMask) == notDoneValue}). A
 * replay matches a run of recorded reads of it as one poll (docs/polls.md).
 *
 * @param register     the register's name as its specification spells it, for reports
 * @param channel      the unit whose work it reports ({@code ide-primary}); an access that
 *                     {@link PollRegisters#worksOn} names this unit may have started that work
 * @param port         the I/O port
 * @param size         the access size in bytes
 * @param notDoneMask  the bits that say whether the work is done
 * @param notDoneValue those bits while it is not
 */
public record PollRule(String register, String channel, int port, int size, int notDoneMask, int notDoneValue) {
    public boolean notDone(long value) {
        return (value & notDoneMask) == notDoneValue;
    }

    /** {@code ATA Status (1F7h)}. */
    public String describe() {
        return register + " (" + Integer.toHexString(port).toUpperCase() + "h)";
    }
}
