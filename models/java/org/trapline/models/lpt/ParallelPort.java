package org.trapline.models.lpt;

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
 * The PC parallel port in IEEE 1284 compatibility mode (the IBM PC printer adapter's SPP registers, with
 * the PS/2 direction bit): Data at offset 0, Status at 1, Control at 2, with nothing attached to the
 * connector. Offsets 3-7 are not decoded by an SPP (they are the EPP registers of later ports) and read
 * the undriven bus.
 */
public final class ParallelPort implements IoDevice, Inspectable {
    static final int DATA = 0, STATUS = 1, CONTROL = 2;
    static final int LENGTH = 8;

    /** Status: nBUSY (the Busy line inverted), nACK, PE, SELECT, nERROR; bit 0 is QEMU's EPP timeout. */
    static final int STS_NBUSY = 0x80, STS_NACK = 0x40, STS_PE = 0x20, STS_SELECT = 0x10, STS_NERROR = 0x08,
            STS_TIMEOUT = 0x01;
    /** Control: STROBE, AUTO FEED, INIT (nInit line high when 1), SELECT IN, IRQ enable, direction. */
    static final int CTR_STROBE = 0x01, CTR_AUTOFD = 0x02, CTR_INIT = 0x04, CTR_SELECT_IN = 0x08, CTR_IRQ_EN = 0x10,
            CTR_DIR = 0x20;
    /** Control bits 7-6 are not implemented and read 1. */
    static final int CTR_UNUSED = 0xc0;
    /**
     * Status with nothing attached: Busy, PError, Select and nFault float high (so nBUSY reads 0) and nAck
     * high; bits 2-0 are not implemented and read 1 (IBM PC Technical Reference, Printer Adapter).
     */
    static final int STATUS_NOTHING_ATTACHED = 0x7f;
    /**
     * Power-on values, where the references leave them open kept as QEMU has them (parallel_reset): the data
     * latch all ones, Control with INIT and SELECT IN set (printer not being initialised, selected).
     */
    static final int DATA_RESET = 0xff, CONTROL_RESET = CTR_UNUSED | CTR_SELECT_IN | CTR_INIT;
    static final int QEMU_STATUS_RESET = STS_NBUSY | STS_NACK | STS_SELECT | STS_NERROR | STS_TIMEOUT;

    private final String name;
    private final IrqLine irq;
    private final boolean emulatedPrinter;
    private final boolean controlWriteInterrupts;
    private final boolean portio;

    private int data;
    private int control;
    /** QEMU's simulated printer's status (quirk {@link LptQuirks#EMULATED_PRINTER}). */
    private int status;
    private boolean irqPending;
    /** Bytes strobed out to the printer (QEMU's chardev write). */
    private long strobed;

    public ParallelPort(String name, Set<Quirk> quirks, IrqLine irq) {
        this.name = name;
        this.irq = irq;
        emulatedPrinter = quirks.contains(LptQuirks.EMULATED_PRINTER);
        controlWriteInterrupts = quirks.contains(LptQuirks.CONTROL_WRITE_INTERRUPTS);
        portio = quirks.contains(LptQuirks.PORTIO_ACCESS);
        reset();
    }

    /** The quirks of the parallel port that the qemu-pc profile switches on. */
    public static List<Quirk> qemuQuirks() {
        return LptQuirks.all();
    }

    /**
     * The eight ports at the base. An 8-bit ISA device: the bus makes byte cycles of a wider access. QEMU's
     * portio list instead takes every access of up to 4 bytes whole (quirk {@link LptQuirks#PORTIO_ACCESS}).
     */
    public Region region() {
        return portio ? Region.of(name, LENGTH, 1, 4, this, this).withWholeAccesses() : Region.of(name, LENGTH, 1, 1, this, this);
    }

    /** RESET: the registers as QEMU's parallel_reset leaves them; the interrupt is not pending. */
    public void reset() {
        data = DATA_RESET;
        control = CONTROL_RESET;
        status = QEMU_STATUS_RESET;
        irqPending = false;
    }

    @Override
    public long read(long offset, int size) {
        if (size == 4 && portio) {
            return 0xffffffffL; // QEMU's byte-only portio list answers no dword
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (offset + i < LENGTH ? readByte((int) offset + i) : 0xff) << (8 * i);
        }
        return value;
    }

    private int readByte(int offset) {
        switch (offset & 7) {
            case DATA:
                // With the direction bit set the output buffers are off and the lines float: FFh.
                return (control & CTR_DIR) != 0 ? 0xff : data;
            case STATUS:
                int v = emulatedPrinter ? readEmulatedStatus() : STATUS_NOTHING_ATTACHED;
                if (controlWriteInterrupts) {
                    irqPending = false; // QEMU's status read takes the interrupt it raised
                    irq.setLevel(false);
                }
                return v;
            case CONTROL:
                return control;
            default:
                return 0xff;
        }
    }

    /** QEMU's printer: the read steps the acknowledge handshake after a strobe. */
    private int readEmulatedStatus() {
        int ret = status;
        if ((status & STS_NBUSY) == 0 && (control & CTR_STROBE) == 0) {
            if ((status & STS_NACK) != 0) {
                status &= ~STS_NACK;
            } else {
                status |= STS_NACK | STS_NBUSY;
            }
        }
        return ret;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (size == 4 && portio) {
            return;
        }
        for (int i = 0; i < size && offset + i < LENGTH; i++) {
            writeByte((int) offset + i, (int) (value >>> (8 * i) & 0xff));
        }
    }

    private void writeByte(int offset, int v) {
        switch (offset & 7) {
            case DATA -> {
                data = v;
                if (controlWriteInterrupts) {
                    irq.setLevel(irqPending);
                }
            }
            case CONTROL -> writeControl(v | CTR_UNUSED);
            default -> {
            }
        }
    }

    private void writeControl(int v) {
        if ((v & CTR_INIT) == 0) {
            status = STS_NBUSY | STS_NACK | STS_SELECT | STS_NERROR;
        } else if ((v & CTR_SELECT_IN) != 0) {
            if ((v & CTR_STROBE) != 0) {
                status &= ~STS_NBUSY;
                if ((control & CTR_STROBE) == 0) {
                    strobed++;
                }
            } else if ((control & CTR_IRQ_EN) != 0 && controlWriteInterrupts) {
                irqPending = true;
            }
        }
        if (controlWriteInterrupts) {
            irq.setLevel(irqPending);
        }
        control = v;
    }

    /** Bytes the port has strobed out since it was built. */
    public long strobed() {
        return strobed;
    }

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Data", hex(data));
        m.put("Status", hex(emulatedPrinter ? status : STATUS_NOTHING_ATTACHED));
        m.put("Control", hex(control));
        m.put("IRQ", irq.level() ? "1" : "0");
        return m;
    }
}
