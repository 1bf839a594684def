package org.trapline.models.machine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.trapline.models.ide.BlockImage;

/**
 * A raw disk image read on demand: each sector the drive asks for is read then through a read-only FileChannel, so
 * memory never depends on the image's size. The guest's writes go to a sparse overlay, one buffer per sector
 * written, and the file is never written (as QEMU's {@code snapshot=on} keeps them off it). A raw image of a size
 * that is not a multiple of 512 has its last sector padded with zeros, as QEMU's raw driver rounds it up.
 */
public final class RawImage implements BlockImage, AutoCloseable {
    private final String path;
    private final FileChannel file;
    private final long bytes;
    private final long sectors;
    private final Map<Long, byte[]> overlay = new HashMap<>();

    public RawImage(String path) {
        this.path = path;
        try {
            file = FileChannel.open(Path.of(path), StandardOpenOption.READ);
            bytes = file.size();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("disk image " + path + ": cannot read: " + e.getMessage(), e);
        }
        sectors = (bytes + SECTOR_BYTES - 1) / SECTOR_BYTES;
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long lba, byte[] into, int offset) {
        byte[] written = overlay.get(lba);
        if (written != null) {
            System.arraycopy(written, 0, into, offset, SECTOR_BYTES);
            return;
        }
        Arrays.fill(into, offset, offset + SECTOR_BYTES, (byte) 0);
        if (lba < 0 || lba >= sectors) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(into, offset, SECTOR_BYTES);
        long at = lba * SECTOR_BYTES;
        try {
            while (b.hasRemaining() && at < bytes) {
                int n = file.read(b, at);
                if (n < 0) {
                    break;
                }
                at += n;
            }
        } catch (IOException | RuntimeException e) {
            // A guest access never fails: a sector that cannot be read reads as zeros.
            Arrays.fill(into, offset, offset + SECTOR_BYTES, (byte) 0);
        }
    }

    @Override
    public void write(long lba, byte[] from, int offset) {
        if (lba < 0 || lba >= sectors) {
            return;
        }
        overlay.computeIfAbsent(lba, k -> new byte[SECTOR_BYTES]);
        System.arraycopy(from, offset, overlay.get(lba), 0, SECTOR_BYTES);
    }

    /** Sectors the guest has written (held in memory). */
    public int writtenSectors() {
        return overlay.size();
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            // nothing was written to it; closing a read-only channel loses nothing
        }
    }

    @Override
    public String toString() {
        return path;
    }
}
