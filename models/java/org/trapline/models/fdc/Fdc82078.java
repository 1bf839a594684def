package org.trapline.models.fdc;

import static org.trapline.models.device.Inspectable.hex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.Timer;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/**
 * The Intel 82078 (44-pin) floppy disk controller in PC-AT mode with up to two drives: the register
 * set at offsets 0-7 (SRA, SRB, DOR, TDR, MSR/DSR, FIFO, DIR/CCR), the command, execution and result
 * phases of the FIFO, the reset through DOR bit 2 or DSR bit 7 with its polling interrupt, and the
 * command set ({@link FdcCommand}). Offset 6 is not the controller's (the PC's ATA control port).
 */
public final class Fdc82078 implements IoDevice, Inspectable {
    static final int SRA = 0, SRB = 1, DOR = 2, TDR = 3, MSR = 4, DSR = 4, FIFO = 5, DIR = 7, CCR = 7;

    static final int SRA_NDRV2 = 0x40, SRA_INTPEND = 0x80;
    static final int SRB_MTR0 = 0x01, SRB_MTR1 = 0x02, SRB_DR0 = 0x20, SRB_RESERVED_ONES = 0xc0;
    static final int DOR_DRIVE_SEL = 0x01, DOR_RESET = 0x04, DOR_DMA_GATE = 0x08, DOR_MOTEN0 = 0x10,
            DOR_MOTEN1 = 0x20;
    static final int TDR_TAPESEL = 0x03, TDR_BOOTSEL = 0x04;
    static final int MSR_CB = 0x10, MSR_NON_DMA = 0x20, MSR_DIO = 0x40, MSR_RQM = 0x80;
    static final int DSR_DRATE = 0x03, DSR_PWR_DOWN = 0x40, DSR_SW_RESET = 0x80;
    static final int DIR_DSKCHG = 0x80;

    static final int ST0_SE = 0x20, ST0_EC = 0x10, ST0_ABNORMAL = 0x40, ST0_INVALID = 0x80, ST0_READY_CHANGE = 0xc0;
    static final int ST0_HEAD = 0x04;
    static final int ST1_EN = 0x80, ST1_ND = 0x04, ST1_NW = 0x02, ST1_MA = 0x01;
    static final int ST2_WC = 0x10, ST2_SN = 0x04, ST2_SH = 0x08, ST2_CM = 0x40;
    /** VERIFY's byte 1: EC, the count of SC sectors in place of EOT (82078 VERIFY). */
    static final int VERIFY_EC = 0x80;
    /** SK: skip the sectors whose data address mark is not the command's (82078 'Command Set'). */
    static final int SK = 0x20;
    /** The rotation: 300 rpm, 360 rpm for a 5.25" high-capacity drive (82078 'Drive Interface'). */
    static final long NS_PER_MINUTE = 60_000_000_000L;
    /** QEMU's READ ID result timer: 1/50 s after the command (hw/block/fdc.c fdctrl_handle_readid). */
    static final long QEMU_READ_ID_NS = 20_000_000L;
    static final int MSR_DRIVE_BUSY = 0x0f;
    /** The transfers' MT bit above the opcode (82078 'Command Set'). */
    static final int MT = 0x80;
    static final int SECTOR_BYTES = FloppyMedium.SECTOR_BYTES;
    static final int ST3_WP = 0x40, ST3_ONE5 = 0x20, ST3_T0 = 0x10, ST3_ONE3 = 0x08;

    /** CONFIGURE after reset: EIS=0, EFIFO=1, POLL=0, FIFOTHR=0 (82078 CONFIGURE). */
    static final int CONFIG_DEFAULT = 0x20;
    static final int CONFIG_EIS = 0x40;
    static final int VERSION = 0x90;
    static final int PART_ID = 0x41;
    /** After a reset with polling on, four SENSE INTERRUPT STATUS answer for drives 0-3 (82078 'Polling'). */
    static final int RESET_SENSES = 4;
    /** QEMU's bounds for an empty drive's head, cylinder and sector alike (hw/block/fdc.c fd_empty_seek_hack). */
    static final int EMPTY_SEEK_BOUND = 0xff;
    static final int DRIVES = 2;
    /** ST0, ST1, ST2, C, H, R, N after a READ DATA or WRITE DATA. */
    static final int RESULT_BYTES = 7;

    private final boolean sraNotDecoded;
    private final boolean msrReadEndsReset;
    private final boolean resetKeepsConfigure;
    private final boolean resultReadClearsInterrupt;
    private final boolean seekBoundedByMedia;
    private final boolean recalibrateWithoutTrack0;
    private final boolean senseDriveWpT0;
    private final boolean ndIsDmaGate;
    private final boolean dumpregSrtOnly;
    private final boolean dumpregEotIsDisketteSectors;
    private final boolean perpendicularCurrentDrive;
    private final boolean tdrBootSelectOnly;
    private final boolean dsrPowerdownResets;
    private final boolean drive1AppearsWhenSelected;
    private final boolean dorShowsCommandDrive;
    private final boolean portioAccess;
    private final boolean eotWithoutTcNormal;
    private final boolean nextCylinderSetsSe;
    private final boolean writeProtectAtDma;
    private final boolean noDisketteEndsAtOnce;
    private final boolean missingSectorStatus;
    private final boolean seeksWithoutEis;
    private final boolean tcMidSectorStays;
    private final boolean resultSizeCode2;
    private final boolean pioLastSector;
    private final boolean pioWriteHangs;
    private final boolean readIdFixedDelay;
    private final boolean readIdDorDrive;
    private final boolean formatEndsAtOnce;
    private final boolean verifyIgnoresEc;
    private final boolean verifyPioReads;
    private final boolean readTrackIsReadData;
    private final boolean deletedDataNotHandled;
    private final boolean scanChunkCompare;
    private final boolean headFromH;
    private final boolean relativeSeekBounded;
    private final Scheduler scheduler;
    private final Timer readIdTimer;
    private final int configDefault;
    private final IrqLine irq;
    private final DmaRequest dreq;
    /** The drives on the cable by unit; null where no drive is attached. */
    private final FloppyDrive[] drives = new FloppyDrive[DRIVES];

    private int sra;
    private int srb;
    private int dor;
    private int tdr;
    private int msr;
    private int dsr;
    private int drive;
    /** The command and its parameters, then the result bytes; 10 is the longest either (DUMPREG). */
    private final int[] fifo = new int[18];
    private int pos;
    private int len;
    private Phase phase;
    private int st0;
    private int resetSenses;
    private int srt;
    private int hut;
    private int hlt;
    private boolean nd;
    private int config;
    private int pretrk;
    private boolean lock;
    private int perpendicular;
    private final int[] pcn = new int[DRIVES];
    /** The head each drive has selected and the sector under it (QEMU's FDrive head and sect). */
    private final int[] head = new int[DRIVES];
    private final int[] sect = {1, 1};
    /** The data transfer of a READ DATA or WRITE DATA in its execution phase. */
    private final byte[] sector = new byte[SECTOR_BYTES];
    private boolean transferring;
    private boolean transferWrite;
    private boolean viaDma;
    private boolean pendingEnd;
    private boolean multiTrack;
    private int dataPos;
    private int dataLen;
    private int eot;
    private int sizeCode;
    /** Under QEMU's late write-protect check: the bytes of the refused piece still to take from the DMA. */
    private int protectedSkip = -1;
    private final int[] drivePerpendicular = new int[DRIVES];
    /** Sectors per track each drive's position counts with (QEMU's last_sect: the format's, or FORMAT's SC). */
    private final int[] lastSect = new int[DRIVES];
    /** A drive with no diskette in it (QEMU: a block backend with no medium, as -device floppy makes). */
    private final boolean[] emptyDrive = new boolean[DRIVES];
    /** The last cylinder a seek may reach under QEMU (its max_track: the format's; 0 for no drive). */
    private final int[] maxTrack = new int[DRIVES];
    private int pwrd;
    /** The command in its execution phase. */
    private FdcCommand command = FdcCommand.INVALID;
    /** A SCAN's compare over the current piece: the sign of the first difference (host minus disk). */
    private int scanSign;
    /** The hardware READ TRACK found no ID equal to the command's (82078 READ TRACK: ST1 ND). */
    private boolean trackIdMissed;
    /** A sector whose data address mark is not the command's was read (82078 ST2 CM): end after it. */
    private boolean controlMark;
    private final boolean[] driveTouched = new boolean[DRIVES];
    /** The ID field (C, H, R, N) FORMAT TRACK is taking for its next sector. */
    private final int[] idField = new int[4];

