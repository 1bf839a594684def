package org.trapline.models.ide;

import static org.trapline.models.device.Inspectable.hex;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.DmaPort;
import org.trapline.models.device.Quirk;

/**
 * The bus master of one IDE channel (SFF-8038i rev 1.0, Bus Master Programming Interface): BMICx (Start/Stop Bus
 * Master, Read/Write Control), BMISx (Active, Error, Interrupt, Drive 0/1 DMA Capable) and BMIDTPx (the dword-aligned
 * address of the Physical Region Descriptor table), and the PRD walk that moves a DMA command's data through the
 * {@link DmaPort}.
 *
 * <p>A PRD is 8 bytes: the region's address (bit 0 is 0, the region word aligned), then its byte count in bits 15:1
 * (0 meaning 64 KiB) and EOT in bit 31. The walk reads at most as many entries as the transfer can use (each moves
 * at least 2 bytes), so a table with no EOT, or one that wraps, ends; QEMU stops at one page of table instead
 * ({@link IdeQuirks#BMDMA_PRD_PAGE_LIMIT}).
 */
public final class BusMaster {
    /** BMICx bits: Start/Stop Bus Master (0), Read/Write Control (3: 1 = the bus master writes memory). */
    static final int SSBM = 0x01, RWCON = 0x08;
    /** BMISx bits: Active (0), Error (1), Interrupt (2), Drive 0 and Drive 1 DMA Capable (5, 6). */
    static final int ACTIVE = 0x01, ERROR = 0x02, INTERRUPT = 0x04, DRIVE0_DMA = 0x20, DRIVE1_DMA = 0x40;
    static final long EOT = 0x80000000L;
    /** QEMU's fail-safe: the table walk ends after 4 KiB of descriptors. */
    static final int QEMU_TABLE_LIMIT = 4096;
    static final int MAX_PRD_BYTES = 0x10000;

    private final String name;
    private final DmaPort port;
    private final boolean pageLimit;
    private final boolean addressBit0;
    private final boolean shortEndsCommand;
    private final boolean everyRaise;

    private int command;
    private int status;
    private long table;
    /** Where the walk reads the next descriptor, and the region in hand (QEMU's cur_addr, cur_prd_*). */
    private long next;
    private long regionAddress;
    private int regionLeft;
    private boolean regionLast;
    /** The device whose DMA command waits for the bus master (QEMU's dma_cb). */
    private AtaDevice waiting;
    private final byte[] sector = new byte[BlockImage.SECTOR_BYTES];
    /** A TRIM block named a range off the medium: the command ends in error once its data are in. */
    private boolean trimFailed;
    /** QEMU's scatter list of one transfer: at most a page of descriptors. */
    private final long[] sgAddress = new long[QEMU_TABLE_LIMIT / 8];
    private final int[] sgLength = new int[QEMU_TABLE_LIMIT / 8];

    public BusMaster(String name, Set<Quirk> quirks, DmaPort port) {
        this.name = name;
        this.port = port;
        pageLimit = quirks.contains(IdeQuirks.BMDMA_PRD_PAGE_LIMIT);
        addressBit0 = quirks.contains(IdeQuirks.BMDMA_PRD_ADDRESS_BIT0);
        shortEndsCommand = quirks.contains(IdeQuirks.BMDMA_SHORT_TABLE_ENDS_COMMAND);
        everyRaise = quirks.contains(IdeQuirks.BMDMA_INTERRUPT_ON_EVERY_RAISE);
        reset();
    }

    public void reset() {
        command = 0;
        status = 0;
        table = 0;
        next = 0;
        regionAddress = 0;
        regionLeft = 0;
        regionLast = false;
        waiting = null;
    }

    int bmic() {
        return command;
    }

    int bmis() {
        return status;
    }

    long bmidtp() {
        return table;
    }

    /** BMICx written. */
    void writeCommand(int v) {
        if ((v & SSBM) != (command & SSBM)) {
            if ((v & SSBM) == 0) {
                status &= ~ACTIVE; // the transfer is stopped; a command still waiting keeps waiting
            } else {
                next = table;
                if ((status & ACTIVE) == 0) {
                    status |= ACTIVE;
                    if (waiting != null) {
                        transfer();
                    }
                }
            }
        }
        command = v & (SSBM | RWCON);
    }

