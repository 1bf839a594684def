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
public class AddressSpace implements IoDevice {
    private final String name;
    private final long size;
    private final int maxWidth;
    /** Every region mapped, in the order mapped. */
    private final List<Mapping> mappings = new ArrayList<>();
    /** What a guest sees: the visible part of each region, by start address, disjoint. */
    private final TreeMap<Long, Section> flat = new TreeMap<>();
    /** Spaces seen through a window of this one (the PCI bus behind the host bridge): their counts are ours. */
    private final List<AddressSpace> behind = new ArrayList<>();
    /** Spaces that show this one through a window: they redraw when this one changes. */
    private final List<AddressSpace> viewers = new ArrayList<>();
    private boolean transparent;
    private long mapped;
    private long unclaimedReads;
    private long unclaimedWrites;
    private int unclaimedByte = 0xff;
    private boolean qemuSplitting;

    /** The visible part [start, end) of a region. */
    protected record Section(long start, long end, Region region) {
    }

    protected AddressSpace(String name, long size, int maxWidth) {
        this.name = name;
        this.size = size;
        this.maxWidth = maxWidth;
    }

    public String name() {
        return name;
    }

    /** Maps a device at priority 0 with no owner a report shows. */
    public Region map(String regionName, long base, long length, int minAccess, int maxAccess, IoDevice device) {
        return map(regionName, base, length, 0, minAccess, maxAccess, device);
    }

    /** Maps a window of a device's register block, starting at {@code deviceOffset} within it. */
    public Region map(String regionName, long base, long length, long deviceOffset, int minAccess, int maxAccess,
                      IoDevice device) {
        return map(new Region(regionName, base, length, deviceOffset, minAccess, maxAccess, device)).region();
    }

    /**
     * Maps {@code region}, switched on. It may overlap others: the higher priority is seen, and of
     * equal priorities the one mapped later. A region outside the space is a wiring error.
     */
    public Mapping map(Region region) {
        return map(region, true);
    }

    /** Maps {@code region}, switched on or off. */
    public Mapping map(Region region, boolean enabled) {
        if (!fits(region.base(), region.length())) {
            throw new IllegalArgumentException(region.name() + " lies outside " + name);
        }
        if (region.device() instanceof AddressSpace inner && !inner.viewers.contains(this)) {
            inner.viewers.add(this);
        }
        Mapping m = new Mapping(this, region, mapped++, enabled);
        mappings.add(m);
        if (enabled) {
            changed();
        }
        return m;
    }

    /** Shows {@code inner} through [base, base+length) of this space, at {@code priority}. */
    public Mapping mapSpace(String regionName, AddressSpace inner, long base, long length, int priority) {
        behind.add(inner);
        return map(new Region(regionName, base, length, base, 1, inner.maxWidth, inner, null, priority, false));
    }

    /**
     * Makes this space, seen through a window of another, show only where it has regions: where it
     * has none, whatever lies under the window shows through. That is how QEMU renders an alias of
     * a container (softmmu/memory.c render_memory_region flattens it into the view); a bus that
     * decodes subtractively claims the whole window instead.
     */
    public void setTransparent(boolean on) {
        this.transparent = on;
        changed();
    }

    boolean fits(long base, long length) {
        return base >= 0 && length > 0 && base + length > 0 && (size == 0 || base + length <= size);
    }

    void remove(Mapping m) {
        mappings.remove(m);
        changed();
    }

    /** Redraws what the guest sees after a region moved, appeared or went. */
    void changed() {
        List<Mapping> byPrecedence = new ArrayList<>();
        for (Mapping m : mappings) {
            if (m.visible()) {
                byPrecedence.add(m);
            }
        }
        byPrecedence.sort((a, b) -> a.region().priority() != b.region().priority()
                ? Integer.compare(b.region().priority(), a.region().priority())
                : Long.compare(b.order(), a.order()));
        flat.clear();
        for (Mapping m : byPrecedence) {
            paint(m.region());
        }
        onChanged();
        for (AddressSpace viewer : viewers) {
            viewer.changed();
        }
    }

    private void paint(Region region) {
        if (region.device() instanceof AddressSpace inner && inner.transparent) {
            long shift = region.base() - region.deviceOffset();
            long from = region.deviceOffset();
            long to = from + region.length();
            for (Section s : inner.flat.values()) {
                long a = Math.max(s.start(), from);
                long b = Math.min(s.end(), to);
                if (a < b) {
                    paint(a + shift, b + shift, s.region().at(s.region().base() + shift));
                }
            }
        } else {
            paint(region.base(), region.end(), region);
        }
    }

    /** Adds the parts of [at, end) that no region painted before covers, as {@code region}. */
    private void paint(long at, long end, Region region) {
        while (at < end) {
            Map.Entry<Long, Section> below = flat.floorEntry(at);
            if (below != null && below.getValue().end() > at) {
                at = below.getValue().end();
                continue;
            }
            Map.Entry<Long, Section> above = flat.higherEntry(at);
            long stop = above != null && above.getKey() < end ? above.getKey() : end;
            flat.put(at, new Section(at, stop, region));
            at = stop;
        }
    }