    enum Phase { COMMAND, EXECUTION, RESULT }

    /** The controller's DRQ line to its DMA channel (channel 2 on the PC), which the board connects. */
    public interface DmaRequest {
        void hold();

        void release();

        DmaRequest NONE = new DmaRequest() {
            @Override
            public void hold() {
            }

            @Override
            public void release() {
            }
        };
    }

    /** A controller with no drive attached and no DMA channel. */
    public Fdc82078(Set<Quirk> quirks, IrqLine irq) {
        this(quirks, irq, new FloppyMedium[DRIVES], new boolean[DRIVES], DmaRequest.NONE);
    }

    /**
     * @param media          per unit (0, 1): the diskette in a drive there, or null for no drive
     * @param writeProtected per unit: the diskette's write-protect tab
     * @param dreq           the DRQ line to the DMA controller
     */
    public Fdc82078(Set<Quirk> quirks, IrqLine irq, FloppyMedium[] media, boolean[] writeProtected, DmaRequest dreq) {
        this(new Scheduler(new VirtualClock()), quirks, irq, media, writeProtected, dreq);
    }

    /**
     * @param scheduler where the controller arms what the rotation decides (READ ID's ID field)
     */
    public Fdc82078(Scheduler scheduler, Set<Quirk> quirks, IrqLine irq, FloppyMedium[] media, boolean[] writeProtected,
            DmaRequest dreq) {
        this(scheduler, quirks, irq, media, new boolean[DRIVES], writeProtected, dreq);
    }

    /**
     * @param emptyDrives per unit: a drive is there with no diskette in it (where {@code media} has none)
     */
    public Fdc82078(Scheduler scheduler, Set<Quirk> quirks, IrqLine irq, FloppyMedium[] media, boolean[] emptyDrives,
            boolean[] writeProtected, DmaRequest dreq) {
        this.irq = irq;
        this.scheduler = scheduler;
        this.readIdTimer = scheduler.newTimer("fdc-read-id", this::readIdFound);
        this.dreq = dreq;
        for (int u = 0; u < DRIVES && u < media.length; u++) {
            if (media[u] != null) {
                drives[u] = new FloppyDrive(media[u], u < writeProtected.length && writeProtected[u]);
                lastSect[u] = drives[u].geometry().sectorsPerTrack();
                maxTrack[u] = drives[u].geometry().cylinders();
            } else if (u < emptyDrives.length && emptyDrives[u]) {
                // QEMU's fd_empty_seek_hack: an empty drive lets the head go anywhere until a diskette comes.
                emptyDrive[u] = true;
                lastSect[u] = EMPTY_SEEK_BOUND;
                maxTrack[u] = EMPTY_SEEK_BOUND;
            }
        }
        eotWithoutTcNormal = quirks.contains(FdcQuirks.EOT_WITHOUT_TC_ENDS_NORMALLY);
        nextCylinderSetsSe = quirks.contains(FdcQuirks.NEXT_CYLINDER_SETS_SEEK_END);
        writeProtectAtDma = quirks.contains(FdcQuirks.WRITE_PROTECT_SEEN_AT_DMA);
        noDisketteEndsAtOnce = quirks.contains(FdcQuirks.NO_DISKETTE_ENDS_AT_ONCE);
        missingSectorStatus = quirks.contains(FdcQuirks.MISSING_SECTOR_STATUS);
        seeksWithoutEis = quirks.contains(FdcQuirks.TRANSFER_SEEKS_WITHOUT_EIS);
        tcMidSectorStays = quirks.contains(FdcQuirks.TC_MID_SECTOR_STAYS);
        resultSizeCode2 = quirks.contains(FdcQuirks.RESULT_SIZE_CODE_2);
        pioLastSector = quirks.contains(FdcQuirks.PIO_READ_RESULT_NAMES_LAST_SECTOR);
        pioWriteHangs = quirks.contains(FdcQuirks.PIO_WRITE_TO_TRACK_END_NEVER_ENDS);
        readIdFixedDelay = quirks.contains(FdcQuirks.READ_ID_AFTER_FIXED_20MS);
        readIdDorDrive = quirks.contains(FdcQuirks.READ_ID_USES_DOR_DRIVE);
        formatEndsAtOnce = quirks.contains(FdcQuirks.FORMAT_TRACK_ENDS_AT_ONCE);
        verifyIgnoresEc = quirks.contains(FdcQuirks.VERIFY_IGNORES_EC);
        verifyPioReads = quirks.contains(FdcQuirks.VERIFY_WITHOUT_DMA_READS_DATA);
        readTrackIsReadData = quirks.contains(FdcQuirks.READ_TRACK_IS_READ_DATA);
        deletedDataNotHandled = quirks.contains(FdcQuirks.DELETED_DATA_NOT_HANDLED);
        scanChunkCompare = quirks.contains(FdcQuirks.SCAN_COMPARES_PIECES_AND_REPORTS_HIT);
        headFromH = quirks.contains(FdcQuirks.HEAD_FROM_H_PARAMETER);
        relativeSeekBounded = quirks.contains(FdcQuirks.RELATIVE_SEEK_BOUNDED_BY_MEDIA);
        sraNotDecoded = quirks.contains(FdcQuirks.SRA_NOT_DECODED);
        msrReadEndsReset = quirks.contains(FdcQuirks.MSR_READ_ENDS_RESET);
        resetKeepsConfigure = quirks.contains(FdcQuirks.RESET_KEEPS_CONFIGURE);
        resultReadClearsInterrupt = quirks.contains(FdcQuirks.RESULT_READ_CLEARS_INTERRUPT);
        seekBoundedByMedia = quirks.contains(FdcQuirks.SEEK_BOUNDED_BY_MEDIA);
        recalibrateWithoutTrack0 = quirks.contains(FdcQuirks.RECALIBRATE_WITHOUT_TRACK0);
        senseDriveWpT0 = quirks.contains(FdcQuirks.SENSE_DRIVE_WP_T0_WITHOUT_DRIVE);
        ndIsDmaGate = quirks.contains(FdcQuirks.ND_IS_DOR_DMA_GATE);
        dumpregSrtOnly = quirks.contains(FdcQuirks.DUMPREG_SRT_ONLY);
        dumpregEotIsDisketteSectors = quirks.contains(FdcQuirks.DUMPREG_EOT_IS_DISKETTE_SECTORS);
        perpendicularCurrentDrive = quirks.contains(FdcQuirks.PERPENDICULAR_CURRENT_DRIVE);
        tdrBootSelectOnly = quirks.contains(FdcQuirks.TDR_BOOT_SELECT_ONLY);
        dsrPowerdownResets = quirks.contains(FdcQuirks.DSR_POWERDOWN_RESETS);
        drive1AppearsWhenSelected = quirks.contains(FdcQuirks.DRIVE1_APPEARS_WHEN_SELECTED);
        portioAccess = quirks.contains(FdcQuirks.PORTIO_ACCESS);
        dorShowsCommandDrive = quirks.contains(FdcQuirks.DOR_SHOWS_COMMAND_DRIVE);
        configDefault = quirks.contains(FdcQuirks.CONFIGURE_RESET_IMPLIED_SEEK) ? CONFIG_DEFAULT | CONFIG_EIS
                : CONFIG_DEFAULT;
        config = configDefault;
        for (int u = 0; u < DRIVES; u++) {
            sect[u] = drives[u] == null && seekBoundedByMedia ? 0 : 1;
        }
        controllerReset(false);
    }

