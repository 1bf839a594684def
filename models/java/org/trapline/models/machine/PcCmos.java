package org.trapline.models.machine;

import org.trapline.models.fdc.FloppyGeometry;
import org.trapline.models.fdc.FloppyMedium;
import org.trapline.models.rtc.Mc146818;

/**
 * The configuration bytes QEMU 7.2 writes into CMOS RAM for {@code -machine pc -nodefaults}, as the
 * PC/Bochs BIOS reads them (hw/i386/pc.c pc_cmos_init and pc_cmos_init_late, hw/i386/x86.c).
 * Measured from qemu-system-x86_64 7.2 under -S with -m 16M, 128M, 1G, 3584M and 4G (all 128 bytes).
 */
final class PcCmos {
    static final int FLOPPY_TYPES = 0x10;
    /** The CMOS type of a 2.88 MB drive, QEMU's fallback for a drive with no diskette. */
    static final int EMPTY_DRIVE_TYPE = 5;
    static final int DISK_TYPES = 0x12;
    static final int EQUIPMENT = 0x14;
    static final int BASE_MEMORY = 0x15;
    static final int EXTENDED_MEMORY = 0x17;
    static final int EXTENDED_MEMORY_COPY = 0x30;
    static final int MEMORY_ABOVE_16M = 0x34;
    static final int BOOT_ORDER_3 = 0x38;
    static final int DISK_TRANSLATION = 0x39;
    static final int BOOT_ORDER_12 = 0x3d;
    static final int MEMORY_ABOVE_4G = 0x5b;
    static final int CPU_COUNT = 0x5f;

    private static final long KIB = 1024;
    /** A byte pc_cmos_init leaves alone. */
    private static final int UNSET = -1;
    private static final long MIB = 1024 * KIB;

    private PcCmos() {
    }

    /** Writes the configuration bytes for a board with {@code map}'s RAM into the RTC's CMOS RAM. */
    static void fill(Mc146818 rtc, PcMemoryMap map) {
        fill(rtc, map, new FloppyMedium[2], new boolean[2]);
    }

    /**
     * The same with floppy drives: byte 10h holds the CMOS drive type of units 0 (high nibble) and 1, byte 14h
     * bit 0 says a drive is there and bit 6 that there are two (hw/i386/pc.c pc_cmos_init_floppy,
     * cmos_get_fd_drive_type; the drive type QEMU picks from the image, hw/block/fdc.c pick_drive_type). A drive
     * with no diskette is QEMU's fallback type, 2.88 MB (the isa-fdc property fdtypeA/fallback, FLOPPY_DRIVE_TYPE_288).
     */
    static void fill(Mc146818 rtc, PcMemoryMap map, FloppyMedium[] floppies, boolean[] drivesPresent) {
        int[] cmos = new int[128];
        java.util.Arrays.fill(cmos, UNSET);
        long below4g = map.ramBelow4g();
        long above4g = map.ramAbove4g();

        word(cmos, BASE_MEMORY, Math.min(below4g / KIB, 640));
        long extended = below4g > MIB ? Math.min((below4g - MIB) / KIB, 65535) : 0;
        word(cmos, EXTENDED_MEMORY, extended);
        word(cmos, EXTENDED_MEMORY_COPY, extended);
        long above16m = below4g > 16 * MIB ? Math.min((below4g - 16 * MIB) / (64 * KIB), 65535) : 0;
        word(cmos, MEMORY_ABOVE_16M, above16m);
        long high = above4g / (64 * KIB);
        cmos[MEMORY_ABOVE_4G] = (int) (high & 0xff);
        cmos[MEMORY_ABOVE_4G + 1] = (int) (high >> 8 & 0xff);
        cmos[MEMORY_ABOVE_4G + 2] = (int) (high >> 16 & 0xff);

        // Boot order "cad": hard disk (2), floppy (1), CD-ROM (3); bit 0 of 0x38 clear: floppy signature check on.
        cmos[BOOT_ORDER_12] = 0x12;
        cmos[BOOT_ORDER_3] = 0x30;
        cmos[EQUIPMENT] = 0x06; // FPU, PS/2 mouse; no floppy drive with -nodefaults
        cmos[FLOPPY_TYPES] = 0x00;
        int drives = 0;
        for (int unit = 0; unit < 2; unit++) {
            FloppyGeometry g = floppies[unit] == null ? null : FloppyGeometry.ofImageSectors(floppies[unit].sectors());
            if (g != null || drivesPresent[unit]) {
                cmos[FLOPPY_TYPES] |= (g == null ? EMPTY_DRIVE_TYPE : g.cmosDriveType()) << (unit == 0 ? 4 : 0);
                drives++;
            }
        }
        cmos[EQUIPMENT] |= drives == 0 ? 0 : drives == 1 ? 0x01 : 0x41;
        cmos[DISK_TYPES] = 0x00;
        cmos[DISK_TRANSLATION] = 0x00;
        cmos[CPU_COUNT] = 0x00; // one CPU: the count less one
        for (int i = 0; i < cmos.length; i++) {
            if (cmos[i] != UNSET) {
                rtc.presetCmos(i, cmos[i]);
            }
        }
    }

    private static void word(int[] cmos, int at, long value) {
        cmos[at] = (int) (value & 0xff);
        cmos[at + 1] = (int) (value >> 8 & 0xff);
    }
}
