package org.trapline.models.ide;

import static org.trapline.models.device.Inspectable.hex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/**
 * One ATA channel of the PIIX3 IDE function (ATA/ATAPI-6 clause 7, interface register definitions and
 * descriptions): the command block (Data, Error/Features, Sector Count, LBA Low, LBA Mid, LBA High, Device,
 * Status/Command) at offsets 0-7 of {@link #commandBlock()}, the control block (Alternate
 * Status/Device Control) at offset 0 of {@link #controlBlock()}, two device slots (device 0 and 1,
 * chosen by the Device register's DEV bit) and the channel's interrupt line. A slot holds an ATA hard disk
 * ({@link AtaDevice}) when the board attaches one; a channel with no disk answers as below.
 *
 * <p>With no device, nothing drives the bus: the host's pull-down holds DD7 (BSY) at 0 and the other
 * data lines float, read as ones as any undriven line here; writes reach no register and no interrupt
 * is asserted. QEMU instead keeps a device's register state for each empty slot and runs device 0's
 * commands on it ({@link IdeQuirks}).
 */
public final class AtaChannel implements IoDevice, Inspectable, AtaDevice.Host {
    /** Command block offsets (ATA/ATAPI-6 clause 7, CS0- asserted, DA2-DA0). */
    static final int DATA = 0, ERROR = 1, FEATURES = 1, SECTOR_COUNT = 2, LBA_LOW = 3, LBA_MID = 4, LBA_HIGH = 5,
            DEVICE = 6, STATUS = 7, COMMAND = 7;
    static final int COMMAND_BLOCK_LENGTH = 8;
    /** The control block's one register at CS1- DA=6 (Alternate Status / Device Control). */
    static final int CONTROL_BLOCK_LENGTH = 1;

    /** Device Control: nIEN (bit 1), SRST (bit 2), HOB (bit 7). */
    static final int NIEN = 0x02, SRST = 0x04, HOB = 0x80;
    /** Device register: DEV (bit 4); QEMU keeps bits 7 and 5 set (obsolete, once 1 in ATA-1's head register). */
    static final int DEV = 0x10, DEVICE_ALWAYS_ON = 0xa0;
    /** Status: BSY, DRDY, DSC/SERV (bit 4), DRQ, ERR. */
    static final int BSY = 0x80, DRDY = 0x40, DSC = 0x10, DRQ = 0x08, ERR = 0x01;
    /** Error: ABRT (bit 2); after EXECUTE DEVICE DIAGNOSTIC, 01h is "device 0 passed, device 1 absent". */
    static final int ABRT = 0x04, DIAGNOSTIC_PASSED = 0x01;
    static final int EXECUTE_DEVICE_DIAGNOSTIC = 0x90;
    /** A byte read with no device: DD7 pulled down, DD6-DD0 undriven. */
    static final int NO_DEVICE_BYTE = 0x7f;
    /** A Data word with no device: DD7 pulled down, DD15-DD8 and DD6-DD0 undriven. */
    static final int NO_DEVICE_WORD = 0xff7f;

    private final String name;
    private final IrqLine irq;
    private final boolean readsZero;
    private final boolean portio;
    private final boolean emptySlotsKeepState;
    private final boolean srstInterrupts;
    private final boolean nienKeepsIntrq;
    private final IoDevice control = new IoDevice() {
        @Override
        public long read(long offset, int size) {
            return readControl(size);
        }

        @Override
        public void write(long offset, int size, long value) {
            writeControl(size, value);
        }
    };

    /** QEMU's state of the two empty slots (quirk {@link IdeQuirks#EMPTY_SLOTS_KEEP_STATE}). */
    private final EmptySlot[] slots = {new EmptySlot(), new EmptySlot()};
    /** QEMU's one Device Control for the channel, and the slot DEV last chose. */
    private int deviceControl;
    private int unit;
    /** An interrupt of the empty device 0 not yet cleared by a Status read or a Command write. */
    private boolean intPending;
    /** The two slots when a disk is attached to either (null: the channel has none), and the channel's bus master. */
    private final AtaDevice[] devices;
    private final BusMaster busMaster;
    private final Set<Quirk> quirks;

