package org.trapline.models.bus;

import org.trapline.models.device.Inspectable;

/**
 * A device's register block (or a window of it) as a bus maps it: [base, base+length), implemented
 * for access sizes minAccess..maxAccess bytes (powers of two); the bus adapts every other size.
 * {@code deviceOffset} is where the window starts within the block. {@code owner} is the device a
 * report shows for an access here (null for plain storage: RAM, ROM). Where regions overlap, the
 * higher {@code priority} is seen, and of equal ones the later mapped, as in QEMU's memory core
 * (softmmu/memory.c memory_region_add_subregion_overlap). {@code direct} marks storage that QEMU
 * reads and writes by copying (RAM, ROM): its pieces stop at its end instead of running past it.
 */
public record Region(String name, long base, long length, long deviceOffset, int minAccess, int maxAccess,
                     IoDevice device, Inspectable owner, int priority, boolean direct, int pieceMax, boolean whole) {
    /** QEMU's largest piece for a region that states no limit (softmmu/physmem.c memory_access_size). */
    public static final int QEMU_PIECE_MAX = 4;

    public Region(String name, long base, long length, long deviceOffset, int minAccess, int maxAccess,
                  IoDevice device, Inspectable owner, int priority, boolean direct) {
        this(name, base, length, deviceOffset, minAccess, maxAccess, device, owner, priority, direct, QEMU_PIECE_MAX, false);
    }

    public Region(String name, long base, long length, long deviceOffset, int minAccess, int maxAccess, IoDevice device) {
        this(name, base, length, deviceOffset, minAccess, maxAccess, device, null, 0, false);
    }

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

    /** A register block of {@code length} bytes, not yet placed, owned by {@code owner}. */
    public static Region of(String name, long length, int minAccess, int maxAccess, IoDevice device, Inspectable owner) {
        return new Region(name, 0, length, 0, minAccess, maxAccess, device, owner, 0, false);
    }

    /** Storage copied byte for byte (RAM, ROM): any access size, pieces bounded by its end. */
    public static Region storage(String name, long length, IoDevice device) {
        return new Region(name, 0, length, 0, 1, 8, device, null, 0, true);
    }

    public Region at(long newBase) {
        return new Region(name, newBase, length, deviceOffset, minAccess, maxAccess, device, owner, priority, direct, pieceMax, whole);
    }

    /** The same block shown from {@code offset} within it. */
    public Region from(long offset) {
        return new Region(name, base, length, offset, minAccess, maxAccess, device, owner, priority, direct, pieceMax, whole);
    }

    public Region withPriority(int p) {
        return new Region(name, base, length, deviceOffset, minAccess, maxAccess, device, owner, p, direct, pieceMax, whole);
    }

    /**
     * Under QEMU's splitting, no piece for this region is larger than {@code max} bytes: its
     * MemoryRegionOps valid.max_access_size, where an access wider than that continues at the next
     * address instead of being adapted by the region.
     */
    public Region withPieceMax(int max) {
        return new Region(name, base, length, deviceOffset, minAccess, maxAccess, device, owner, priority, direct, max, whole);
    }

    /**
     * Under QEMU's splitting, an access of up to {@code pieceMax} bytes that starts here reaches the
     * device whole, at any alignment and even where it runs past the region's end: a portio list's
     * MemoryRegionOps allow unaligned accesses (softmmu/ioport.c portio_ops valid.unaligned,
     * impl.unaligned), and the list's own read/write decide what such an access does.
     */
    public Region withWholeAccesses() {
        return new Region(name, base, length, deviceOffset, minAccess, maxAccess, device, owner, priority, direct, pieceMax, true);
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
