package org.trapline.models.ide;

import static org.trapline.models.device.Inspectable.hex;
import java.util.Arrays;
import java.util.Map;

/**
 * One device slot of a channel that has a disk on it: the task file QEMU 7.2 keeps for each slot (hw/ide/internal.h
 * IDEState: the registers, their HOB copies, Status and Error) and the ATA/ATAPI-6 commands of a hard disk
 * (clause 8) run on it. A slot without a disk keeps the registers and runs what QEMU runs without a medium.
 *
 * <p>Commands complete at once: ATA/ATAPI-6 gives no command time (it is the device's), QEMU's completes on its
 * I/O thread, and a model that completes at once shows every final status, datum and interrupt.
 */
final class AtaDevice {
    /** Status bits (clause 7.15) and Error's ABRT (clause 7.9). */
    static final int BSY = 0x80, DRDY = 0x40, DSC = 0x10, DRQ = 0x08, ERR = 0x01, ABRT = 0x04;
    /** Device register (clause 7.10): LBA (bit 6), DEV (bit 4), HS3-HS0 / LBA 27:24; bits 7 and 5 as QEMU keeps them. */
    static final int LBA = 0x40, DEV = 0x10, HEAD = 0x0f, ALWAYS_ON = 0xa0;
    /** The most sectors a READ/WRITE MULTIPLE block holds here (IDENTIFY word 47). */
    static final int MAX_MULT_SECTORS = 16;
    static final int SECTOR = BlockImage.SECTOR_BYTES;

    /** How the data phase in progress ends (QEMU's end_transfer_func). */
    enum Phase {
        /** No data phase: a Data access moves nothing. */
        NONE,
        /** IDENTIFY DEVICE's one block. */
        IDENTIFY,
        /** A block of READ SECTORS / READ MULTIPLE: the next is read when it has been taken. */
        READ,
        /** A block of WRITE SECTORS / WRITE MULTIPLE: written when the host has filled it. */
        WRITE
    }

    enum DmaCommand {
        READ,
        WRITE,
        /** DATA SET MANAGEMENT with TRIM: the data are LBA range entries for the device ({@link IdeQuirks#DSM_TRIM}). */
        TRIM
    }

    /** What the device asks of its channel. */
    interface Host {
        /** ide_set_irq: the device's interrupt, unless nIEN. */
        void interrupt();

        /** The channel's bus master, told that a DMA command waits for it. */
        void dmaRequested(AtaDevice device);

        boolean quirk(IdeQuirks q);
    }

    final int unit;
    final AtaDisk disk;
    private final Host host;

    int feature, hobFeature, nsector, hobNsector, sector, hobSector, lcyl, hobLcyl, hcyl, hobHcyl;
    int select, status, error;
    private boolean lba48;
    private int multSectors;
    private int reqSectors;
    /** The CHS translation in force (INITIALIZE DEVICE PARAMETERS changes it). */
    private int heads, sectorsPerTrack;
    private boolean resetReverts;
    private boolean writeCache;
    /** The IDENTIFY words QEMU keeps once built, and whether it has; the mode words a hardware disk reports. */
    private final int[] identify = new int[Identify.WORDS];
    private boolean identifySet;
    private int w62 = Identify.SWDMA_SUPPORTED, w63 = Identify.MWDMA_SUPPORTED, w88 = Identify.UDMA_AT_FIRST;

    /** The sector buffer of the data phase: [dataPtr, dataEnd) is still to move. */
    final byte[] buffer = new byte[MAX_MULT_SECTORS * SECTOR];
    private int dataPtr, dataEnd;
    private Phase phase = Phase.NONE;
    /** A DMA command waiting for, or moving data with, the bus master. */
    private DmaCommand dma;

    AtaDevice(int unit, AtaDisk disk, Host host) {
        this.unit = unit;
        this.disk = disk;
        this.host = host;
        if (disk != null) {
            heads = disk.heads();
            sectorsPerTrack = disk.sectorsPerTrack();
            writeCache = disk.writeCache();
        }
        reset();
    }

    boolean present() {
        return disk != null;
    }

