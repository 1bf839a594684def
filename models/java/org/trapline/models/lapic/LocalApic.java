package org.trapline.models.lapic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.ApicMessage;
import org.trapline.models.irq.ApicMessageSink;
import org.trapline.models.irq.EoiListener;
import org.trapline.models.irq.InterruptAcknowledge;
import org.trapline.models.irq.IrqSink;

/**
 * The local APIC of one processor in xAPIC mode, as the Intel SDM Vol. 3A chapter 10 "Advanced
 * Programmable Interrupt Controller (APIC)" (order 253668, section numbers of that edition)
 * describes it for the Pentium 4 and Intel Xeon: version 14h with six LVT entries (timer, thermal,
 * performance counters, LINT0, LINT1, error), 8-bit APIC IDs, interrupt messages on the system bus.
 *
 * <p>It accepts interrupt messages ({@link ApicMessageSink}: fixed, lowest priority, SMI, NMI, INIT,
 * ExtINT), its LINT0/LINT1 pins and its own ICR's IPIs into IRR/TMR, answers the CPU's INTR side
 * ({@link InterruptAcknowledge}: the highest IRR vector whose priority class is above the PPR's, the
 * 8259A's INTA for ExtINT, the spurious vector otherwise), and ends an interrupt at an EOI write,
 * broadcasting the vector of a level-triggered one to the IO-APIC ({@link EoiListener}).
 *
 * <p>NMI, SMI and INIT bypass IRR and ISR (SDM 10.8.4 Note) and are latched for the core
 * ({@link #nmiPending()}, ...). The APIC timer ({@link ApicTimer}) counts on the guest clock; the thermal
 * and performance-counter sources are not modelled.
 */
public final class LocalApic implements ApicMessageSink, InterruptAcknowledge, Inspectable {
    /** The APIC register page (SDM 10.4.1, Table 10-1): 4 KiB at IA32_APIC_BASE, FEE00000h after reset. */
    public static final long PAGE_SIZE = 0x1000;
    public static final long DEFAULT_BASE = 0xFEE0_0000L;

    // Table 10-1, "Local APIC Register Address Map": offsets within the page.
    static final int ID = 0x020;
    static final int VERSION = 0x030;
    static final int TPR = 0x080;
    static final int APR = 0x090;
    static final int PPR = 0x0a0;
    static final int EOI = 0x0b0;
    static final int LDR = 0x0d0;
    static final int DFR = 0x0e0;
    static final int SVR = 0x0f0;
    static final int ISR = 0x100;
    static final int TMR = 0x180;
    static final int IRR = 0x200;
    static final int ESR = 0x280;
    static final int ICR_LOW = 0x300;
    static final int ICR_HIGH = 0x310;
    static final int LVT_TIMER = 0x320;
    static final int LVT_THERMAL = 0x330;
    static final int LVT_PERFORMANCE = 0x340;
    static final int LVT_LINT0 = 0x350;
    static final int LVT_LINT1 = 0x360;
    static final int LVT_ERROR = 0x370;
    static final int INITIAL_COUNT = 0x380;
    static final int CURRENT_COUNT = 0x390;
    static final int DIVIDE_CONFIGURATION = 0x3e0;

    /** 10.4.8 "Local APIC Version Register": version 14h, Max LVT Entry 5 (six entries, Pentium 4 and Xeon). */
    static final int VERSION_VALUE = 0x0005_0014;

    // The LVT in register order (index = (offset - 320h) / 10h), Figure 10-8.
    static final int TIMER = 0;
    static final int LINT0 = 3;
    static final int LINT1 = 4;
    static final int ERROR = 5;
    private static final int LVT_ENTRIES = 6;
    /** Writable bits of each LVT entry (Figure 10-8): vector, delivery mode, polarity, trigger, mask, timer mode. */
    private static final int[] LVT_WRITABLE = {0x0003_00ff, 0x0001_07ff, 0x0001_07ff, 0x0001_a7ff, 0x0001_a7ff, 0x0001_00ff};
    static final int LVT_MASKED = 1 << 16;
    private static final int LVT_LEVEL = 1 << 15;
    private static final int LVT_REMOTE_IRR = 1 << 14;