    /** BMISx written: Error and Interrupt clear where 1 is written; the DMA Capable bits take the value; Active is read-only. */
    void writeStatus(int v) {
        status = v & (DRIVE0_DMA | DRIVE1_DMA) | status & ACTIVE | status & ~v & (ERROR | INTERRUPT);
    }

    /** A byte of BMIDTPx written; bits 1:0 read 0 (the table is dword aligned). */
    void writeTableByte(int index, int v) {
        int shift = 8 * index;
        table = (table & ~(0xffL << shift) | (long) (v & 0xff) << shift) & 0xfffffffcL;
    }

    /**
     * The channel raises INTRQ: Interrupt is set (SFF-8038i: "set by the rising edge of the IDE interrupt line");
     * QEMU sets it on every raise, the line already high or not ({@link IdeQuirks#BMDMA_INTERRUPT_ON_EVERY_RAISE}).
     */
    void interruptRaised(boolean wasHigh) {
        if (!wasHigh || everyRaise) {
            status |= INTERRUPT;
        }
    }

    /** A device's DMA command waits; with the bus master already active it runs now (QEMU bmdma_start_dma). */
    void dmaRequested(AtaDevice device) {
        waiting = device;
        regionAddress = 0;
        regionLeft = 0;
        regionLast = false;
        if ((status & ACTIVE) != 0) {
            transfer();
        }
    }

    /** The channel reset (ide_bus_reset: the bus master too). */
    void channelReset() {
        reset();
    }

    /** Forgets a device's waiting command (the device was reset). */
    void cancel(AtaDevice device) {
        if (waiting == device) {
            waiting = null;
            status &= ~ACTIVE;
        }
    }

    private void transfer() {
        AtaDevice d = waiting;
        if (d == null || d.dmaCommand() == null) {
            waiting = null;
            return;
        }
        if (pageLimit) {
            transferAsQemu(d);
        } else {
            transferAsSpecified(d);
        }
    }

    /**
     * QEMU's ide_dma_cb with bmdma_prepare_buf: the whole table is walked first (to EOT or a page of it), the scatter
     * list cut at the command's length; a table too short moves nothing; one longer leaves Active set.
     */
    private void transferAsQemu(AtaDevice d) {
        int sectors = d.dmaSectors();
        long want = (long) sectors * BlockImage.SECTOR_BYTES;
        long described = 0;
        long listed = 0;
        int entries = 0;
        while (true) {
            if (regionLeft == 0) {
                if (regionLast || (next - table & 0xffffffffL) >= QEMU_TABLE_LIMIT) {
                    break;
                }
                loadDescriptor();
            }
            long piece = Math.min(want - listed, regionLeft);
            if (piece > 0) {
                sgAddress[entries] = regionAddress;
                sgLength[entries] = (int) piece;
                entries++;
                listed += piece;
            }
            described += regionLeft;
            regionAddress = regionAddress + regionLeft & 0xffffffffL;
            regionLeft = 0;
        }
        if (listed < want) {
            // qemu-pc: the command ends, not interrupting; hardware would leave it waiting (see transferAsSpecified).
            waiting = null;
            status &= ~ACTIVE;
            d.dmaShortTable();
            return;
        }
        if (!d.dmaRangeOk()) {
            waiting = null;
            status &= ~ACTIVE;
            d.dmaError();
            return;
        }
        int count = entries;
        move(d, sectors, new Segments() {
            int i;
            long used;

            @Override
            public long address() {
                return sgAddress[i] + used & 0xffffffffL;
            }

            @Override
            public int left() {
                while (i < count && used == sgLength[i]) {
                    i++;
                    used = 0;
                }
                return i < count ? (int) (sgLength[i] - used) : 0;
            }

            @Override
            public void take(int bytes) {
                used += bytes;
            }
        });
        waiting = null;
        if (trimFailed) {
            trimFailed = false;
            status &= ~ACTIVE;
            d.dmaError();
            return;
        }
        if (described <= want) {
            status &= ~ACTIVE;
        }
        d.dmaDone(sectors);
    }

