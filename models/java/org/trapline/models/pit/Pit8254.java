package org.trapline.models.pit;

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
import org.trapline.models.irq.IrqLine;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * The 8254 programmable interval timer of the PC (Intel 231164): counters 0-2 at ports 40h-42h, the
 * control word register at 43h. Counter 0's OUT drives IRQ0; counters 0 and 1 have GATE tied high;
 * counter 2's GATE and OUT are bits 0 and 5 of port 61h ({@link PortB}).
 *
 * <p>Nothing ticks: counts and OUT levels are computed from guest time when read, and one timer is
 * armed for the next change of OUT0, the only output that drives a wire.
 */
public final class Pit8254 implements IoDevice, Inspectable {

    private final Scheduler scheduler;
    private final IrqLine irq0;
    private final boolean qemu;
    private final boolean controlPortReadsZero;
    private final Counter[] counters = new Counter[3];
    private final Timer irqTimer;
    private final PortB portB;
    /** IRQ0 held off by the HPET in legacy replacement (QEMU: the i8254's gpio-in 0, pit_irq_control). */
    private boolean irqDisabled;

    public Pit8254(Scheduler scheduler, Set<Quirk> quirks, IrqLine irq0) {
        this.scheduler = scheduler;
        this.irq0 = irq0;
        Quirk.requireCoherent(quirks);
        this.qemu = quirks.containsAll(QemuElement.ARITHMETIC);
        boolean countingAtReset = quirks.contains(PitQuirks.COUNTING_AT_RESET);
        this.controlPortReadsZero = quirks.contains(PitQuirks.CONTROL_PORT_READS_ZERO);
        for (int i = 0; i < 3; i++) {
            boolean gate = i != 2;
            CountingElement element = qemu
                    ? new QemuElement(gate, quirks.contains(PitQuirks.MODE3_ODD_COUNT_READS),
                            quirks.contains(PitQuirks.MODES_6_7_UNALIASED), countingAtReset)
                    : new ClockedElement(gate);
            counters[i] = new Counter(i, element, quirks.contains(PitQuirks.BCD_NOT_COUNTED),
                    quirks.contains(PitQuirks.READBACK_NO_NULL_COUNT), quirks.contains(PitQuirks.CONTROL_WORD_KEEPS_LATCH),
                    countingAtReset);
        }
        this.irqTimer = scheduler.newTimer("pit.out0", this::out0Timer);
        this.portB = new PortB(this, quirks.contains(PitQuirks.PORT61_NMI_ENABLES_NOT_STORED),
                quirks.contains(PitQuirks.PORT61_REFRESH_TOGGLES_ON_READ));
        for (Counter c : counters) {
            c.powerOn(now());
        }
        reset();
    }

    /** The quirks of this device that the qemu-pc profile switches on. */
    public static List<Quirk> qemuQuirks() {
        return PitQuirks.all();
    }

    /** Maps the counters and control word at {@code base}-{@code base+3} and port B at {@code portB} (the PC: 0x40, 0x61). */
    public void attach(PortIoBus io, int base, int portBAddress) {
        io.map(Region.of("pit", 4, 1, 1, this, this).at(base));
        io.map(Region.of("port61", 1, 1, 1, portB, this).at(portBAddress));
    }

    public IoDevice portB() {
        return portB;
    }

    /**
     * A board reset. Hardware: as at power-on, the counters are undefined (here: not counting, OUT low)
     * and port 61h is cleared. QEMU: every counter restarts in mode 3 with count 65536.
     */
    public void reset() {
        long now = now();
        portB.reset();
        for (int i = 0; i < 3; i++) {
            counters[i].reset(now);
            // GATE0 and GATE1 are tied high; GATE2 is port 61h bit 0, cleared by the reset.
            counters[i].gate(i != 2, now);
        }
        if (irqDisabled) {
            irqTimer.disarm();
        } else if (qemu) {
            // QEMU's pit_reset arms the IRQ0 timer for the next transition without driving the line.
            armOut0(counters[0].element().nextOutChangeNs(now));
        } else {
            updateOut0(now);
        }
    }

    // ------------------------------------------------------------------ access decode

    @Override
    public long read(long offset, int size) {
        int port = (int) (offset & 3);
        if (port == 3) {
            // 231164 Table 1: RD with A1 A0 = 11 is a no-operation; the data bus is not driven.
            return controlPortReadsZero ? 0 : 0xff;
        }
        return counters[port].read(now());
    }

    @Override
    public void write(long offset, int size, long value) {
        int port = (int) (offset & 3);
        int v = (int) (value & 0xff);
        long now = now();
        if (port != 3) {
            boolean loaded = counters[port].write(v, now);
            if (port == 0 && (loaded || !qemu)) {
                updateOut0(now);
            }
            return;
        }
        int sc = v >> 6;
        if (sc == 3) {
            readBack(v, now);
            return;
        }
        if ((v & 0x30) == 0) {
            counters[sc].latchCount(now);
            return;
        }
        counters[sc].controlWord(v, now);
        if (sc == 0 && !qemu) {
            updateOut0(now);
        }
    }

    /** 231164 "Read-Back Command": D5 = 0 latches the counts, D4 = 0 the status, of the counters in D3-D1. */
    private void readBack(int v, long now) {
        for (int i = 0; i < 3; i++) {
            if ((v & (2 << i)) == 0) {
                continue;
            }
            if ((v & 0x20) == 0) {
                counters[i].latchCount(now);
            }
            if ((v & 0x10) == 0) {
                counters[i].latchStatus(now);
            }
        }
    }

    // ------------------------------------------------------------------ GATE2, OUT2, refresh

    void setGate2(boolean high) {
        long now = now();
        counters[2].gate(high, now);
    }

    boolean gate2() {
        return counters[2].element().gateLevel();
    }

    boolean out2() {
        return counters[2].element().out(now());
    }

    /** PIIX3 NMISC bit 4: toggles with every refresh request, which is each rising edge of OUT1. */
    boolean refreshToggle() {
        return (counters[1].element().outRisings(now()) & 1) != 0;
    }

    // ------------------------------------------------------------------ IRQ0

    /**
     * The HPET's control of IRQ0: while it takes IRQ0 over (LegacyReplacement Route) OUT0 drives nothing;
     * given back, OUT0 drives its level of the moment (QEMU hw/timer/i8254.c pit_irq_control).
     */
    public void irqControl(boolean enabled) {
        irqDisabled = !enabled;
        if (enabled) {
            updateOut0(now());
        } else {
            irqTimer.disarm();
        }
    }

    /** OUT0 drives IRQ0 now, and the timer waits for its next change. */
    private void updateOut0(long now) {
        if (irqDisabled) {
            return;
        }
        CountingElement c0 = counters[0].element();
        boolean level = c0.out(now);
        if (qemu) {
            // QEMU's qemu_set_irq is a call, not a level: the same level again reaches the board.
            irq0.drive(level);
        } else {
            irq0.setLevel(level);
        }
        armOut0(c0.nextOutChangeNs(now));
    }

    private void armOut0(long at) {
        if (at < 0) {
            irqTimer.disarm();
        } else {
            irqTimer.armAt(at);
        }
    }

    private void out0Timer() {
        updateOut0(now());
    }

    private long now() {
        return scheduler.nowNs();
    }

    // ------------------------------------------------------------------ Inspectable

    @Override
    public String deviceName() {
        return "pit";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> registers = new LinkedHashMap<>();
        long now = now();
        for (Counter c : counters) {
            c.describe(registers, now);
        }
        registers.put("port61", hex(portB.peek()));
        return registers;
    }
}
