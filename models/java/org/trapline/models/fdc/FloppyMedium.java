package org.trapline.models.fdc;

/**
 * A diskette's bytes as the drive reads them, 512-byte sector by sector. The board supplies it (an
 * image file read on demand); the controller never writes through it: the drive keeps what the guest
 * writes in an overlay of its own.
 */
public interface FloppyMedium {
    /** Bytes per sector on every format Trapline models (QEMU's FD_SECTOR_LEN). */
    int SECTOR_BYTES = 512;

    /** The image's length in 512-byte sectors. */
    long sectors();

    /**
     * Reads sector {@code lba} (0-based, in image order) into {@code into[0..512)}; a sector past the end,
     * or one that cannot be read, reads as zeros, as QEMU fills its buffer when blk_pread fails.
     */
    void read(long lba, byte[] into);
}
