package org.trapline.models.bus;

/**
 * A device mapped into an address space: [base, base+length), implemented for access sizes
 * minAccess..maxAccess bytes (powers of two). The bus adapts every other size to that range.
 * {@code deviceOffset} is where the window starts within the device's register block: a region
 * may show a device from the middle, as where another register covers part of it.
 */
public record Region(String name, long base, long length, long deviceOffset, int minAccess, int maxAccess,
                     IoDevice device) {
    public Region(String name, long base, long length, int minAccess, int maxAccess, IoDevice device) {
        this(name, base, length, 0, minAccess, maxAccess, device);
    }

    public Region {
        if (length <= 0) {
            throw new IllegalArgumentException(name + ": empty region");
        }
        if (Integer.bitCount(minAccess) != 1 || Integer.bitCount(maxAccess) != 1 || minAccess > maxAccess || maxAccess > 8) {
            throw new IllegalArgumentException(name + ": access sizes " + minAccess + ".." + maxAccess);
        }
    }

    public long end() {
        return base + length;
    }

    /** The device's own offset for an address in this region. */
    public long offsetOf(long address) {
        return address - base + deviceOffset;
    }

    public boolean contains(long address) {
        return address >= base && address - base < length;
    }
}