    /**
     * A diskette goes into the drive at {@code unit}, which must be on the cable: the drive raises DSKCHG
     * (82078 DIR bit 7: set while the door opened, cleared by a step pulse with a diskette in) and the
     * controller bounds seeks by the new diskette's geometry (QEMU: fd_change_cb, fd_revalidate).
     *
     * @return false, changing nothing, when no drive is at {@code unit}
     */
    public boolean insertDiskette(int unit, FloppyMedium medium, boolean writeProtected) {
        if (unit < 0 || unit >= DRIVES || !hasDrive(unit)) {
            return false;
        }
        FloppyDrive d = new FloppyDrive(medium, writeProtected);
        drives[unit] = d;
        emptyDrive[unit] = true;
        lastSect[unit] = d.geometry().sectorsPerTrack();
        maxTrack[unit] = d.geometry().cylinders();
        return true;
    }

    /**
     * The diskette leaves the drive at {@code unit}: DSKCHG then stays set (no diskette to clear it), and
     * the head may go anywhere again, as for a drive that started empty (QEMU's fd_empty_seek_hack).
     *
     * @return false, changing nothing, when no drive is at {@code unit}
     */
    public boolean ejectDiskette(int unit) {
        if (unit < 0 || unit >= DRIVES || !hasDrive(unit)) {
            return false;
        }
        drives[unit] = null;
        emptyDrive[unit] = true;
        lastSect[unit] = EMPTY_SEEK_BOUND;
        maxTrack[unit] = EMPTY_SEEK_BOUND;
        return true;
    }

    /** The quirks of the floppy controller that the qemu-pc profile switches on. */
    public static List<Quirk> qemuQuirks() {
        return FdcQuirks.all();
    }

    /** Offsets 0-5 and 7 at {@code base}; QEMU leaves offset 0 out (quirk {@link FdcQuirks#SRA_NOT_DECODED}). */
    public void attach(PortIoBus io, int base) {
        int first = sraNotDecoded ? 1 : 0;
        io.map(run("fdc", 6 - first).at(base + first).from(first));
        io.map(run("fdc-dir", 1).at(base + DIR).from(DIR));
    }

    /**
     * A run of byte registers. On an ISA bus a wider cycle to an 8-bit device becomes byte cycles; QEMU's
     * portio list instead takes the access whole up to the run's end (quirk {@link FdcQuirks#PORTIO_ACCESS}).
     */
    private Region run(String name, int length) {
        return portioAccess ? Region.of(name, length, 1, 4, this, this).withWholeAccesses()
                : Region.of(name, length, 1, 1, this, this);
    }

    /** The board's reset: RESET pin, no interrupt. */
    public void reset() {
        controllerReset(false);
    }

    @Override
    public long read(long offset, int size) {
        if (size == 4) {
            return 0xffffffffL;
        }
        if (size == 2) {
            // QEMU's portio list: the byte past DIR, the end of its run, reads FFh (offset 6 reads FFh itself).
            return readByte(offset) | (offset + 1 > DIR ? 0xff : readByte(offset + 1)) << 8;
        }
        return readByte(offset);
    }

    private long readByte(long offset) {
        switch ((int) (offset & 7)) {
            case SRA:
                return sraNotDecoded ? 0xff : sra;
            case SRB:
                return srb;
            case DOR:
                return dorShowsCommandDrive ? dor | drive : dor;
            case TDR:
                return tdr;
            case MSR:
                if (msrReadEndsReset) {
                    dor |= DOR_RESET;
                }
                return msr;
            case FIFO:
                return readFifo();
            case DIR:
                touch();
                FloppyDrive d = drives[cur()];
                return d == null || d.diskChanged ? DIR_DSKCHG : 0;
            default:
                return 0xff;
        }
    }

    @Override
    public void write(long offset, int size, long value) {
        if (size == 2) {
            writeByte(offset, value);
            writeByte(offset + 1, value >>> 8);
        } else if (size == 1) {
            writeByte(offset, value);
        }
    }

    private void writeByte(long offset, long value) {
        int v = (int) (value & 0xff);
        switch ((int) (offset & 7)) {
            case DOR -> writeDor(v);
            case TDR -> writeTdr(v);
            case DSR -> writeDsr(v);
            case FIFO -> writeFifo(v);
            case CCR -> {
                if (inReset()) {
                    return;
                }
                dsr = dsr & ~DSR_DRATE | v & DSR_DRATE;
            }
            default -> {
            }
        }
    }

    private boolean inReset() {
        return (dor & DOR_RESET) == 0;
    }

    private void writeDor(int v) {
        srb = srb & ~(SRB_MTR0 | SRB_MTR1 | SRB_DR0) | ((v & DOR_MOTEN0) != 0 ? SRB_MTR0 : 0)
                | ((v & DOR_MOTEN1) != 0 ? SRB_MTR1 : 0) | ((v & DOR_DRIVE_SEL) != 0 ? SRB_DR0 : 0);
        boolean leaving = (v & DOR_RESET) != 0 && inReset();
        if (leaving) {
            controllerReset(true);
            dsr &= ~DSR_PWR_DOWN;
        }
        drive = v & DOR_DRIVE_SEL;
        dor = v;
    }

    private void writeTdr(int v) {
        if (tdrBootSelectOnly) {
            if (!inReset()) {
                tdr = v & TDR_BOOTSEL;
            }
        } else {
            tdr = v & TDR_TAPESEL;
        }
    }

    private void writeDsr(int v) {
        if (inReset()) {
            return;
        }
        if ((v & DSR_SW_RESET) != 0) {
            // Self-clearing: the reset runs and the controller comes out of it at once (82078 DSR bit 7).
            dor &= ~DOR_RESET;
            controllerReset(true);
            dor |= DOR_RESET;
        }
        if ((v & DSR_PWR_DOWN) != 0 && dsrPowerdownResets) {
            controllerReset(true);
        }
        dsr = v;
    }

    /** The physical drive a unit number reaches: TDR's boot select swaps drives 0 and 1. */
    private int unit(int n) {
        return n ^ ((tdr & TDR_BOOTSEL) != 0 ? 1 : 0);
    }

    private int cur() {
        return unit(drive);
    }

    /** QEMU creates an empty drive where one is used (quirk {@link FdcQuirks#DRIVE1_APPEARS_WHEN_SELECTED}). */
    private void touch() {
        driveTouched[cur()] = true;
    }

    private void controllerReset(boolean interrupt) {
        clearInterrupt();
        readIdTimer.disarm();
        endTransferState();
        sra = drives[1] != null || emptyDrive[1] || drive1AppearsWhenSelected && driveTouched[1] ? 0 : SRA_NDRV2;
        srb = SRB_RESERVED_ONES;
        drive = 0;
        dor = DOR_RESET | DOR_DMA_GATE;
        msr = MSR_RQM;
        resetSenses = 0;
        for (int d = 0; d < DRIVES; d++) {
            // QEMU's fdctrl_reset recalibrates every drive (fd_recalibrate): cylinder 0, head 0, sector 1.
            recalibrateTo(d);
        }
        if (!lock && !resetKeepsConfigure) {
            config = configDefault;
            pretrk = 0;
        }
        toCommandPhase();
        if (interrupt) {
            st0 |= ST0_READY_CHANGE;
            raiseInterrupt();
            resetSenses = RESET_SENSES;
        }
    }

