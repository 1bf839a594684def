package org.trapline.models.fdc;

import java.util.HashMap;
import java.util.Map;

/**
 * One drive on the controller's cable: where its head is (cylinder, head, the sector under it), its
 * diskette if one is in, the DSKCHG line and the WP line. What the guest writes stays in an overlay of
 * written sectors (at most the diskette's size), so the image is only ever read.
 */
final class FloppyDrive {
    private final FloppyMedium medium;
    private final FloppyGeometry geometry;
    private final boolean writeProtected;
    private final Map<Long, byte[]> overlay = new HashMap<>();
    /** Sectors written with the deleted data address mark (WRITE DELETED DATA); an image has none. */
    private final java.util.Set<Long> deleted = new java.util.HashSet<>();
    int track;
    int head;
    int sector = 1;
    /** The DSKCHG line: set at power-on and on a diskette change, cleared by a step pulse with a diskette in. */
    boolean diskChanged = true;

    FloppyDrive(FloppyMedium medium, boolean writeProtected) {
        this.medium = medium;
        this.geometry = medium == null ? null : FloppyGeometry.ofImageSectors(medium.sectors());
        if (medium != null && geometry == null) {
            throw new IllegalArgumentException("a diskette of " + medium.sectors() + " sectors matches no format");
        }
        this.writeProtected = writeProtected;
    }

    boolean hasDiskette() {
        return medium != null;
    }

    FloppyGeometry geometry() {
        return geometry;
    }

    boolean writeProtected() {
        return writeProtected;
    }

    /** The linear sector of (cylinder, head, sector 1-based) on this diskette's geometry. */
    long lba(int c, int h, int s) {
        return ((long) c * geometry.heads() + h) * geometry.sectorsPerTrack() + s - 1;
    }

    void read(long lba, byte[] into) {
        byte[] written = overlay.get(lba);
        if (written != null) {
            System.arraycopy(written, 0, into, 0, FloppyMedium.SECTOR_BYTES);
        } else if (lba < 0 || lba >= medium.sectors()) {
            java.util.Arrays.fill(into, 0, FloppyMedium.SECTOR_BYTES, (byte) 0);
        } else {
            medium.read(lba, into);
        }
    }

    void write(long lba, byte[] from) {
        if (lba >= 0 && lba < medium.sectors()) {
            overlay.put(lba, java.util.Arrays.copyOf(from, FloppyMedium.SECTOR_BYTES));
        }
    }

    void markDeleted(long lba, boolean mark) {
        if (mark) {
            deleted.add(lba);
        } else {
            deleted.remove(lba);
        }
    }

    boolean isDeleted(long lba) {
        return deleted.contains(lba);
    }

    /** Sectors the guest has written (kept in memory, never in the image). */
    int writtenSectors() {
        return overlay.size();
    }
}
