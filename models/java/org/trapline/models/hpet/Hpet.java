package org.trapline.models.hpet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.DmaPort;
import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.irq.IrqSink;

/**
 * The High Precision Event Timer block of the IA-PC HPET Specification 1.0a: a 64-bit main counter at
 * 100 MHz (10 ns per tick, as QEMU builds it) and three comparators, in a 1 KiB register block.
 *
 * <p>Nothing ticks: the counter is computed from guest time on a read, and each comparator arms a timer
 * for its next match. Interrupts leave on 32 outputs, one per IO-APIC input (the board wires the first 16
 * to the ISA lines); LegacyReplacement Route (LEG_RT_CNF) puts timer 0 on IRQ0 and timer 1 on IRQ8 and
 * cuts the PIT and the RTC off those lines, which reach the board through the HPET's two legacy inputs.
 */
public final class Hpet implements IoDevice, Inspectable {
    /** 2.3.1 Table 2: the register block. */
    public static final int LENGTH = 0x400;
    static final int GCAP_ID = 0x000;
    static final int GEN_CONF = 0x010;
    static final int GINTR_STA = 0x020;
    static final int MAIN_CNT = 0x0f0;
    static final int TIMER_BASE = 0x100;
    static final int TIMER_STRIDE = 0x20;
    static final int TN_CONF_CAP = 0x00;
    static final int TN_COMPARATOR = 0x08;
    static final int TN_FSB_ROUTE = 0x10;
    /** 2.3.5 General Configuration. */
    static final long ENABLE_CNF = 1;
    static final long LEG_RT_CNF = 2;
    /** The main counter's period: 10 ns (COUNTER_CLK_PERIOD = 10^7 fs), QEMU's HPET_CLK_PERIOD. */
    public static final long TICK_NS = 10;
    static final long COUNTER_CLK_PERIOD_FS = 10_000_000L;
    static final int TIMERS = 3;
    /** 2.3.4: REV_ID 01h, NUM_TIM_CAP (the last timer's number), COUNT_SIZE_CAP, LEG_RT_CAP, VENDOR_ID 8086h. */
    static final long GCAP = 0x01 | (TIMERS - 1) << 8 | 1 << 13 | 1 << 15 | 0x8086L << 16 | COUNTER_CLK_PERIOD_FS << 32;
    /** 2.3.9 Table 3: in legacy replacement timer 0 drives IRQ0 (the IO-APIC's IRQ2, the board's concern), timer 1 IRQ8. */
    static final int LEGACY_TIMER0_IRQ = 0;
    static final int LEGACY_TIMER1_IRQ = 8;
    public static final int OUTPUTS = 32;

    private final Scheduler scheduler;
    private final IrqLine[] outputs;
    private final IrqSink pitIrqEnable;
    private final DmaPort memory;
    private final long timerCapabilities;
    final boolean pastFiresNextTick;
    final boolean armedFromAccessInstant;
    final boolean oneShot32BitWrap;
    final boolean periodWrite;
    private final boolean nsWrap;
    private final boolean counterWriteLost;
    private final boolean irqAtEvents;
    private final boolean statusNeedsIntEnable;
    private final boolean intDisableStops;
    private final boolean haltClearsStatus;
    private final boolean routeUnchecked;
    private final boolean fsbWithoutCap;
    private final HpetTimer[] timers;

    private long config;
    private long isr;
    /** The main counter while halted; the count at the last start while running. */
    private long counter;
    /** QEMU's hpet_offset (ns, modulo 2^64) while running. */
    private long offsetNs;
    /** Hardware: the instant the counter last started (or was loaded) running. */
    private long startNs;
    private boolean rtcLevel;

