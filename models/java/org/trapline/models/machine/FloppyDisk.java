package org.trapline.models.machine;

/**
 * A floppy drive and what is in it, as {@code -drive if=floppy,...}, {@code -fda}/{@code -fdb},
 * {@code -device floppy} or QEMU's default drive give it: the drive's unit (0 or 1); the raw image file,
 * {@link #NULL_CO} for a diskette of zeros ({@code file=null-co://,file.read-zeroes=on,size=N}), or null
 * for an empty drive; whether the diskette is write-protected; and the size of a diskette of zeros.
 */
public record FloppyDisk(int unit, String path, boolean readOnly, long zeroBytes) {
    /** QEMU's null block driver, whose reads give zeros with {@code read-zeroes=on}. */
    public static final String NULL_CO = "null-co://";

    public FloppyDisk(int unit, String path, boolean readOnly) {
        this(unit, path, readOnly, 0);
    }

    /** A drive with no diskette in it. */
    public static FloppyDisk emptyDrive(int unit) {
        return new FloppyDisk(unit, null, false, 0);
    }

    /** A diskette of {@code bytes} zeros, on QEMU's null block driver. */
    public static FloppyDisk zeros(int unit, long bytes, boolean readOnly) {
        return new FloppyDisk(unit, NULL_CO, readOnly, bytes);
    }

    public boolean hasDiskette() {
        return path != null;
    }
}