    private void raiseInterrupt() {
        if ((sra & SRA_INTPEND) == 0) {
            sra |= SRA_INTPEND;
            irq.setLevel(true);
        }
        resetSenses = 0;
    }

    private void clearInterrupt() {
        st0 = 0;
        if ((sra & SRA_INTPEND) != 0) {
            sra &= ~SRA_INTPEND;
            irq.setLevel(false);
        }
    }

    private void toCommandPhase() {
        phase = Phase.COMMAND;
        pos = 0;
        len = 1;
        msr = msr & ~(MSR_CB | MSR_DIO) | MSR_RQM;
    }

    private void toResultPhase(int bytes) {
        phase = Phase.RESULT;
        len = bytes;
        pos = 0;
        msr |= MSR_CB | MSR_RQM | MSR_DIO;
    }

    private int readFifo() {
        touch();
        dsr &= ~DSR_PWR_DOWN;
        if ((msr & MSR_RQM) == 0 || (msr & MSR_DIO) == 0) {
            return 0;
        }
        if (phase == Phase.EXECUTION) {
            // Non-DMA mode: the data byte moves through the FIFO (82078 'Non-DMA Mode').
            return (msr & MSR_NON_DMA) != 0 ? dmaRead() : 0;
        }
        if (phase != Phase.RESULT) {
            return 0;
        }
        int value = fifo[pos];
        if (++pos == len) {
            boolean transfer = len == RESULT_BYTES;
            msr &= ~MSR_RQM;
            toCommandPhase();
            if (resultReadClearsInterrupt || transfer) {
                // A READ/WRITE's interrupt ends with its result phase (82078 'Result Phase').
                clearInterrupt();
            }
        }
        return value;
    }

    private void writeFifo(int v) {
        if (inReset() || (msr & MSR_RQM) == 0 || (msr & MSR_DIO) != 0) {
            return;
        }
        if (phase == Phase.EXECUTION) {
            if ((msr & MSR_NON_DMA) != 0) {
                dsr &= ~DSR_PWR_DOWN;
                dmaWrite(v);
            }
            return;
        }
        if (phase != Phase.COMMAND) {
            return;
        }
        dsr &= ~DSR_PWR_DOWN;
        fifo[pos++] = v;
        if (pos == len) {
            msr &= ~MSR_RQM;
        }
        if (pos == 1) {
            len = 1 + parameters(v);
            if (len > 1) {
                msr |= MSR_RQM;
            }
            msr |= MSR_CB;
        }
        if (pos == len) {
            phase = Phase.EXECUTION;
            execute();
        }
    }

    /** Parameter bytes after each command byte (82078 'Command Set'); 0 for an invalid one. */
    private static int parameters(int command) {
        return FdcCommand.of(command).parameters;
    }

    private void execute() {
        command = FdcCommand.of(fifo[0]);
        switch (command) {
            case READ_DATA, WRITE_DATA, WRITE_DATA_SK, VERIFY, READ_TRACK, SCAN_EQUAL, SCAN_LOW_OR_EQUAL,
                    SCAN_HIGH_OR_EQUAL -> startTransfer(command);
            case READ_DELETED_DATA, WRITE_DELETED_DATA -> deletedData();
            case SPECIFY -> specify();
            case SENSE_DRIVE_STATUS -> senseDriveStatus();
            case RECALIBRATE -> recalibrate();
            case SENSE_INTERRUPT_STATUS -> senseInterruptStatus();
            case DUMPREG -> dumpreg();
            case SEEK -> seek();
            case RELATIVE_SEEK_IN, RELATIVE_SEEK_OUT -> relativeSeek(command == FdcCommand.RELATIVE_SEEK_IN);
            case VERSION -> result(VERSION);
            case PERPENDICULAR_MODE -> perpendicularMode();
            case CONFIGURE -> {
                config = fifo[2];
                pretrk = fifo[3];
                toCommandPhase();
            }
            case LOCK -> {
                lock = (fifo[0] & 0x80) != 0;
                result(lock ? 0x10 : 0x00);
            }
            case PART_ID -> result(PART_ID);
            case READ_ID -> readId();
            case FORMAT_TRACK -> formatTrack();
            case SAVE -> save();
            case RESTORE -> restore();
            case POWERDOWN_MODE -> {
                pwrd = fifo[1];
                result(pwrd);
            }
            case OPTION -> toCommandPhase();
            case DRIVE_SPECIFICATION -> driveSpecification();
            default -> result(ST0_INVALID); // FORMAT AND WRITE and the undefined codes
        }
    }

    private void result(int b) {
        fifo[0] = b;
        toResultPhase(1);
    }

    private void specify() {
        srt = fifo[1] >> 4;
        hut = fifo[1] & 0x0f;
        hlt = fifo[2] >> 1;
        nd = (fifo[2] & 1) != 0;
        if (ndIsDmaGate) {
            dor = nd ? dor & ~DOR_DMA_GATE : dor | DOR_DMA_GATE;
        }
        toCommandPhase();
    }

    private void senseDriveStatus() {
        drive = fifo[1] & DOR_DRIVE_SEL;
        touch();
        int u = cur();
        head[u] = fifo[1] >> 2 & 1;
        int st3 = ST3_ONE5 | ST3_ONE3 | head[u] << 2 | drive;
        FloppyDrive d = drives[u];
        if (d != null) {
            // ST3 WP and T0 are the drive's WP and TRK0 lines (82078 'Status Register 3').
            st3 |= (d.writeProtected() ? ST3_WP : 0) | (pcn[u] == 0 ? ST3_T0 : 0);
        } else if (senseDriveWpT0 || emptyDrive[u]) {
            // An empty drive's TRK0 line is its head's; with no tab to sense the model takes WP as asserted (drives
            // differ; QEMU marks an empty drive read-only).
            st3 |= ST3_WP | (pcn[u] == 0 ? ST3_T0 : 0);
        }
        result(st3);
    }

    private void recalibrate() {
        drive = fifo[1] & DOR_DRIVE_SEL;
        touch();
        int u = cur();
        recalibrateTo(u);
        toCommandPhase();
        // With a drive, TRK0 comes and the command ends normally; with none it never does.
        st0 |= hasDrive(u) || recalibrateWithoutTrack0 ? ST0_SE : ST0_SE | ST0_EC | ST0_ABNORMAL;
        raiseInterrupt();
    }

    private void seek() {
        drive = fifo[1] & DOR_DRIVE_SEL;
        touch();
        toCommandPhase();
        int u = cur();
        // QEMU bounds the head by the medium (fd_seek): no drive, cylinder 0 only; a diskette, its cylinder count;
        // an empty drive, FFh, one side.
        if (!seekBoundedByMedia || fifo[2] <= maxTrack[u] && (head[u] == 0 || drives[u] != null && drives[u].geometry().heads() == 2)
                && sect[u] <= lastSect[u]) {
            moveTo(u, head[u], fifo[2], sect[u]);
        }
        st0 |= ST0_SE;
        raiseInterrupt();
    }

    private void senseInterruptStatus() {
        touch();
        if (resetSenses > 0) {
            fifo[0] = ST0_READY_CHANGE + RESET_SENSES - resetSenses;
            resetSenses--;
        } else if ((sra & SRA_INTPEND) == 0) {
            result(ST0_INVALID);
            return;
        } else {
            fifo[0] = st0 & ~0x07 | drive;
        }
        fifo[1] = pcn[cur()];
        toResultPhase(2);
        clearInterrupt();
    }