    /**
     * @param outputs       the 32 interrupt outputs, output n to IO-APIC input n (n &lt; 16 also the ISA line n)
     * @param pitIrqEnable  the 8254's IRQ enable input (QEMU's pit_enabled), low while in legacy replacement
     * @param memory        where an FSB interrupt message is written
     * @param routeCap      Tn_INT_ROUTE_CAP of timers 0-2 (the pc machine: 04h, IO-APIC input 2 only)
     */
    public Hpet(Scheduler scheduler, Set<Quirk> quirks, IrqLine[] outputs, IrqSink pitIrqEnable, DmaPort memory,
                long routeCap) {
        if (outputs.length != OUTPUTS) {
            throw new IllegalArgumentException("the HPET has " + OUTPUTS + " outputs, not " + outputs.length);
        }
        Quirk.requireCoherent(quirks);
        this.scheduler = scheduler;
        this.outputs = outputs.clone();
        this.pitIrqEnable = pitIrqEnable;
        this.memory = memory;
        this.timerCapabilities = HpetTimer.TN_PER_INT_CAP | HpetTimer.TN_SIZE_CAP | (routeCap & 0xffffffffL) << 32;
        this.pastFiresNextTick = quirks.contains(HpetQuirks.PAST_COMPARATOR_FIRES_NEXT_TICK);
        this.armedFromAccessInstant = quirks.contains(HpetQuirks.ARMED_FROM_ACCESS_INSTANT);
        this.oneShot32BitWrap = quirks.contains(HpetQuirks.ONE_SHOT_32BIT_WRAP);
        this.periodWrite = quirks.contains(HpetQuirks.PERIOD_WRITE);
        this.nsWrap = quirks.contains(HpetQuirks.COUNTER_NS_WRAP);
        this.counterWriteLost = quirks.contains(HpetQuirks.COUNTER_WRITE_WHILE_RUNNING_LOST);
        this.irqAtEvents = quirks.contains(HpetQuirks.IRQ_DRIVEN_AT_EVENTS);
        this.statusNeedsIntEnable = quirks.contains(HpetQuirks.STATUS_NEEDS_INT_ENABLE);
        this.intDisableStops = quirks.contains(HpetQuirks.INT_DISABLE_STOPS_TIMER);
        this.haltClearsStatus = quirks.contains(HpetQuirks.HALT_CLEARS_STATUS);
        this.routeUnchecked = quirks.contains(HpetQuirks.ROUTE_UNCHECKED);
        this.fsbWithoutCap = quirks.contains(HpetQuirks.FSB_ENABLE_WITHOUT_CAPABILITY);
        int count = quirks.contains(HpetQuirks.PHANTOM_TIMER) ? TIMERS + 1 : TIMERS;
        this.timers = new HpetTimer[count];
        for (int i = 0; i < count; i++) {
            timers[i] = new HpetTimer(i, this, scheduler, i >= TIMERS);
        }
        // At power-on the 8254 is enabled already, and QEMU's first reset reaches it before the 8259A's.
        resetRegisters();
    }

    /** The quirks of this device that the qemu-pc profile switches on. */
    public static List<Quirk> qemuQuirks() {
        return HpetQuirks.all();
    }

    /** The 1 KiB block; 64-bit accesses reach it whole (the bus splits them where QEMU does). */
    public Region region() {
        return Region.of("hpet", LENGTH, 1, 8, this, this).withPieceMax(4);
    }

    /** Timer {@code n}, for tests and reports. */
    HpetTimer timer(int n) {
        return timers[n];
    }

    /** The legacy input the 8254's OUT0 drives (QEMU: the HPET's gpio-in 0). */
    public IrqSink pitInput() {
        return this::pitIrq;
    }

    /** The legacy input the RTC's IRQ drives (QEMU: the HPET's gpio-in 1). */
    public IrqSink rtcInput() {
        return this::rtcIrq;
    }

    /** The device reset (QEMU hpet_reset): timers stopped and reset, counter 0, halted, no legacy replacement. */
    public void reset() {
        boolean wasLegacy = legacy();
        resetRegisters();
        // QEMU re-enables the 8254's IRQ0 while LEG_RT_CNF still holds its old value, so that in legacy mode
        // the level it drives is dropped; on hardware the mux gives IRQ0 and IRQ8 back once LEG_RT_CNF is 0.
        if (wasLegacy && !irqAtEvents) {
            config = 0;
            leaveLegacy();
        } else {
            pitIrqEnable.setLevel(true);
        }
        config = 0;
    }