    long capacity() {
        return disk == null ? 0 : disk.image().sectors();
    }

    /** QEMU's ide_reset (power-on, RESET-, SRST, DEVICE RESET): registers cleared, then the signature. */
    void reset() {
        if (resetReverts && disk != null) {
            resetReverts = false;
            heads = disk.heads();
            sectorsPerTrack = disk.sectorsPerTrack();
        }
        multSectors = MAX_MULT_SECTORS;
        feature = error = nsector = sector = lcyl = hcyl = 0;
        hobFeature = hobNsector = hobSector = hobLcyl = hobHcyl = 0;
        select = ALWAYS_ON;
        status = DRDY | DSC;
        lba48 = false;
        reqSectors = 0;
        dma = null;
        signature();
        phase = Phase.NONE;
        dataPtr = dataEnd = 0;
    }

    /** Sector Count 01h, LBA Low 01h; LBA Mid/High 00h/00h for an ATA device (clause 9.12), FFh/FFh with no disk. */
    void signature() {
        select &= ~HEAD;
        nsector = 1;
        sector = 1;
        lcyl = hcyl = disk != null ? 0 : 0xff;
    }

    boolean busy() {
        return (status & (BSY | DRQ)) != 0;
    }

    void latch(int reg, int v) {
        switch (reg) {
            case AtaChannel.FEATURES -> {
                hobFeature = feature;
                feature = v;
            }
            case AtaChannel.SECTOR_COUNT -> {
                hobNsector = nsector & 0xff;
                nsector = v;
            }
            case AtaChannel.LBA_LOW -> {
                hobSector = sector;
                sector = v;
            }
            case AtaChannel.LBA_MID -> {
                hobLcyl = lcyl;
                lcyl = v;
            }
            case AtaChannel.LBA_HIGH -> {
                hobHcyl = hcyl;
                hcyl = v;
            }
            default -> {
            }
        }
    }

    /** A task-file register as read, {@code hob} choosing the previous contents (clause 7.8, HOB). */
    int register(int reg, boolean hob) {
        return switch (reg) {
            case AtaChannel.ERROR -> hob ? hobFeature : error;
            case AtaChannel.SECTOR_COUNT -> hob ? hobNsector : nsector & 0xff;
            case AtaChannel.LBA_LOW -> hob ? hobSector : sector & 0xff;
            case AtaChannel.LBA_MID -> hob ? hobLcyl : lcyl & 0xff;
            case AtaChannel.LBA_HIGH -> hob ? hobHcyl : hcyl & 0xff;
            case AtaChannel.DEVICE -> select;
            default -> status;
        };
    }

    // ---- commands (clause 8; QEMU hw/ide/core.c ide_cmd_table) ----

    /** A command written while this device is selected (ide_exec_cmd). */
    void execute(int cmd) {
        if (busy()) {
            return; // clause 7.4: only DEVICE RESET is taken while BSY or DRQ, and by a packet device only
        }
        Command c = Command.of(cmd);
        if (c == Command.DATA_SET_MANAGEMENT && !host.quirk(IdeQuirks.DSM_TRIM)) {
            c = null; // ATA/ATAPI-6 defines no 06h: aborted as any unknown opcode (clause 8)
        }
        if (c == null) {
            abort();
            host.interrupt();
            return;
        }
        status = DRDY | BSY;
        error = 0;
        if (run(c, cmd)) {
            status &= ~BSY;
            if (c.setsDsc && error == 0) {
                status |= DSC;
            }
            host.interrupt();
        }
    }

