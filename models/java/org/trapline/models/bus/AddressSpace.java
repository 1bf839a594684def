package org.trapline.models.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An address space of device regions, the part of a chipset that decodes an access and routes it.
 * The bus, not the device, adapts the access width: an access wider than the device implements is
 * split into little-endian pieces, a narrower one is widened and the wanted bytes extracted (the
 * rule of QEMU's memory core, which is what a guest sees on the PC board). An access that is not
 * wholly inside one region goes byte by byte. Bytes no device claims read as all ones (the bus
 * floats high) and writes to them vanish; both are counted.
 */
public class AddressSpace {
    private final String name;
    private final long size;
    private final int maxWidth;
    private final TreeMap<Long, Region> regions = new TreeMap<>();
    private long unclaimedReads;
    private long unclaimedWrites;
    private int unclaimedByte = 0xff;
    private boolean qemuSplitting;

    protected AddressSpace(String name, long size, int maxWidth) {
        this.name = name;
        this.size = size;
        this.maxWidth = maxWidth;
    }

    public String name() {
        return name;
    }

    /** Maps a device; regions may not overlap (that is a board wiring error, not a guest access). */
    public Region map(String regionName, long base, long length, int minAccess, int maxAccess, IoDevice device) {
        return map(regionName, base, length, 0, minAccess, maxAccess, device);
    }

    /** Maps a window of a device's register block, starting at {@code deviceOffset} within it. */
    public Region map(String regionName, long base, long length, long deviceOffset, int minAccess, int maxAccess,
                      IoDevice device) {
        Region region = new Region(regionName, base, length, deviceOffset, minAccess, maxAccess, device);
        if (base < 0 || (size > 0 && region.end() > size)) {
            throw new IllegalArgumentException(regionName + " lies outside " + name);
        }
        Map.Entry<Long, Region> below = regions.floorEntry(region.end() - 1);
        if (below != null && below.getValue().end() > base) {
            throw new IllegalArgumentException(regionName + " overlaps " + below.getValue().name() + " in " + name);
        }
        regions.put(base, region);
        onMapped(region);
        return region;
    }

    /**
     * What an unclaimed byte reads as: 0xFF on a real PC, whose undriven bus floats high (a PCI
     * master abort returns all ones, PCI 3.0 §3.7.3.1); QEMU's unassigned memory reads 0.
     */
    public void setUnclaimedByte(int value) {
        this.unclaimedByte = value & 0xff;
    }

    /**
     * Splits accesses as QEMU 7.2's memory core does instead of by region edges (quirk
     * {@code board.qemu-access-splitting}): see {@link #qemuRead} and {@link #qemuWrite}.
     */
    public void setQemuSplitting(boolean on) {
        this.qemuSplitting = on;
    }

    /** Hook for subclasses that keep a faster index of the regions. */
    protected void onMapped(Region region) {
    }

    public List<Region> regions() {
        return new ArrayList<>(regions.values());
    }

    /** The region that claims {@code address}, or null. */
    public Region regionAt(long address) {
        Map.Entry<Long, Region> entry = regions.floorEntry(address);
        return entry != null && entry.getValue().contains(address) ? entry.getValue() : null;
    }

    public long read(long address, int width) {
        checkWidth(width);
        if (qemuSplitting) {
            return qemuRead(address, width);
        }
        Region region = regionAt(address);
        if (region != null && address + width <= region.end()) {
            return adjustedRead(region, region.offsetOf(address), width);
        }
        long value = 0;
        boolean claimed = false;
        for (int i = 0; i < width; i++) {
            Region byteRegion = regionAt(address + i);
            long b = unclaimedByte(address + i);
            if (byteRegion != null) {
                claimed = true;
                b = adjustedRead(byteRegion, byteRegion.offsetOf(address + i), 1);
            }
            value |= b << (8 * i);
        }
        if (!claimed) {
            unclaimedReads++;
        }
        return value;
    }

    public void write(long address, int width, long value) {
        checkWidth(width);
        if (qemuSplitting) {
            qemuWrite(address, width, value);
            return;
        }
        Region region = regionAt(address);
        if (region != null && address + width <= region.end()) {
            adjustedWrite(region, region.offsetOf(address), width, value);
            return;
        }
        boolean claimed = false;
        for (int i = 0; i < width; i++) {
            Region byteRegion = regionAt(address + i);
            if (byteRegion != null) {
                claimed = true;
                adjustedWrite(byteRegion, byteRegion.offsetOf(address + i), 1, (value >>> (8 * i)) & 0xff);
            }
        }
        if (!claimed) {
            unclaimedWrites++;
        }
    }

    /*
     * QEMU's rule (softmmu/physmem.c flatview_read_continue with memory_access_size): step through
     * the access; each piece goes whole to the region holding its first byte, as large as what is
     * left, no larger than 4 bytes nor than the alignment of its offset within that region (the
     * offset in the root region, i.e. the address, where no device is), rounded down to a power of
     * two. The region then gets the piece at offsets that may run past its own end, and decodes
     * them itself: QEMU's "inl 0x20" reads IRR, IMR, IMR, IMR, where the ISA bus reads IRR, IMR and
     * two floating bytes.
     */
    private long qemuRead(long address, int width) {
        Region first = regionAt(address);
        if (isOnePiece(first, address, width)) {
            return adjustedRead(first, first.offsetOf(address), width);
        }
        long value = 0;
        boolean claimed = false;
        for (int done = 0; done < width; ) {
            long at = address + done;
            Region region = regionAt(at);
            int piece = qemuPiece(region, at, width - done);
            long part;
            if (region == null) {
                part = 0;
                for (int i = 0; i < piece; i++) {
                    part |= (long) unclaimedByte(at + i) << (8 * i);
                }
            } else {
                claimed = true;
                part = adjustedRead(region, region.offsetOf(at), piece);
            }
            value |= part << (8 * done);
            done += piece;
        }
        if (!claimed) {
            unclaimedReads++;
        }
        return value;
    }

    private void qemuWrite(long address, int width, long value) {
        Region first = regionAt(address);
        if (isOnePiece(first, address, width)) {
            adjustedWrite(first, first.offsetOf(address), width, value & mask(width));
            return;
        }
        boolean claimed = false;
        for (int done = 0; done < width; ) {
            long at = address + done;
            Region region = regionAt(at);
            int piece = qemuPiece(region, at, width - done);
            if (region != null) {
                claimed = true;
                adjustedWrite(region, region.offsetOf(at), piece, (value >>> (8 * done)) & mask(piece));
            }
            done += piece;
        }
        if (!claimed) {
            unclaimedWrites++;
        }
    }

    /** Whether QEMU's rule makes the access one piece to {@code region}: the common case, taken straight. */
    private static boolean isOnePiece(Region region, long address, int width) {
        return region != null && width <= 4 && (region.offsetOf(address) & (width - 1)) == 0;
    }

    private static int qemuPiece(Region region, long address, int left) {
        long offset = region == null ? address : region.offsetOf(address);
        long alignment = offset & -offset;
        long piece = Math.min(left, 4);
        if (alignment != 0 && alignment < piece) {
            piece = alignment;
        }
        return Integer.highestOneBit((int) piece);
    }

    /** The value of an unclaimed byte at {@code address}. */
    protected int unclaimedByte(long address) {
        return unclaimedByte;
    }

    /** Accesses that no device claimed any byte of. */
    public long unclaimedReads() {
        return unclaimedReads;
    }

    public long unclaimedWrites() {
        return unclaimedWrites;
    }

    private void checkWidth(int width) {
        if (width != 1 && width != 2 && width != 4 && !(width == 8 && maxWidth == 8)) {
            throw new IllegalArgumentException(name + " has no " + width + "-byte accesses");
        }
    }

    private static long adjustedRead(Region region, long offset, int width) {
        int piece = pieceSize(region, width);
        if (piece == width) {
            return region.device().read(offset, width) & mask(width);
        }
        long value = 0;
        for (int done = 0; done < width; done += piece) {
            value |= (region.device().read(offset + done, piece) & mask(piece)) << (8 * done);
        }
        return value & mask(width);
    }

    private static void adjustedWrite(Region region, long offset, int width, long value) {
        int piece = pieceSize(region, width);
        if (piece == width) {
            region.device().write(offset, width, value & mask(width));
            return;
        }
        for (int done = 0; done < width; done += piece) {
            long part = (value >>> (8 * done)) & mask(Math.min(piece, width - done));
            region.device().write(offset + done, piece, part);
        }
    }

    private static int pieceSize(Region region, int width) {
        return Math.max(region.minAccess(), Math.min(width, region.maxAccess()));
    }

    static long mask(int width) {
        return width >= 8 ? -1L : (1L << (8 * width)) - 1;
    }
}