    private void resetRegisters() {
        for (HpetTimer t : timers) {
            if (t.phantom) {
                continue; // QEMU's reset loop stops at the last real timer
            }
            stopTimer(t);
            t.reset(timerCapabilities);
        }
        counter = 0;
        offsetNs = 0;
        startNs = now();
        rtcLevel = false; // the RTC lowers its output on reset as well
    }

    // ------------------------------------------------------------------ access decode

    @Override
    public long read(long offset, int size) {
        if (size == 8) {
            if ((offset & 7) != 0) {
                return 0;
            }
            long now = now();
            return readDword(offset, now) | readDword(offset + 4, now) << 32;
        }
        if (size != 4 || (offset & 3) != 0) {
            return 0; // 2.3.2: only 32- and 64-bit accesses (QEMU: valid.min_access_size 4, an invalid access reads 0)
        }
        return readDword(offset, now());
    }

    @Override
    public void write(long offset, int size, long value) {
        if (size == 8) {
            if ((offset & 7) != 0) {
                return;
            }
            HpetTimer t = timerAt(offset);
            if (t != null && ((offset - TIMER_BASE) % TIMER_STRIDE) == TN_COMPARATOR) {
                t.writeComparator64(value);
            } else if (offset == MAIN_CNT) {
                writeCounter(~0L, value);
            } else {
                writeDword(offset, value & 0xffffffffL);
                writeDword(offset + 4, value >>> 32);
            }
            return;
        }
        if (size != 4 || (offset & 3) != 0) {
            return;
        }
        writeDword(offset, value & 0xffffffffL);
    }

    private HpetTimer timerAt(long offset) {
        if (offset < TIMER_BASE) {
            return null;
        }
        long n = (offset - TIMER_BASE) / TIMER_STRIDE;
        return n < timers.length ? timers[(int) n] : null;
    }

    private long readDword(long offset, long now) {
        HpetTimer t = timerAt(offset);
        if (t != null) {
            return switch ((int) ((offset - TIMER_BASE) % TIMER_STRIDE)) {
                case TN_CONF_CAP -> t.config & 0xffffffffL;
                case TN_CONF_CAP + 4 -> t.config >>> 32;
                case TN_COMPARATOR -> t.comparator & 0xffffffffL;
                case TN_COMPARATOR + 4 -> t.comparator >>> 32;
                case TN_FSB_ROUTE -> t.fsbRoute & 0xffffffffL;
                case TN_FSB_ROUTE + 4 -> t.fsbRoute >>> 32;
                default -> 0;
            };
        }
        return switch ((int) offset) {
            case GCAP_ID -> GCAP & 0xffffffffL;
            case GCAP_ID + 4 -> GCAP >>> 32;
            case GEN_CONF -> config;
            case GINTR_STA -> isr;
            case MAIN_CNT -> counterAt(now) & 0xffffffffL;
            case MAIN_CNT + 4 -> counterAt(now) >>> 32;
            default -> 0; // reserved: 2.3.1 Table 2
        };
    }

    private void writeDword(long offset, long value) {
        HpetTimer t = timerAt(offset);
        if (t != null) {
            switch ((int) ((offset - TIMER_BASE) % TIMER_STRIDE)) {
                case TN_CONF_CAP -> writeTimerConfig(t, value);
                case TN_COMPARATOR -> t.writeComparator(false, value);
                case TN_COMPARATOR + 4 -> t.writeComparator(true, value);
                case TN_FSB_ROUTE -> t.fsbRoute = (t.fsbRoute & ~0xffffffffL) | value;
                case TN_FSB_ROUTE + 4 -> t.fsbRoute = (t.fsbRoute & 0xffffffffL) | value << 32;
                default -> { } // Tn_INT_ROUTE_CAP and reserved bytes are read-only
            }
            return;
        }
        switch ((int) offset) {
            case GEN_CONF -> writeConfig(value);
            case GINTR_STA -> writeStatus(value);
            case MAIN_CNT -> writeCounter(0xffffffffL, value);
            case MAIN_CNT + 4 -> writeCounter(~0xffffffffL, value << 32);
            default -> { } // GCAP_ID is read-only; the rest is reserved
        }
    }