    public AtaChannel(String name, Set<Quirk> quirks, IrqLine irq) {
        this(name, quirks, irq, new AtaDisk[2], null);
    }

    /**
     * A channel with the disks {@code disks[0]} (device 0) and {@code disks[1]} (device 1), either null for an
     * empty slot, and its bus master (null for none).
     */
    public AtaChannel(String name, Set<Quirk> quirks, IrqLine irq, AtaDisk[] disks, BusMaster busMaster) {
        this.name = name;
        this.irq = irq;
        this.quirks = Set.copyOf(quirks);
        this.busMaster = busMaster;
        if (disks.length != 2) {
            throw new IllegalArgumentException("an ATA channel has two slots, not " + disks.length);
        }
        devices = disks[0] == null && disks[1] == null ? null
                : new AtaDevice[] {new AtaDevice(0, disks[0], this), new AtaDevice(1, disks[1], this)};
        readsZero = quirks.contains(IdeQuirks.NO_DEVICE_READS_ZERO);
        portio = quirks.contains(IdeQuirks.PORTIO_ACCESS);
        emptySlotsKeepState = quirks.contains(IdeQuirks.EMPTY_SLOTS_KEEP_STATE);
        srstInterrupts = quirks.contains(IdeQuirks.SRST_INTERRUPTS);
        nienKeepsIntrq = quirks.contains(IdeQuirks.NIEN_KEEPS_INTRQ);
        Quirk.requireCoherent(IdeQuirks.all().stream().filter(quirks::contains).toList());
        reset();
    }

    /** The quirks of the IDE channels that the qemu-pc profile switches on. */
    public static List<Quirk> qemuQuirks() {
        return IdeQuirks.all();
    }

    /** Offsets 0-7: the command block. QEMU's portio list takes every access of up to 4 bytes whole. */
    public Region commandBlock() {
        Region r = Region.of(name, COMMAND_BLOCK_LENGTH, 1, 4, this, this);
        return portio ? r.withWholeAccesses() : r;
    }

    /** Offset 0: Alternate Status / Device Control. */
    public Region controlBlock() {
        Region r = Region.of(name + "-control", CONTROL_BLOCK_LENGTH, 1, portio ? 4 : 1, control, this);
        return portio ? r.withWholeAccesses() : r;
    }

    /** The board's reset (RESET-): QEMU's ide_bus_reset; the interrupt line is left as it is, as QEMU leaves it. */
    public void reset() {
        for (EmptySlot s : slots) {
            s.reset();
        }
        if (devices != null) {
            for (AtaDevice d : devices) {
                d.reset();
            }
        }
        if (busMaster != null) {
            busMaster.channelReset();
        }
        deviceControl = 0;
        unit = 0;
        intPending = false;
    }

    /** Whether a disk is attached to either slot. */
    public boolean hasDisk() {
        return devices != null;
    }

    @Override
    public long read(long offset, int size) {
        int reg = (int) (offset & 7);
        if (portio) {
            if (size == 1) {
                return readRegister(reg);
            }
            if (size == 2) {
                if (reg == DATA) {
                    return readData();
                }
                return reg == STATUS ? readRegister(STATUS) | 0xff00 : readRegister(reg) | readRegister(reg + 1) << 8;
            }
            return reg == DATA ? (long) readData() | (long) readData() << 16 : 0xffffffffL;
        }
        // A 16-bit host cycle to the Data register, two for a dword; byte cycles to the 8-bit registers.
        if (reg == DATA && size > 1) {
            return size == 2 ? readData() : (long) readData() | (long) readData() << 16;
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (reg + i < COMMAND_BLOCK_LENGTH ? readRegister(reg + i) : 0xff) << (8 * i);
        }
        return value;
    }

