package org.trapline.models.ide;

/**
 * The data of one packet command on their way to the host: either a reply built in the command buffer,
 * or logical blocks read from the medium one at a time into that same buffer (QEMU's io_buffer), so no
 * memory is taken in proportion to the length a CDB claims. The ATA side takes the bytes in DRQ blocks
 * ({@link AtapiDevice}); a bus master can take them with {@link #read(byte[], int, int)}.
 */
public final class AtapiTransfer {
    private final byte[] buffer;
    private final CdTray tray;
    private long remaining;
    /** The reply's next byte, or the next byte of the block in the buffer. */
    private int pos;
    /** The end of the valid bytes in the buffer: the reply's length, or a block's. */
    private int end;
    private boolean fromMedium;
    private CdMedium medium;
    private long nextLba;
    private int failKey, failAsc;

    AtapiTransfer(byte[] buffer, CdTray tray) {
        this.buffer = buffer;
        this.tray = tray;
    }

    /** A reply of {@code length} bytes at the start of the buffer. */
    void startReply(int length) {
        fromMedium = false;
        medium = null;
        remaining = length;
        pos = 0;
        end = length;
        failKey = 0;
    }

    /** {@code length} bytes of blocks from {@code lba}: the first block is read now. */
    void startRead(CdMedium m, long lba, long length) {
        fromMedium = true;
        medium = m;
        nextLba = lba;
        remaining = length;
        pos = end = CdMedium.BLOCK;
        failKey = 0;
        refill();
    }

    /** Ends the transfer (a reset, an abort). */
    void stop() {
        remaining = 0;
        medium = null;
    }

    /** Bytes still to go to the host. */
    public long remaining() {
        return remaining;
    }

    /** True when the bytes come from the medium, one block at a time. */
    boolean fromMedium() {
        return fromMedium;
    }

    /** Bytes that can be taken before the end of the transfer or of the block in the buffer. */
    int window() {
        return (int) Math.min(remaining, end - pos);
    }

    /** True if reading the medium failed; {@link #failureKey()} and {@link #failureAsc()} say how. */
    public boolean failed() {
        return failKey != 0;
    }

    int failureKey() {
        return failKey;
    }

    int failureAsc() {
        return failAsc;
    }

    /** Takes one byte; 0 once the transfer is over or has failed. */
    int next() {
        if (remaining <= 0 || failKey != 0) {
            return 0;
        }
        int b = buffer[pos++] & 0xff;
        remaining--;
        if (pos == end && remaining > 0 && fromMedium) {
            refill();
        }
        return b;
    }

    /**
     * Copies up to {@code len} bytes into {@code dst} (a bus master's buffer).
     *
     * @return how many were copied; fewer than asked at the end, or 0 after a failure
     */
    public int read(byte[] dst, int off, int len) {
        int done = 0;
        while (done < len && remaining > 0 && failKey == 0) {
            int n = Math.min(len - done, window());
            System.arraycopy(buffer, pos, dst, off + done, n);
            pos += n;
            remaining -= n;
            done += n;
            if (pos == end && remaining > 0 && fromMedium) {
                refill();
            }
        }
        return done;
    }

    /** Reads the next block into the buffer; a medium taken out meanwhile is NOT READY (QEMU -ENOMEDIUM). */
    private void refill() {
        if (tray.medium() != medium) {
            fail(AtapiSense.NOT_READY, AtapiSense.MEDIUM_NOT_PRESENT);
        } else if (!medium.read(nextLba, buffer, 0)) {
            // QEMU ide_atapi_io_error: every other read error is reported as an address out of range.
            fail(AtapiSense.ILLEGAL_REQUEST, AtapiSense.LOGICAL_BLOCK_OUT_OF_RANGE);
        } else {
            nextLba++;
            pos = 0;
            end = CdMedium.BLOCK;
        }
    }

    private void fail(int key, int asc) {
        failKey = key;
        failAsc = asc;
    }
}