    /** Runs a command; true when it completed here without a data phase. */
    private boolean run(Command c, int cmd) {
        switch (c) {
            case NOP_DSC, NOP, SEEK -> {
                return true;
            }
            case READ_PIO, READ_PIO_EXT -> {
                if (disk == null) {
                    return abortDone();
                }
                transform(c == Command.READ_PIO_EXT);
                reqSectors = 1;
                sectorRead();
                return false;
            }
            case WRITE_PIO, WRITE_PIO_EXT -> {
                if (disk == null) {
                    return abortDone();
                }
                transform(c == Command.WRITE_PIO_EXT);
                reqSectors = 1;
                status = DSC | DRDY;
                transferStart(SECTOR, Phase.WRITE);
                return false;
            }
            case READ_MULTIPLE, READ_MULTIPLE_EXT -> {
                if (disk == null || multSectors == 0) {
                    return abortDone();
                }
                transform(c == Command.READ_MULTIPLE_EXT);
                reqSectors = multSectors;
                sectorRead();
                return false;
            }
            case WRITE_MULTIPLE, WRITE_MULTIPLE_EXT -> {
                if (disk == null || multSectors == 0) {
                    return abortDone();
                }
                transform(c == Command.WRITE_MULTIPLE_EXT);
                reqSectors = multSectors;
                status = DSC | DRDY;
                transferStart(SECTOR * Math.min(nsector, reqSectors), Phase.WRITE);
                return false;
            }
            case READ_DMA, READ_DMA_EXT, WRITE_DMA, WRITE_DMA_EXT -> {
                if (disk == null) {
                    return abortDone();
                }
                transform(c == Command.READ_DMA_EXT || c == Command.WRITE_DMA_EXT);
                status = DRDY | DSC | DRQ;
                dma = c == Command.READ_DMA || c == Command.READ_DMA_EXT ? DmaCommand.READ : DmaCommand.WRITE;
                host.dmaRequested(this);
                return false;
            }
            case VERIFY, VERIFY_EXT -> {
                transform(c == Command.VERIFY_EXT);
                return true;
            }
            case DATA_SET_MANAGEMENT -> {
                // QEMU cmd_data_set_management: Features must be exactly TRIM (bit 0), and the sector count is
                // taken as written, with no LBA48 transform (ACS-2 7.10 would read a 16-bit count).
                if (disk == null || feature != DSM_TRIM_FEATURE) {
                    return abortDone();
                }
                status = DRDY | DSC | DRQ;
                dma = DmaCommand.TRIM;
                host.dmaRequested(this);
                return false;
            }
            case SET_MULTIPLE -> {
                int n = nsector & 0xff;
                if (n != 0 && (n > MAX_MULT_SECTORS || (n & n - 1) != 0)) {
                    abort();
                } else {
                    multSectors = n;
                }
                return true;
            }
            case READ_NATIVE_MAX, READ_NATIVE_MAX_EXT -> {
                if (capacity() == 0) {
                    return abortDone();
                }
                transform(c == Command.READ_NATIVE_MAX_EXT);
                setSector(capacity() - 1);
                return true;
            }
            case CHECK_POWER_MODE -> {
                nsector = 0xff; // active or idle (clause 8.6)
                return true;
            }
            case WEAR_LEVEL -> {
                nsector = 0; // QEMU: CFA WEAR LEVEL (F5h, also SECURITY FREEZE LOCK) as a no-op
                return true;
            }
            case SPECIFY -> {
                if (disk == null) {
                    return abortDone();
                }
                heads = (select & HEAD) + 1;
                sectorsPerTrack = nsector & 0xff;
                host.interrupt();
                return true;
            }
            case SET_FEATURES -> {
                return setFeatures();
            }
            case FLUSH -> {
                flush();
                return false;
            }
            case IDENTIFY -> {
                if (disk == null) {
                    return abortDone();
                }
                fillIdentify();
                status = DRDY | DSC;
                transferStart(SECTOR, Phase.IDENTIFY);
                host.interrupt();
                return false;
            }
            case DIAGNOSTIC -> {
                diagnose();
                host.interrupt();
                return false;
            }
            default -> {
                return abortDone();
            }
        }
    }

    /** EXECUTE DEVICE DIAGNOSTIC (clause 8.11): Device cleared, the signature, DRDY, and Error 01h (passed). */
    void diagnose() {
        select = ALWAYS_ON;
        signature();
        status = DRDY | DSC;
        error = 0x01;
    }

