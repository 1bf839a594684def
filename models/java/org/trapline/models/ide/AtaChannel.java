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
 * chosen by the Device register's DEV bit) and the channel's interrupt line. Both slots are empty on
 * this board.
 *
 * <p>With no device, nothing drives the bus: the host's pull-down holds DD7 (BSY) at 0 and the other
 * data lines float, read as ones as any undriven line here; writes reach no register and no interrupt
 * is asserted. QEMU instead keeps a device's register state for each empty slot and runs device 0's
 * commands on it ({@link IdeQuirks}).
 */
public final class AtaChannel implements IoDevice, Inspectable {
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

    public AtaChannel(String name, Set<Quirk> quirks, IrqLine irq) {
        this.name = name;
        this.irq = irq;
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
        deviceControl = 0;
        unit = 0;
        intPending = false;
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
            } else if (size == 2 && reg != DATA) {
                writeRegister(reg, (int) (value & 0xff));
                if (reg < STATUS) {
                    writeRegister(reg + 1, (int) (value >>> 8 & 0xff));
                }
            }
            return;
        }
        if (reg == DATA && size > 1) {
            return; // the Data register of no device: nothing takes the word
        }
        for (int i = 0; i < size && reg + i < COMMAND_BLOCK_LENGTH; i++) {
            writeRegister(reg + i, (int) (value >>> (8 * i) & 0xff));
        }
    }

    /** A Data word: no device drives it; QEMU's has no DRQ, so it reads 0. */
    private int readData() {
        return readsZero ? 0 : NO_DEVICE_WORD;
    }

    private int readRegister(int reg) {
        if (reg == STATUS && emptySlotsKeepState) {
            clearInterrupt(); // QEMU's Status read acknowledges even with no drive
        }
        // A byte of the Data register (QEMU: the low byte of ide_data_readw) reads as every other register does.
        return readsZero ? 0 : NO_DEVICE_BYTE;
    }

    private void writeRegister(int reg, int v) {
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
        int alt = readsZero ? 0 : NO_DEVICE_BYTE;
        if (size == 1) {
            return alt;
        }
        return size == 2 ? alt | 0xff00 : 0xffffffffL;
    }

    private void writeControl(int size, long value) {
        if (size == 4 || !emptySlotsKeepState) {
            return; // no device takes it; QEMU's portio list has no dword entry
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
            irq.raise();
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
        m.put("device 0", "none");
        m.put("device 1", "none");
        if (emptySlotsKeepState) {
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
