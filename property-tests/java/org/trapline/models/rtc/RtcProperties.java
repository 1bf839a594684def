package org.trapline.models.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.rtc.RtcBoard.SEC;

import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.trapline.models.machine.MachineConfig;
import org.trapline.models.device.Quirk;

/** Invariants of the MC146818A under random guest writes and the passing of guest time. */
class RtcProperties {
    private static final int[] INDICES = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x32, 0x37};

    /** A write of {@code value} at CMOS {@code index}, then {@code ns} of guest time. */
    record Step(int index, int value, long ns) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14),
                Arbitraries.integers().between(0, 255), Arbitraries.longs().between(0, 3 * SEC))
                .as((i, v, ns) -> new Step(INDICES[i], v, ns)).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<Set<Quirk>> profiles() {
        return Arbitraries.of(Set.of(), Set.copyOf(RtcQuirks.all()));
    }

    @Property(tries = 300)
    void timeRegistersAreValidBcdOrBinaryOnceTheClockRuns(@ForAll("steps") List<Step> steps,
            @ForAll("profiles") Set<Quirk> quirks, @ForAll @IntRange(min = 0, max = 3) int format) {
        RtcBoard b = new RtcBoard(quirks, MachineConfig.defaults().withRtcBase(RtcBoard.BASE));
        for (Step s : steps) {
            b.set(s.index(), s.value()).step(s.ns());
        }
        boolean binary = (format & 1) != 0;
        boolean h24 = (format & 2) != 0;
        b.set(0x0a, 0x26).set(0x0b, (binary ? 0x04 : 0) | (h24 ? 0x02 : 0)).step(SEC);
        assertThat(value(b.get(0x00), binary)).isBetween(0, 59);
        assertThat(value(b.get(0x02), binary)).isBetween(0, 59);
        int hours = b.get(0x04);
        if (h24) {
            assertThat(value(hours, binary)).isBetween(0, 23);
        } else {
            assertThat(value(hours & 0x7f, binary)).isBetween(1, 12);
        }
        assertThat(value(b.get(0x06), binary)).isBetween(1, 7);
        assertThat(value(b.get(0x07), binary)).isBetween(1, 31);
        assertThat(value(b.get(0x08), binary)).isBetween(1, 12);
        assertThat(value(b.get(0x09), binary)).isBetween(0, 99);
    }

    /** The register's value, or -1 when a BCD byte holds a digit above 9. */
    private static int value(int reg, boolean binary) {
        if (binary) {
            return reg;
        }
        int hi = reg >> 4;
        int lo = reg & 0x0f;
        return hi > 9 || lo > 9 ? -1 : hi * 10 + lo;
    }

    @Property(tries = 40)
    void irq8EdgesFollowTheRateSelectTable(@ForAll @IntRange(min = 1, max = 15) int rs,
            @ForAll("profiles") Set<Quirk> quirks, @ForAll @IntRange(min = 0, max = 999_999_999) int startNs) {
        RtcBoard b = new RtcBoard(quirks, MachineConfig.defaults().withRtcBase(RtcBoard.BASE));
        b.step(startNs).set(0x0a, 0x20 | rs).set(0x0b, 0x42);
        b.io.write(0x70, 1, 0x0c);
        long seconds = rs >= 3 && rs <= 5 ? 1 : 4;
        long end = b.now() + seconds * SEC;
        int before = b.risingEdges;
        while (b.scheduler.nextDeadlineNs() >= 0 && b.scheduler.nextDeadlineNs() <= end) {
            b.scheduler.advanceToNextDeadline();
            b.io.read(0x71, 1); // read C: IRQ released for the next edge
        }
        long expected = seconds * 32768 / Mc146818.periodCycles(rs);
        assertThat((long) (b.risingEdges - before)).isBetween(expected - 1, expected);
    }
}