    // ------------------------------------------------------------------ general registers

    /** 2.3.5: ENABLE_CNF starts and halts the counter and every timer; LEG_RT_CNF takes IRQ0 and IRQ8. */
    private void writeConfig(long value) {
        long old = config;
        config = value & (ENABLE_CNF | LEG_RT_CNF);
        long now = now();
        if ((old & ENABLE_CNF) == 0 && (config & ENABLE_CNF) != 0) {
            offsetNs = counter * TICK_NS - now;
            startNs = now;
            for (HpetTimer t : timers) {
                if (!t.phantom && (!pastFiresNextTick || t.comparator != -1L)) {
                    t.arm();
                }
                if (!irqAtEvents) {
                    refreshLevel(t);
                }
            }
        } else if ((old & ENABLE_CNF) != 0 && (config & ENABLE_CNF) == 0) {
            counter = ticksAt(now);
            for (HpetTimer t : timers) {
                if (!t.phantom) {
                    t.disarm();
                    if (haltClearsStatus) {
                        stopTimer(t);
                    } else if (!irqAtEvents) {
                        refreshLevel(t);
                    }
                }
            }
        }
        if ((old & LEG_RT_CNF) == 0 && (config & LEG_RT_CNF) != 0) {
            // The 8254's and the RTC's outputs are cut off; timers 0 and 1 take their lines.
            pitIrqEnable.setLevel(false);
            drive(outputs[LEGACY_TIMER0_IRQ], false);
            drive(outputs[LEGACY_TIMER1_IRQ], false);
            if (!irqAtEvents) {
                refreshLevel(timers[0]);
                refreshLevel(timers[1]);
            }
        } else if ((old & LEG_RT_CNF) != 0 && (config & LEG_RT_CNF) == 0) {
            leaveLegacy();
        }
    }

    /** The 8254 and the RTC have their lines back, at the levels they drive now. */
    private void leaveLegacy() {
        if (!irqAtEvents) {
            refreshLevel(timers[0]);
            refreshLevel(timers[1]);
        }
        drive(outputs[LEGACY_TIMER0_IRQ], false);
        pitIrqEnable.setLevel(true); // the 8254 drives OUT0 again (QEMU pit_irq_control)
        drive(outputs[LEGACY_TIMER1_IRQ], rtcLevel);
    }

    /** 2.3.6: a 1 clears a level-triggered timer's Tn_INT_STS and releases its line. */
    private void writeStatus(long value) {
        long clear = value & isr;
        for (HpetTimer t : timers) {
            if (!t.phantom && (clear & 1L << t.n) != 0) {
                if (irqAtEvents) {
                    updateIrq(t, false);
                } else {
                    isr &= ~(1L << t.n);
                    refreshLevel(t);
                }
            }
        }
    }

    /** 2.3.7: writes load the counter; they should be made while it is halted. */
    private void writeCounter(long mask, long value) {
        long now = now();
        if (enabled() && !counterWriteLost) {
            long running = ticksAt(now);
            counter = (running & ~mask) | (value & mask);
            offsetNs = counter * TICK_NS - now;
            startNs = now;
            for (HpetTimer t : timers) {
                if (!t.phantom) {
                    t.arm();
                }
            }
            return;
        }
        counter = (counter & ~mask) | (value & mask);
    }

    // ------------------------------------------------------------------ timer registers