    private static final int LVT_TIMER_PERIODIC = 1 << 17;
    /** The board's bus clock for the APIC timer: the Pentium 4's 100 MHz system bus clock (10.5.4). */
    static final long BUS_PERIOD_NS = 10;
    static final int SVR_APIC_ENABLED = 1 << 8;
    static final int SVR_FOCUS_CHECKING_DISABLED = 1 << 9;
    /** Bits 31-28 of the DFR: 1111b flat model, 0000b cluster model (10.6.2.2); bits 27-0 read as 1s. */
    private static final int DFR_RESERVED_ONES = 0x0fff_ffff;

    // Figure 10-9 "Error Status Register (ESR)".
    static final int ESR_SEND_ILLEGAL_VECTOR = 1 << 5;
    static final int ESR_RECEIVE_ILLEGAL_VECTOR = 1 << 6;
    static final int ESR_ILLEGAL_REGISTER_ADDRESS = 1 << 7;

    /** ICR low (Figure 10-12): writable bits; bit 12 is the read-only Delivery Status. */
    private static final int ICR_LOW_WRITABLE = 0x000c_cfff;

    private final int initialApicId;
    private final boolean qtestHasNoCpu;
    private final boolean offset0IsMessage;
    private final boolean disableKeepsLvt;
    private final boolean disabledAccepts;
    private final boolean extIntIsFixed;
    private final boolean illegalVectorAccepted;
    private final boolean aprReadsZero;
    private final boolean focusBitDropped;
    private final boolean esrWriteIgnored;
    private final boolean keepWrittenBits;
    private final InterruptAcknowledge externalController;
    private ApicMessageSink systemBus = this;
    private EoiListener eoiListener = vector -> { };

    // The registers (Table 10-1).
    private boolean globallyEnabled = true;
    private int apicId;
    private int tpr;
    private int ldr;
    private int dfr;
    private int svr;
    private final VectorSet irr = new VectorSet();
    private final VectorSet isr = new VectorSet();
    private final VectorSet tmr = new VectorSet();
    private int esr;
    /** Errors found since the last write to the ESR (10.5.3). */
    private int errorsSinceWrite;
    private int icrLow;
    private int icrHigh;
    private final int[] lvt = new int[LVT_ENTRIES];
    private final ApicTimer timer;

    // What the core sees besides INTR.
    private final boolean[] lintLevel = new boolean[2];
    private boolean extIntMessagePending;
    private boolean nmiPending;
    private boolean smiPending;
    private boolean initPending;

    /**
     * @param apicId             the APIC ID hardware assigns at reset (0 for the boot processor)
     * @param quirks             the profile's quirks; the {@link LapicQuirks} among them are honoured
     * @param externalController the 8259A pair behind LINT0 in ExtINT mode: its INTA cycle supplies the vector
     * @param scheduler          the guest clock the APIC timer counts on
     */
    public LocalApic(int apicId, Set<Quirk> quirks, InterruptAcknowledge externalController, Scheduler scheduler) {
        this.initialApicId = apicId & 0xff;
        this.externalController = externalController;
        this.qtestHasNoCpu = quirks.contains(LapicQuirks.QTEST_ACCESS_HAS_NO_CPU);
        this.offset0IsMessage = quirks.contains(LapicQuirks.PAGE_OFFSET_0_WRITE_IS_MESSAGE);
        this.disableKeepsLvt = quirks.contains(LapicQuirks.SOFTWARE_DISABLE_KEEPS_LVT);
        this.disabledAccepts = quirks.contains(LapicQuirks.SOFTWARE_DISABLED_ACCEPTS_INTERRUPTS);
        this.extIntIsFixed = quirks.contains(LapicQuirks.EXTINT_MESSAGE_IS_FIXED);
        this.illegalVectorAccepted = quirks.contains(LapicQuirks.ILLEGAL_VECTOR_ACCEPTED);
        this.aprReadsZero = quirks.contains(LapicQuirks.APR_READS_ZERO);
        this.focusBitDropped = quirks.contains(LapicQuirks.SVR_FOCUS_BIT_DROPPED);
        this.esrWriteIgnored = quirks.contains(LapicQuirks.ESR_WRITE_IGNORED);
        this.keepWrittenBits = quirks.contains(LapicQuirks.REGISTERS_KEEP_WRITTEN_BITS);
        this.apicId = initialApicId;
        this.timer = new ApicTimer(scheduler, quirks.contains(LapicQuirks.TIMER_COUNTS_NANOSECONDS) ? 1 : BUS_PERIOD_NS,
                quirks.contains(LapicQuirks.TIMER_PERIOD_ONE_TICK_LONG), this::timerExpired);
        powerUp();
    }

