package org.trapline.models.ide;

/**
 * A CD-ROM medium as the drive reads it: logical blocks of {@link #BLOCK} bytes (MMC-4 4.2, the CD-ROM
 * data block of a Mode 1 sector), numbered from 0. A medium is read, never written.
 */
public interface CdMedium {
    /** Bytes in one logical block. */
    int BLOCK = 2048;

    /** How many logical blocks the medium holds. */
    long blocks();

    /**
     * Copies block {@code lba} into {@code dst[off..off+2047]}.
     *
     * @return false if the block could not be read (the drive reports it; nothing is thrown)
     */
    boolean read(long lba, byte[] dst, int off);

    /** A medium held in memory, for tests and small images: {@code bytes} is not copied. */
    static CdMedium ofBytes(byte[] bytes) {
        return new CdBytes(bytes);
    }
}