    private boolean setFeatures() {
        if (disk == null) {
            return abortDone();
        }
        switch (feature) {
            case 0x02 -> {
                writeCache = true;
                identify[85] = Identify.ENABLED_WITH_CACHE;
                return true;
            }
            case 0x82 -> {
                writeCache = false;
                identify[85] = Identify.ENABLED_NO_CACHE;
                flush();
                return false;
            }
            case 0xcc -> {
                resetReverts = true;
                return true;
            }
            case 0x66 -> {
                resetReverts = false;
                return true;
            }
            case 0xaa, 0x55, 0x05, 0x85, 0x69, 0x67, 0x96, 0x9a, 0x42, 0xc2 -> {
                return true; // look-ahead, APM, acoustic management and QEMU's no-ops: taken, nothing changes
            }
            case 0x03 -> {
                int mode = nsector & 0x07;
                int[] w;
                switch ((nsector & 0xff) >> 3) {
                    case 0x00, 0x01 -> w = new int[] {Identify.SWDMA_SUPPORTED, Identify.MWDMA_SUPPORTED, Identify.UDMA_SUPPORTED};
                    case 0x02 -> w = new int[] {Identify.SWDMA_SUPPORTED | 1 << mode + 8, Identify.MWDMA_SUPPORTED,
                            Identify.UDMA_SUPPORTED};
                    case 0x04 -> w = new int[] {Identify.SWDMA_SUPPORTED, Identify.MWDMA_SUPPORTED | 1 << mode + 8,
                            Identify.UDMA_SUPPORTED};
                    case 0x08 -> w = new int[] {Identify.SWDMA_SUPPORTED, Identify.MWDMA_SUPPORTED,
                            Identify.UDMA_SUPPORTED | 1 << mode + 8};
                    default -> {
                        abort();
                        return true;
                    }
                }
                w62 = w[0];
                w63 = w[1];
                w88 = w[2];
                identify[62] = w62;
                identify[63] = w63;
                identify[88] = w88;
                return true;
            }
            default -> {
                abort();
                return true;
            }
        }
    }

    /** FLUSH CACHE (EXT): nothing is cached here, so it ends at once with DRDY|DSC and the interrupt. */
    private void flush() {
        status = DRDY | DSC;
        host.interrupt();
    }

    /**
     * QEMU builds the words at the first IDENTIFY DEVICE and keeps them ({@link IdeQuirks#IDENTIFY_BUILT_ONCE});
     * a disk of ATA/ATAPI-6 reports its current settings each time (words 59, 62, 63, 85, 88).
     */
    private void fillIdentify() {
        if (!identifySet || !host.quirk(IdeQuirks.IDENTIFY_BUILT_ONCE)) {
            int w85 = writeCache ? Identify.ENABLED_WITH_CACHE : Identify.ENABLED_NO_CACHE;
            int[] w = Identify.words(disk, capacity(), multSectors, w62, w63, w88, w85);
            System.arraycopy(w, 0, identify, 0, w.length);
            identifySet = true;
        }
        for (int i = 0; i < Identify.WORDS; i++) {
            buffer[2 * i] = (byte) identify[i];
            buffer[2 * i + 1] = (byte) (identify[i] >>> 8);
        }
    }

    int[] identifyWords() {
        return identify.clone();
    }

    // ---- addressing (clause 6.2: CHS, 28-bit and 48-bit LBA) ----

    /** Sector Count 0 means 256 sectors, or 65 536 with both bytes 0 in a 48-bit command (clauses 8.27, 8.29). */
    private void transform(boolean ext) {
        lba48 = ext;
        if (!ext) {
            if (nsector == 0) {
                nsector = 256;
            }
        } else if (nsector == 0 && hobNsector == 0) {
            nsector = 65536;
        } else {
            nsector = hobNsector << 8 | nsector & 0xff;
        }
    }

    /** The address the registers give, or -1 for a CHS address of a translation with no sectors. */
    long currentSector() {
        if ((select & LBA) != 0) {
            if (lba48) {
                return (long) hobHcyl << 40 | (long) hobLcyl << 32 | (long) hobSector << 24 | (long) hcyl << 16
                        | lcyl << 8 | sector;
            }
            return (long) (select & HEAD) << 24 | hcyl << 16 | lcyl << 8 | sector;
        }
        if (heads == 0 || sectorsPerTrack == 0) {
            return -1;
        }
        return (long) (hcyl << 8 | lcyl) * heads * sectorsPerTrack + (long) (select & HEAD) * sectorsPerTrack
                + (sector - 1);
    }

