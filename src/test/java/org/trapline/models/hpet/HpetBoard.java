package org.trapline.models.hpet;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.trapline.models.bus.DmaPort;
import org.trapline.models.bus.MmioBus;
import org.trapline.models.bus.Region;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.Profile;
import org.trapline.models.memory.GuestMemory;

/** An HPET at FED00000h on its own memory bus and clock, with 1 MiB of RAM below it and its edges recorded. */
final class HpetBoard {
    static final long BASE = 0xfed00000L;
    final Scheduler scheduler = new Scheduler(new VirtualClock());
    final MmioBus mmio = new MmioBus();
    final GuestMemory ram = new GuestMemory(1 << 20);
    final IrqLine[] outputs = new IrqLine[Hpet.OUTPUTS];
    final List<String> edges = new ArrayList<>();
    private final boolean[] levels = new boolean[Hpet.OUTPUTS];
    final List<Boolean> pitEnable = new ArrayList<>();
    final Hpet hpet;

    HpetBoard(Set<Quirk> quirks) {
        for (int n = 0; n < Hpet.OUTPUTS; n++) {
            int pin = n;
            outputs[n] = new IrqLine("out" + n);
            // Level changes only, as qtest's interception reports them (QEMU drives a line again at the same level).
            outputs[n].connect(high -> {
                if (high != levels[pin]) {
                    levels[pin] = high;
                    edges.add((high ? "raise " : "lower ") + pin + "@" + scheduler.nowNs());
                }
            });
        }
        mmio.map(Region.storage("ram", 1 << 20, ram));
        hpet = new Hpet(scheduler, quirks, outputs, pitEnable::add, new DmaPort(mmio), 0x4);
        mmio.map(hpet.region().at(BASE));
    }

    static HpetBoard hardware() {
        return new HpetBoard(Set.of());
    }

    static HpetBoard qemu() {
        return new HpetBoard(Profile.QEMU_PC.quirks());
    }

    long readl(int offset) {
        return mmio.read(BASE + offset, 4);
    }

    long readq(int offset) {
        return mmio.read(BASE + offset, 8);
    }

    void writel(int offset, long value) {
        mmio.write(BASE + offset, 4, value);
    }

    void writeq(int offset, long value) {
        mmio.write(BASE + offset, 8, value);
    }

    void step(long ns) {
        scheduler.advanceTo(scheduler.nowNs() + ns);
    }

    long counter() {
        return readl(Hpet.MAIN_CNT) | readl(Hpet.MAIN_CNT + 4) << 32;
    }

    /** Timer n's Tn_CONF_CAP low half, its comparator (both halves) for a one-shot or periodic start. */
    void program(int n, long conf, long comparator) {
        int base = Hpet.TIMER_BASE + n * Hpet.TIMER_STRIDE;
        writel(base, conf | HpetTimer.TN_VAL_SET_CNF);
        writel(base + 12, comparator >>> 32);
        writel(base, conf | HpetTimer.TN_VAL_SET_CNF);
        writel(base + 8, comparator & 0xffffffffL);
        writel(base, conf);
    }
}
