package org.trapline.models.uart;

/**
 * One of the PC16550D's 16-byte FIFOs (§8.5). The RCVR FIFO keeps three error bits beside each byte
 * (PE, FE, BI, as LSR bits 2-4); the XMIT FIFO leaves them 0.
 */
final class ByteFifo {
    static final int DEPTH = 16;

    private final int[] slots = new int[DEPTH];
    private int head;
    private int count;

    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    boolean isFull() {
        return count == DEPTH;
    }

    /** Adds {@code entry} (byte in bits 0-7, error bits above) unless full; returns whether it was taken. */
    boolean push(int entry) {
        if (count == DEPTH) {
            return false;
        }
        slots[(head + count) % DEPTH] = entry;
        count++;
        return true;
    }

    /** The oldest entry, removed; 0 when empty. */
    int pop() {
        if (count == 0) {
            return 0;
        }
        int e = slots[head];
        head = (head + 1) % DEPTH;
        count--;
        return e;
    }

    /** The oldest entry without removing it; 0 when empty. */
    int peek() {
        return count == 0 ? 0 : slots[head];
    }

    /** Whether any entry has one of {@code bits}. */
    boolean anyHas(int bits) {
        for (int i = 0; i < count; i++) {
            if ((slots[(head + i) % DEPTH] & bits) != 0) {
                return true;
            }
        }
        return false;
    }

    void clear() {
        head = 0;
        count = 0;
    }
}