    void setSector(long n) {
        if ((select & LBA) != 0) {
            if (lba48) {
                sector = (int) (n & 0xff);
                lcyl = (int) (n >>> 8 & 0xff);
                hcyl = (int) (n >>> 16 & 0xff);
                hobSector = (int) (n >>> 24 & 0xff);
                hobLcyl = (int) (n >>> 32 & 0xff);
                hobHcyl = (int) (n >>> 40 & 0xff);
            } else {
                select = select & ~HEAD | (int) (n >>> 24 & HEAD);
                hcyl = (int) (n >>> 16 & 0xff);
                lcyl = (int) (n >>> 8 & 0xff);
                sector = (int) (n & 0xff);
            }
        } else if (heads != 0 && sectorsPerTrack != 0) {
            long perCylinder = (long) heads * sectorsPerTrack;
            long cyl = n / perCylinder;
            long r = n % perCylinder;
            hcyl = (int) (cyl >>> 8 & 0xff);
            lcyl = (int) (cyl & 0xff);
            select = select & ~HEAD | (int) (r / sectorsPerTrack & HEAD);
            sector = (int) (r % sectorsPerTrack + 1 & 0xff);
        }
    }

    boolean rangeOk(long first, long count) {
        long total = capacity();
        return first >= 0 && first <= total && count <= total - first;
    }

    // ---- PIO data phases ----

    private void transferStart(int bytes, Phase next) {
        dataPtr = 0;
        dataEnd = bytes;
        if ((status & ERR) == 0) {
            status |= DRQ;
        }
        phase = next;
    }

    /** Ends a data phase (QEMU's ide_transfer_stop): DRQ clear, nothing left to move. */
    private void transferStop() {
        phase = Phase.NONE;
        dataPtr = dataEnd = 0;
        status &= ~DRQ;
    }

    /** READ SECTORS / READ MULTIPLE: the next block into the buffer, DRQ and the interrupt; none left ends it. */
    private void sectorRead() {
        status = DRDY | DSC;
        error = 0;
        long first = currentSector();
        int n = Math.min(nsector, reqSectors);
        if (nsector == 0) {
            transferStop();
            return;
        }
        if (!rangeOk(first, n)) {
            abort();
            host.interrupt();
            return;
        }
        for (int i = 0; i < n; i++) {
            disk.image().read(first + i, buffer, i * SECTOR);
        }
        setSector(first + n);
        nsector -= n;
        transferStart(n * SECTOR, Phase.READ);
        host.interrupt();
    }

    /** WRITE SECTORS / WRITE MULTIPLE: the block the host filled goes to the medium; DRQ again for the next. */
    private void sectorWrite() {
        status = DRDY | DSC;
        long first = currentSector();
        int n = Math.min(nsector, reqSectors);
        if (!rangeOk(first, n)) {
            abort();
            host.interrupt();
            return;
        }
        for (int i = 0; i < n; i++) {
            disk.image().write(first + i, buffer, i * SECTOR);
        }
        nsector -= n;
        setSector(first + n);
        if (nsector == 0) {
            transferStop();
        } else {
            transferStart(SECTOR * Math.min(nsector, reqSectors), Phase.WRITE);
        }
        host.interrupt();
    }

    private boolean dataOut() {
        return phase != Phase.WRITE;
    }

