package org.trapline.models.kbc;

/**
 * The bytes a PS/2 device has to send, as QEMU 7.2 keeps them (hw/input/ps2.c PS2Queue): a ring of
 * 256 slots of which at most {@link #PS2_QUEUE_SIZE} hold queued bytes; a reply that does not fit
 * whole is dropped. Command replies may be put ahead of the queued bytes and dropped again unread
 * when the next command comes. Fixed storage: no input makes it grow.
 */
final class Ps2Queue {
    /** The device's own buffer, as QEMU sizes it (PS2_QUEUE_SIZE). */
    static final int PS2_QUEUE_SIZE = 16;
    private static final int RING = 256;

    private final int[] data = new int[RING];
    private int rptr;
    private int wptr;
    /** The end of the command replies put ahead of the queue, or -1 when there are none. */
    private int cwptr = -1;
    private int count;

    void reset() {
        rptr = 0;
        wptr = 0;
        cwptr = -1;
        count = 0;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int count() {
        return count;
    }

    /** Appends {@code bytes} if they all fit; false (and nothing queued) otherwise. */
    boolean append(int... bytes) {
        if (PS2_QUEUE_SIZE - count < bytes.length) {
            return false;
        }
        for (int b : bytes) {
            data[wptr] = b & 0xff;
            wptr = (wptr + 1) & (RING - 1);
            count++;
        }
        return true;
    }

    /** Puts command replies ahead of whatever is queued (they are read first). */
    void prependReplies(int... bytes) {
        rptr = (rptr - bytes.length) & (RING - 1);
        cwptr = rptr;
        for (int b : bytes) {
            data[cwptr] = b & 0xff;
            cwptr = (cwptr + 1) & (RING - 1);
            count++;
        }
    }

    /** Drops the command replies not read yet. */
    void dropUnreadReplies() {
        if (cwptr == -1) {
            return;
        }
        count -= (cwptr - rptr) & (RING - 1);
        rptr = cwptr;
        cwptr = -1;
    }

    /** The next byte; when empty, the slot before the read position (the last byte read, as QEMU answers). */
    int read() {
        if (count == 0) {
            return data[(rptr - 1) & (RING - 1)];
        }
        int value = data[rptr];
        rptr = (rptr + 1) & (RING - 1);
        count--;
        if (rptr == cwptr) {
            cwptr = -1;
        }
        return value;
    }

    /** The queued bytes, oldest first, for reports. */
    String describe() {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", data[(rptr + i) & (RING - 1)]));
        }
        return s.append(']').toString();
    }
}
