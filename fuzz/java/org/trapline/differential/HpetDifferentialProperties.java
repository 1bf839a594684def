package org.trapline.differential;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The qemu-pc model's HPET answers random guest sequences on the clock-driven QEMU ({@code -accel qtest})
 * as QEMU 7.2 does: every register read, the main counter across {@code clock_step}, and every edge on the
 * IO-APIC inputs, with the PIT and the RTC running beside it so that LegacyReplacement Route takes and gives
 * back their lines. A shrunk counterexample is written as a qtest script under {@code target/counterexamples/}.
 */
@Tag("qemu")
class HpetDifferentialProperties extends DifferentialSuite {
    static final long BASE = 0xfed00000L;
    /**
     * The smallest period or comparator distance written, in ticks: 5000 (50 us), so that a step of 300 ms costs
     * QEMU at most a few tens of thousands of edge lines per timer. Nearer comparators come from the counter
     * itself moving past them, and from the goldens' short steps.
     */
    static final long MIN_TICKS = 5000;

    HpetDifferentialProperties() {
        super(TimerDifferentialProperties.MACHINE, 90);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelCountsFiresAndRoutesLikeQemu(@ForAll("intercept") String intercept,
                                           @ForAll("hpetSequences") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelCountsFiresAndRoutesLikeQemu", intercept, accesses);
    }

    @Provide
    Arbitrary<String> intercept() {
        return Arbitraries.just(TimerDifferentialProperties.INTERCEPT);
    }

    @Provide
    Arbitrary<List<Access>> hpetSequences() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, TimerDifferentialProperties.clockStep()),
                        Tuple.of(3, generalConfig()),
                        Tuple.of(5, timerConfig()),
                        Tuple.of(4, comparator()),
                        Tuple.of(5, read()),
                        Tuple.of(2, counterWrite()),
                        Tuple.of(1, statusWrite()),
                        Tuple.of(1, anyWrite()),
                        Tuple.of(1, TimerDifferentialProperties.pitAccess()),
                        Tuple.of(1, TimerDifferentialProperties.registerB()),
                        Tuple.of(1, TimerDifferentialProperties.rtcRead()))
                .list().ofMaxSize(50);
    }

    /** ENABLE_CNF and LEG_RT_CNF, now and then with reserved bits. */
    static Arbitrary<Access> generalConfig() {
        return Arbitraries.frequencyOf(
                        Tuple.of(8, Arbitraries.longs().between(0, 3)),
                        Tuple.of(1, Arbitraries.longs().between(0, 0xffffffffL)))
                .map(v -> writel(0x010, v));
    }

    /** A timer (the fourth, QEMU's phantom, now and then): type, enable, periodic, VAL_SET, 32-bit mode, route, FSB. */
    static Arbitrary<Access> timerConfig() {
        Arbitrary<Integer> timer = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(0, 2)),
                Tuple.of(1, Arbitraries.just(3)));
        Arbitrary<Integer> route = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(2)),
                Tuple.of(2, Arbitraries.of(0, 8)), Tuple.of(2, Arbitraries.integers().between(0, 31)));
        return Combinators.combine(timer, Arbitraries.integers().between(0, 0x7f), route,
                        Arbitraries.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 1), Arbitraries.of(0, 0, 0, 1))
                .as((n, bits, r, fsb, high) -> {
                    long v = (bits & 0x4e) | (bits & 1L) << 8 | (long) r << 9 | (long) fsb << 14;
                    return high == 1 ? writel(timerBase(n) + 4, bits) : writel(timerBase(n), v);
                });
    }

    /**
     * A comparator low half: far enough ahead of a counter near 0, or anywhere; the FSB route now and then. Upper
     * halves are written 0 only: a periodic timer in 32-bit mode whose period has a zero low half and a non-zero
     * upper half (written while in periodic mode) makes QEMU loop for ever in hpet_timer, where it adds the
     * period's low half to the comparator until the counter is behind it. The goldens write upper halves.
     */
    static Arbitrary<Access> comparator() {
        Arbitrary<Integer> timer = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(0, 2)),
                Tuple.of(1, Arbitraries.just(3)));
        Arbitrary<Long> value = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(MIN_TICKS, 3_000_000)),
                Tuple.of(2, Arbitraries.longs().between(1 << 22, 0xffffffffL)),
                Tuple.of(1, Arbitraries.of(0L, 0xffffffffL, 0x7fffffffL, 0x80000000L)));
        return Combinators.combine(timer, Arbitraries.of(0x08, 0x08, 0x08, 0x0c, 0x10, 0x14), value)
                .as((n, offset, v) -> writel(timerBase(n) + offset, offset == 0x0c || offset == 0x14 ? 0 : v));
    }

    static Arbitrary<Access> read() {
        Arbitrary<Access> general = Arbitraries.of(0x000, 0x004, 0x010, 0x020, 0x0f0, 0x0f0, 0x0f4).map(o -> readl(o));
        Arbitrary<Access> timer = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.of(0x0, 0x4, 0x8, 0x8, 0xc, 0x10, 0x14)).as((n, o) -> readl(timerBase(n) + o));
        Arbitrary<Access> wide = Arbitraries.of(0x000, 0x0f0, 0x100, 0x108, 0x128, 0x148)
                .map(o -> Access.of(String.format("readq 0x%x", BASE + o)));
        Arbitrary<Access> odd = Combinators.combine(Arbitraries.integers().between(0, 0x3ff), Arbitraries.of("b", "w", "l"))
                .as((o, w) -> Access.of(String.format("read%s 0x%x", w, BASE + o)));
        return Arbitraries.frequencyOf(Tuple.of(4, general), Tuple.of(4, timer), Tuple.of(1, wide), Tuple.of(1, odd));
    }

    /** The main counter, halted or not: small values, values below a 32-bit wrap, and anything. */
    static Arbitrary<Access> counterWrite() {
        Arbitrary<Long> v = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.longs().between(0, 1000)),
                Tuple.of(2, Arbitraries.longs().between(0xffff0000L, 0xffffffffL)),
                Tuple.of(1, Arbitraries.longs().between(0, 0xffffffffL)));
        return Combinators.combine(Arbitraries.of(0x0f0, 0x0f0, 0x0f4), v).as((o, value) ->
                writel(o, o == 0x0f4 && value > 0xff ? value & 0xff : value));
    }

    static Arbitrary<Access> statusWrite() {
        return Arbitraries.longs().between(0, 0xf).map(v -> writel(0x020, v));
    }

    /** Any register-aligned dword or byte write, and qword writes. */
    static Arbitrary<Access> anyWrite() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xff), Arbitraries.of("b", "w", "l", "q"),
                Arbitraries.longs().between(0, 0xffff)).as((slot, w, v) -> {
                    long address = BASE + slot * 4L;
                    if (w.equals("q")) {
                        address &= ~7L;
                    }
                    // Comparators only through comparator(): a small period far behind the counter is a catch-up
                    // loop of up to 2^40 turns in QEMU's hpet_timer (a hang, as above, in all but name).
                    long offset = address - BASE;
                    boolean comparator = offset >= 0x100 && (offset % 0x20 == 0x08 || offset % 0x20 == 0x0c);
                    long value = comparator ? 0 : v;
                    return Access.of(String.format("write%s 0x%x 0x%x", w, address, value));
                });
    }

    private static int timerBase(int n) {
        return 0x100 + 0x20 * n;
    }

    static Access readl(int offset) {
        return Access.of(String.format("readl 0x%x", BASE + offset));
    }

    static Access writel(int offset, long value) {
        return Access.of(String.format("writel 0x%x 0x%x", BASE + offset, value & 0xffffffffL));
    }
}
