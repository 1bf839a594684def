package org.trapline.qtest;

/**
 * The value last made for a key, for many keys, direct-mapped: a key's hash names one slot, and a
 * new key there replaces the old one. The keys stand apart from the values, so a look-up reads no
 * object until it hits. For readers and models of long logs, which meet the same few commands and
 * answers again and again; the values must be immutable, since one stands for every use of its key.
 */
public final class LongKeyedCache<T> {
    private final long[] keys;
    private final Object[] values;
    private final int shift;

    /** A cache of {@code 2^slotBits} slots, 1 to 30 bits. */
    public LongKeyedCache(int slotBits) {
        if (slotBits < 1 || slotBits > 30) {
            throw new IllegalArgumentException("slot bits " + slotBits + " (1 to 30)");
        }
        this.keys = new long[1 << slotBits];
        this.values = new Object[1 << slotBits];
        this.shift = Long.SIZE - slotBits;
    }

    /** The value kept for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public T find(long key) {
        int slot = slot(key);
        Object value = values[slot];
        return value != null && keys[slot] == key ? (T) value : null;
    }

    /** Keeps {@code value} for {@code key}, in place of whatever had its slot; returns it. */
    public T keep(long key, T value) {
        int slot = slot(key);
        keys[slot] = key;
        values[slot] = value;
        return value;
    }

    /** Fibonacci hashing: the key times 2^64 / phi, its top bits. */
    private int slot(long key) {
        return (int) ((key * 0x9e37_79b9_7f4a_7c15L) >>> shift);
    }
}