    /** Where the EOI of a level-triggered vector is broadcast: the IO-APIC (10.8.5). */
    public void setEoiListener(EoiListener listener) {
        this.eoiListener = listener;
    }

    /** Where this APIC's own messages go (IPIs, QEMU's offset-0 message): the system bus; itself alone by default. */
    public void setSystemBus(ApicMessageSink bus) {
        this.systemBus = bus;
    }

    /** Power-up or RESET# (10.4.7.1): the APIC ID from hardware, everything else to its reset value. */
    public void reset() {
        apicId = initialApicId;
        globallyEnabled = true;
        powerUp();
    }

    /** 10.4.7.1 "Local APIC State After Power-Up or Reset"; INIT (10.4.7.3) does the same but keeps the APIC ID. */
    private void powerUp() {
        tpr = 0;
        ldr = 0;
        dfr = 0xffff_ffff;
        svr = 0xff;
        irr.clearAll();
        isr.clearAll();
        tmr.clearAll();
        esr = 0;
        errorsSinceWrite = 0;
        icrLow = 0;
        icrHigh = 0;
        for (int i = 0; i < LVT_ENTRIES; i++) {
            lvt[i] = LVT_MASKED;
        }
        timer.stop();
        timer.setPeriodic(false);
        timer.setDivideConfiguration(0);
        extIntMessagePending = false;
    }

    /**
     * IA32_APIC_BASE[11], the APIC global enable (10.4.3). Cleared, the processor works as one
     * without an APIC: LINT0 is its INTR pin and LINT1 its NMI pin, the register page is gone and no
     * message is received; the APIC returns to its power-up state (10.4.3: prior initialization may be lost).
     */
    public void setGloballyEnabled(boolean enabled) {
        if (!enabled && globallyEnabled) {
            powerUp();
        }
        globallyEnabled = enabled;
    }

    public boolean globallyEnabled() {
        return globallyEnabled;
    }

    public boolean softwareEnabled() {
        return (svr & SVR_APIC_ENABLED) != 0;
    }

    // ---- the register page ----

    /**
     * The register page as a bus maps it. In profile hardware an access here is CPU 0's own access to
     * its APIC; under {@link LapicQuirks#QTEST_ACCESS_HAS_NO_CPU} (qtest's accesses in QEMU) reads give 0
     * and only the offset-0 message write has an effect.
     */
    public Region pageRegion() {
        return Region.of("lapic", PAGE_SIZE, 1, 4, new IoDevice() {
            @Override
            public long read(long offset, int size) {
                if (qtestHasNoCpu) {
                    return 0;
                }
                return cpuRead((int) offset, size);
            }

            @Override
            public void write(long offset, int size, long value) {
                if (offset0IsMessage && offset < 0x10 && size == 4) {
                    systemBus.deliver(new ApicMessage(ApicMessage.WINDOW_BASE + offset, (int) value));
                } else if (!qtestHasNoCpu) {
                    cpuWrite((int) offset, size, value);
                }
            }
        }, this);
    }

    /**
     * The processor's own store to its APIC page, whatever the profile (a VMM's vCPU, not qtest):
     * registers are written with aligned 32-bit stores, and a narrower one is dropped (10.4.1; QEMU
     * drops it too).
     */
    public void cpuWrite(int offset, int size, long value) {
        if (size == 4) {
            writeRegister(offset, (int) value);
        }
    }

    /**
     * The processor's own read of {@code size} bytes of its APIC page, whatever the profile: the bytes
     * of the 32-bit register they fall in (narrower reads are model-specific, 10.4.1).
     */
    public long cpuRead(int offset, int size) {
        int dword = readRegister(offset & ~3);
        long value = (dword & 0xffff_ffffL) >>> ((offset & 3) * 8);
        return size >= 4 ? value : value & ((1L << (8 * size)) - 1);
    }