    private void dumpreg() {
        touch();
        fifo[0] = pcn[unit(0)];
        fifo[1] = pcn[unit(1)];
        fifo[2] = 0;
        fifo[3] = 0;
        fifo[4] = dumpregSrtOnly ? srt : srt << 4 | hut;
        fifo[5] = (hlt << 1 | (ndIsDmaGate ? (dor & DOR_DMA_GATE) != 0 ? 1 : 0 : nd ? 1 : 0)) & 0xff;
        fifo[6] = !dumpregEotIsDisketteSectors ? eot : lastSect[cur()];
        fifo[7] = (lock ? 0x80 : 0) | (perpendicularCurrentDrive ? drivePerpendicular[cur()] << 2 : perpendicular);
        fifo[8] = config;
        fifo[9] = pretrk;
        toResultPhase(10);
    }

    private void perpendicularMode() {
        touch();
        int p = fifo[1];
        if (perpendicularCurrentDrive) {
            if ((p & 0x80) != 0) {
                drivePerpendicular[cur()] = p & 0x07;
            }
        } else {
            perpendicular = (p & 0x80) != 0 ? p & 0x3f : perpendicular & 0x3c | p & 0x03;
        }
        toCommandPhase();
    }

    /**
     * RELATIVE SEEK (82078): the head steps RCN cylinders in (DIR=1) or out from where it is, PCN counting
     * the steps in its eight bits. QEMU stops at cylinder 0 and at the last cylinder of the diskette
     * (quirk {@link FdcQuirks#RELATIVE_SEEK_BOUNDED_BY_MEDIA}).
     */
    private void relativeSeek(boolean in) {
        drive = fifo[1] & DOR_DRIVE_SEL;
        touch();
        toCommandPhase();
        int u = cur();
        int n = fifo[2];
        if (relativeSeekBounded) {
            FloppyDrive d = drives[u];
            int cylinders = maxTrack[u];
            int t = in ? (pcn[u] + n >= cylinders ? cylinders - 1 : pcn[u] + n) : n > pcn[u] ? 0 : pcn[u] - n;
            // QEMU's fd_seek: a cylinder past the medium, head 1 of one side, or a sector past the track stay put.
            boolean valid = t >= 0 && hasDrive(u) && t <= cylinders
                    && (head[u] == 0 || d != null && d.geometry().heads() == 2) && sect[u] <= lastSect[u];
            if (valid) {
                moveTo(u, head[u], t, sect[u]);
            }
        } else {
            moveTo(u, head[u], (in ? pcn[u] + n : pcn[u] - n) & 0xff, sect[u]);
        }
        st0 |= ST0_SE;
        raiseInterrupt();
    }

    /**
     * READ ID (82078): the first ID field that passes under the head of HDS is read; its C, H, R, N are the
     * result. The ID field after the current sector comes a sector's time later (one revolution, 200 ms at
     * 300 rpm, over the sectors per track); at another data rate, or on a side that is not recorded, none
     * is read and the command ends with MA after two index pulses. With no diskette no index pulse comes.
     */
    private void readId() {
        if (!readIdDorDrive) {
            drive = fifo[1] & DOR_DRIVE_SEL;
        }
        touch();
        int u = cur();
        head[u] = fifo[1] >> 2 & 1;
        sizeCode = 2;
        FloppyDrive d = drives[u];
        long wait;
        if (readIdFixedDelay) {
            wait = QEMU_READ_ID_NS;
        } else if (d == null) {
            return;
        } else {
            long revolution = NS_PER_MINUTE / (d.geometry().cmosDriveType() == 2 ? 360 : 300);
            wait = idReadable(u) ? revolution / lastSect[u] : 2 * revolution;
        }
        readIdTimer.armAt(scheduler.nowNs() + wait);
    }

    private boolean idReadable(int u) {
        FloppyDrive d = drives[u];
        int rate = d == null ? 0 : d.geometry().rate();
        return (dsr & DSR_DRATE) == rate && (readIdFixedDelay || d != null && head[u] < d.geometry().heads());
    }

    /** The READ ID's ID field has passed (or two index pulses have): the next sector is under the head. */
    private void readIdFound() {
        int u = cur();
        if (lastSect[u] != 0) {
            sect[u] = sect[u] % lastSect[u] + 1;
        }
        boolean found = idReadable(u);
        end(found ? 0 : ST0_ABNORMAL, found ? 0 : ST1_MA, 0, pcn[u], head[u], sect[u]);
    }

    /**
     * FORMAT TRACK (82078): at the index the track is written anew, SC sectors, each with the ID field the
     * host gives as four bytes (C, H, R, N) through DMA or the FIFO and a data field of the fill byte D. A
     * diskette image keeps 512-byte sectors in its own order, so the fill reaches the sectors whose ID is
     * one of this track's (C and H of the head, R within the format, N 2); the others the image cannot hold.
     * QEMU takes no ID and writes nothing (quirk {@link FdcQuirks#FORMAT_TRACK_ENDS_AT_ONCE}).
     */
    private void formatTrack() {
        drive = fifo[1] & DOR_DRIVE_SEL;
        touch();
        int u = cur();
        sizeCode = fifo[2];
        if (formatEndsAtOnce) {
            lastSect[u] = fifo[3];
            end(0, 0, 0, pcn[u], head[u], sect[u]);
            return;
        }
        FloppyDrive d = drives[u];
        if (d == null) {
            msr &= ~MSR_RQM; // no index pulse comes
            return;
        }
        head[u] = fifo[1] >> 2 & 1;
        if (d.writeProtected()) {
            end(ST0_ABNORMAL, ST1_NW, 0, pcn[u], head[u], sect[u]);
            return;
        }
        dataLen = 4 * fifo[3];
        dataPos = 0;
        if (dataLen == 0) {
            end(0, 0, 0, pcn[u], head[u], sect[u]);
            return;
        }
        transferWrite = true;
        transferring = true;
        viaDma = ndIsDmaGate ? (dor & DOR_DMA_GATE) != 0 : !nd;
        if (viaDma) {
            msr &= ~MSR_RQM;
            dreq.hold();
        } else {
            msr |= MSR_NON_DMA | MSR_RQM;
            raiseInterrupt();
        }
    }

    private void formatByte(int u, int value) {
        idField[dataPos % 4] = value;
        dataPos++;
        if (dataPos % 4 == 0) {
            FloppyDrive d = drives[u];
            int spt = d.geometry().sectorsPerTrack();
            int r = idField[2];
            if (idField[0] == pcn[u] && idField[1] == head[u] && idField[3] == 2 && fifo[2] == 2 && r >= 1 && r <= spt) {
                java.util.Arrays.fill(sector, (byte) fifo[5]);
                long at = d.lba(pcn[u], head[u], r);
                d.write(at, sector);
                d.markDeleted(at, false);
            }
        }
        if (dataPos >= dataLen) {
            end(0, 0, 0, pcn[u], head[u], sect[u]);
        }
    }

    /**
     * SAVE (82078): the registers a RESTORE puts back, 16 bytes as QEMU lays them out: PCN of drives 0-3,
     * SPECIFY's timers, SC/EOT, LOCK and PERPENDICULAR, CONFIGURE, PRETRK, POWERDOWN MODE.
     */
    private void save() {
        touch();
        int u = cur();
        java.util.Arrays.fill(fifo, 0, 15, 0);
        fifo[2] = pcn[unit(0)];
        fifo[3] = pcn[unit(1)];
        fifo[6] = dumpregSrtOnly ? srt : (srt << 4 | hut) & 0xff;
        fifo[7] = dumpregSrtOnly ? hlt : (hlt << 1 | (nd ? 1 : 0)) & 0xff;
        fifo[8] = lastSect[u];
        fifo[9] = (lock ? 0x80 : 0) | (perpendicularCurrentDrive ? drivePerpendicular[u] << 2 : perpendicular) & 0xff;
        fifo[10] = config;
        fifo[11] = pretrk;
        fifo[12] = pwrd;
        toResultPhase(15);
    }

