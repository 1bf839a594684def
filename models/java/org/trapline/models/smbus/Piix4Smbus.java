package org.trapline.models.smbus;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * The 82371AB PIIX4's SMBus host controller (290562, function 3, the SMBus I/O registers at SMBBA)
 * with the SPD EEPROMs of QEMU's pc board at 50h-57h. The guest loads SMBHSTADD (address, bit 0 read),
 * SMBHSTCMD, SMBHSTDAT0/1 and, for a block, SMBBLKDAT, then writes SMBHSTCNT with SMB_CMD_PROT and
 * START; SMBHSTSTS reports INTER on success, DEV_ERR when no device answers or the protocol is
 * illegal, FAILED after KILL. A transaction runs to its end at once: the bus's own time (some 16 kHz
 * bit periods) is not modelled, so HOST_BUSY is never seen set on the hardware side. START does
 * nothing while any interrupt status bit (INTER, DEV_ERR, BUS_ERR, FAILED) is still set (290562
 * §11.5.4.1, "SMBus Host Interface"); QEMU holds back only on DEV_ERR. The host interrupt (SMBHSTCFG
 * INTEREN, IRQ 9) is not wired: QEMU's PIIX4 wires none. The slave registers (01h, 08h-0Dh) are
 * not modelled beyond reading 00h, with no slave traffic. Reserved protocols raise DEV_ERR (as
 * 86Box's smbus_piix4.c has it).
 */
public final class Piix4Smbus implements Inspectable {
    public static final int HARDWARE_LENGTH = 0x10;
    public static final int QEMU_LENGTH = 0x40;
    static final int SMBHSTSTS = 0x00;
    static final int SMBHSTCNT = 0x02;
    static final int SMBHSTCMD = 0x03;
    static final int SMBHSTADD = 0x04;
    static final int SMBHSTDAT0 = 0x05;
    static final int SMBHSTDAT1 = 0x06;
    static final int SMBBLKDAT = 0x07;
    /** QEMU: the ICH's auxiliary control register (SmbusQuirks.ICH_BLOCK_BUFFER). */
    static final int SMBAUXCTL = 0x0d;

    static final int HOST_BUSY = 1;
    static final int INTER = 1 << 1;
    static final int DEV_ERR = 1 << 2;
    /** The SMBus general call address (SMBus 2.0 §5.5.1). */
    static final int GENERAL_CALL = 0x00;
    static final int BUS_ERR = 1 << 3;
    static final int FAILED = 1 << 4;
    /** The interrupt status bits, every one of which must be cleared before START is taken (290562 §11.5.4.1). */
    static final int INTERRUPT_STATUS = INTER | DEV_ERR | BUS_ERR | FAILED;
    /** ICH: BYTE_DONE_STS (QEMU only). */
    static final int BYTE_DONE = 1 << 7;
    static final int INTEREN = 1;
    static final int KILL = 1 << 1;
    static final int LAST_BYTE = 1 << 5;
    static final int START = 1 << 6;
    static final int CNT_READ_MASK = 0x1f;
    static final int PROT_QUICK = 0;
    static final int PROT_BYTE = 1;
    static final int PROT_BYTE_DATA = 2;
    static final int PROT_WORD_DATA = 3;
    static final int PROT_BLOCK = 5;
    static final int PROT_I2C_BLOCK_READ = 6;
    static final int AUX_BLK = 2;
    static final int AUX_MASK = 3;
    static final int BLOCK_SIZE = 32;
    public static final int EEPROM_BASE = 0x50;
    public static final int EEPROMS = 8;

    private final boolean deferredStart;
    private final boolean ichBuffer;
    private final boolean i2cBlockRead;
    private final boolean keptAcrossReset;
    private final boolean qemuBlock;
    private final boolean generalCallBroadcast;
    private final boolean killLeavesBusAddressed;
    private final boolean eepromsRestoredAtReset;
    /** The status bits that keep START from running: all four, or QEMU's DEV_ERR alone. */
    private final int startBlockedBy;
    /** A transfer to the general call address reaches every EEPROM (QEMU), {@link #current} then null. */
    private boolean broadcast;
    private final SpdEeprom[] eeproms = new SpdEeprom[EEPROMS];
    /** The device a transfer under way addresses, or null. */
    private SpdEeprom current;

    private int sts;
    private int cnt;
    private int cmd;
    private int add;
    private int dat0;
    private int dat1;
    private int blkdat;
    private final byte[] block = new byte[BLOCK_SIZE];
    private int index;
    private int auxctl;
    private boolean opDone = true;
    private boolean inI2cBlockRead;
    private boolean startPending;

    public Piix4Smbus(Set<Quirk> quirks) {
        this.deferredStart = quirks.contains(SmbusQuirks.START_ON_STATUS_READ);
        this.ichBuffer = quirks.contains(SmbusQuirks.ICH_BLOCK_BUFFER);
        this.i2cBlockRead = quirks.contains(SmbusQuirks.I2C_BLOCK_READ);
        this.keptAcrossReset = quirks.contains(SmbusQuirks.KEPT_ACROSS_RESET);
        this.qemuBlock = quirks.contains(SmbusQuirks.BLOCK_64_BYTES);
        this.generalCallBroadcast = quirks.contains(SmbusQuirks.GENERAL_CALL_REACHES_EVERY_EEPROM);
        this.killLeavesBusAddressed = quirks.contains(SmbusQuirks.KILL_LEAVES_BUS_ADDRESSED);
        this.eepromsRestoredAtReset = quirks.contains(SmbusQuirks.EEPROM_CONTENTS_RESTORED_AT_RESET);
        this.startBlockedBy = quirks.contains(SmbusQuirks.START_DESPITE_PENDING_STATUS) ? DEV_ERR : INTERRUPT_STATUS;
        for (int i = 0; i < EEPROMS; i++) {
            eeproms[i] = new SpdEeprom();
        }
        if (ichBuffer) {
            auxctl = AUX_BLK; // piix4_pm_realize: pm_smbus_init(..., force_aux_blk)
        }
    }

    /** The register block, byte registers (QEMU: valid 1..1; the bus splits wider accesses). */
    public Region region() {
        return Region.of("piix4-smbus", qemuBlock ? QEMU_LENGTH : HARDWARE_LENGTH, 1, 1, new IoDevice() {
            @Override
            public long read(long offset, int size) {
                return readRegister((int) offset);
            }

            @Override
            public void write(long offset, int size, long value) {
                writeRegister((int) offset, (int) value & 0xff);
            }
        }, this);
    }

    /** Where SMBBA puts the block: bits 15:4 (QEMU 15:6). */
    public long baseOf(long smbba) {
        return smbba & (qemuBlock ? 0xffc0L : 0xfff0L);
    }

    int readRegister(int offset) {
        switch (offset) {
            case SMBHSTSTS -> {
                int v = sts;
                if (startPending) {
                    startPending = false;
                    sts &= ~HOST_BUSY;
                    transaction();
                }
                return v;
            }
            case SMBHSTCNT -> {
                if (!ichBuffer) {
                    index = 0; // 290562: a read of SMBHSTCNT resets the block data pointer
                }
                return cnt & CNT_READ_MASK;
            }
            case SMBHSTCMD -> {
                return cmd;
            }
            case SMBHSTADD -> {
                return add;
            }
            case SMBHSTDAT0 -> {
                return dat0;
            }
            case SMBHSTDAT1 -> {
                return dat1;
            }
            case SMBBLKDAT -> {
                return ichBuffer ? readBlockQemu() : readBlockArray();
            }
            case SMBAUXCTL -> {
                return ichBuffer ? auxctl : 0;
            }
            default -> {
                return 0;
            }
        }
    }

    private int readBlockArray() {
        int v = block[index] & 0xff;
        index = (index + 1) % BLOCK_SIZE;
        return v;
    }

    private int readBlockQemu() {
        if ((auxctl & AUX_BLK) == 0 || inI2cBlockRead) {
            return blkdat;
        }
        if (index >= BLOCK_SIZE) {
            index = 0;
        }
        int v = block[index++] & 0xff;
        if (!opDone && index == dat0) {
            opDone = true;
            index = 0;
            sts &= ~HOST_BUSY;
        }
        return v;
    }

    void writeRegister(int offset, int v) {
        switch (offset) {
            case SMBHSTSTS -> writeStatus(v);
            case SMBHSTCNT -> writeControl(v);
            case SMBHSTCMD -> cmd = v;
            case SMBHSTADD -> add = v;
            case SMBHSTDAT0 -> dat0 = v;
            case SMBHSTDAT1 -> dat1 = v;
            case SMBBLKDAT -> writeBlock(v);
            case SMBAUXCTL -> {
                if (ichBuffer) {
                    auxctl = v & AUX_MASK;
                }
            }
            default -> { } // the slave registers: no slave traffic here
        }
    }

    private void writeBlock(int v) {
        if (!ichBuffer) {
            block[index] = (byte) v;
            index = (index + 1) % BLOCK_SIZE;
            return;
        }
        if (index >= BLOCK_SIZE) {
            index = 0;
        }
        if ((auxctl & AUX_BLK) != 0) {
            block[index++] = (byte) v;
        } else {
            blkdat = v;
        }
    }

    /** A 1 written clears a status bit; HOST_BUSY is the controller's. QEMU also moves a byte-at-a-time block on. */
    private void writeStatus(int v) {
        if (!ichBuffer) {
            sts &= ~(v & (INTER | DEV_ERR | BUS_ERR | FAILED));
            return;
        }
        boolean byteDone = (sts & v & BYTE_DONE) != 0;
        sts &= ~(v & ~HOST_BUSY);
        if (byteDone && byteByByte()) {
            nextByte();
        }
    }

    private boolean byteByByte() {
        return !opDone && (inI2cBlockRead || (auxctl & AUX_BLK) == 0);
    }

    /** QEMU's byte-at-a-time block transfer, one step per BYTE_DONE_STS cleared (pm_smbus.c smb_ioport_writeb). */
    private void nextByte() {
        boolean read = inI2cBlockRead || (add & 1) != 0;
        index++;
        if (index >= BLOCK_SIZE) {
            index = 0;
        }
        if (!read && index == dat0) {
            if (protocol() == PROT_I2C_BLOCK_READ) {
                sts |= DEV_ERR;
                return;
            }
            if (!writeBlockTo(add >> 1, dat0)) {
                sts |= DEV_ERR;
                return;
            }
            opDone = true;
            sts = (sts | INTER) & ~HOST_BUSY;
        } else if (!read) {
            block[index] = (byte) blkdat;
            sts |= BYTE_DONE;
        } else if ((cnt & LAST_BYTE) != 0) {
            opDone = true;
            if (inI2cBlockRead) {
                inI2cBlockRead = false;
                blkdat = receive();
                nack();
                stop();
            } else {
                blkdat = block[index] & 0xff;
            }
            index = 0;
            sts = (sts | INTER) & ~HOST_BUSY;
        } else {
            blkdat = inI2cBlockRead ? receive() : block[index] & 0xff;
            sts |= BYTE_DONE;
        }
    }

    private int protocol() {
        return (cnt >> 2) & 7;
    }

    private void writeControl(int v) {
        cnt = v & ~START; // START reads 0
        if ((v & START) != 0) {
            if (ichBuffer && !opDone) {
                index = 0;
                opDone = true;
                if (inI2cBlockRead) {
                    inI2cBlockRead = false;
                    stop();
                }
            }
            if (deferredStart && (cnt & INTEREN) == 0) {
                sts |= HOST_BUSY;
                startPending = true;
            } else {
                startPending = false;
                transaction();
            }
        }
        if ((cnt & KILL) != 0) {
            opDone = true;
            index = 0;
            sts = (sts | FAILED) & ~HOST_BUSY;
            if (!killLeavesBusAddressed && inI2cBlockRead) {
                inI2cBlockRead = false;
                stop();
            }
        }
    }

    /** One host transaction, SMBus 2.0 §5.5 for each protocol. */
    private void transaction() {
        if ((sts & startBlockedBy) != 0) {
            return; // the outcome of the last one is still set: the controller does not respond to START
        }
        boolean read = (add & 1) != 0;
        int target = add >> 1;
        boolean ok = switch (protocol()) {
            case PROT_QUICK -> quick(target, read);
            case PROT_BYTE -> read ? receiveByte(target) : sendByte(target);
            case PROT_BYTE_DATA -> read ? readData(target, 1) : writeData(target, 1);
            case PROT_WORD_DATA -> read ? readData(target, 2) : writeData(target, 2);
            case PROT_BLOCK -> read ? readBlock(target) : blockWrite(target);
            case PROT_I2C_BLOCK_READ -> i2cBlockRead && startI2cBlockRead(target);
            default -> false;
        };
        if (!ok) {
            sts |= DEV_ERR;
        }
    }

    private void finish() {
        sts |= INTER;
    }

    private boolean quick(int target, boolean read) {
        if (!start(target, read)) {
            return false;
        }
        stop();
        finish();
        return true;
    }

    private boolean receiveByte(int target) {
        if (!start(target, true)) {
            return false;
        }
        dat0 = receive();
        nack();
        stop();
        finish();
        return true;
    }

    private boolean sendByte(int target) {
        if (!start(target, false)) {
            return false;
        }
        send(cmd);
        stop();
        finish();
        return true;
    }

    /** Read byte or word: the command, a repeated start, then the data, low byte first. */
    private boolean readData(int target, int bytes) {
        if (!start(target, false)) {
            return false;
        }
        send(cmd);
        start(target, true);
        dat0 = receive();
        if (bytes == 2) {
            dat1 = receive();
        }
        nack();
        stop();
        finish();
        return true;
    }

    private boolean writeData(int target, int bytes) {
        if (!start(target, false)) {
            return false;
        }
        send(cmd);
        send(dat0);
        if (bytes == 2) {
            send(dat1);
        }
        stop();
        finish();
        return true;
    }

    /** Block read: the command, a repeated start, the byte count, then that many bytes into the array. */
    private boolean readBlock(int target) {
        if (!start(target, false)) {
            return false;
        }
        send(cmd);
        start(target, true);
        int count = receive();
        if (ichBuffer && count > BLOCK_SIZE) {
            count = 0; // smbus_read_block: a count past the buffer reads nothing
        }
        for (int i = 0; i < count; i++) {
            block[i % BLOCK_SIZE] = (byte) receive();
        }
        nack();
        stop();
        dat0 = count;
        if (!ichBuffer) {
            finish();
            return true;
        }
        index = 0;
        opDone = false;
        if ((auxctl & AUX_BLK) != 0) {
            sts |= INTER;
        } else {
            blkdat = block[0] & 0xff;
            sts |= HOST_BUSY | BYTE_DONE;
        }
        return true;
    }

    private boolean blockWrite(int target) {
        if (!ichBuffer) {
            return writeBlockTo(target, dat0) && done();
        }
        if ((auxctl & AUX_BLK) != 0) {
            if (index != dat0) {
                index = 0;
                return false; // not SMBHSTDAT0 bytes written to SMBBLKDAT
            }
            index = 0;
            if (!writeBlockTo(target, dat0)) {
                return false;
            }
            opDone = true;
            sts = (sts | INTER) & ~HOST_BUSY;
            return true;
        }
        opDone = false;
        sts |= HOST_BUSY | BYTE_DONE;
        block[0] = (byte) blkdat;
        index = 0;
        return true;
    }

    private boolean done() {
        finish();
        return true;
    }

    /** The command, the count and {@code count} bytes of the array (at most 32). */
    private boolean writeBlockTo(int target, int count) {
        int n = Math.min(count, BLOCK_SIZE);
        if (!start(target, false)) {
            return false;
        }
        send(cmd);
        send(n);
        for (int i = 0; i < n; i++) {
            send(block[i] & 0xff);
        }
        stop();
        return true;
    }

    /** QEMU's I2C block read: SMBHSTDAT1 written as the offset, then bytes one at a time. */
    private boolean startI2cBlockRead(int target) {
        if (!start(target, false)) {
            return false;
        }
        send(dat1);
        start(target, true);
        inI2cBlockRead = true;
        blkdat = receive();
        opDone = false;
        sts |= HOST_BUSY | BYTE_DONE;
        return true;
    }

    // The bus: a start addresses one EEPROM, or nobody acknowledges; under QEMU the general call all of them.
    private boolean start(int target, boolean read) {
        if (killLeavesBusAddressed && (broadcast || current != null)) {
            // QEMU: a transfer still open takes the start as a repeated one, whatever the address.
            for (SpdEeprom e : broadcast ? eeproms : new SpdEeprom[] {current}) {
                e.start(read);
            }
            return true;
        }
        if (target == GENERAL_CALL && generalCallBroadcast) {
            broadcast = true;
            for (SpdEeprom e : eeproms) {
                e.start(read);
            }
            return true;
        }
        int i = target - EEPROM_BASE;
        if (i < 0 || i >= EEPROMS) {
            return false;
        }
        current = eeproms[i];
        current.start(read);
        return true;
    }

    private void send(int b) {
        if (broadcast) {
            for (SpdEeprom e : eeproms) {
                e.send(b & 0xff);
            }
        } else if (current != null) {
            current.send(b & 0xff);
        }
    }

    /** The byte the addressed device drives; FFh from nobody, and from a broadcast, where no one device drives. */
    private int receive() {
        return current == null ? 0xff : current.receive();
    }

    private void nack() {
        if (broadcast) {
            for (SpdEeprom e : eeproms) {
                e.nack();
            }
        } else if (current != null) {
            current.nack();
        }
    }

    private void stop() {
        if (broadcast) {
            for (SpdEeprom e : eeproms) {
                e.stop();
            }
            broadcast = false;
        } else if (current != null) {
            current.stop();
            current = null;
        }
    }

    /**
     * A hard reset: the host's registers to 00h (unless QEMU keeps them); the EEPROMs keep their contents
     * (QEMU restores them).
     */
    public void reset() {
        for (SpdEeprom e : eeproms) {
            if (eepromsRestoredAtReset) {
                e.restorePowerOnContents();
            } else {
                e.reset();
            }
        }
        broadcast = false;
        if (keptAcrossReset) {
            return;
        }
        sts = 0;
        cnt = 0;
        cmd = 0;
        add = 0;
        dat0 = 0;
        dat1 = 0;
        blkdat = 0;
        Arrays.fill(block, (byte) 0);
        index = 0;
        opDone = true;
        inI2cBlockRead = false;
        startPending = false;
        current = null;
    }

    SpdEeprom eeprom(int i) {
        return eeproms[i];
    }

    @Override
    public String deviceName() {
        return "piix4-smbus";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("SMBHSTSTS", Inspectable.hex(sts));
        r.put("SMBHSTCNT", Inspectable.hex(cnt & CNT_READ_MASK));
        r.put("SMBHSTCMD", Inspectable.hex(cmd));
        r.put("SMBHSTADD", Inspectable.hex(add));
        r.put("SMBHSTDAT0", Inspectable.hex(dat0));
        r.put("SMBHSTDAT1", Inspectable.hex(dat1));
        r.put("block pointer", Integer.toString(index));
        if (ichBuffer) {
            r.put("SMBAUXCTL", Inspectable.hex(auxctl));
        }
        r.put("start pending", Boolean.toString(startPending));
        return r;
    }
}
