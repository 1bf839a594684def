package org.trapline.models.machine;

import java.util.Arrays;

import org.trapline.models.fdc.FloppyMedium;

/** A diskette whose every sector reads as zeros: QEMU's null-co driver with read-zeroes=on. */
final class ZeroDiskette implements FloppyMedium {
    private final long sectors;

    ZeroDiskette(long bytes) {
        this.sectors = bytes / SECTOR_BYTES;
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long lba, byte[] into) {
        Arrays.fill(into, 0, SECTOR_BYTES, (byte) 0);
    }

    @Override
    public String toString() {
        return FloppyDisk.NULL_CO + " (" + sectors + " sectors of zeros)";
    }
}
