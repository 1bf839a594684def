package org.trapline.models.ide;

import static org.trapline.models.device.Inspectable.hex;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * The ATA side of an ATAPI CD-ROM (ATA/ATAPI-6 clause 9, the PACKET command feature set): the device's
 * registers, IDENTIFY PACKET DEVICE, the signature, the resets and the PACKET command's PIO protocol.
 * Its packets go to {@link AtapiCommands}; their data come back in DRQ blocks no longer than the byte count
 * limit the host put in LBA Mid/High, each announced with an interrupt and the interrupt reason (CoD, I/O)
 * in Sector Count. A packet with the Features DMA bit is left to a bus master ({@link AtapiHost#dmaRequest()}).
 */
public final class AtapiDevice implements AtapiDevicePort, Inspectable {
    /** Status bits (clause 7, Status register). */
    static final int BSY = 0x80, DRDY = 0x40, DSC = 0x10, DRQ = 0x08, ERR = 0x01;
    /** Error: ABRT; MCR/MC bit 5 (media change), the sense key in bits 7-4 (clause 9, PACKET error outputs). */
    static final int ABRT = 0x04, MC = 0x20;
    /** Interrupt reason in Sector Count: CoD (bit 0), I/O (bit 1); bits 7-3 the tag. */
    static final int COD = 0x01, IO = 0x02;
    /** Features for PACKET: DMA (bit 0), OVL (bit 1). */
    static final int FEATURE_DMA = 0x01, FEATURE_OVL = 0x02;
    /** Device register bits 7 and 5, which QEMU keeps set. */
    static final int DEVICE_ALWAYS_ON = 0xa0;
    /** The packet device signature in LBA Mid/High (clause 9, signature and persistence). */
    static final int SIGNATURE_MID = 0x14, SIGNATURE_HIGH = 0xeb;

    static final int DEVICE_RESET = 0x08, READ_SECTORS = 0x20, EXECUTE_DEVICE_DIAGNOSTIC = 0x90, PACKET = 0xa0,
            IDENTIFY_PACKET_DEVICE = 0xa1, FLUSH_CACHE = 0xe7, IDENTIFY_DEVICE = 0xec, SET_FEATURES = 0xef;

    private enum Phase { NONE, PACKET, DATA, IDENTIFY, DMA }

    private final String name;
    private final AtapiHost host;
    private final byte[] buf = new byte[AtapiCommands.BUFFER_SIZE];
    private final AtapiIdentify identify;
    private final AtapiCommands commands;
    private final boolean bclSilent, partialStalls, diagnosticSilent, resetReady;

    private int feature, hobFeature, nsector, hobNsector, sector, hobSector, lcyl, hobLcyl, hcyl, hobHcyl;
    private int select, status, error;
    private Phase phase = Phase.NONE;
    private int pos;
    /** Bytes left in the DRQ block of a packet command's data. */
    private int blockLeft;
    private boolean dmaRequested;

    /**
     * @param medium the medium at power-on, or null for an empty drive
     * @param serial the serial number (QEMU: {@code QM} and five digits, 1-4 by the drive's place)
     */
    public AtapiDevice(String name, CdMedium medium, String serial, Set<Quirk> quirks, AtapiHost host) {
        this.name = name;
        this.host = host;
        Quirk.requireCoherent(AtapiQuirks.all().stream().filter(quirks::contains).toList());
        boolean changeInterrupts = quirks.contains(AtapiQuirks.CHANGE_INTERRUPTS);
        CdTray tray = new CdTray(medium, changeInterrupts ? host::interrupt : () -> { });
        this.commands = new AtapiCommands(buf, tray, serial, quirks);
        this.identify = new AtapiIdentify(serial);
        bclSilent = quirks.contains(AtapiQuirks.BCL_ZERO_SILENT_ABORT);
        partialStalls = quirks.contains(AtapiQuirks.PARTIAL_ACCESS_STALLS);
        diagnosticSilent = quirks.contains(AtapiQuirks.DIAGNOSTIC_NO_INTERRUPT);
        resetReady = quirks.contains(AtapiQuirks.RESET_READY);
        reset(false);
    }

    /** The quirks of the CD-ROM that the qemu-pc profile switches on. */
    public static java.util.List<Quirk> qemuQuirks() {
        return AtapiQuirks.all();
    }

    /** The drive's mechanism, for the host's tray and medium operations (QMP eject, blockdev-change-medium). */
    public CdTray tray() {
        return commands.tray();
    }

    /** The packet layer. */
    public AtapiCommands commands() {
        return commands;
    }

    /** True if the last PACKET command asked for DMA (Features bit 0). */
    public boolean dmaRequested() {
        return dmaRequested;
    }

    // ---- AtapiDevicePort ----

    @Override
    public void taskFileWrite(int reg, int value) {
        int v = value & 0xff;
        switch (reg) {
            case FEATURES -> {
                hobFeature = feature;
                feature = v;
            }
            case SECTOR_COUNT -> {
                hobNsector = nsector;
                nsector = v;
            }
            case LBA_LOW -> {
                hobSector = sector;
                sector = v;
            }
            case LBA_MID -> {
                hobLcyl = lcyl;
                lcyl = v;
            }
            case LBA_HIGH -> {
                hobHcyl = hcyl;
                hcyl = v;
            }
            case DEVICE -> select = v | DEVICE_ALWAYS_ON;
            default -> {
                // Data and Command have their own calls; nothing else is a task file register.
            }
        }
    }

    @Override
    public int taskFileRead(int reg, boolean hob) {
        return switch (reg) {
            case ERROR -> hob ? hobFeature : error;
            case SECTOR_COUNT -> hob ? hobNsector : nsector;
            case LBA_LOW -> hob ? hobSector : sector;
            case LBA_MID -> hob ? hobLcyl : lcyl;
            case LBA_HIGH -> hob ? hobHcyl : hcyl;
            case DEVICE -> select;
            default -> 0;
        };
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public void command(int opcode) {
        int op = opcode & 0xff;
        if ((status & (BSY | DRQ)) != 0 && op != DEVICE_RESET) {
            return; // clause 7: only DEVICE RESET is taken while BSY or DRQ is set (for a packet device)
        }
        status = DRDY | BSY;
        error = 0;
        switch (op) {
            case DEVICE_RESET -> deviceReset();
            case READ_SECTORS, IDENTIFY_DEVICE -> {
                // Clause 8 IDENTIFY DEVICE and READ SECTORS: a packet device aborts and puts its signature.
                signature();
                completeAborted();
            }
            case EXECUTE_DEVICE_DIAGNOSTIC -> {
                diagnostic();
                if (!diagnosticSilent) {
                    host.interrupt();
                }
            }
            case PACKET -> packet();
            case IDENTIFY_PACKET_DEVICE -> {
                identify.fill(buf);
                status = DRDY | DSC | DRQ;
                phase = Phase.IDENTIFY;
                pos = 0;
                host.interrupt();
            }
            case FLUSH_CACHE -> complete(DRDY | DSC);
            case SET_FEATURES -> {
                if (identify.setFeatures(feature, nsector)) {
                    complete(DRDY | DSC);
                } else {
                    completeAborted();
                }
            }
            default -> completeAborted();
        }
    }

    @Override
    public int dataRead16() {
        if ((status & DRQ) == 0) {
            return 0;
        }
        return switch (phase) {
            case IDENTIFY -> identifyWord();
            case DATA -> dataWord();
            default -> 0; // a read during the packet's data-in is indeterminate: 0, nothing moves
        };
    }

    @Override
    public long dataRead32() {
        if ((status & DRQ) == 0) {
            return 0;
        }
        if (phase == Phase.DATA && partialStalls && Math.min(blockLeft, commands.transfer().window()) < 4) {
            return 0;
        }
        if (phase == Phase.IDENTIFY && partialStalls && AtapiIdentify.BYTES - pos < 4) {
            return 0;
        }
        long lo = dataRead16();
        long hi = dataRead16();
        return lo | hi << 16;
    }

    @Override
    public void dataWrite16(int value) {
        if ((status & DRQ) == 0 || phase != Phase.PACKET || pos + 2 > AtapiCommands.PACKET_SIZE) {
            return; // clause 9: a write while the device sends data is ignored
        }
        buf[pos++] = (byte) value;
        buf[pos++] = (byte) (value >> 8);
        if (pos == AtapiCommands.PACKET_SIZE) {
            status &= ~DRQ;
            phase = Phase.NONE;
            runPacket();
        }
    }

    @Override
    public void dataWrite32(long value) {
        if ((status & DRQ) == 0 || phase != Phase.PACKET || pos + 4 > AtapiCommands.PACKET_SIZE) {
            return;
        }
        dataWrite16((int) value & 0xffff);
        dataWrite16((int) (value >>> 16) & 0xffff);
    }

    @Override
    public void reset(boolean srst) {
        commands.reset();
        feature = hobFeature = hobNsector = hobSector = hobLcyl = hobHcyl = 0;
        select = DEVICE_ALWAYS_ON;
        phase = Phase.NONE;
        pos = blockLeft = 0;
        dmaRequested = false;
        error = 0;
        status = DRDY | DSC;
        signature();
        if (srst || !resetReady) {
            diagnostic(); // 9.1/9.2: the reset ends with the diagnostic's outputs, Status 00h for a packet device
        }
    }

    // ---- DMA hook for a bus master ----

    /** The data of a DMA packet command, for the bus master to take; null if none is waiting. */
    public AtapiTransfer dmaTransfer() {
        return phase == Phase.DMA ? commands.transfer() : null;
    }

    /** The bus master has moved the data (or given up): the command ends, GOOD or with the read's error. */
    public void dmaDone() {
        if (phase != Phase.DMA) {
            return;
        }
        phase = Phase.NONE;
        AtapiTransfer t = commands.transfer();
        if (t.failed()) {
            commands.failTransfer(t.failureKey(), t.failureAsc());
            checkCondition();
        } else {
            t.stop();
            good();
        }
    }

    // ---- protocol ----

    private void packet() {
        if ((feature & FEATURE_OVL) != 0) {
            completeAborted(); // overlapped commands are not supported
            return;
        }
        status = DRDY | DSC | DRQ;
        dmaRequested = (feature & FEATURE_DMA) != 0;
        nsector = COD; // clause 8, PACKET: CoD=1, I/O=0, tag 0: the device is ready for the command packet
        phase = Phase.PACKET;
        pos = 0;
    }

    private void runPacket() {
        boolean dataAllowed = dmaRequested || byteCountLimit() != 0;
        switch (commands.execute(buf, dataAllowed)) {
            case GOOD -> good();
            case DATA -> {
                status = DRDY | DSC;
                if (dmaRequested) {
                    status = DRDY | DSC | DRQ | (commands.transfer().fromMedium() ? BSY : 0);
                    phase = Phase.DMA;
                    host.dmaRequest();
                } else {
                    nextBlock();
                }
            }
            case CHECK_CONDITION -> checkCondition();
            case UNIT_ATTENTION_LATCHED -> {
                error = MC | AtapiSense.UNIT_ATTENTION << 4;
                status = ERR;
                nsector = 0;
                host.interrupt();
            }
            case ABORTED -> {
                status = DRDY | ERR;
                error = ABRT;
                if (!bclSilent) {
                    host.interrupt();
                }
            }
        }
    }

    /** The byte count limit (clause 9: FFFFh is taken as FFFEh). */
    private int byteCountLimit() {
        int bcl = lcyl | hcyl << 8;
        return bcl == 0xffff ? 0xfffe : bcl;
    }

    /** Starts the next DRQ block of data, or ends the command when none is left. */
    private void nextBlock() {
        AtapiTransfer t = commands.transfer();
        if (t.failed()) {
            commands.failTransfer(t.failureKey(), t.failureAsc());
            checkCondition();
            return;
        }
        if (t.remaining() <= 0) {
            good();
            return;
        }
        nsector = nsector & ~7 | IO; // data to the host: CoD=0, I/O=1
        host.interrupt();
        int bcl = byteCountLimit();
        long size = t.remaining();
        if (size > bcl) {
            size = bcl & ~1; // a block shorter than the rest must be even (clause 9, byte count)
        }
        lcyl = (int) size & 0xff;
        hcyl = (int) (size >> 8) & 0xff;
        blockLeft = (int) size;
        phase = Phase.DATA;
        status |= DRQ;
    }

    private int dataWord() {
        AtapiTransfer t = commands.transfer();
        int window = Math.min(blockLeft, t.window());
        int w;
        if (window >= 2) {
            w = t.next() | t.next() << 8;
            blockLeft -= 2;
        } else if (window == 1 && !partialStalls) {
            w = t.next(); // the odd last byte on DD7-DD0; DD15-DD8 pad
            blockLeft -= 1;
        } else {
            return 0; // QEMU: fewer bytes left in its buffer than the access takes
        }
        if (t.failed()) {
            phase = Phase.NONE;
            commands.failTransfer(t.failureKey(), t.failureAsc());
            checkCondition();
        } else if (blockLeft == 0) {
            status &= ~DRQ;
            phase = Phase.NONE;
            nextBlock();
        }
        return w;
    }

    private int identifyWord() {
        int w = buf[pos] & 0xff | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        if (pos == AtapiIdentify.BYTES) {
            status &= ~DRQ;
            phase = Phase.NONE;
        }
        return w;
    }

    /** GOOD status: DRDY, DSC, the interrupt reason CoD=1 I/O=1 (clause 9, PACKET normal outputs). */
    private void good() {
        error = 0;
        status = DRDY | DSC;
        nsector = nsector & ~7 | IO | COD;
        phase = Phase.NONE;
        host.interrupt();
    }

    /** CHECK CONDITION: ERR, the sense key in Error bits 7-4 (clause 9, PACKET error outputs). */
    private void checkCondition() {
        error = commands.senseKey() << 4;
        status = DRDY | ERR;
        nsector = nsector & ~7 | IO | COD;
        phase = Phase.NONE;
        host.interrupt();
    }

    private void complete(int st) {
        status = st;
        phase = Phase.NONE;
        host.interrupt();
    }

    private void completeAborted() {
        error = ABRT;
        complete(DRDY | ERR);
    }

    private void deviceReset() {
        // clause 8, DEVICE RESET: the device stops what it was doing, resets, puts its signature; no INTRQ.
        commands.reset();
        phase = Phase.NONE;
        pos = blockLeft = 0;
        feature = hobFeature = hobNsector = hobSector = hobLcyl = hobHcyl = 0;
        select = DEVICE_ALWAYS_ON;
        error = 0;
        signature();
        status = 0;
    }

    /** EXECUTE DEVICE DIAGNOSTIC's outputs for a packet device (clause 9): signature, Error 01h, Status 00h. */
    private void diagnostic() {
        select = DEVICE_ALWAYS_ON;
        signature();
        status = 0;
        error = 0x01;
        phase = Phase.NONE;
    }

    /** The signature (clause 9, signature and persistence): Sector Count 01h, LBA Low 01h, LBA Mid 14h, LBA High EBh. */
    private void signature() {
        select &= ~0x0f;
        nsector = 1;
        sector = 1;
        lcyl = SIGNATURE_MID;
        hcyl = SIGNATURE_HIGH;
    }

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Status", hex(status));
        m.put("Error", hex(error));
        m.put("Features", hex(feature));
        m.put("Sector Count", hex(nsector));
        m.put("LBA Low", hex(sector));
        m.put("LBA Mid", hex(lcyl));
        m.put("LBA High", hex(hcyl));
        m.put("Device", hex(select));
        m.put("phase", phase.name());
        m.put("sense", hex(commands.senseKey()) + "/" + hex(commands.asc()));
        CdTray tray = commands.tray();
        m.put("tray", (tray.isOpen() ? "open" : "closed") + (tray.isLocked() ? ", locked" : "")
                + (tray.medium() == null ? ", empty" : ", " + tray.blocks() + " blocks"));
        return m;
    }
}