    /** A Data read of {@code bytes} (2 or 4): the buffer's next bytes while DRQ in a data-in phase, else 0. */
    int readData(int bytes) {
        if ((status & DRQ) == 0 || !dataOut() || dataPtr + bytes > dataEnd) {
            return 0;
        }
        int v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = v << 8 | buffer[dataPtr + i] & 0xff;
        }
        dataPtr += bytes;
        if (dataPtr >= dataEnd) {
            status &= ~DRQ;
            endPhase();
        }
        return v;
    }

    /** A Data write of {@code bytes} (2 or 4) while DRQ in a data-out phase; ignored otherwise. */
    void writeData(int bytes, long value) {
        if ((status & DRQ) == 0 || dataOut() || dataPtr + bytes > dataEnd) {
            return;
        }
        for (int i = 0; i < bytes; i++) {
            buffer[dataPtr + i] = (byte) (value >>> 8 * i);
        }
        dataPtr += bytes;
        if (dataPtr >= dataEnd) {
            status &= ~DRQ;
            endPhase();
        }
    }

    private void endPhase() {
        switch (phase) {
            case READ -> sectorRead();
            case WRITE -> sectorWrite();
            default -> transferStop();
        }
    }

    // ---- DMA (QEMU hw/ide/core.c ide_dma_cb; ATA/ATAPI-6 clause 9.8, DMA data transfer) ----

    DmaCommand dmaCommand() {
        return dma;
    }

    /** Sectors the DMA command still has to move. */
    int dmaSectors() {
        return nsector;
    }

    /** The data moved with the bus master: the sectors are done, the registers advanced, the interrupt posted. */
    void dmaDone(int sectors) {
        long first = currentSector();
        setSector(first + sectors);
        nsector -= sectors;
        dma = null;
        status = DRDY | DSC;
        host.interrupt();
    }

    /** QEMU: a PRD table too short for the command ends it with DRDY|DSC and no interrupt (qemu-pc). */
    void dmaShortTable() {
        dma = null;
        status = DRDY | DSC;
    }

    /** An address outside the medium: aborted, with the interrupt (ide_dma_error). */
    void dmaError() {
        dma = null;
        abort();
        host.interrupt();
    }

    /** Whether the DMA command's sectors lie on the medium; a TRIM's own LBA is not a range (QEMU ide_dma_cb). */
    boolean dmaRangeOk() {
        return dma == DmaCommand.TRIM || rangeOk(currentSector(), nsector);
    }

    /** DATA SET MANAGEMENT's Features value for TRIM (ACS-2 7.10.3.2). */
    static final int DSM_TRIM_FEATURE = 0x01;

    /**
     * Whether every entry of a TRIM's 512-byte block is on the medium: an entry is LBA bits 47:0 and a range length
     * bits 63:48, little-endian; a length of 0 is no range (ACS-2 7.10.3.2; QEMU ide_issue_trim).
     */
    boolean trimRangesOk(byte[] block) {
        for (int at = 0; at + 8 <= block.length; at += 8) {
            long entry = 0;
            for (int i = 7; i >= 0; i--) {
                entry = entry << 8 | (block[at + i] & 0xff);
            }
            long count = entry >>> 48;
            if (count != 0 && !rangeOk(entry & 0xffff_ffff_ffffL, count)) {
                return false;
            }
        }
        return true;
    }

    /** The DMA command's first sector. */
    long dmaFirstSector() {
        return currentSector();
    }

    /** The bus master was stopped: the command keeps waiting (QEMU's dma_cb stays). */
    void abort() {
        status = DRDY | ERR;
        error = ABRT;
        transferStop();
    }

    private boolean abortDone() {
        abort();
        return true;
    }

    void show(String prefix, Map<String, String> m) {
        m.put(prefix + "Features", hex(feature));
        m.put(prefix + "Sector Count", hex(nsector));
        m.put(prefix + "LBA Low", hex(sector));
        m.put(prefix + "LBA Mid", hex(lcyl));
        m.put(prefix + "LBA High", hex(hcyl));
        m.put(prefix + "Device", hex(select));
        m.put(prefix + "Status", hex(status));
        m.put(prefix + "Error", hex(error));
        m.put(prefix + "HOB", hex(hobFeature) + " " + hex(hobNsector) + " " + hex(hobSector) + " " + hex(hobLcyl) + " "
                + hex(hobHcyl));
        m.put(prefix + "phase", phase + " " + dataPtr + "/" + dataEnd + (dma == null ? "" : " DMA " + dma));
        m.put(prefix + "multiple", Integer.toString(multSectors));
    }

    /** Zeroes the sector buffer (a reset leaves no data to read). */
    void clearBuffer() {
        Arrays.fill(buffer, (byte) 0);
    }
}
