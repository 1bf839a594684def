package org.trapline.models.ide;

import java.util.Arrays;

/** A medium in memory; a last partial block reads with zeros after the bytes, as {@link CdImageFile}'s. */
final class CdBytes implements CdMedium {
    private final byte[] bytes;
    private final long blocks;

    CdBytes(byte[] bytes) {
        this.bytes = bytes;
        this.blocks = CdImageFile.blocksOf(bytes.length);
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
        long start = lba * BLOCK;
        int n = (int) Math.max(0, Math.min(BLOCK, bytes.length - start));
        System.arraycopy(bytes, (int) start, dst, off, n);
        Arrays.fill(dst, off + n, off + BLOCK, (byte) 0);
        return true;
    }
}