    /** 2.3.8: Tn_CONF_CAP's read/write bits; the capabilities and reserved bits hold. */
    private void writeTimerConfig(HpetTimer t, long value) {
        long old = t.config & 0xffffffffL;
        long writable = HpetTimer.TN_WRITABLE;
        if (!t.phantom) {
            if (!fsbWithoutCap && (t.config & HpetTimer.TN_FSB_INT_DEL_CAP) == 0) {
                writable &= ~HpetTimer.TN_FSB_EN_CNF;
            }
            if ((t.config & HpetTimer.TN_PER_INT_CAP) == 0) {
                writable &= ~HpetTimer.TN_TYPE_CNF;
            }
            if ((t.config & HpetTimer.TN_SIZE_CAP) == 0) {
                writable &= ~HpetTimer.TN_32MODE_CNF;
            }
        }
        long next = (value & writable) | (old & ~writable);
        int route = (int) ((next & HpetTimer.TN_INT_ROUTE_CNF) >>> HpetTimer.TN_INT_ROUTE_SHIFT);
        if (!routeUnchecked && (t.routeCap() >>> route & 1) == 0) {
            // Tn_INT_ROUTE_CNF: a route the timer cannot take is not taken, and reads back as before.
            next = (next & ~HpetTimer.TN_INT_ROUTE_CNF) | (old & HpetTimer.TN_INT_ROUTE_CNF);
        }
        if (irqAtEvents && rising(old, value & writable, HpetTimer.TN_FSB_EN_CNF)) {
            updateIrq(t, false);
        }
        t.config = (t.config & ~0xffffffffL) | next;
        if ((value & writable & HpetTimer.TN_32MODE_CNF) != 0) {
            t.truncateTo32();
        }
        if (rising(old, next, HpetTimer.TN_INT_ENB_CNF)) {
            if (enabled()) {
                t.arm(); // QEMU arms here; on hardware the timer already runs and arming again finds the same match
            }
        } else if (rising(next, old, HpetTimer.TN_INT_ENB_CNF)) {
            if (intDisableStops) {
                t.disarm();
            }
            if (irqAtEvents && statusNeedsIntEnable) {
                updateIrq(t, false);
            } else if (irqAtEvents && !t.fsb()) {
                drive(outputs[route(t)], false);
            }
        }
        if (!irqAtEvents) {
            refreshLevel(t);
        }
    }

    private static boolean rising(long old, long value, long bit) {
        return (old & bit) == 0 && (value & bit) != 0;
    }

    // ------------------------------------------------------------------ interrupts

    /** A timer's event: its comparator matched (or, 32-bit one-shot, the counter wrapped). */
    void timerEvent(HpetTimer t) {
        if (irqAtEvents) {
            updateIrq(t, true);
            return;
        }
        if (!enabled()) {
            return;
        }
        long mask = 1L << t.n;
        if (t.fsb()) {
            if (t.intEnabled()) {
                writeFsbMessage(t);
            }
        } else if (t.levelTriggered()) {
            isr |= mask; // 2.3.8 Tn_INT_ENB_CNF: the status is set even with the interrupt disabled
            refreshLevel(t);
        } else if (t.intEnabled()) {
            outputs[route(t)].pulse();
        }
    }

    /** QEMU update_irq: the line of the route of this moment is set, pulsed or lowered. */
    private void updateIrq(HpetTimer t, boolean set) {
        int route = route(t);
        long mask = 1L << t.n;
        boolean intEnable = t.intEnabled() || !statusNeedsIntEnable && t.levelTriggered();
        if (!set || !intEnable || !enabled()) {
            isr &= ~mask;
            if (!t.fsb()) {
                drive(outputs[route], false);
            }
        } else if (!t.intEnabled()) {
            isr |= mask; // a level timer with its interrupt disabled: status, no interrupt
        } else if (t.fsb()) {
            writeFsbMessage(t);
        } else if (t.levelTriggered()) {
            isr |= mask;
            drive(outputs[route], true);
        } else {
            isr &= ~mask;
            drive(outputs[route], true);
            drive(outputs[route], false);
        }
    }