    /**
     * The processor reads the 32-bit register at {@code offset} of its APIC page. Registers sit at
     * 16-byte boundaries (10.4.1); the other three dwords of a slot read 0. A reserved slot reads 0
     * and records an Illegal Register Address error (10.5.3).
     */
    public int readRegister(int offset) {
        if (!globallyEnabled) {
            return 0xffff_ffff;
        }
        if ((offset & 0xf) != 0) {
            return 0;
        }
        offset &= 0xff0;
        if (offset >= ISR && offset < ISR + 0x80) {
            return isr.word((offset - ISR) >> 4);
        }
        if (offset >= TMR && offset < TMR + 0x80) {
            return tmr.word((offset - TMR) >> 4);
        }
        if (offset >= IRR && offset < IRR + 0x80) {
            return irr.word((offset - IRR) >> 4);
        }
        if (offset >= LVT_TIMER && offset <= LVT_ERROR) {
            return lvt[(offset - LVT_TIMER) >> 4];
        }
        return switch (offset) {
            case ID -> apicId << 24;
            case VERSION -> VERSION_VALUE;
            case TPR -> tpr;
            case APR -> aprReadsZero ? 0 : arbitrationPriority();
            case PPR -> processorPriority();
            case EOI -> 0; // write-only
            case LDR -> ldr;
            case DFR -> dfr;
            case SVR -> svr;
            case ESR -> esr;
            case ICR_LOW -> icrLow;
            case ICR_HIGH -> icrHigh;
            case INITIAL_COUNT -> timer.initialCount();
            case CURRENT_COUNT -> timer.currentCount();
            case DIVIDE_CONFIGURATION -> timer.divideConfiguration();
            default -> {
                error(ESR_ILLEGAL_REGISTER_ADDRESS);
                yield 0;
            }
        };
    }

    /** The processor writes the 32-bit register at {@code offset}; read-only registers ignore it. */
    public void writeRegister(int offset, int value) {
        if (!globallyEnabled) {
            return;
        }
        if (offset0IsMessage && (offset & 0xff0) == 0) {
            systemBus.deliver(new ApicMessage(ApicMessage.WINDOW_BASE + (offset & 0xfff), value));
            return;
        }
        if ((offset & 0xf) != 0) {
            return;
        }
        offset &= 0xff0;
        if (offset >= ISR && offset < IRR + 0x80) {
            return; // ISR, TMR, IRR: read-only
        }
        if (offset >= LVT_TIMER && offset <= LVT_ERROR) {
            writeLvt((offset - LVT_TIMER) >> 4, value);
            return;
        }
        switch (offset) {
            case ID -> apicId = value >>> 24; // read/write on the Pentium 4 and Xeon (Table 10-1, 10.4.6)
            case VERSION, APR, PPR, CURRENT_COUNT -> { }
            case TPR -> tpr = value & 0xff;
            case EOI -> endOfInterrupt();
            case LDR -> ldr = value & 0xff00_0000;
            case DFR -> dfr = value | DFR_RESERVED_ONES;
            case SVR -> writeSvr(value);
            case ESR -> writeEsr();
            case ICR_LOW -> {
                icrLow = keepWrittenBits ? value : value & ICR_LOW_WRITABLE;
                sendIpi();
            }
            case ICR_HIGH -> icrHigh = keepWrittenBits ? value : value & 0xff00_0000;
            case INITIAL_COUNT -> timer.load(value);
            case DIVIDE_CONFIGURATION -> timer.setDivideConfiguration(value & 0xb);
            default -> error(ESR_ILLEGAL_REGISTER_ADDRESS);
        }
    }

    private void writeSvr(int value) {
        // Bits 7-0 vector, 8 APIC software enable, 9 focus processor checking; bit 12 (EOI-broadcast
        // suppression) is reserved, since version bit 24 is 0 (10.8.5, 10.9).
        svr = value & (focusBitDropped ? 0x1ff : 0x3ff);
        if (!softwareEnabled() && !disableKeepsLvt) {
            for (int i = 0; i < LVT_ENTRIES; i++) {
                lvt[i] |= LVT_MASKED; // 10.4.7.2: the mask bits of all LVT entries are set
            }
        }
        sampleLint(0);
        sampleLint(1);
    }

    private void writeEsr() {
        if (esrWriteIgnored) {
            return;
        }
        esr = errorsSinceWrite; // 10.5.3: the write updates the ESR with the errors since the last one and clears them
        errorsSinceWrite = 0;
    }

