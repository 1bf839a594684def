package org.trapline.models.memory;

import java.util.HashMap;
import java.util.Map;

import org.trapline.models.bus.IoDevice;

/**
 * Guest RAM as sparse 4 KiB pages: a page exists once written, and unwritten RAM reads as zero,
 * as freshly allocated RAM does in QEMU. Addresses at or past the RAM size are not RAM.
 */
public final class GuestMemory implements IoDevice {
    public static final int PAGE_SIZE = 4096;
    private static final int PAGE_SHIFT = 12;

    private final long sizeBytes;
    private final Map<Long, byte[]> pages = new HashMap<>();

    public GuestMemory(long sizeBytes) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("negative RAM size " + sizeBytes);
        }
        this.sizeBytes = sizeBytes;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public boolean contains(long address) {
        return address >= 0 && address < sizeBytes;
    }

    public int readByte(long address) {
        byte[] page = pages.get(address >>> PAGE_SHIFT);
        return page == null ? 0 : page[(int) (address & (PAGE_SIZE - 1))] & 0xff;
    }

    public void writeByte(long address, int value) {
        byte[] page = pages.computeIfAbsent(address >>> PAGE_SHIFT, k -> new byte[PAGE_SIZE]);
        page[(int) (address & (PAGE_SIZE - 1))] = (byte) value;
    }

    /** Little-endian read of {@code size} bytes (1 to 8). */
    @Override
    public long read(long address, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = (value << 8) | readByte(address + i);
        }
        return value;
    }

    /** Little-endian write of {@code size} bytes (1 to 8). */
    @Override
    public void write(long address, int size, long value) {
        for (int i = 0; i < size; i++) {
            writeByte(address + i, (int) (value >>> (8 * i)));
        }
    }

    public int pagesTouched() {
        return pages.size();
    }
}
