package org.trapline.models.ide;

/**
 * The CD-ROM drive's mechanism: the tray, the medium in it, the guest's lock (PREVENT ALLOW MEDIUM
 * REMOVAL), the media-change state a command reports, and the media events GET EVENT STATUS NOTIFICATION
 * polls (MMC-5 6.6.2, media class). The host's operations are those QEMU's QMP commands perform:
 * {@code blockdev-open-tray}, {@code blockdev-remove-medium}, {@code blockdev-insert-medium},
 * {@code blockdev-close-tray}, and the two that combine them, {@code eject} and
 * {@code blockdev-change-medium} (QEMU block/qapi-sysemu.c).
 */
public final class CdTray {
    /** What a host operation did. */
    public enum Outcome {
        /** Done. */
        DONE,
        /** The guest has locked the tray: an eject request was posted, the tray stays closed. */
        LOCKED,
        /** The tray is closed, so a medium cannot be removed or inserted. */
        TRAY_CLOSED,
        /** A medium is already in the tray. */
        OCCUPIED
    }

    /** No change to report; a change, its NOT READY not yet reported; its UNIT ATTENTION not yet reported. */
    static final int UNCHANGED = 0, CHANGED = 1, NOT_READY_REPORTED = 2;

    private final Runnable changeInterrupt;
    private CdMedium medium;
    /** The block count the drive last took from the medium: at power-on and each tray movement (QEMU nb_sectors). */
    private long blocks;
    private boolean open;
    private boolean locked;
    private int change;
    private boolean newMediaEvent;
    private boolean ejectRequestEvent;

    /**
     * @param medium          the medium at power-on, or null for an empty drive
     * @param changeInterrupt called where the host's tray movements raise the interrupt (QEMU's quirk
     *                        {@link AtapiQuirks#CHANGE_INTERRUPTS}); a no-op where they do not
     */
    public CdTray(CdMedium medium, Runnable changeInterrupt) {
        this.medium = medium;
        this.changeInterrupt = changeInterrupt;
        this.blocks = medium == null ? 0 : medium.blocks();
        // A medium present at power-on is no event: the first poll reports NoChg (seen in QEMU 7.2).
    }

    /** The medium in the drive, whether or not the tray is open; null if none. */
    public CdMedium medium() {
        return medium;
    }

    public boolean isOpen() {
        return open;
    }

    public boolean isLocked() {
        return locked;
    }

    /** A medium the drive can read: the tray closed on a medium (QEMU media_present and blk_is_inserted). */
    boolean ready() {
        return !open && medium != null && blocks > 0;
    }

    /** The blocks the drive counts (0 with no medium seen); QEMU keeps this across a removal with the tray open. */
    long blocks() {
        return blocks;
    }

    int change() {
        return change;
    }

    void setChange(int change) {
        this.change = change;
    }

    /** The change is reportable only once a medium sits in a closed tray (QEMU ide_atapi_cmd). */
    boolean changePending() {
        return change != UNCHANGED && !open && medium != null;
    }

    void lock(boolean lock) {
        locked = lock;
    }

    /** START STOP UNIT with LoEj: the guest opens or closes the tray; the medium stays in it. */
    void guestMoveTray(boolean openIt) {
        open = openIt;
    }

    /** The events GET EVENT STATUS NOTIFICATION takes: new media first, then an eject request; each is taken once. */
    int takeMediaEvent() {
        if (open) {
            return 0;
        }
        if (newMediaEvent) {
            newMediaEvent = false;
            return 2; // NewMedia (MMC-5 6.6.2, media event codes)
        }
        if (ejectRequestEvent) {
            ejectRequestEvent = false;
            return 1; // EjectRequest
        }
        return 0; // NoChg
    }

    /** A reset: the lock is released (MMC-5 6.33) and, in QEMU, the tray marked closed; the change state is lost. */
    void reset(boolean closesTray) {
        locked = false;
        change = UNCHANGED;
        if (closesTray) {
            open = false;
        }
    }

    /** {@code blockdev-open-tray}: a locked tray gets an eject request and stays closed unless {@code force}. */
    public Outcome openTray(boolean force) {
        if (open) {
            return Outcome.DONE;
        }
        if (locked) {
            ejectRequestEvent = true;
            if (force) {
                locked = false;
            }
            changeInterrupt.run();
            if (!force) {
                return Outcome.LOCKED;
            }
        }
        moved(false);
        return Outcome.DONE;
    }

    /** {@code blockdev-close-tray}. */
    public Outcome closeTray() {
        if (open) {
            moved(true);
        }
        return Outcome.DONE;
    }

    /** {@code blockdev-remove-medium}: only with the tray open. */
    public Outcome removeMedium() {
        if (!open) {
            return Outcome.TRAY_CLOSED;
        }
        medium = null;
        return Outcome.DONE;
    }

    /** {@code blockdev-insert-medium}: only with the tray open and empty. */
    public Outcome insertMedium(CdMedium m) {
        if (!open) {
            return Outcome.TRAY_CLOSED;
        }
        if (medium != null) {
            return Outcome.OCCUPIED;
        }
        medium = m;
        return Outcome.DONE;
    }

    /** QMP {@code eject}: open the tray, then take the medium out. */
    public Outcome eject(boolean force) {
        Outcome o = openTray(force);
        return o == Outcome.DONE ? removeMedium() : o;
    }

    /** QMP {@code blockdev-change-medium}: open, take out, put {@code m} in, close. */
    public Outcome insert(CdMedium m, boolean force) {
        Outcome o = openTray(force);
        if (o != Outcome.DONE) {
            return o;
        }
        removeMedium();
        insertMedium(m);
        return closeTray();
    }

    /** The tray moved at the host's hand (QEMU ide_cd_change_cb): the drive counts the medium again. */
    private void moved(boolean closed) {
        open = !closed;
        blocks = medium == null ? 0 : medium.blocks();
        change = CHANGED;
        newMediaEvent = true;
        ejectRequestEvent = false;
        changeInterrupt.run();
    }
}
