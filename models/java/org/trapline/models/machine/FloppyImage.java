package org.trapline.models.machine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.Arrays;

import org.trapline.models.fdc.FloppyMedium;

/**
 * A raw floppy image read on demand: each sector the drive asks for is read from the file then, never
 * the whole image, and the file is never written (the drive keeps the guest's writes in memory).
 */
final class FloppyImage implements FloppyMedium {
    private final String path;
    private final long sectors;

    FloppyImage(String path) {
        this.path = path;
        try (RandomAccessFile f = new RandomAccessFile(path, "r")) {
            this.sectors = f.length() / SECTOR_BYTES;
        } catch (IOException e) {
            throw new IllegalArgumentException("floppy image " + path + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long lba, byte[] into) {
        Arrays.fill(into, 0, SECTOR_BYTES, (byte) 0);
        if (lba < 0 || lba >= sectors) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(path, "r")) {
            f.seek(lba * SECTOR_BYTES);
            f.readFully(into, 0, SECTOR_BYTES);
        } catch (IOException e) {
            // A guest access never fails: a sector that cannot be read reads as zeros, as QEMU's buffer does.
            Arrays.fill(into, 0, SECTOR_BYTES, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return path;
    }
}