    /**
     * SFF-8038i: the bus master moves the drive's data region by region as the table gives them. When the drive has
     * moved all of it, the drive interrupts; Active stays set if the table was not at its end (EOT with its last byte
     * used). When the table ends first, Active clears, Interrupt is not set, and the drive still waits for its DMA.
     */
    private void transferAsSpecified(AtaDevice d) {
        int sectors = d.dmaSectors();
        long want = (long) sectors * BlockImage.SECTOR_BYTES;
        if (!d.dmaRangeOk()) {
            waiting = null;
            status &= ~ACTIVE;
            d.dmaError();
            return;
        }
        // Each descriptor moves at least 2 bytes: this many are all the transfer can use.
        long[] budget = {want / 2 + 1};
        Segments walk = new Segments() {
            @Override
            public long address() {
                return regionAddress;
            }

            @Override
            public int left() {
                while (regionLeft == 0) {
                    if (regionLast || budget[0] == 0) {
                        return 0;
                    }
                    budget[0]--;
                    loadDescriptor();
                }
                return regionLeft;
            }

            @Override
            public void take(int bytes) {
                regionAddress = regionAddress + bytes & 0xffffffffL;
                regionLeft -= bytes;
            }
        };
        if (!move(d, sectors, walk)) {
            status &= ~ACTIVE; // the table ended before the drive's data: the drive keeps waiting, DRQ set
            if (shortEndsCommand) {
                waiting = null;
                d.dmaShortTable();
            }
            return;
        }
        waiting = null;
        if (trimFailed) {
            trimFailed = false;
            status &= ~ACTIVE;
            d.dmaError();
            return;
        }
        if (regionLast && regionLeft == 0) {
            status &= ~ACTIVE;
        }
        d.dmaDone(sectors);
    }

    private void loadDescriptor() {
        byte[] prd = new byte[8];
        port.read(next, prd, 0, 8);
        next = next + 8 & 0xffffffffL;
        long address = le32(prd, 0);
        long count = le32(prd, 4);
        int bytes = (int) (count & 0xfffe);
        regionLeft = bytes == 0 ? MAX_PRD_BYTES : bytes;
        regionAddress = addressBit0 ? address : address & ~1L;
        regionLast = (count & EOT) != 0;
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    /** Where the data goes: the regions in order. */
    private interface Segments {
        long address();

        /** Bytes left in the region in hand, taking the next one when it is used up; 0 when there are no more. */
        int left();

        void take(int bytes);
    }

    /** Moves {@code sectors} sectors between the medium and the regions; false if the regions ran out first. */
    private boolean move(AtaDevice d, int sectors, Segments regions) {
        BlockImage image = d.disk.image();
        long first = d.dmaFirstSector();
        boolean read = d.dmaCommand() == AtaDevice.DmaCommand.READ;
        for (int s = 0; s < sectors; s++) {
            if (read) {
                image.read(first + s, sector, 0);
            }
            int done = 0;
            while (done < sector.length) {
                int left = regions.left();
                if (left == 0) {
                    return false;
                }
                int piece = Math.min(left, sector.length - done);
                if (read) {
                    port.write(regions.address(), sector, done, piece);
                } else {
                    port.read(regions.address(), sector, done, piece);
                }
                regions.take(piece);
                done += piece;
            }
            if (d.dmaCommand() == AtaDevice.DmaCommand.TRIM) {
                // QEMU: discard requests of a -drive with its default discard=ignore change nothing; a range off the
                // medium ends the command as ide_dma_error does (ABRT, the interrupt, Active cleared).
                if (!d.trimRangesOk(sector)) {
                    trimFailed = true;
                    return true;
                }
            } else if (!read) {
                image.write(first + s, sector, 0);
            }
        }
        return true;
    }

    void show(Map<String, String> m) {
        m.put(name + ".BMIC", hex(command));
        m.put(name + ".BMIS", hex(status));
        m.put(name + ".BMIDTP", hex((int) table));
        m.put(name + ".waiting", waiting == null ? "none" : "device " + waiting.unit);
    }
}