    @Override
    public void write(long offset, int size, long value) {
        int reg = (int) (offset & 7);
        if (portio) {
            if (size == 1) {
                writeRegister(reg, (int) (value & 0xff));
            } else if (reg == DATA) {
                if (size == 2) {
                    writeData(value & 0xffff);
                } else {
                    writeData(value & 0xffff);
                    writeData(value >>> 16 & 0xffff);
                }
            } else if (size == 2) {
                writeRegister(reg, (int) (value & 0xff));
                if (reg < STATUS) {
                    writeRegister(reg + 1, (int) (value >>> 8 & 0xff));
                }
            }
            return;
        }
        if (reg == DATA && size > 1) {
            // 16-bit host cycles: one for a word, two for a dword (the Data register of no device takes nothing).
            writeData(value & 0xffff);
            if (size == 4) {
                writeData(value >>> 16 & 0xffff);
            }
            return;
        }
        for (int i = 0; i < size && reg + i < COMMAND_BLOCK_LENGTH; i++) {
            writeRegister(reg + i, (int) (value >>> (8 * i) & 0xff));
        }
    }

    /** A Data word: no device drives it; QEMU's has no DRQ, so it reads 0. */
    private int readData() {
        if (devices != null) {
            return devices[unit].readData(2); // an empty slot never has DRQ: 0
        }
        return readsZero ? 0 : NO_DEVICE_WORD;
    }

    private void writeData(long word) {
        if (devices != null && devices[unit].present()) {
            devices[unit].writeData(2, word);
        }
    }

    /**
     * The device that answers a register read: the selected one; for an absent device 1, device 0 answers for it
     * (ATA/ATAPI-6 clause 9, single device configurations), save its Status, which reads 00h. QEMU instead reads the
     * empty slot's own copy ({@link IdeQuirks#EMPTY_SLOTS_KEEP_STATE}). Null: nothing drives the bus.
     */
    private AtaDevice responder() {
        AtaDevice d = devices[unit];
        if (d.present() || emptySlotsKeepState) {
            return d;
        }
        return unit == 1 && devices[0].present() ? devices[0] : null;
    }

    /** A command block register of a channel with a disk (QEMU hw/ide/core.c ide_ioport_read). */
    private int readDriveRegister(int reg) {
        AtaDevice d = responder();
        boolean hob = (deviceControl & HOB) != 0;
        int v;
        if (d == null) {
            v = NO_DEVICE_BYTE;
        } else if (reg == DATA) {
            v = devices[unit].readData(2) & 0xff; // a byte read takes a whole word (QEMU ide_ioport_read)
        } else if ((reg == STATUS || reg == ERROR && emptySlotsKeepState) && !devices[unit].present()) {
            v = 0; // an absent device 1: Status 00h; QEMU also reads Error 00h
        } else {
            v = d.register(reg, hob);
        }
        if (reg == STATUS) {
            clearInterrupt();
        }
        return v;
    }

    private int readAlternateStatus() {
        AtaDevice d = responder();
        if (d == null) {
            return NO_DEVICE_BYTE;
        }
        return devices[unit].present() ? d.status : 0;
    }

    private void writeDriveRegister(int reg, int v) {
        AtaDevice selected = devices[unit];
        if (reg != COMMAND && selected.busy()) {
            return; // clause 7: the command block is not written while BSY or DRQ (QEMU ignores such writes)
        }
        if (reg != DATA) {
            deviceControl &= ~HOB; // any write clears HOB (clause 7.8)
        }
        switch (reg) {
            case FEATURES, SECTOR_COUNT, LBA_LOW, LBA_MID, LBA_HIGH -> {
                for (AtaDevice d : devices) {
                    d.latch(reg, v); // both devices take every write: they share the cable (clause 7)
                }
            }
            case DEVICE -> {
                for (AtaDevice d : devices) {
                    d.select = v | DEVICE_ALWAYS_ON;
                }
                unit = (v & DEV) != 0 ? 1 : 0;
            }
            case COMMAND -> {
                clearInterrupt();
                if (selected.present() || unit == 0 && emptySlotsKeepState) {
                    selected.execute(v); // a command to an absent device 1 is not taken
                }
            }
            default -> {
            }
        }
    }