    private void writeLvt(int entry, int value) {
        int kept = lvt[entry] & (LVT_REMOTE_IRR | 1 << 12);
        int v = keepWrittenBits ? value : value & LVT_WRITABLE[entry] | kept;
        if (!softwareEnabled() && !disableKeepsLvt) {
            v |= LVT_MASKED; // 10.4.7.2: attempts to reset the mask bits are ignored
        }
        lvt[entry] = v;
        if (entry == TIMER) {
            timer.setPeriodic((v & LVT_TIMER_PERIODIC) != 0);
        } else if (entry == LINT0 || entry == LINT1) {
            sampleLint(entry - LINT0);
        }
    }

    /** 10.5.4: the count reached 0; the LVT Timer entry's fixed, edge-triggered interrupt unless masked. */
    private void timerExpired() {
        int entry = lvt[TIMER];
        if (globallyEnabled && (entry & LVT_MASKED) == 0) {
            acceptFixed(entry & 0xff, false);
        }
    }

    // ---- priorities (10.8.3.1, 10.6.2.4) ----

    /** PPR: the TPR when its class is at least the highest in-service class, else that class (10.8.3.1). */
    public int processorPriority() {
        int isrv = Math.max(isr.highest(), 0);
        return (tpr >> 4) >= (isrv >> 4) ? tpr : isrv & 0xf0;
    }

    /** APR (10.6.2.4, Figure 10-15). */
    int arbitrationPriority() {
        int irrv = Math.max(irr.highest(), 0);
        int isrv = Math.max(isr.highest(), 0);
        if ((tpr >> 4) >= (irrv >> 4) && (tpr >> 4) > (isrv >> 4)) {
            return tpr;
        }
        return Math.max((tpr >> 4) & (isrv >> 4), irrv >> 4) << 4;
    }

    // ---- accepting interrupts ----

    /**
     * An interrupt message on the system bus (10.6, 10.11): accepted when its destination names this
     * APIC. Fixed and lowest-priority interrupts go to IRR (one CPU wins any lowest-priority arbitration).
     */
    @Override
    public void deliver(ApicMessage message) {
        if (!globallyEnabled || !isDestination(message.destinationId(), message.logicalDestination())) {
            return;
        }
        accept(message.deliveryMode(), message.vector(), message.levelTriggered(), message.assertLevel());
    }

    private void accept(int deliveryMode, int vector, boolean levelTriggered, boolean assertLevel) {
        switch (deliveryMode) {
            case ApicMessage.FIXED, ApicMessage.LOWEST_PRIORITY -> acceptFixed(vector, levelTriggered);
            case ApicMessage.SMI -> smiPending = true;
            case ApicMessage.NMI -> nmiPending = true;
            case ApicMessage.INIT -> {
                // An INIT level de-assert only resynchronises arbitration IDs, and only on the Pentium and P6 (10.4.7.4).
                if (!levelTriggered || assertLevel) {
                    init();
                }
            }
            case ApicMessage.EXT_INT -> {
                if (extIntIsFixed) {
                    acceptFixed(vector, levelTriggered);
                } else if (acceptsInterrupts()) {
                    extIntMessagePending = true;
                }
            }
            default -> { } // start-up: the boot processor is not waiting for a SIPI; 011b is reserved
        }
    }

    /** 10.4.7.3: INIT resets the APIC as power-up does, except the APIC ID, and the core starts its INIT. */
    private void init() {
        powerUp();
        initPending = true;
    }

    /** 10.6.2.1 physical (an 8-bit APIC ID, FFh broadcast) and 10.6.2.2 logical (LDR under the DFR's model). */
    boolean isDestination(int destination, boolean logical) {
        if (!logical) {
            return destination == 0xff || destination == apicId;
        }
        int logicalId = ldr >>> 24;
        if ((dfr >>> 28) == 0xf) {
            return (destination & logicalId) != 0; // flat model: a bit per APIC
        }
        // Cluster model: bits 7-4 the cluster, bits 3-0 a bit per APIC within it.
        return (destination & 0xf0) == (logicalId & 0xf0) && (destination & logicalId & 0x0f) != 0;
    }

    /** Fixed interrupts (10.8.4): IRR set, TMR set for level-triggered, cleared for edge-triggered ones. */
    private boolean acceptFixed(int vector, boolean levelTriggered) {
        if (vector < 16 && !illegalVectorAccepted) {
            error(ESR_RECEIVE_ILLEGAL_VECTOR); // 10.5.2: vectors 0-15 are reserved
            return false;
        }
        if (!acceptsInterrupts()) {
            return false;
        }
        irr.set(vector);
        tmr.put(vector, levelTriggered);
        return true;
    }