    /** Hook for subclasses that keep a faster index of the sections. */
    protected void onChanged() {
    }

    /** The visible sections, in address order. */
    protected Iterable<Section> sections() {
        return flat.values();
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

    /** Every region mapped, visible or not, in the order mapped. */
    public List<Region> regions() {
        List<Region> all = new ArrayList<>();
        for (Mapping m : mappings) {
            all.add(m.region());
        }
        return all;
    }

    /** The region a guest reaches at {@code address}, or null. */
    public Region regionAt(long address) {
        Section s = sectionAt(address);
        return s == null ? null : s.region();
    }

    /** The section holding {@code address}, or null. */
    protected Section sectionAt(long address) {
        Map.Entry<Long, Section> entry = flat.floorEntry(address);
        return entry != null && address - entry.getKey() < entry.getValue().end() - entry.getKey() ? entry.getValue() : null;
    }

    public long read(long address, int width) {
        checkWidth(width);
        if (qemuSplitting) {
            return qemuRead(address, width);
        }
        Section section = sectionAt(address);
        if (section != null && address + width <= section.end()) {
            return adjustedRead(section.region(), section.region().offsetOf(address), width);
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
        Section section = sectionAt(address);
        if (section != null && address + width <= section.end()) {
            adjustedWrite(section.region(), section.region().offsetOf(address), width, value);
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
     * the access; each piece goes whole to the section holding its first byte, as large as what is
     * left, no larger than 4 bytes nor than the alignment of its offset within that region (the
     * offset in the root region, i.e. the address, where no device is), rounded down to a power of
     * two. A device region then gets the piece at offsets that may run past its own end, and decodes
     * them itself: QEMU's "inl 0x20" reads IRR, IMR, IMR, IMR, where the ISA bus reads IRR, IMR and
     * two floating bytes. RAM and ROM are copied instead, up to the end of their section
     * (address_space_translate_internal bounds the length for RAM only).
     */
    private long qemuRead(long address, int width) {
        Section first = sectionAt(address);
        if (isOnePiece(first, address, width)) {
            return adjustedRead(first.region(), first.region().offsetOf(address), width);
        }
        long value = 0;
        boolean claimed = false;
        for (int done = 0; done < width; ) {
            long at = address + done;
            Section section = sectionAt(at);
            int piece = qemuPiece(section, at, width - done);
            long part;
            if (section == null) {
                part = 0;
                for (int i = 0; i < piece; i++) {
                    part |= (long) unclaimedByte(at + i) << (8 * i);
                }
            } else {
                claimed = true;
                part = adjustedRead(section.region(), section.region().offsetOf(at), piece);
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
        Section first = sectionAt(address);
        if (isOnePiece(first, address, width)) {
            adjustedWrite(first.region(), first.region().offsetOf(address), width, value & mask(width));
            return;
        }
        boolean claimed = false;
        for (int done = 0; done < width; ) {
            long at = address + done;
            Section section = sectionAt(at);
            int piece = qemuPiece(section, at, width - done);
            if (section != null) {
                claimed = true;
                adjustedWrite(section.region(), section.region().offsetOf(at), piece, (value >>> (8 * done)) & mask(piece));
            }
            done += piece;
        }
        if (!claimed) {
            unclaimedWrites++;
        }
    }

    /** Whether QEMU's rule makes the access one piece to {@code section}: the common case, taken straight. */
    private static boolean isOnePiece(Section section, long address, int width) {
        if (section == null) {
            return false;
        }
        if (section.region().direct()) {
            return address + width <= section.end();
        }
        if (section.region().whole()) {
            return width <= section.region().pieceMax();
        }
        return width <= section.region().pieceMax() && (section.region().offsetOf(address) & (width - 1)) == 0;
    }

    private static int qemuPiece(Section section, long address, int left) {
        if (section != null && section.region().direct()) {
            return Integer.highestOneBit((int) Math.min(left, section.end() - address));
        }
        long offset = section == null ? address : section.region().offsetOf(address);
        long alignment = offset & -offset;
        long piece = Math.min(left, section == null ? Region.QEMU_PIECE_MAX : section.region().pieceMax());
        if (alignment != 0 && alignment < piece) {
            piece = alignment;
        }
        return Integer.highestOneBit((int) piece);
    }

    /** The value of an unclaimed byte at {@code address}. */
    protected int unclaimedByte(long address) {
        return unclaimedByte;
    }

    /** Accesses that no device claimed any byte of, here or in a space seen through this one. */
    public long unclaimedReads() {
        long n = unclaimedReads;
        for (AddressSpace inner : behind) {
            n += inner.unclaimedReads();
        }
        return n;
    }

    public long unclaimedWrites() {
        long n = unclaimedWrites;
        for (AddressSpace inner : behind) {
            n += inner.unclaimedWrites();
        }
        return n;
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