    private void writeDriveControl(int v) {
        boolean srstWas = (deviceControl & SRST) != 0;
        boolean srst = (v & SRST) != 0;
        deviceControl = v;
        if (srstInterrupts) {
            if (!srstWas && srst) {
                for (AtaDevice d : devices) {
                    resetDevice(d);
                    d.diagnose();
                    interrupt();
                }
                deviceControl &= ~SRST;
            }
        } else if (srst) {
            // Clause 9.2: held in reset while SRST is 1, BSY set; no interrupt is pending.
            for (AtaDevice d : devices) {
                resetDevice(d);
                d.status = AtaDevice.BSY;
            }
            intPending = false;
        } else if (srstWas) {
            // SRST cleared: each device runs its diagnostics and posts its signature, with no interrupt.
            for (AtaDevice d : devices) {
                d.diagnose();
            }
        }
        if (!nienKeepsIntrq) {
            boolean was = irq.level();
            boolean now = intPending && (deviceControl & NIEN) == 0;
            irq.setLevel(now);
            if (now && !was && busMaster != null) {
                busMaster.interruptRaised(false);
            }
        }
    }

    private void resetDevice(AtaDevice d) {
        if (busMaster != null) {
            busMaster.cancel(d);
        }
        d.reset();
    }

    @Override
    public void interrupt() {
        raiseInterrupt();
    }

    @Override
    public void dmaRequested(AtaDevice device) {
        if (busMaster != null) {
            busMaster.dmaRequested(device);
        }
    }

    @Override
    public boolean quirk(IdeQuirks q) {
        return quirks.contains(q);
    }

    private int readRegister(int reg) {
        if (devices != null) {
            return readDriveRegister(reg);
        }
        if (reg == STATUS && emptySlotsKeepState) {
            clearInterrupt(); // QEMU's Status read acknowledges even with no drive
        }
        // A byte of the Data register (QEMU: the low byte of ide_data_readw) reads as every other register does.
        return readsZero ? 0 : NO_DEVICE_BYTE;
    }

    private void writeRegister(int reg, int v) {
        if (devices != null) {
            writeDriveRegister(reg, v);
            return;
        }
        if (!emptySlotsKeepState) {
            return; // no device latches anything
        }
        // Every write but Data clears HOB (QEMU's ide_clear_hob); both slots take it, being on one cable.
        if (reg != DATA) {
            deviceControl &= ~HOB;
        }
        switch (reg) {
            case FEATURES, SECTOR_COUNT, LBA_LOW, LBA_MID, LBA_HIGH -> {
                for (EmptySlot s : slots) {
                    s.latch(reg, v);
                }
            }
            case DEVICE -> {
                for (EmptySlot s : slots) {
                    s.device = v | DEVICE_ALWAYS_ON;
                }
                unit = (v & DEV) != 0 ? 1 : 0;
            }
            case COMMAND -> {
                clearInterrupt();
                execute(v);
            }
            default -> {
            }
        }
    }

    /** QEMU runs a command on the empty device 0; one for the empty device 1 is ignored (ide_exec_cmd). */
    private void execute(int command) {
        if (unit != 0) {
            return;
        }
        EmptySlot s = slots[0];
        if (command == EXECUTE_DEVICE_DIAGNOSTIC) {
            s.diagnose();
        } else {
            // With no medium every command QEMU runs ends without data; its status is not seen (reads 0).
            s.status = DRDY | ERR;
            s.error = ABRT;
        }
        raiseInterrupt();
    }

    private long readControl(int size) {
        int alt = devices != null ? readAlternateStatus() : readsZero ? 0 : NO_DEVICE_BYTE;
        if (size == 1) {
            return alt;
        }
        return size == 2 ? alt | 0xff00 : 0xffffffffL;
    }