    /** 10.4.7.2: software-disabled, the APIC answers INIT, NMI, SMI and SIPI only. */
    private boolean acceptsInterrupts() {
        return softwareEnabled() || disabledAccepts;
    }

    /** 10.5.3: an error is recorded for the next ESR write and delivers the LVT Error entry's interrupt. */
    private void error(int bit) {
        if (esrWriteIgnored) {
            esr |= bit;
            return;
        }
        boolean fresh = (errorsSinceWrite & bit) == 0;
        errorsSinceWrite |= bit;
        int entry = lvt[ERROR];
        if (fresh && (entry & LVT_MASKED) == 0 && (entry & 0xff) >= 16) {
            acceptFixed(entry & 0xff, false);
        }
    }

    /** The LINT0 pin (wired to the 8259A's INT in virtual wire mode). */
    public IrqSink lint0() {
        return high -> setLint(0, high);
    }

    /** The LINT1 pin (the board's NMI in virtual wire mode). */
    public IrqSink lint1() {
        return high -> setLint(1, high);
    }

    private void setLint(int pin, boolean high) {
        boolean rising = high && !lintLevel[pin];
        lintLevel[pin] = high;
        if (!globallyEnabled) {
            if (pin == 1 && rising) {
                nmiPending = true; // without an APIC LINT1 is the NMI pin (10.4.3)
            }
            return;
        }
        int entry = lvt[LINT0 + pin];
        if ((entry & LVT_MASKED) != 0) {
            return;
        }
        int mode = entry >> 8 & 7;
        if (mode == ApicMessage.FIXED) {
            if ((entry & LVT_LEVEL) != 0) {
                sampleLint(pin);
            } else if (rising) {
                acceptFixed(entry & 0xff, false);
            }
        } else if (rising && mode != ApicMessage.EXT_INT) {
            // NMI, SMI and INIT from a LINT pin are always edge-sensitive (10.5.1 Trigger Mode).
            accept(mode, entry & 0xff, false, true);
        }
        // ExtINT is level-sensitive: interruptRequested() reads the pin.
    }

    /** A level-triggered fixed LINT entry requests while its pin is high and its Remote IRR is clear (10.5.1). */
    private void sampleLint(int pin) {
        int entry = lvt[LINT0 + pin];
        if (!lintLevel[pin] || (entry & (LVT_MASKED | LVT_REMOTE_IRR)) != 0 || (entry >> 8 & 7) != ApicMessage.FIXED
                || (entry & LVT_LEVEL) == 0) {
            return;
        }
        if (acceptFixed(entry & 0xff, true)) {
            lvt[LINT0 + pin] = entry | LVT_REMOTE_IRR;
        }
    }

    /** LINT0 in ExtINT mode with its pin high: the 8259A's INTR passes (virtual wire mode, 10.5.1). */
    private boolean extIntWire() {
        int entry = lvt[LINT0];
        return lintLevel[0] && (entry & LVT_MASKED) == 0 && (entry >> 8 & 7) == ApicMessage.EXT_INT;
    }

    // ---- the CPU's INTR side ----

    /**
     * INTR: an ExtINT request (LINT0 in ExtINT mode, an ExtINT message), or, while software-enabled,
     * an IRR vector whose priority class is above the PPR's (10.8.3.1, 10.8.4).
     */
    @Override
    public boolean interruptRequested() {
        if (!globallyEnabled) {
            return lintLevel[0];
        }
        return extIntWire() || extIntMessagePending || deliverableVector() >= 0;
    }

    private int deliverableVector() {
        int vector = irr.highest();
        if (!softwareEnabled() || vector < 0 || (vector >> 4) <= (processorPriority() >> 4)) {
            return -1;
        }
        return vector;
    }

    /**
     * The interrupt acknowledge: ExtINT first, whose INTA cycle is routed to the 8259A (10.5.1, 10.6.1),
     * then the highest deliverable IRR vector, which moves to ISR (10.8.4). With nothing deliverable left
     * (the TPR was raised or the interrupt went away since INTR) the spurious vector, without touching ISR (10.9).
     */
    @Override
    public int acknowledge() {
        if (!globallyEnabled || extIntWire()) {
            return externalController.acknowledge();
        }
        if (extIntMessagePending) {
            extIntMessagePending = false;
            return externalController.acknowledge();
        }
        int vector = deliverableVector();
        if (vector < 0) {
            return svr & 0xff;
        }
        irr.clear(vector);
        isr.set(vector);
        return vector;
    }