    /** Hardware: a level timer's output is its status bit, gated by Tn_INT_ENB_CNF and ENABLE_CNF, on its route. */
    private void refreshLevel(HpetTimer t) {
        boolean active = t.levelTriggered() && !t.fsb() && t.intEnabled() && enabled() && (isr & 1L << t.n) != 0;
        int route = active ? route(t) : -1;
        if (route == t.assertedRoute) {
            return;
        }
        if (t.assertedRoute >= 0) {
            outputs[t.assertedRoute].setLevel(false);
        }
        t.assertedRoute = route;
        if (route >= 0) {
            outputs[route].setLevel(true);
        }
    }

    /** A timer stops: QEMU hpet_del_timer (its status cleared and its line lowered). */
    private void stopTimer(HpetTimer t) {
        t.disarm();
        if (irqAtEvents) {
            updateIrq(t, false);
        } else {
            isr &= ~(1L << t.n);
            refreshLevel(t);
        }
    }

    private int route(HpetTimer t) {
        if (t.n <= 1 && legacy()) {
            return t.n == 0 ? LEGACY_TIMER0_IRQ : LEGACY_TIMER1_IRQ;
        }
        return t.routeCnf();
    }

    /** 2.3.10: the FSB route's high half is the address, its low half the data of a 32-bit write. */
    private void writeFsbMessage(HpetTimer t) {
        long data = t.fsbRoute & 0xffffffffL;
        byte[] bytes = {(byte) data, (byte) (data >>> 8), (byte) (data >>> 16), (byte) (data >>> 24)};
        memory.write(t.fsbRoute >>> 32, bytes, 0, 4);
    }

    private void drive(IrqLine line, boolean level) {
        if (irqAtEvents) {
            line.drive(level); // qemu_set_irq is a call: the same level again reaches the board
        } else {
            line.setLevel(level);
        }
    }

    private void pitIrq(boolean level) {
        if (!legacy()) {
            drive(outputs[LEGACY_TIMER0_IRQ], level);
        }
    }

    private void rtcIrq(boolean level) {
        rtcLevel = level;
        if (!legacy()) {
            drive(outputs[LEGACY_TIMER1_IRQ], level);
        }
    }

    // ------------------------------------------------------------------ the main counter

    boolean enabled() {
        return (config & ENABLE_CNF) != 0;
    }

    private boolean legacy() {
        return (config & LEG_RT_CNF) != 0;
    }

    /** 2.3.7: the counter as a read sees it. */
    private long counterAt(long now) {
        return enabled() ? ticksAt(now) : counter;
    }

    /** The count the running clock gives (QEMU hpet_get_ticks, whether or not the counter runs). */
    long runningTicks() {
        return ticksAt(now());
    }

    private long ticksAt(long now) {
        if (nsWrap) {
            return Long.divideUnsigned(now + offsetNs, TICK_NS);
        }
        return counter + (now - startNs) / TICK_NS;
    }

    /** The instant the counter took its present value. */
    long tickEdgeNs() {
        long now = now();
        if (nsWrap) {
            return now - Long.remainderUnsigned(now + offsetNs, TICK_NS);
        }
        return now - (now - startNs) % TICK_NS;
    }

    long now() {
        return scheduler.nowNs();
    }

    // ------------------------------------------------------------------ Inspectable

    @Override
    public String deviceName() {
        return "hpet";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        long now = now();
        r.put("GCAP_ID", String.format("0x%016x", GCAP));
        r.put("GEN_CONF", String.format("0x%x", config));
        r.put("GINTR_STA", String.format("0x%x", isr));
        r.put("MAIN_CNT", String.format("0x%016x", counterAt(now)));
        for (HpetTimer t : timers) {
            r.put("T" + t.n + "_CONF_CAP", String.format("0x%016x", t.config));
            r.put("T" + t.n + "_COMPARATOR", String.format("0x%016x", t.comparator));
            r.put("T" + t.n + "_PERIOD", String.format("0x%x", t.period));
            r.put("T" + t.n + "_FSB_ROUTE", String.format("0x%016x", t.fsbRoute));
            r.put("T" + t.n + "_next", t.armed() ? t.deadlineNs() + " ns" : "-");
        }
        return r;
    }
}
