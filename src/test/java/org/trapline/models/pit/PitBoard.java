package org.trapline.models.pit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.trapline.models.bus.PortIoBus;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.Profile;
import org.trapline.models.device.Quirk;

/** An 8254 with port 61h on its own I/O bus and clock, its IRQ0 edges recorded with their times. */
final class PitBoard {
    final Scheduler scheduler = new Scheduler(new VirtualClock());
    final PortIoBus io = new PortIoBus();
    final IrqLine irq0 = new IrqLine("irq0");
    final List<String> edges = new ArrayList<>();
    final Pit8254 pit;

    PitBoard(Set<Quirk> quirks) {
        irq0.connect(high -> edges.add((high ? "raise@" : "lower@") + scheduler.nowNs()));
        pit = new Pit8254(scheduler, quirks, irq0);
        pit.attach(io, 0x40, 0x61);
    }

    static PitBoard hardware() {
        return new PitBoard(Set.of());
    }

    static PitBoard qemu() {
        return new PitBoard(Profile.QEMU_PC.quirks());
    }

    /** A PIT with these quirks and what they require ({@link Quirk#requires()}). */
    static PitBoard with(Quirk... quirks) {
        return new PitBoard(Quirk.closure(List.of(quirks)));
    }

    /** The guest time of CLK pulse k on the PC's crystal: ceil(k * 3e9 / 3579545). */
    static long pulse(long k) {
        return CrystalClock.timeOfPulse(k);
    }

    PitBoard out(int port, int value) {
        io.write(port, 1, value);
        return this;
    }

    int in(int port) {
        return (int) io.read(port, 1);
    }

    PitBoard at(long ns) {
        scheduler.advanceTo(ns);
        return this;
    }

    /** Counter {@code c}'s count through the read-back command, LSB then MSB (RW = 3). */
    int latchedCount(int c) {
        out(0x43, 0xd0 | 2 << c);
        return in(0x40 + c) | in(0x40 + c) << 8;
    }

    /** Counter {@code c}'s status byte through the read-back command. */
    int status(int c) {
        out(0x43, 0xe0 | 2 << c);
        return in(0x40 + c);
    }

    boolean out(int c) {
        return (status(c) & 0x80) != 0;
    }

    boolean nullCount(int c) {
        return (status(c) & 0x40) != 0;
    }

    /** Programs counter c: control word for mode m, LSB-then-MSB, binary, then the count. */
    PitBoard program(int c, int mode, int count) {
        out(0x43, c << 6 | 0x30 | mode << 1);
        out(0x40 + c, count & 0xff);
        out(0x40 + c, count >> 8 & 0xff);
        return this;
    }
}
