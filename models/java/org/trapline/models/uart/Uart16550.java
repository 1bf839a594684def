package org.trapline.models.uart;

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
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/**
 * The PC16550D UART with FIFOs (National Semiconductor / TI, SNLS378), as the PC wires it: eight
 * registers at offsets 0-7 (Table II), the INTR output onto an ISA line through the driver that MCR
 * OUT2 enables, the baud generator on 1.8432 MHz. The transmitter shifts one frame per character time
 * on the virtual clock (a timer armed for the end of each frame, §8.3); in loopback (§8.8) what it
 * shifts out is received. The RCVR FIFO's time-out (§8.11) is a timer armed 4 character times after
 * the last character in or out of it. Nothing ticks.
 */
public final class Uart16550 implements IoDevice, Inspectable {
    // Offsets (Table II).
    static final int RBR_THR_DLL = 0;
    static final int IER_DLM = 1;
    static final int IIR_FCR = 2;
    static final int LCR = 3;
    static final int MCR = 4;
    static final int LSR = 5;
    static final int MSR = 6;
    static final int SCR = 7;
    // IER (§8.7).
    static final int ERBFI = 0x01;
    static final int ETBEI = 0x02;
    static final int ELSI = 0x04;
    static final int EDSSI = 0x08;
    // IIR (§8.6): bit 0 low while an interrupt is pending, bits 1-3 its identity, bits 6-7 FIFOs enabled.
    static final int IIR_NO_INT = 0x01;
    static final int IIR_MODEM_STATUS = 0x00;
    static final int IIR_THRE = 0x02;
    static final int IIR_RDA = 0x04;
    static final int IIR_RLS = 0x06;
    static final int IIR_TIMEOUT = 0x0c;
    static final int IIR_FIFOS = 0xc0;
    // FCR (§8.5).
    static final int FCR_ENABLE = 0x01;
    static final int FCR_RCVR_RESET = 0x02;
    static final int FCR_XMIT_RESET = 0x04;
    static final int FCR_DMA_MODE = 0x08;
    static final int FCR_TRIGGER = 0xc0;
    // LCR (§8.1).
    static final int LCR_WLS = 0x03;
    static final int LCR_STB = 0x04;
    static final int LCR_PEN = 0x08;
    static final int DLAB = 0x80;
    // MCR (§8.8).
    static final int DTR = 0x01;
    static final int RTS = 0x02;
    static final int OUT1 = 0x04;
    static final int OUT2 = 0x08;
    static final int LOOP = 0x10;
    static final int MCR_BITS = 0x1f;
    // LSR (§8.4).
    static final int DR = 0x01;
    static final int OE = 0x02;
    static final int PE = 0x04;
    static final int FE = 0x08;
    static final int BI = 0x10;
    static final int THRE = 0x20;
    static final int TEMT = 0x40;
    static final int RCVR_FIFO_ERROR = 0x80;
    static final int LINE_ERRORS = OE | PE | FE | BI;
    static final int CHAR_ERRORS = PE | FE | BI;
    // MSR (§8.9).
    static final int DCTS = 0x01;
    static final int DDSR = 0x02;
    static final int TERI = 0x04;
    static final int DDCD = 0x08;
    static final int CTS = 0x10;
    static final int DSR = 0x20;
    static final int RI = 0x40;
    static final int DCD = 0x80;
    static final int DELTAS = 0x0f;
    /** The RCVR FIFO's trigger levels for FCR bits 7-6 = 00, 01, 10, 11 (§8.5). */
    static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};
    /** The PC's UART clock, 1.8432 MHz, divided by 16 x the divisor for the bit rate (§8.3). */
    static final long XTAL_HZ = 1_843_200;
    /** QEMU's character time from reset: 9600 baud, 10 bits (serial_reset). */
    static final long QEMU_RESET_CHAR_NS = (1_000_000_000L / 9600) * 10;
    /** QEMU's baud base, 1.8432 MHz / 16 (serial.c "baudbase"), and its speed for divisor 0. */
    static final float QEMU_BAUDBASE = 115200f;
    static final float QEMU_DIVISOR0_BAUD = 3500f;
    static final int RESET_DIVISOR = 0x0c;

    private final String name;
    private final IrqLine irq;
    private final SerialLine line;
    private final Timer timeoutTimer;
    private final Timer shiftTimer;
    private final Scheduler scheduler;
    private final boolean transmitInstant;
    private final boolean irqIgnoresOut2;
    private final boolean threResampledOnIer;
    private final boolean xmitResetRaisesThre;
    private final boolean fcrResetWithoutEnable;
    private final boolean loopbackMsrNoDeltas;
    private final boolean qemuCharacterTime;
    private final boolean qemuResetValues;
    private final boolean wordLengthIgnored;
    /** MSR bits 4-7 as the modem pins give them outside loopback. */
    private final int modemPins;

    private int rbr;
    private int thr;
    private int tsr;
    /** The transmitter shift register holds a frame being shifted out. */
    private boolean shifting;
    private int ier;
    private int fcr;
    private int lcr;
    private int mcr;
    private int lsr;
    /** MSR: bits 4-7 the inputs as last seen, bits 0-3 the deltas since the last read. */
    private int msr;
    private int scr;
    private int divisor;
    private final ByteFifo rcvr = new ByteFifo();
    private final ByteFifo xmit = new ByteFifo();
    private int triggerLevel;
    /** The THRE interrupt's latch: set as THR (XMIT FIFO) becomes empty, reset by an IIR read naming it or a THR write. */
    private boolean threPending;
    private boolean timeoutPending;
    private long charTimeNs;

    /**
     * @param name      the port's name in reports ({@code com1})
     * @param scheduler the board's guest clock, for the character times
     * @param quirks    the profile's quirks ({@link UartQuirks})
     * @param irq       the ISA interrupt line the PC's OUT2-gated driver feeds
     * @param line      where transmitted characters go
     */
    public Uart16550(String name, Scheduler scheduler, Set<Quirk> quirks, IrqLine irq, SerialLine line) {
        Quirk.requireCoherent(quirks);
        this.name = name;
        this.scheduler = scheduler;
        this.irq = irq;
        this.line = line;
        this.timeoutTimer = scheduler.newTimer(name + "-timeout", this::timeoutExpired);
        this.shiftTimer = scheduler.newTimer(name + "-tsr", this::frameShifted);
        this.transmitInstant = quirks.contains(UartQuirks.TRANSMIT_INSTANT);
        this.irqIgnoresOut2 = quirks.contains(UartQuirks.IRQ_IGNORES_OUT2);
        this.threResampledOnIer = quirks.contains(UartQuirks.THRE_RESAMPLED_ON_IER);
        this.xmitResetRaisesThre = quirks.contains(UartQuirks.XMIT_RESET_RAISES_THRE);
        this.fcrResetWithoutEnable = quirks.contains(UartQuirks.FCR_RESET_WITHOUT_ENABLE);
        this.loopbackMsrNoDeltas = quirks.contains(UartQuirks.LOOPBACK_MSR_NO_DELTAS);
        this.qemuCharacterTime = quirks.contains(UartQuirks.CHARACTER_TIME);
        this.qemuResetValues = quirks.contains(UartQuirks.RESET_VALUES);
        this.wordLengthIgnored = quirks.contains(UartQuirks.WORD_LENGTH_IGNORED);
        this.modemPins = quirks.contains(UartQuirks.MODEM_INPUTS_ASSERTED) ? (CTS | DSR | DCD) : 0;
        divisor = RESET_DIVISOR;
        reset();
    }

    /** The quirks of this device that the qemu-pc profile switches on. */
    public static List<Quirk> qemuQuirks() {
        return UartQuirks.all();
    }

    /** The eight registers as one block, to be placed by the board. */
    public Region region() {
        return Region.of("serial", 8, 1, 1, this, this);
    }

    /** Maps the eight registers at {@code base} (the PC: 3F8h, 2F8h, 3E8h, 2E8h). */
    public void attach(PortIoBus io, int base) {
        io.map(region().at(base));
    }

    /**
     * Master reset (Table III): IER, IIR, FCR, LCR, MCR and the FIFOs cleared, LSR THRE and TEMT, the
     * MSR deltas cleared, the INTR output low. The divisor latch and SCR are not touched by MR.
     */
    public void reset() {
        timeoutTimer.disarm();
        shiftTimer.disarm();
        shifting = false;
        rbr = 0;
        thr = 0;
        tsr = 0;
        ier = 0;
        fcr = 0;
        lcr = 0;
        mcr = qemuResetValues ? OUT2 : 0;
        lsr = THRE | TEMT;
        rcvr.clear();
        xmit.clear();
        triggerLevel = TRIGGER_LEVELS[0];
        threPending = false;
        timeoutPending = false;
        if (qemuResetValues) {
            divisor = RESET_DIVISOR;
            scr = 0;
        }
        msr = modemInputs();
        charTimeNs = qemuCharacterTime ? QEMU_RESET_CHAR_NS : hardwareCharTimeNs();
        irq.lower();
        updateIrq();
    }

    @Override
    public long read(long offset, int size) {
        switch ((int) (offset & 7)) {
            case RBR_THR_DLL:
                return (lcr & DLAB) != 0 ? divisor & 0xff : readRbr();
            case IER_DLM:
                return (lcr & DLAB) != 0 ? divisor >> 8 : ier;
            case IIR_FCR:
                return readIir();
            case LCR:
                return lcr;
            case MCR:
                return mcr;
            case LSR:
                return readLsr();
            case MSR:
                return readMsr();
            default:
                return scr;
        }
    }

    @Override
    public void write(long offset, int size, long value) {
        int v = (int) (value & 0xff);
        switch ((int) (offset & 7)) {
            case RBR_THR_DLL:
                if ((lcr & DLAB) != 0) {
                    setDivisor((divisor & 0xff00) | v);
                } else {
                    writeThr(v);
                }
                break;
            case IER_DLM:
                if ((lcr & DLAB) != 0) {
                    setDivisor((divisor & 0xff) | v << 8);
                } else {
                    writeIer(v);
                }
                break;
            case IIR_FCR:
                writeFcr(v);
                break;
            case LCR:
                lcr = v;
                lineParametersChanged();
                break;
            case MCR:
                writeMcr(v);
                break;
            case LSR:
            case MSR:
                // §8.4, §8.9: read registers; a write (the factory test of LSR) is not used on the PC.
                break;
            default:
                scr = v;
                break;
        }
    }

    // ---- receiver -------------------------------------------------------------------------------

    private int readRbr() {
        int value;
        if (fifoMode()) {
            value = rcvr.pop() & 0xff;
            if (rcvr.isEmpty()) {
                lsr &= ~DR;
                timeoutTimer.disarm();
            } else {
                // §8.4: the next character's errors show as it reaches the top of the FIFO.
                lsr |= rcvr.peek() >> 8 & CHAR_ERRORS;
                armTimeout();
            }
            timeoutPending = false;
        } else {
            value = rbr;
            lsr &= ~DR;
        }
        updateIrq();
        return value;
    }

    /**
     * A character the receiver has assembled: {@code value} its data bits, {@code errors} any of LSR's
     * PE, FE, BI found with it (§8.4). In FIFO mode it goes into the RCVR FIFO, or is lost with OE when
     * the FIFO is full; in character mode it replaces RBR, with OE if RBR was not read.
     */
    public void receive(int value, int errors) {
        int err = errors & CHAR_ERRORS;
        if (fifoMode()) {
            boolean wasEmpty = rcvr.isEmpty();
            if (!rcvr.push((value & 0xff) | err << 8)) {
                lsr |= OE;
            } else if (wasEmpty) {
                lsr |= err;
            }
            lsr |= DR;
            armTimeout();
        } else {
            if ((lsr & DR) != 0) {
                lsr |= OE;
            }
            rbr = value & 0xff;
            lsr |= DR | err;
        }
        updateIrq();
    }

    private void armTimeout() {
        timeoutTimer.armAt(scheduler.nowNs() + 4 * charTimeNs);
    }

    /** §8.11: 4 character times with no character in or out of a RCVR FIFO that holds some. */
    private void timeoutExpired() {
        if (!rcvr.isEmpty()) {
            timeoutPending = true;
            updateIrq();
        }
    }

    private int readLsr() {
        int value = lsr;
        if (fifoMode() && rcvr.anyHas(CHAR_ERRORS << 8)) {
            value |= RCVR_FIFO_ERROR;
        }
        if ((lsr & LINE_ERRORS) != 0) {
            lsr &= ~LINE_ERRORS;
            updateIrq();
        }
        return value;
    }

    // ---- transmitter ----------------------------------------------------------------------------

    private void writeThr(int v) {
        thr = v;
        if (fifoMode()) {
            if (xmit.isFull()) {
                xmit.pop();
            }
            xmit.push(v);
        }
        threPending = false;
        lsr &= ~(THRE | TEMT);
        updateIrq();
        if (!shifting) {
            loadShiftRegister();
        }
    }

    /** THR (or the XMIT FIFO's oldest) into the TSR; THRE sets as the holding side empties. */
    private void loadShiftRegister() {
        do {
            if (fifoMode()) {
                tsr = xmit.pop();
                if (xmit.isEmpty()) {
                    lsr |= THRE;
                }
            } else {
                tsr = thr;
                lsr |= THRE;
            }
            if ((lsr & THRE) != 0 && !threPending) {
                threPending = true;
                updateIrq();
            }
            if (!transmitInstant) {
                shifting = true;
                shiftTimer.armAt(scheduler.nowNs() + charTimeNs);
                return;
            }
            deliver(tsr);
        } while ((lsr & THRE) == 0);
        lsr |= TEMT;
    }

    /** The TSR has shifted its frame out. */
    private void frameShifted() {
        shifting = false;
        deliver(tsr);
        if ((lsr & THRE) == 0) {
            loadShiftRegister();
        } else {
            lsr |= TEMT;
        }
    }

    /** §8.8: in loopback SOUT is held marking and the TSR's output goes to the receiver. */
    private void deliver(int value) {
        int data = wordLengthIgnored ? value & 0xff : value & (0xff >> (3 - (lcr & LCR_WLS)));
        if ((mcr & LOOP) != 0) {
            receive(data, 0);
        } else {
            line.transmitted(data);
        }
    }

    // ---- control --------------------------------------------------------------------------------

    private void writeIer(int v) {
        int changed = (ier ^ v) & 0x0f;
        ier = v & 0x0f;
        if (threResampledOnIer && (changed & ETBEI) != 0) {
            threPending = (ier & ETBEI) != 0 && (lsr & THRE) != 0;
        }
        updateIrq();
    }

    private int readIir() {
        int value = iir();
        if ((value & 0x0f) == IIR_THRE) {
            threPending = false;
            updateIrq();
        }
        return value;
    }

    private void writeFcr(int value) {
        int v = value;
        boolean enableChanged = ((v ^ fcr) & FCR_ENABLE) != 0;
        if (enableChanged) {
            // §8.5: changing FCR0 clears both FIFOs.
            v |= FCR_RCVR_RESET | FCR_XMIT_RESET;
        } else if ((v & FCR_ENABLE) == 0 && !fcrResetWithoutEnable) {
            // §8.5: with FCR0 0 the other bits are not programmed.
            return;
        }
        if ((v & FCR_RCVR_RESET) != 0) {
            lsr &= ~(DR | BI);
            timeoutTimer.disarm();
            timeoutPending = false;
            rcvr.clear();
        }
        if ((v & FCR_XMIT_RESET) != 0) {
            boolean wasEmpty = (lsr & THRE) != 0;
            xmit.clear();
            lsr |= THRE;
            // Table IV, §8.11: THRE rising is the interrupt, and so is the first one after FCR0 changes.
            if (xmitResetRaisesThre || enableChanged || !wasEmpty) {
                threPending = true;
            }
        }
        fcr = v & (FCR_TRIGGER | FCR_DMA_MODE | FCR_ENABLE);
        if ((fcr & FCR_ENABLE) != 0) {
            triggerLevel = TRIGGER_LEVELS[fcr >> 6];
        }
        updateIrq();
    }

    private void writeMcr(int v) {
        mcr = v & MCR_BITS;
        modemInputsChanged();
        updateIrq();
    }

    private int readMsr() {
        if (loopbackMsrNoDeltas && (mcr & LOOP) != 0) {
            return loopbackInputs();
        }
        modemInputsChanged();
        int value = msr;
        if ((msr & DELTAS) != 0) {
            msr &= ~DELTAS;
            updateIrq();
        }
        return value;
    }

    /** §8.9: bits 0-3 record a change of CTS, DSR, DCD and RI's trailing edge since the last read. */
    private void modemInputsChanged() {
        if (loopbackMsrNoDeltas) {
            return;
        }
        int now = modemInputs();
        int old = msr & 0xf0;
        if (now != old) {
            int changed = (now ^ old) >> 4;
            int deltas = changed & (DCTS | DDSR | DDCD);
            if ((changed & (RI >> 4)) != 0 && (now & RI) == 0) {
                deltas |= TERI;
            }
            msr = now | (msr & DELTAS) | deltas;
        }
    }

    private int modemInputs() {
        return (mcr & LOOP) != 0 ? loopbackInputs() : modemPins;
    }

    /** §8.8 loopback: RTS to CTS, DTR to DSR, OUT1 to RI, OUT2 to DCD. */
    private int loopbackInputs() {
        return (mcr & RTS) << 3 | (mcr & DTR) << 5 | (mcr & (OUT1 | OUT2)) << 4;
    }

    private void setDivisor(int value) {
        divisor = value & 0xffff;
        lineParametersChanged();
    }

    private void lineParametersChanged() {
        charTimeNs = qemuCharacterTime ? qemuCharTimeNs() : hardwareCharTimeNs();
    }

    /** §8.1, §8.3: start bit, 5-8 data bits, parity, 1, 1.5 or 2 stop bits, each 16 x divisor clocks. */
    long hardwareCharTimeNs() {
        int halfBits = 2 * (1 + 5 + (lcr & LCR_WLS)) + ((lcr & LCR_PEN) != 0 ? 2 : 0);
        halfBits += (lcr & LCR_STB) == 0 ? 2 : (lcr & LCR_WLS) == 0 ? 3 : 4;
        long d = divisor == 0 ? 0x10000 : divisor;
        return halfBits * d * 8_000_000_000L / XTAL_HZ;
    }

    /** QEMU serial_update_parameters: the same arithmetic in single precision. */
    long qemuCharTimeNs() {
        int frame = 1 + 5 + (lcr & LCR_WLS) + ((lcr & LCR_PEN) != 0 ? 1 : 0) + ((lcr & LCR_STB) != 0 ? 2 : 1);
        float speed = divisor == 0 ? QEMU_DIVISOR0_BAUD : QEMU_BAUDBASE / divisor;
        float ns = 1_000_000_000f / speed * frame;
        return (long) ns;
    }

    // ---- interrupts -----------------------------------------------------------------------------

    private boolean fifoMode() {
        return (fcr & FCR_ENABLE) != 0;
    }

    /** Table IV: the highest-priority pending source that IER enables. */
    private int interruptId() {
        if ((ier & ELSI) != 0 && (lsr & LINE_ERRORS) != 0) {
            return IIR_RLS;
        }
        if ((ier & ERBFI) != 0 && timeoutPending) {
            return IIR_TIMEOUT;
        }
        if ((ier & ERBFI) != 0 && (lsr & DR) != 0 && (!fifoMode() || rcvr.count() >= triggerLevel)) {
            return IIR_RDA;
        }
        if ((ier & ETBEI) != 0 && threPending) {
            return IIR_THRE;
        }
        if ((ier & EDSSI) != 0 && (msr & DELTAS) != 0) {
            return IIR_MODEM_STATUS;
        }
        return IIR_NO_INT;
    }

    int iir() {
        return (fifoMode() ? IIR_FIFOS : 0) | interruptId();
    }

    /** The INTR pin; on the PC it reaches the ISA line only while OUT2 is on and loopback off. */
    private void updateIrq() {
        boolean intr = interruptId() != IIR_NO_INT;
        boolean gate = irqIgnoresOut2 || (mcr & (OUT2 | LOOP)) == OUT2;
        irq.setLevel(intr && gate);
    }

    // ---- reports --------------------------------------------------------------------------------

    int rcvrCount() {
        return rcvr.count();
    }

    int xmitCount() {
        return xmit.count();
    }

    long charTimeNs() {
        return charTimeNs;
    }

    int lineStatus() {
        return lsr;
    }

    int modemControl() {
        return mcr;
    }

    boolean fifoEnabled() {
        return fifoMode();
    }

    boolean threPending() {
        return threPending;
    }

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("RBR", hex(rbr));
        r.put("IER", hex(ier));
        r.put("IIR", hex(iir()));
        r.put("FCR", hex(fcr));
        r.put("LCR", hex(lcr));
        r.put("MCR", hex(mcr));
        r.put("LSR", hex(lsr));
        r.put("MSR", hex(msr));
        r.put("SCR", hex(scr));
        r.put("DLL", hex(divisor & 0xff));
        r.put("DLM", hex(divisor >> 8));
        r.put("RCVR FIFO", Integer.toString(rcvr.count()));
        r.put("XMIT FIFO", Integer.toString(xmit.count()));
        return r;
    }
}