    private void writeControl(int size, long value) {
        if (size == 4 && portio) {
            return; // QEMU's portio list has no dword entry
        }
        if (devices != null) {
            writeDriveControl((int) (value & 0xff));
            return;
        }
        if (size == 4 || !emptySlotsKeepState) {
            return; // no device takes it
        }
        int v = (int) (value & 0xff);
        boolean srstRising = (deviceControl & SRST) == 0 && (v & SRST) != 0;
        deviceControl = v;
        if (srstInterrupts) {
            if (srstRising) {
                for (EmptySlot s : slots) {
                    s.reset();
                    s.diagnose();
                    raiseInterrupt();
                }
                deviceControl &= ~SRST;
            }
        } else if ((v & SRST) != 0) {
            // Held in reset while SRST is 1; a software reset posts no interrupt (ATA/ATAPI-6 clause 9).
            for (EmptySlot s : slots) {
                s.reset();
            }
            intPending = false;
        }
        if (!nienKeepsIntrq) {
            irq.setLevel(intPending && (deviceControl & NIEN) == 0);
        }
    }

    private void raiseInterrupt() {
        intPending = true;
        if ((deviceControl & NIEN) == 0) {
            boolean was = irq.level();
            irq.raise();
            if (busMaster != null) {
                busMaster.interruptRaised(was); // QEMU's bmdma_irq sits on the channel's line
            }
        }
    }

    private void clearInterrupt() {
        intPending = false;
        irq.lower();
    }

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("device 0", devices != null && devices[0].present() ? "disk" : "none");
        m.put("device 1", devices != null && devices[1].present() ? "disk" : "none");
        if (devices != null) {
            m.put("Device Control", hex(deviceControl));
            m.put("DEV", Integer.toString(unit));
            for (AtaDevice d : devices) {
                d.show("d" + d.unit + ".", m);
            }
        } else if (emptySlotsKeepState) {
            m.put("Device Control", hex(deviceControl));
            m.put("DEV", Integer.toString(unit));
            for (int n = 0; n < slots.length; n++) {
                slots[n].show("d" + n + ".", m);
            }
        }
        m.put("INTRQ", irq.level() ? "1" : "0");
        return m;
    }

    /** The registers QEMU keeps for a slot with no drive (hw/ide/internal.h IDEState without a block backend). */
    private static final class EmptySlot {
        private final int[] reg = new int[LBA_HIGH + 1];
        private final int[] hob = new int[LBA_HIGH + 1];
        private int device;
        private int status;
        private int error;

        /** QEMU's ide_reset: zeroed, then the signature of a slot without a drive. */
        void reset() {
            java.util.Arrays.fill(reg, 0);
            java.util.Arrays.fill(hob, 0);
            device = DEVICE_ALWAYS_ON;
            status = DRDY | DSC;
            error = 0;
            signature();
        }

        /**
         * Sector Count 1, LBA Low 1, LBA Mid/High FFh (neither ATA's 00h/00h nor ATAPI's 14h/EBh). QEMU's
         * ide_set_signature also clears the head bits of Device, which both callers have just set to A0h.
         */
        private void signature() {
            reg[SECTOR_COUNT] = 1;
            reg[LBA_LOW] = 1;
            reg[LBA_MID] = 0xff;
            reg[LBA_HIGH] = 0xff;
        }

        /** EXECUTE DEVICE DIAGNOSTIC: Device cleared, the signature, DRDY|DSC, Error 01h. */
        void diagnose() {
            device = DEVICE_ALWAYS_ON;
            signature();
            status = DRDY | DSC;
            error = DIAGNOSTIC_PASSED;
        }

        void latch(int r, int v) {
            hob[r] = reg[r];
            reg[r] = v;
        }

        void show(String prefix, Map<String, String> m) {
            m.put(prefix + "Features", hex(reg[FEATURES]));
            m.put(prefix + "Sector Count", hex(reg[SECTOR_COUNT]));
            m.put(prefix + "LBA Low", hex(reg[LBA_LOW]));
            m.put(prefix + "LBA Mid", hex(reg[LBA_MID]));
            m.put(prefix + "LBA High", hex(reg[LBA_HIGH]));
            m.put(prefix + "Device", hex(device));
            m.put(prefix + "Status", hex(status));
            m.put(prefix + "Error", hex(error));
            m.put(prefix + "HOB", hex(hob[FEATURES]) + " " + hex(hob[SECTOR_COUNT]) + " " + hex(hob[LBA_LOW]) + " "
                    + hex(hob[LBA_MID]) + " " + hex(hob[LBA_HIGH]));
        }
    }
}
