package org.trapline.models.machine;

/**
 * A diskette in a floppy drive, as {@code -drive if=floppy,format=raw,file=PATH[,index=N][,readonly=on]}
 * or {@code -fda}/{@code -fdb} give it: the drive's unit (0 or 1), the raw image file, and whether the
 * diskette is write-protected.
 */
public record FloppyDisk(int unit, String path, boolean readOnly) {
}
