package org.trapline.models.pic;

import org.trapline.models.bus.IoDevice;

/**
 * QEMU's memory-core rule for a port access wider than the byte registers it lands on (quirk
 * {@link PicQuirks#WIDE_ACCESS_REPEATS_PORT}). Stepping through the access, each piece goes to the
 * register that holds its first port, as large as what is left, no larger than the alignment of that
 * port within the register, rounded down to a power of two; the register then gets the piece as
 * consecutive byte accesses at offsets that may lie past its own end. Ports in the span that no
 * register holds read as all ones and drop writes, as QEMU's unassigned I/O does.
 */
final class QemuPortDispatch implements IoDevice {
    /** A register block inside the span: its first port's offset, its length, its byte-wide device. */
    record Part(int offset, int length, IoDevice device) {
    }

    private final long base;
    private final Part[] parts;

    QemuPortDispatch(long base, Part... parts) {
        this.base = base;
        this.parts = parts.clone();
    }

    @Override
    public long read(long offset, int size) {
        long value = 0;
        int done = 0;
        while (done < size) {
            long at = offset + done;
            Part part = partAt(at);
            int piece = pieceSize(part, at, size - done);
            for (int i = 0; i < piece; i++) {
                long b = part == null ? 0xff : part.device().read(at - part.offset() + i, 1) & 0xff;
                value |= b << (8 * (done + i));
            }
            done += piece;
        }
        return value;
    }

    @Override
    public void write(long offset, int size, long value) {
        int done = 0;
        while (done < size) {
            long at = offset + done;
            Part part = partAt(at);
            int piece = pieceSize(part, at, size - done);
            for (int i = 0; part != null && i < piece; i++) {
                part.device().write(at - part.offset() + i, 1, (value >>> (8 * (done + i))) & 0xff);
            }
            done += piece;
        }
    }

    private Part partAt(long offset) {
        for (Part p : parts) {
            if (offset >= p.offset() && offset < p.offset() + p.length()) {
                return p;
            }
        }
        return null;
    }

    /** Unassigned ports belong to the I/O space's root region, whose offsets are port numbers. */
    private int pieceSize(Part part, long offset, int left) {
        long within = part == null ? base + offset : offset - part.offset();
        long alignment = within & -within;
        long piece = alignment != 0 && alignment < left ? alignment : left;
        return Integer.highestOneBit((int) piece);
    }
}