    private void restore() {
        touch();
        int u = cur();
        pcn[unit(0)] = fifo[3];
        pcn[unit(1)] = fifo[4];
        if (dumpregSrtOnly) {
            srt = fifo[7];
            hlt = fifo[8];
        } else {
            srt = fifo[7] >> 4;
            hut = fifo[7] & 0x0f;
            hlt = fifo[8] >> 1;
            nd = (fifo[8] & 1) != 0;
        }
        lastSect[u] = fifo[9];
        lock = (fifo[10] & 0x80) != 0;
        if (perpendicularCurrentDrive) {
            drivePerpendicular[u] = fifo[10] >> 2 & 0x0f;
        } else {
            perpendicular = fifo[10] & 0x3f;
        }
        config = fifo[11];
        pretrk = fifo[12];
        pwrd = fifo[13];
        toCommandPhase();
    }

    /**
     * DRIVE SPECIFICATION (82078): drive bytes end with one that has DONE (bit 7) set; with bit 6 as well
     * four result bytes follow. Without DONE in its fifth byte the command waits, RQM off, until a reset.
     */
    private void driveSpecification() {
        touch();
        int last = fifo[5];
        if ((last & 0x80) == 0) {
            return;
        }
        if ((last & 0x40) != 0) {
            fifo[0] = fifo[1];
            fifo[2] = 0;
            fifo[3] = 0;
            toResultPhase(4);
        } else {
            toCommandPhase();
        }
    }

    // ---- READ DATA and WRITE DATA -------------------------------------------------------------------

    /**
     * Cylinder 0, head 0, sector 1. QEMU's fd_seek refuses sector 1 on a unit without a drive (its
     * sectors per track 0), so there the head and sector stay as they were, the sector 0 from power-on; an
     * empty drive's bounds (FFh) let it move.
     */
    private void recalibrateTo(int u) {
        if (hasDrive(u) || !seekBoundedByMedia) {
            moveTo(u, 0, 0, 1);
        }
    }

    /**
     * QEMU's fd_seek on a unit with no diskette, one side: a cylinder past its bounds (FFh for an empty drive,
     * 0 for none) or head 1 is 2 and nothing moves; a sector past the track (R over last_sect) is 3; otherwise
     * the head moves to (C, 0, R) where that is another sector in its count, and the answer is 2, no medium.
     */
    private int seekWithoutDiskette(int u, int h, int c, int r) {
        if (c > maxTrack[u] || h != 0) {
            return 2;
        }
        if (r > lastSect[u]) {
            return 3;
        }
        if ((long) (c + h) * lastSect[u] + r != (long) (pcn[u] + head[u]) * lastSect[u] + sect[u]) {
            moveTo(u, h, c, r);
        }
        return 2;
    }

    /** A drive is on the cable at unit {@code u}, with a diskette in it or not. */
    private boolean hasDrive(int u) {
        return drives[u] != null || emptyDrive[u];
    }

    /** The head moves (QEMU's fd_seek): a step to another cylinder with a diskette in clears DSKCHG. */
    private void moveTo(int u, int h, int t, int s) {
        head[u] = h;
        if (pcn[u] != t) {
            pcn[u] = t;
            if (drives[u] != null) {
                drives[u].diskChanged = false;
            }
        }
        sect[u] = s;
    }

    private void endTransferState() {
        if (transferring || pendingEnd) {
            if (viaDma) {
                dreq.release();
            }
        }
        transferring = false;
        pendingEnd = false;
        protectedSkip = -1;
    }

    /**
     * The execution phase of a data transfer command (82078 'Data Transfer Commands'): READ DATA, WRITE
     * DATA, READ TRACK, VERIFY and the SCANs. The drive and head of byte 1, the sector ID C, H, R, N of
     * bytes 2-5, EOT, GPL, DTL (SC, STP). The data then moves through DMA (DRQ to the channel) or, in
     * non-DMA mode, through the FIFO.
     */
    private void startTransfer(FdcCommand cmd) {
        boolean write = cmd == FdcCommand.WRITE_DATA || cmd == FdcCommand.WRITE_DATA_SK
                || cmd == FdcCommand.WRITE_DELETED_DATA;
        drive = fifo[1] & DOR_DRIVE_SEL;
        touch();
        int u = cur();
        FloppyDrive d = drives[u];
        boolean wholeTrack = cmd == FdcCommand.READ_TRACK && !readTrackIsReadData;
        int c = fifo[2], h = fifo[3], r = fifo[4];
        sizeCode = fifo[5];
        multiTrack = (fifo[0] & MT) != 0 && !wholeTrack;
        trackIdMissed = false;
        controlMark = false;
        if (d == null) {
            if (noDisketteEndsAtOnce) {
                // QEMU's fd_seek: a sector past the track is 3 (EC); otherwise the answer is 2, no medium.
                end(ST0_ABNORMAL, seekWithoutDiskette(u, h, c, r) == 3 ? ST1_EN : 0, 0, c, h, r);
            } else {
                // No diskette turns, no index pulse comes: the search for the sector never ends.
                msr &= ~MSR_RQM;
            }
            return;
        }
        FloppyGeometry g = d.geometry();
        // The head select output follows HDS; the ID field's H must then equal H (82078 'Command Set', HDS).
        int side = headFromH ? h : fifo[1] >> 2 & 1;
        if (c != pcn[u] && !seeksWithoutEis && (config & CONFIG_EIS) == 0) {
            // No implied seek: the ID fields under the head are of another cylinder (82078 ST2 WC, ST1 ND).
            end(ST0_ABNORMAL, ST1_ND, ST2_WC, c, h, r);
            return;
        }
        int lastCylinder = missingSectorStatus ? g.cylinders() : g.cylinders() - 1;
        if (c > lastCylinder || side >= g.heads()) {
            // An unrecorded cylinder or side: no address mark (82078 ST1 MA); QEMU reports no status bit.
            end(ST0_ABNORMAL, missingSectorStatus ? 0 : ST1_MA, 0, c, h, r);
            return;
        }
        if (wholeTrack) {
            // READ TRACK reads from the first sector after the index, whatever R; an R it never meets is ND.
            trackIdMissed = r == 0 || r > Math.min(fifo[6], lastSect[u]) || h != side;
            r = 1;
        } else if (h != side || r > lastSect[u] || r == 0 && !missingSectorStatus) {
            // The sector is not on the track (82078 ST1 ND); QEMU sets ST1 bit 7 (EN).
            end(ST0_ABNORMAL, missingSectorStatus ? ST1_EN : ST1_ND, 0, c, h, r);
            return;
        }
        if (c != pcn[u]) {
            st0 |= ST0_SE; // the implied seek (82078 ST0 SE)
        }
        moveTo(u, side, c, r);
        if ((dsr & DSR_DRATE) != g.rate()) {
            // At another data rate no address mark is read (82078 ST1 MA).
            end(ST0_ABNORMAL, ST1_MA, 0, c, h, r);
            return;
        }
        if (sizeCode == 0) {
            dataLen = fifo[8];
        } else {
            int sectors = fifo[6] - r + 1;
            if (sectors < 0) {
                end(ST0_ABNORMAL, ST1_MA, 0, c, h, r);
                return;
            }
            dataLen = (128 << Math.min(sizeCode, 7)) * (multiTrack ? sectors + fifo[6] : sectors);
        }
        if (write && d.writeProtected() && !writeProtectAtDma) {
            // WP is seen before any data moves (82078 ST1 NW).
            end(ST0_ABNORMAL, ST1_NW, 0, c, h, r);
            return;
        }
        eot = fifo[6];
        dataPos = 0;
        transferWrite = write;
        transferring = true;
        viaDma = ndIsDmaGate ? (dor & DOR_DMA_GATE) != 0 : !nd;
        scanSign = 0;
        if (cmd == FdcCommand.VERIFY && (viaDma || !verifyPioReads)) {
            verify(u);
        } else if (viaDma) {
            msr &= ~MSR_RQM;
            dreq.hold();
        } else {
            // A SCAN takes the host's bytes (82078 'Scan Commands'); QEMU hands the sector out as READ DATA does.
            boolean hostWrites = write || scanning() && !scanChunkCompare;
            msr |= MSR_NON_DMA | MSR_RQM | (hostWrites ? 0 : MSR_DIO);
            raiseInterrupt();
        }
    }

