package org.trapline.models.ide;

/**
 * The 256 words of IDENTIFY DEVICE (ATA/ATAPI-6 clause 8.15, Table 16) for a disk, word for word as QEMU 7.2
 * fills them (hw/ide/core.c ide_identify, ide_identify_size; hw/ide/qdev.c's 512-byte discard granularity and
 * physical block size). Strings are ATA strings: two characters a word, the first in the high byte, padded with
 * spaces (clause 3.3.10).
 */
final class Identify {
    static final int WORDS = 256;
    /** Words 62, 63 and 88 with no mode selected: SWDMA 0-2, MWDMA 0-2, UDMA 0-5 supported. */
    static final int SWDMA_SUPPORTED = 0x07, MWDMA_SUPPORTED = 0x07, UDMA_SUPPORTED = 0x3f;
    /** Word 88 as QEMU builds it first: UDMA 0-5 supported and its bit 13 (UDMA 5 selected). */
    static final int UDMA_AT_FIRST = UDMA_SUPPORTED | 1 << 13;
    /** Word 85 with the write cache on (bit 5) and off; NOP (bit 14) and SMART (bit 0) always enabled. */
    static final int ENABLED_WITH_CACHE = 1 << 14 | 1 << 5 | 1, ENABLED_NO_CACHE = 1 << 14 | 1;
    static final int LBA28_MAX = (1 << 28) - 1;

    private Identify() {
    }

    /**
     * The words, with {@code multiple} sectors per block in word 59 (0 for none), the transfer-mode words 62, 63
     * and 88 and the enabled-features word 85 as given.
     */
    static int[] words(AtaDisk d, long sectors, int multiple, int w62, int w63, int w88, int w85) {
        int[] p = new int[WORDS];
        p[0] = 0x0040; // fixed device (obsolete bit 6)
        p[1] = d.cylinders();
        p[3] = d.heads();
        p[4] = 512 * d.sectorsPerTrack() & 0xffff; // retired: unformatted bytes per track
        p[5] = 512; // retired: bytes per sector
        p[6] = d.sectorsPerTrack();
        string(p, 10, 20, d.serial());
        p[20] = 3; // retired: buffer type
        p[21] = 512; // retired: buffer size in sectors
        p[22] = 4; // obsolete: ECC bytes on READ/WRITE LONG
        string(p, 23, 8, d.firmware());
        string(p, 27, 40, d.model());
        p[47] = 0x8000 | AtaDevice.MAX_MULT_SECTORS;
        p[48] = 1; // reserved in ATA-6; QEMU: dword I/O
        p[49] = 1 << 11 | 1 << 9 | 1 << 8; // IORDY, LBA, DMA supported
        p[51] = 0x200; // obsolete PIO and DMA timing modes
        p[52] = 0x200;
        p[53] = 1 | 1 << 1 | 1 << 2; // words 54-58, 64-70 and 88 valid
        p[54] = d.cylinders();
        p[55] = d.heads();
        p[56] = d.sectorsPerTrack();
        long chs = (long) d.cylinders() * d.heads() * d.sectorsPerTrack();
        p[57] = (int) (chs & 0xffff);
        p[58] = (int) (chs >>> 16 & 0xffff);
        if (multiple != 0) {
            p[59] = 0x100 | multiple;
        }
        long lba28 = Math.min(sectors, LBA28_MAX);
        p[60] = (int) (lba28 & 0xffff);
        p[61] = (int) (lba28 >>> 16 & 0xffff);
        p[62] = w62;
        p[63] = w63;
        p[64] = 0x03; // PIO 3 and 4
        p[65] = 120;
        p[66] = 120;
        p[67] = 120;
        p[68] = 120;
        p[69] = 1 << 14; // QEMU: deterministic TRIM behaviour (discard granularity 512)
        p[80] = 0xf0; // ATA-4 to ATA-7 supported
        p[81] = 0x16;
        p[82] = 1 << 14 | 1 << 5 | 1; // NOP, write cache, SMART supported
        p[83] = 1 << 14 | 1 << 13 | 1 << 12 | 1 << 10; // FLUSH CACHE EXT, FLUSH CACHE, 48-bit address
        p[84] = 1 << 14;
        p[85] = w85;
        p[86] = 1 << 13 | 1 << 12 | 1 << 10;
        p[87] = 1 << 14;
        p[88] = w88;
        p[93] = 1 | 1 << 14 | 0x2000;
        p[100] = (int) (sectors & 0xffff);
        p[101] = (int) (sectors >>> 16 & 0xffff);
        p[102] = (int) (sectors >>> 32 & 0xffff);
        p[103] = (int) (sectors >>> 48 & 0xffff);
        p[106] = 0x6000; // QEMU: physical block size reported, one logical sector a physical one
        p[169] = 1; // QEMU: DATA SET MANAGEMENT TRIM supported
        return p;
    }

    /** An ATA string of {@code chars} characters at word {@code at}, space-padded. */
    private static void string(int[] p, int at, int chars, String s) {
        for (int i = 0; i < chars; i += 2) {
            int hi = i < s.length() ? s.charAt(i) & 0xff : ' ';
            int lo = i + 1 < s.length() ? s.charAt(i + 1) & 0xff : ' ';
            p[at + i / 2] = hi << 8 | lo;
        }
    }
}
