package org.trapline.models.ide;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * The 16 bytes behind BMIBA (SFF-8038i rev 1.0, Bus Master IDE register layout): the primary channel's BMICP,
 * BMISP, BMIDTP at 00h, 02h, 04h and the secondary's at 08h, 0Ah, 0Ch. Bytes 01h, 03h, 09h and 0Bh are reserved
 * and read 00h. QEMU answers BMICx/BMISx only to byte accesses ({@link IdeQuirks#BMDMA_BYTE_REGISTERS}).
 */
public final class BusMasterBlock implements IoDevice, Inspectable {
    static final int LENGTH = 16;
    private final BusMaster[] channels;
    private final boolean byteRegisters;

    public BusMasterBlock(Set<Quirk> quirks, BusMaster primary, BusMaster secondary) {
        channels = new BusMaster[] {primary, secondary};
        byteRegisters = quirks.contains(IdeQuirks.BMDMA_BYTE_REGISTERS);
    }

    /** The block, for the BAR to place; every access comes whole and is split here. */
    public Region region() {
        return Region.of("piix-bmdma", LENGTH, 1, 4, this, this).withWholeAccesses();
    }

    @Override
    public long read(long offset, int size) {
        long value = 0;
        int done = 0;
        while (done < size) {
            int piece = piece(offset + done, size - done);
            value |= readPiece(offset + done, piece) << 8 * done;
            done += piece;
        }
        return value;
    }

    @Override
    public void write(long offset, int size, long value) {
        int done = 0;
        while (done < size) {
            int piece = piece(offset + done, size - done);
            writePiece(offset + done, piece, value >>> 8 * done);
            done += piece;
        }
    }

    /**
     * QEMU's memory core cuts an access at each 4-byte register group and to its alignment (softmmu/physmem.c
     * flatview_read_continue, memory_access_size); hardware's byte lanes give the same bytes whatever the pieces.
     */
    private static int piece(long offset, int left) {
        int toGroupEnd = 4 - (int) (offset & 3);
        int p = Math.min(left, toGroupEnd);
        long alignment = offset & -offset;
        if (alignment != 0 && alignment < p) {
            p = (int) alignment;
        }
        return Integer.highestOneBit(p);
    }

    private long readPiece(long offset, int size) {
        if (offset < 0 || offset >= LENGTH) {
            return (1L << 8 * size) - 1;
        }
        BusMaster bm = channels[(int) (offset >> 3)];
        int reg = (int) (offset & 7);
        if (reg >= 4) {
            return bm.bmidtp() >>> 8 * (reg - 4) & (1L << 8 * size) - 1;
        }
        if (byteRegisters && size != 1) {
            return (1L << 8 * size) - 1;
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = switch (reg + i) {
                case 0 -> bm.bmic();
                case 2 -> bm.bmis();
                default -> byteRegisters ? 0xff : 0;
            };
            v |= (long) b << 8 * i;
        }
        return v;
    }

    private void writePiece(long offset, int size, long value) {
        if (offset < 0 || offset >= LENGTH) {
            return;
        }
        BusMaster bm = channels[(int) (offset >> 3)];
        int reg = (int) (offset & 7);
        if (reg >= 4) {
            for (int i = 0; i < size; i++) {
                bm.writeTableByte(reg - 4 + i, (int) (value >>> 8 * i & 0xff));
            }
            return;
        }
        if (byteRegisters && size != 1) {
            return;
        }
        for (int i = 0; i < size; i++) {
            int b = (int) (value >>> 8 * i & 0xff);
            if (reg + i == 0) {
                bm.writeCommand(b);
            } else if (reg + i == 2) {
                bm.writeStatus(b);
            }
        }
    }

    @Override
    public String deviceName() {
        return "piix-bmdma";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> m = new LinkedHashMap<>();
        channels[0].show(m);
        channels[1].show(m);
        return m;
    }
}