    private boolean scanning() {
        return command == FdcCommand.SCAN_EQUAL || command == FdcCommand.SCAN_LOW_OR_EQUAL
                || command == FdcCommand.SCAN_HIGH_OR_EQUAL;
    }

    /**
     * VERIFY reads the sectors and checks their CRC, moving no data: no DMA request, no FIFO byte (82078
     * VERIFY). With EC=0 it ends after EOT, with EC=1 after SC sectors; it fails with SC past EOT (EN) or
     * EOT past the track's last sector (ND). QEMU counts as READ DATA does, by N and EOT, without DMA.
     */
    private void verify(int u) {
        transferring = false;
        if (verifyIgnoresEc) {
            while (dataPos < dataLen) {
                dataPos += Math.min(SECTOR_BYTES - dataPos % SECTOR_BYTES, dataLen - dataPos);
                if (dataPos % SECTOR_BYTES == 0 && !nextSector(u)) {
                    break;
                }
            }
            end(0, 0, 0, pcn[u], head[u], sect[u]);
            return;
        }
        int perSide = Math.max(0, Math.min(eot, lastSect[u]) - sect[u] + 1);
        int remaining = perSide + (multiTrack && head[u] == 0 && drives[u].geometry().heads() == 2 ? Math.min(eot, lastSect[u]) : 0);
        boolean ec = (fifo[1] & VERIFY_EC) != 0;
        int count = ec ? fifo[8] : remaining;
        for (int n = 0; n < Math.min(count, remaining); n++) {
            nextSector(u);
        }
        if (eot > lastSect[u] && count >= remaining) {
            end(ST0_ABNORMAL, ST1_ND, 0, pcn[u], head[u], sect[u]);
        } else if (count > remaining) {
            end(ST0_ABNORMAL, ST1_EN, 0, pcn[u], head[u], sect[u]);
        } else {
            end(0, 0, 0, pcn[u], head[u], sect[u]);
        }
    }

    /**
     * READ DELETED DATA and WRITE DATA with the deleted data address mark. QEMU answers them at once with an
     * abnormal end and no data (quirk {@link FdcQuirks#DELETED_DATA_NOT_HANDLED}); the 82078 transfers as
     * READ DATA and WRITE DATA do, the mark decided per sector.
     */
    private void deletedData() {
        if (deletedDataNotHandled) {
            touch();
            int u = cur();
            sizeCode = 2;
            end(ST0_ABNORMAL | ST0_SE, 0, 0, pcn[u], head[u], sect[u]);
            return;
        }
        startTransfer(command);
    }

    private long lba(int u) {
        return ((long) pcn[u] * drives[u].geometry().heads() + head[u]) * lastSect[u] + sect[u] - 1;
    }

    /** The next byte of a READ DATA for the DMA channel (an I/O read of the DMA cycle) or the FIFO. */
    /** Whether a READ or WRITE DATA is moving its data through DMA (MSR RQM clear in the execution phase). */
    public boolean dmaTransferInProgress() {
        return transferring && viaDma;
    }

    public int dmaRead() {
        if (!transferring || transferWrite) {
            return 0xff;
        }
        int u = cur();
        int rel = dataPos % SECTOR_BYTES;
        if (rel == 0) {
            while (markIsNotTheCommands(u)) {
                controlMark = true;
                if ((fifo[0] & SK) == 0 || command == FdcCommand.READ_TRACK) {
                    break;
                }
                // SK: the sector is skipped, its data not transferred (82078 READ DATA, SK).
                dataLen -= SECTOR_BYTES;
                if (dataPos >= dataLen || !nextSector(u)) {
                    dataEnded(u);
                    return 0xff;
                }
            }
            drives[u].read(lba(u), sector);
        }
        int v = sector[rel] & 0xff;
        dataPos++;
        if (controlMark && dataPos % SECTOR_BYTES == 0 && (fifo[0] & SK) == 0 && command != FdcCommand.READ_TRACK) {
            // Without SK the sector of the other mark is read and the command ends after it (ST2 CM).
            transferring = false;
            nextSector(u);
            end(0, 0, 0, pcn[u], head[u], sect[u]);
            return v;
        }
        afterByte(u);
        return v;
    }

    /** Whether the sector under the head has the other data address mark than the read command wants. */
    private boolean markIsNotTheCommands(int u) {
        boolean wanted = command == FdcCommand.READ_DELETED_DATA;
        return (command == FdcCommand.READ_DATA || command == FdcCommand.READ_DELETED_DATA)
                && drives[u].isDeleted(lba(u)) != wanted;
    }

    /** A byte of a WRITE DATA from the DMA channel (an I/O write of the DMA cycle) or the FIFO. */
    public void dmaWrite(int value) {
        int u = cur();
        if (transferring && scanning()) {
            scanByte(u, value);
            return;
        }
        if (transferring && command == FdcCommand.FORMAT_TRACK) {
            formatByte(u, value);
            return;
        }
        if (!transferring || !transferWrite) {
            return;
        }
        FloppyDrive d = drives[u];
        if (d.writeProtected()) {
            // QEMU looks at the write protect only when the DMA runs (fdctrl_transfer_handler), and tells the
            // DMA controller that the piece it meant to write (to the sector's end, at most the count) moved.
            if (protectedSkip < 0) {
                protectedSkip = Math.min(SECTOR_BYTES - dataPos % SECTOR_BYTES, Math.max(1, dataLen - dataPos));
            }
            if (--protectedSkip == 0) {
                writeProtectEnd(u);
            }
            return;
        }
        int rel = dataPos % SECTOR_BYTES;
        if (rel == 0) {
            d.read(lba(u), sector);
        }
        sector[rel] = (byte) value;
        dataPos++;
        if (dataPos % SECTOR_BYTES == 0 || dataPos >= dataLen) {
            d.write(lba(u), sector);
            d.markDeleted(lba(u), command == FdcCommand.WRITE_DELETED_DATA);
        }
        afterByte(u);
    }