    /**
     * 10.8.5: an EOI write ends the highest-priority in-service interrupt; for a level-triggered one
     * (TMR set) the vector is broadcast to the IO-APIC, and a LINT entry of that vector clears its Remote IRR.
     */
    private void endOfInterrupt() {
        int vector = isr.highest();
        if (vector < 0) {
            return;
        }
        isr.clear(vector);
        if (!tmr.get(vector)) {
            return;
        }
        eoiListener.endOfInterrupt(vector);
        for (int pin = 0; pin < 2; pin++) {
            int entry = lvt[LINT0 + pin];
            if ((entry & LVT_REMOTE_IRR) != 0 && (entry & 0xff) == vector) {
                lvt[LINT0 + pin] = entry & ~LVT_REMOTE_IRR;
                sampleLint(pin);
            }
        }
    }

    // ---- the ICR (10.6.1): what one processor can send ----

    private void sendIpi() {
        int mode = icrLow >> 8 & 7;
        int vector = icrLow & 0xff;
        boolean level = (icrLow & 1 << 15) != 0;
        boolean assertLevel = (icrLow & 1 << 14) != 0;
        if ((mode == ApicMessage.FIXED || mode == ApicMessage.LOWEST_PRIORITY) && vector < 16 && !illegalVectorAccepted) {
            error(ESR_SEND_ILLEGAL_VECTOR);
            return;
        }
        switch (icrLow >> 18 & 3) {
            case 0 -> systemBus.deliver(ApicMessage.of(icrHigh >>> 24, (icrLow & 1 << 11) != 0, vector,
                    mode, assertLevel, level));
            case 1, 2 -> accept(mode, vector, level, assertLevel); // self, all including self
            default -> { } // all excluding self: no other processor on this board
        }
    }

    // ---- what the core takes besides INTR ----

    public boolean nmiPending() {
        return nmiPending;
    }

    /** The core takes the NMI (it bypasses IRR and ISR, 10.8.4 Note). */
    public void acknowledgeNmi() {
        nmiPending = false;
    }

    public boolean smiPending() {
        return smiPending;
    }

    public void acknowledgeSmi() {
        smiPending = false;
    }

    public boolean initPending() {
        return initPending;
    }

    public void acknowledgeInit() {
        initPending = false;
    }

    // ---- for reports and tests ----

    public int apicId() {
        return apicId;
    }

    boolean irr(int vector) {
        return irr.get(vector);
    }

    boolean isr(int vector) {
        return isr.get(vector);
    }

    boolean tmr(int vector) {
        return tmr.get(vector);
    }

    int highestIsr() {
        return isr.highest();
    }

    int highestIrr() {
        return irr.highest();
    }

    @Override
    public String deviceName() {
        return "lapic";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("ID", hex32(apicId << 24));
        r.put("TPR", Inspectable.hex(tpr));
        r.put("PPR", Inspectable.hex(processorPriority()));
        r.put("LDR", hex32(ldr));
        r.put("DFR", hex32(dfr));
        r.put("SVR", hex32(svr));
        r.put("ISR", isr.hex());
        r.put("TMR", tmr.hex());
        r.put("IRR", irr.hex());
        r.put("ESR", hex32(esr));
        r.put("ICR", hex32(icrHigh) + hex32(icrLow).substring(2));
        String[] names = {"LVT Timer", "LVT Thermal", "LVT PerfMon", "LVT LINT0", "LVT LINT1", "LVT Error"};
        for (int i = 0; i < LVT_ENTRIES; i++) {
            r.put(names[i], hex32(lvt[i]));
        }
        r.put("LINT0/LINT1", (lintLevel[0] ? "1" : "0") + "/" + (lintLevel[1] ? "1" : "0"));
        r.put("NMI/SMI/INIT", (nmiPending ? "1" : "0") + "/" + (smiPending ? "1" : "0") + "/" + (initPending ? "1" : "0"));
        return r;
    }

    private static String hex32(int v) {
        return String.format("0x%08x", v);
    }
}
