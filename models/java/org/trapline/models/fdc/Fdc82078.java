package org.trapline.models.fdc;

import static org.trapline.models.device.Inspectable.hex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/**
 * The Intel 82078 (44-pin) floppy disk controller in PC-AT mode, with no drive attached: the register
 * set at offsets 0-7 (SRA, SRB, DOR, TDR, MSR/DSR, FIFO, DIR/CCR), the command, execution and result
 * phases of the FIFO, the reset through DOR bit 2 or DSR bit 7 with its polling interrupt, and the
 * commands that need no medium. Offset 6 is not the controller's (the PC's ATA control port).
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
    static final int ST3_WP = 0x40, ST3_ONE5 = 0x20, ST3_T0 = 0x10, ST3_ONE3 = 0x08;

    /** CONFIGURE after reset: EIS=0, EFIFO=1, POLL=0, FIFOTHR=0 (82078 CONFIGURE). */
    static final int CONFIG_DEFAULT = 0x20;
    static final int CONFIG_EIS = 0x40;
    static final int VERSION = 0x90;
    static final int PART_ID = 0x41;
    /** After a reset with polling on, four SENSE INTERRUPT STATUS answer for drives 0-3 (82078 'Polling'). */
    static final int RESET_SENSES = 4;
    static final int DRIVES = 2;

    private final boolean sraNotDecoded;
    private final boolean msrReadEndsReset;
    private final boolean resetKeepsConfigure;
    private final boolean resultReadClearsInterrupt;
    private final boolean seekBoundedByMedia;
    private final boolean recalibrateWithoutTrack0;
    private final boolean senseDriveWpT0;
    private final boolean ndIsDmaGate;
    private final boolean dumpregSrtOnly;
    private final boolean perpendicularCurrentDrive;
    private final boolean tdrBootSelectOnly;
    private final boolean dsrPowerdownResets;
    private final boolean drive1AppearsWhenSelected;
    private final boolean dorShowsCommandDrive;
    private final boolean portioAccess;
    private final int configDefault;
    private final IrqLine irq;

    private int sra;
    private int srb;
    private int dor;
    private int tdr;
    private int msr;
    private int dsr;
    private int drive;
    /** The command and its parameters, then the result bytes; 10 is the longest either (DUMPREG). */
    private final int[] fifo = new int[10];
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
    private final int[] drivePerpendicular = new int[DRIVES];
    private final boolean[] driveTouched = new boolean[DRIVES];

    enum Phase { COMMAND, EXECUTION, RESULT }

    public Fdc82078(Set<Quirk> quirks, IrqLine irq) {
        this.irq = irq;
        sraNotDecoded = quirks.contains(FdcQuirks.SRA_NOT_DECODED);
        msrReadEndsReset = quirks.contains(FdcQuirks.MSR_READ_ENDS_RESET);
        resetKeepsConfigure = quirks.contains(FdcQuirks.RESET_KEEPS_CONFIGURE);
        resultReadClearsInterrupt = quirks.contains(FdcQuirks.RESULT_READ_CLEARS_INTERRUPT);
        seekBoundedByMedia = quirks.contains(FdcQuirks.SEEK_BOUNDED_BY_MEDIA);
        recalibrateWithoutTrack0 = quirks.contains(FdcQuirks.RECALIBRATE_WITHOUT_TRACK0);
        senseDriveWpT0 = quirks.contains(FdcQuirks.SENSE_DRIVE_WP_T0_WITHOUT_DRIVE);
        ndIsDmaGate = quirks.contains(FdcQuirks.ND_IS_DOR_DMA_GATE);
        dumpregSrtOnly = quirks.contains(FdcQuirks.DUMPREG_SRT_ONLY);
        perpendicularCurrentDrive = quirks.contains(FdcQuirks.PERPENDICULAR_CURRENT_DRIVE);
        tdrBootSelectOnly = quirks.contains(FdcQuirks.TDR_BOOT_SELECT_ONLY);
        dsrPowerdownResets = quirks.contains(FdcQuirks.DSR_POWERDOWN_RESETS);
        drive1AppearsWhenSelected = quirks.contains(FdcQuirks.DRIVE1_APPEARS_WHEN_SELECTED);
        portioAccess = quirks.contains(FdcQuirks.PORTIO_ACCESS);
        dorShowsCommandDrive = quirks.contains(FdcQuirks.DOR_SHOWS_COMMAND_DRIVE);
        configDefault = quirks.contains(FdcQuirks.CONFIGURE_RESET_IMPLIED_SEEK) ? CONFIG_DEFAULT | CONFIG_EIS
                : CONFIG_DEFAULT;
        config = configDefault;
        controllerReset(false);
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
                return DIR_DSKCHG;
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
        sra = drive1AppearsWhenSelected && driveTouched[1] ? 0 : SRA_NDRV2;
        srb = SRB_RESERVED_ONES;
        drive = 0;
        dor = DOR_RESET | DOR_DMA_GATE;
        msr = MSR_RQM;
        resetSenses = 0;
        for (int d = 0; d < DRIVES; d++) {
            pcn[d] = 0;
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
        if ((msr & MSR_RQM) == 0 || (msr & MSR_DIO) == 0 || phase != Phase.RESULT) {
            return 0;
        }
        int value = fifo[pos];
        if (++pos == len) {
            msr &= ~MSR_RQM;
            toCommandPhase();
            if (resultReadClearsInterrupt) {
                clearInterrupt();
            }
        }
        return value;
    }

    private void writeFifo(int v) {
        if (inReset() || (msr & MSR_RQM) == 0 || (msr & MSR_DIO) != 0 || phase != Phase.COMMAND) {
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
        return switch (command) {
            case 0x03, 0x0f -> 2; // SPECIFY, SEEK
            case 0x04, 0x07, 0x12 -> 1; // SENSE DRIVE STATUS, RECALIBRATE, PERPENDICULAR MODE
            case 0x13 -> 3; // CONFIGURE
            default -> 0; // SENSE INTERRUPT STATUS, DUMPREG, VERSION, LOCK, PART ID, invalid
        };
    }

    private void execute() {
        switch (fifo[0]) {
            case 0x03 -> specify();
            case 0x04 -> senseDriveStatus();
            case 0x07 -> recalibrate();
            case 0x08 -> senseInterruptStatus();
            case 0x0e -> dumpreg();
            case 0x0f -> seek();
            case 0x10 -> result(VERSION);
            case 0x12 -> perpendicularMode();
            case 0x13 -> {
                config = fifo[2];
                pretrk = fifo[3];
                toCommandPhase();
            }
            case 0x14, 0x94 -> {
                lock = (fifo[0] & 0x80) != 0;
                result(lock ? 0x10 : 0x00);
            }
            case 0x18 -> result(PART_ID);
            default -> result(ST0_INVALID);
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
        int head = fifo[1] >> 2 & 1;
        int st3 = ST3_ONE5 | ST3_ONE3 | head << 2 | drive;
        if (senseDriveWpT0) {
            st3 |= ST3_WP | (pcn[cur()] == 0 ? ST3_T0 : 0);
        }
        result(st3);
    }

    private void recalibrate() {
        drive = fifo[1] & DOR_DRIVE_SEL;
        touch();
        pcn[cur()] = 0;
        toCommandPhase();
        st0 |= recalibrateWithoutTrack0 ? ST0_SE : ST0_SE | ST0_EC | ST0_ABNORMAL;
        raiseInterrupt();
    }

    private void seek() {
        drive = fifo[1] & DOR_DRIVE_SEL;
        touch();
        toCommandPhase();
        // No drive: no medium bounds the head but cylinder 0 (QEMU's max_track is 0).
        if (!seekBoundedByMedia || fifo[2] == 0) {
            pcn[cur()] = fifo[2];
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
        fifo[5] = hlt << 1 | (ndIsDmaGate ? (dor & DOR_DMA_GATE) != 0 ? 1 : 0 : nd ? 1 : 0);
        fifo[6] = 0;
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