    /**
     * A byte of a SCAN from memory against the byte on the diskette. The 82078 checks each byte (FFh from
     * the host matches any) and a sector satisfies the scan when all do (82078 'Scan Commands'): ST2 SH when
     * all were equal, SN when no sector up to EOT satisfied it. QEMU compares a piece (the sector, or up to
     * the DMA count) as memcmp does and reports SH in any case (quirk
     * {@link FdcQuirks#SCAN_COMPARES_PIECES_AND_REPORTS_HIT}).
     */
    private void scanByte(int u, int value) {
        int rel = dataPos % SECTOR_BYTES;
        if (rel == 0) {
            drives[u].read(lba(u), sector);
        }
        int disk = sector[rel] & 0xff;
        if (scanChunkCompare) {
            if (scanSign == 0) {
                scanSign = Integer.signum(value - disk);
            }
        } else if (value != 0xff) {
            boolean met = switch (command) {
                case SCAN_LOW_OR_EQUAL -> disk <= value;
                case SCAN_HIGH_OR_EQUAL -> disk >= value;
                default -> disk == value;
            };
            scanSign |= (disk != value ? 1 : 0) | (met ? 0 : 2);
        }
        dataPos++;
        if (dataPos % SECTOR_BYTES == 0 || dataPos >= dataLen) {
            scanPieceEnd(u, false);
        }
    }

    private void scanPieceEnd(int u, boolean terminalCount) {
        int sign = scanSign;
        scanSign = 0;
        if (scanChunkCompare) {
            boolean hit = sign == 0 || sign < 0 && command == FdcCommand.SCAN_LOW_OR_EQUAL
                    || sign > 0 && command == FdcCommand.SCAN_HIGH_OR_EQUAL;
            // After a piece that is no hit QEMU moves to the next sector first, then stops at the count's end.
            if (hit || dataPos % SECTOR_BYTES == 0 && !nextSector(u) || terminalCount || dataPos >= dataLen) {
                end(0, 0, ST2_SH, pcn[u], head[u], sect[u]);
            }
            return;
        }
        if ((sign & 2) == 0) {
            end(0, 0, (sign & 1) == 0 ? ST2_SH : 0, pcn[u], head[u], sect[u]);
        } else if (terminalCount || dataPos >= dataLen || !nextSector(u)) {
            end(0, 0, ST2_SN, pcn[u], head[u], sect[u]);
        }
    }

    private void writeProtectEnd(int u) {
        protectedSkip = -1;
        transferring = false;
        end(ST0_ABNORMAL | ST0_SE, ST1_NW, 0, pcn[u], head[u], sect[u]);
    }

    /** A verify cycle of the DMA channel: the byte moves on the FDC's side and nowhere else. */
    public void dmaVerify() {
        if (transferWrite) {
            int rel = dataPos % SECTOR_BYTES;
            if (transferring && rel == 0 && !drives[cur()].writeProtected()) {
                drives[cur()].read(lba(cur()), sector);
            }
            dmaWrite(sector[rel] & 0xff);
        } else {
            dmaRead();
        }
    }

    private void afterByte(int u) {
        if (!viaDma && dataPos >= dataLen && pioLastSector && !transferWrite) {
            // QEMU moves to the next sector only when a byte of it is read (fdctrl_read_data).
            dataEnded(u);
        } else if (dataPos % SECTOR_BYTES == 0 && !nextSector(u)) {
            if (!viaDma && pioWriteHangs && transferWrite) {
                // QEMU's fdctrl_write_data leaves before its result phase when no next sector is found.
                transferring = false;
                msr &= ~MSR_RQM;
                return;
            }
            dataEnded(u);
        } else if (dataPos >= dataLen) {
            dataEnded(u);
        }
    }

    /** QEMU's fdctrl_seek_to_next_sect: the next sector, head (MT) or cylinder; false at the end of the track. */
    private boolean nextSector(int u) {
        FloppyGeometry g = drives[u].geometry();
        int h = head[u], t = pcn[u], s = sect[u];
        boolean more = true;
        if (s >= lastSect[u] || s == eot) {
            s = 1;
            if (multiTrack && h == 0 && g.heads() == 2) {
                h = 1;
            } else {
                // The next cylinder: MT returns to head 0, a single-track command keeps its head (82078 result table).
                h = multiTrack ? 0 : h;
                t++;
                if (nextCylinderSetsSe) {
                    st0 |= ST0_SE;
                }
                more = multiTrack && g.heads() == 2;
            }
        } else {
            s++;
        }
        if (t <= g.cylinders()) {
            moveTo(u, h, t, s);
        }
        return more;
    }

    /** The data ran out at EOT: without TC the 82078 ends abnormally with ST1 EN; QEMU ends normally. */
    private void dataEnded(int u) {
        transferring = false;
        if (eotWithoutTcNormal) {
            end(0, 0, 0, pcn[u], head[u], sect[u]);
        } else if (viaDma) {
            dreq.release();
            pendingEnd = true; // TC may come with this very DMA cycle
        } else {
            end(ST0_ABNORMAL, ST1_EN, 0, pcn[u], head[u], sect[u]);
        }
    }

    /** The end of a DMA cycle of this channel, with EOP# (terminal count) or without. */
    public void dmaCycleEnd(boolean terminalCount) {
        int u = cur();
        if (pendingEnd) {
            pendingEnd = false;
            if (terminalCount) {
                end(0, 0, 0, pcn[u], head[u], sect[u]);
            } else {
                end(ST0_ABNORMAL, ST1_EN, 0, pcn[u], head[u], sect[u]);
            }
        } else if (terminalCount && transferring && command == FdcCommand.FORMAT_TRACK) {
            end(0, 0, 0, pcn[u], head[u], sect[u]);
        } else if (terminalCount && transferring && scanning()) {
            scanPieceEnd(u, true);
        } else if (terminalCount && protectedSkip >= 0) {
            writeProtectEnd(u);
        } else if (terminalCount && transferring) {
            // TC ends the command; the 82078 finishes the sector first, QEMU stops in it.
            transferring = false;
            if (dataPos % SECTOR_BYTES != 0) {
                if (transferWrite) {
                    // The part written so far goes onto the sector, the rest keeps what it held (as QEMU merges it).
                    drives[u].write(lba(u), sector);
                }
                if (!tcMidSectorStays) {
                    nextSector(u);
                }
            }
            end(0, 0, 0, pcn[u], head[u], sect[u]);
        }
    }

    /** The result phase of a READ DATA or WRITE DATA (QEMU's fdctrl_stop_transfer) and its interrupt. */
    private void end(int status0, int status1, int status2, int c, int h, int r) {
        int u = cur();
        if ((msr & MSR_NON_DMA) == 0) {
            dreq.release();
        }
        transferring = false;
        pendingEnd = false;
        if (trackIdMissed) {
            status0 |= ST0_ABNORMAL;
            status1 |= ST1_ND;
        }
        if (controlMark) {
            status2 |= ST2_CM;
        }
        trackIdMissed = false;
        controlMark = false;
        st0 = st0 & ~(0x03 | ST0_HEAD) | drive | (head[u] != 0 ? ST0_HEAD : 0) | status0;
        fifo[0] = st0;
        fifo[1] = status1;
        fifo[2] = status2;
        fifo[3] = c;
        fifo[4] = h;
        fifo[5] = r;
        fifo[6] = resultSizeCode2 ? 2 : sizeCode;
        msr &= ~MSR_NON_DMA;
        toResultPhase(RESULT_BYTES);
        raiseInterrupt();
    }

    /** The level of the INT pin (SRA bit 7). */
    public boolean interruptPending() {
        return (sra & SRA_INTPEND) != 0;
    }

    @Override
    public String deviceName() {
        return "fdc";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("SRA", hex(sra));
        r.put("SRB", hex(srb));
        r.put("DOR", hex(dor));
        r.put("TDR", hex(tdr));
        r.put("MSR", hex(msr));
        r.put("DSR", hex(dsr));
        r.put("phase", phase.name().toLowerCase());
        r.put("ST0", hex(st0));
        r.put("PCN0", hex(pcn[0]));
        r.put("PCN1", hex(pcn[1]));
        r.put("CONFIGURE", hex(config));
        return r;
    }
}
