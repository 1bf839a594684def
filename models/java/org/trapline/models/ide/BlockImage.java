package org.trapline.models.ide;

/**
 * What a hard disk stores: a number of 512-byte sectors (ATA/ATAPI-6 clause 6.2, the logical sector of an
 * ATA device) that the drive reads and writes by LBA. The board gives one per attached disk.
 */
public interface BlockImage {
    int SECTOR_BYTES = 512;

    /** Sectors on the medium. */
    long sectors();

    /** Copies sector {@code lba} into {@code into[offset..offset+512)}; a sector past the end reads as zeros. */
    void read(long lba, byte[] into, int offset);

    /** Stores {@code from[offset..offset+512)} as sector {@code lba}; a sector past the end is dropped. */
    void write(long lba, byte[] from, int offset);
}
