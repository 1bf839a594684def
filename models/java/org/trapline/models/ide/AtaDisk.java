package org.trapline.models.ide;

/**
 * An ATA hard disk as the board attaches it: its medium, the strings IDENTIFY DEVICE reports (serial number,
 * firmware revision, model number: ATA/ATAPI-6 clause 8.15, words 10-19, 23-26, 27-46), whether its write cache
 * is on, and its default CHS translation (cylinders, heads, sectors per track), which {@link #of} derives from
 * the medium as QEMU 7.2 does (hw/block/hd-geometry.c hd_geometry_guess).
 */
public record AtaDisk(BlockImage image, String serial, String firmware, String model, boolean writeCache,
        int cylinders, int heads, int sectorsPerTrack) {
    /** QEMU's defaults: "QEMU HARDDISK", qemu_hw_version() of pc-i440fx-7.2. */
    public static final String DEFAULT_MODEL = "QEMU HARDDISK";
    public static final String DEFAULT_FIRMWARE = "2.5+";

    public AtaDisk {
        if (image == null) {
            throw new IllegalArgumentException("an ATA disk needs a medium");
        }
        serial = limit(serial, 20);
        firmware = limit(firmware, 8);
        model = limit(model, 40);
    }

    /**
     * A disk whose geometry is guessed from its medium: an MS-DOS partition table (55AAh at bytes 510-511 of
     * sector 0) whose first used entry ends on a head below 16 gives heads and sectors from its end CHS;
     * otherwise 16 heads, 63 sectors and the cylinders the capacity fills, from 2 to 16383.
     */
    public static AtaDisk of(BlockImage image, String serial, String firmware, String model, boolean writeCache) {
        long total = image.sectors();
        int[] chs = partitionGeometry(image, total);
        if (chs == null || chs[1] > 16) {
            long c = total / (16 * 63);
            chs = new int[] {(int) Math.max(2, Math.min(16383, c)), 16, 63};
        }
        return new AtaDisk(image, serial, firmware, model, writeCache, chs[0], chs[1], chs[2]);
    }

    private static int[] partitionGeometry(BlockImage image, long total) {
        if (total == 0) {
            return null;
        }
        byte[] mbr = new byte[BlockImage.SECTOR_BYTES];
        image.read(0, mbr, 0);
        if ((mbr[510] & 0xff) != 0x55 || (mbr[511] & 0xff) != 0xaa) {
            return null;
        }
        for (int i = 0; i < 4; i++) {
            int e = 0x1be + 16 * i;
            long length = (mbr[e + 12] & 0xffL) | (mbr[e + 13] & 0xffL) << 8 | (mbr[e + 14] & 0xffL) << 16
                    | (mbr[e + 15] & 0xffL) << 24;
            int endHead = mbr[e + 5] & 0xff;
            if (length == 0 || endHead == 0) {
                continue;
            }
            int heads = endHead + 1;
            int sectors = mbr[e + 6] & 63;
            if (sectors == 0) {
                continue;
            }
            long cylinders = total / ((long) heads * sectors);
            if (cylinders < 1 || cylinders > 16383) {
                continue;
            }
            return new int[] {(int) cylinders, heads, sectors};
        }
        return null;
    }

    private static String limit(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() > max ? s.substring(0, max) : s;
    }
}
