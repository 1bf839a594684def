package org.trapline.models.ide;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A raw CD image file (an "ISO"): block n is the file's bytes from n * 2048. The file is opened read-only
 * and read one block at a time when the guest asks for it, so the image's size never sets the memory
 * used; nothing is ever written to it.
 *
 * <p>The block count is QEMU's: the file's length rounded up to whole 512-byte sectors (raw format, as
 * QEMU's block layer counts it), then down to whole 2048-byte blocks; the bytes of a last block that lie
 * past the end of the file read as zeros.
 */
public final class CdImageFile implements CdMedium, AutoCloseable {
    private final Path path;
    private final FileChannel file;
    private final long length;
    private final long blocks;

    private CdImageFile(Path path, FileChannel file, long length) {
        this.path = path;
        this.file = file;
        this.length = length;
        this.blocks = blocksOf(length);
    }

    /**
     * Opens {@code path} for reading.
     *
     * @throws IOException naming the file and the reason if it cannot be opened
     */
    public static CdImageFile open(Path path) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new IOException(path + ": cannot open the CD image for reading: " + e.getMessage(), e);
        }
        try {
            return new CdImageFile(path, ch, ch.size());
        } catch (IOException e) {
            ch.close();
            throw new IOException(path + ": cannot read the CD image's size: " + e.getMessage(), e);
        }
    }

    /** QEMU's block count for a raw image of {@code length} bytes (hw/ide/core.c nb_sectors >> 2). */
    static long blocksOf(long length) {
        long sectors512 = (length + 511) / 512;
        return sectors512 / 4;
    }

    public Path path() {
        return path;
    }

    @Override
    public long blocks() {
        return blocks;
    }

    @Override
    public boolean read(long lba, byte[] dst, int off) {
        if (lba < 0 || lba >= blocks) {
            return false;
        }
        long pos = lba * BLOCK;
        ByteBuffer buf = ByteBuffer.wrap(dst, off, BLOCK);
        try {
            while (buf.hasRemaining() && pos < length) {
                int n = file.read(buf, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
            }
        } catch (IOException e) {
            return false;
        }
        Arrays.fill(dst, buf.position(), off + BLOCK, (byte) 0);
        return true;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
