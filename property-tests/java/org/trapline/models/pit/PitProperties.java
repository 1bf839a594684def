package org.trapline.models.pit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import org.trapline.models.bus.PortIoBus;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.Profile;
import org.trapline.models.device.Quirk;

/** Counter ranges, latch stability and the IRQ0 rate of the 8254, in both profiles. */
class PitProperties {
    private static final class Board {
        final Scheduler scheduler = new Scheduler(new VirtualClock());
        final PortIoBus io = new PortIoBus();
        final IrqLine irq0 = new IrqLine("irq0");
        final List<Long> rises = new ArrayList<>();
        /** The level the sink last saw: QEMU drives the same level again, which is no edge. */
        boolean level;

        Board(boolean qemu) {
            Set<Quirk> quirks = qemu ? Profile.QEMU_PC.quirks() : Set.of();
            irq0.connect(high -> {
                if (high && !level) {
                    rises.add(scheduler.nowNs());
                }
                level = high;
            });
            new Pit8254(scheduler, quirks, irq0).attach(io, 0x40, 0x61);
        }

        void program(int mode, int count) {
            io.write(0x43, 1, 0x30 | mode << 1);
            io.write(0x40, 1, count & 0xff);
            io.write(0x40, 1, count >> 8 & 0xff);
        }

        int latched() {
            io.write(0x43, 1, 0x00);
            return (int) (io.read(0x40, 1) | io.read(0x40, 1) << 8);
        }
    }

    @Property(tries = 200)
    void periodicCountsStayInRangeAndMoveDownBetweenReloads(@ForAll @IntRange(min = 2, max = 3) int mode,
            @ForAll @IntRange(min = 2, max = 5000) int count, @ForAll boolean qemu,
            @ForAll @LongRange(min = 1, max = 2_000_000) long step) {
        Board b = new Board(qemu);
        b.program(mode, count);
        b.scheduler.advanceTo(step);
        int previous = b.latched();
        for (int i = 0; i < 50; i++) {
            b.scheduler.advanceTo(b.scheduler.nowNs() + 300);
            int now = b.latched();
            assertThat(now).isBetween(0, count);
            if (mode == 2 && !qemu && now != count) {
                // Within a period the count only goes down; it goes up only by a reload to N.
                assertThat(now).isLessThanOrEqualTo(previous == 0 ? count : previous);
            }
            previous = now;
        }
    }

    @Property(tries = 100)
    void aLatchedCountIsStableUntilRead(@ForAll @IntRange(min = 0, max = 5) int mode,
            @ForAll @IntRange(min = 1, max = 0xffff) int count, @ForAll boolean qemu,
            @ForAll @LongRange(min = 0, max = 100_000_000) long later) {
        Board b = new Board(qemu);
        b.program(mode, count);
        b.scheduler.advanceTo(1_000);
        b.io.write(0x43, 1, 0x00);
        int lsb = (int) b.io.read(0x40, 1);
        b.scheduler.advanceTo(1_000 + later);
        b.io.write(0x43, 1, 0x00);
        int msb = (int) b.io.read(0x40, 1);
        Board ref = new Board(qemu);
        ref.program(mode, count);
        ref.scheduler.advanceTo(1_000);
        assertThat(lsb | msb << 8).isEqualTo(ref.latched());
    }

    @Property(tries = 20)
    void irq0RateIsTheClockOverTheDivisor(@ForAll @IntRange(min = 1000, max = 65535) int count,
            @ForAll boolean qemu, @ForAll @IntRange(min = 2, max = 3) int mode) {
        Board b = new Board(qemu);
        b.program(mode, count);
        b.rises.clear();
        long minute = 60_000_000_000L;
        b.scheduler.advanceTo(minute);
        // Hardware: 71 590 900 CLK pulses a minute (3579545/3 Hz); QEMU: 1193182 ticks a second.
        long ticks = qemu ? 1_193_182L * 60 : 71_590_900L;
        long expected = ticks / count;
        if (qemu && mode == 2) {
            // pit.qemu-ticks: QEMU samples mode 2's one-tick low pulse at whole nanoseconds and
            // loses some of them (measured on QEMU 7.2, edge for edge as the model: count 1025
            // gives 69 840 edges a minute for 69 844.8 periods, count 43653 gives 1 600 for 1 640.2);
            // the worst loss over every 13th count from 1000 to 65535 is 2.4%.
            assertThat((long) b.rises.size()).isBetween(expected - expected / 20 - 1, expected + 1);
        } else {
            assertThat((long) b.rises.size()).isBetween(expected - 1, expected + 1);
        }
    }

    @Property(tries = 100)
    void counter2KeepsItsPhaseOverHoursWithNoDrift(@ForAll @IntRange(min = 2, max = 65535) int count,
            @ForAll @LongRange(min = 0, max = 1_000_000) long hours, @ForAll @LongRange(min = 0, max = 3_000_000) long extraNs) {
        Board b = new Board(false);
        b.io.write(0x61, 1, 0x01);
        b.io.write(0x43, 1, 0xb4);
        b.io.write(0x42, 1, count & 0xff);
        b.io.write(0x42, 1, count >> 8);
        long t = hours * 3_600_000_000_000L + extraNs;
        b.scheduler.advanceTo(t);
        // Loaded at pulse 1; at pulse e the count is N - ((e - 1) mod N), exactly, however long the run.
        java.math.BigInteger pulses = java.math.BigInteger.valueOf(t).multiply(java.math.BigInteger.valueOf(3_579_545))
                .divide(java.math.BigInteger.valueOf(3_000_000_000L));
        long e = pulses.longValueExact();
        long expected = e < 1 ? 0 : count - (e - 1) % count;
        b.io.write(0x43, 1, 0x80);
        int read = (int) (b.io.read(0x42, 1) | b.io.read(0x42, 1) << 8);
        assertThat(read).isEqualTo(expected % 0x10000);
    }
}
