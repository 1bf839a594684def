package org.trapline.models.fdc;

/**
 * A diskette format: cylinders, heads, sectors per track and the data rate it is recorded at (the
 * DSR/CCR DRATE code: 0 = 500 kb/s, 1 = 300 kb/s, 2 = 250 kb/s, 3 = 1 Mb/s).
 */
public record FloppyGeometry(int cylinders, int heads, int sectorsPerTrack, int rate, String name) {
    /**
     * The formats QEMU 7.2 picks from an image's size with the drive type left automatic, in the order
     * of its table (hw/block/fdc.c fd_formats, pick_geometry: the first entry whose sector count matches).
     */
    private static final java.util.List<FloppyGeometry> FORMATS = java.util.List.of(
        new FloppyGeometry(80, 2, 18, 0, "1.44 MB 3.5\""),
        new FloppyGeometry(80, 2, 20, 0, "1.6 MB 3.5\""),
        new FloppyGeometry(80, 2, 21, 0, "1.68 MB 3.5\""),
        new FloppyGeometry(82, 2, 21, 0, "1.72 MB 3.5\""),
        new FloppyGeometry(83, 2, 21, 0, "1.74 MB 3.5\""),
        new FloppyGeometry(80, 2, 22, 0, "1.76 MB 3.5\""),
        new FloppyGeometry(80, 2, 23, 0, "1.84 MB 3.5\""),
        new FloppyGeometry(80, 2, 24, 0, "1.92 MB 3.5\""),
        new FloppyGeometry(80, 2, 36, 3, "2.88 MB 3.5\""),
        new FloppyGeometry(80, 2, 39, 3, "3.12 MB 3.5\""),
        new FloppyGeometry(80, 2, 40, 3, "3.2 MB 3.5\""),
        new FloppyGeometry(80, 2, 44, 3, "3.52 MB 3.5\""),
        new FloppyGeometry(80, 2, 48, 3, "3.84 MB 3.5\""),
        new FloppyGeometry(80, 2, 9, 2, "720 kB 3.5\""),
        new FloppyGeometry(80, 2, 10, 2, "800 kB 3.5\""),
        new FloppyGeometry(82, 2, 10, 2, "820 kB 3.5\""),
        new FloppyGeometry(83, 2, 10, 2, "830 kB 3.5\""),
        new FloppyGeometry(80, 2, 13, 2, "1.04 MB 3.5\""),
        new FloppyGeometry(80, 2, 14, 2, "1.12 MB 3.5\""),
        new FloppyGeometry(80, 2, 15, 0, "1.2 MB 5.25\""),
        new FloppyGeometry(80, 2, 18, 0, "1.44 MB 5.25\""),
        new FloppyGeometry(82, 2, 18, 0, "1.48 MB 5.25\""),
        new FloppyGeometry(83, 2, 18, 0, "1.49 MB 5.25\""),
        new FloppyGeometry(80, 2, 20, 0, "1.6 MB 5.25\""),
        new FloppyGeometry(80, 2, 9, 2, "720 kB 5.25\""),
        new FloppyGeometry(80, 2, 11, 2, "880 kB 5.25\""),
        new FloppyGeometry(40, 2, 9, 1, "360 kB 5.25\""),
        new FloppyGeometry(40, 1, 9, 1, "180 kB 5.25\""),
        new FloppyGeometry(41, 2, 10, 1, "410 kB 5.25\""),
        new FloppyGeometry(42, 2, 10, 1, "420 kB 5.25\""),
        new FloppyGeometry(40, 2, 8, 2, "320 kB 5.25\""),
        new FloppyGeometry(40, 1, 8, 2, "160 kB 5.25\""),
        new FloppyGeometry(80, 1, 9, 2, "360 kB 3.5\""));

    /** The format of an image of {@code sectors} 512-byte sectors, or null when no format has that size. */
    public static FloppyGeometry ofImageSectors(long sectors) {
        for (FloppyGeometry g : FORMATS) {
            if (g.sectors() == sectors) {
                return g;
            }
        }
        return null;
    }

    /** The sizes (in bytes) of the formats, for a message that refuses an image. */
    public static String knownSizes() {
        StringBuilder s = new StringBuilder();
        java.util.Set<Long> seen = new java.util.TreeSet<>();
        for (FloppyGeometry g : FORMATS) {
            seen.add(g.sectors() * FloppyMedium.SECTOR_BYTES);
        }
        for (long b : seen) {
            s.append(s.length() == 0 ? "" : ", ").append(b / 1024).append(" KiB");
        }
        return s.toString();
    }

    /**
     * The drive type QEMU 7.2 gives a drive holding this diskette, as the CMOS byte 10h codes it: 2 for the
     * 5.25" 1.2 MB drive, 4 for the 3.5" 1.44 MB one, 5 for the 2.88 MB one (hw/block/fdc.c fd_formats' drive
     * column, pick_drive_type; hw/i386/pc.c cmos_get_fd_drive_type).
     */
    public int cmosDriveType() {
        return rate == 3 ? 5 : name.endsWith("5.25\"") ? 2 : 4;
    }

    public long sectors() {
        return (long) cylinders * heads * sectorsPerTrack;
    }
}
