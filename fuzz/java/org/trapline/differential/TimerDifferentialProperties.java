package org.trapline.differential;

import java.util.ArrayList;
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
import org.trapline.cli.QemuOptions;

/**
 * The qemu-pc model's 8254 PIT, port 61h and MC146818 RTC answer random guest sequences, with guest
 * time moving between the accesses, exactly as QEMU 7.2 does: every answer and every interrupt edge
 * on the IO-APIC inputs ({@code irq_intercept_in ioapic}), in the same command's window. The
 * sequences run on the clock-driven QEMU ({@code -accel qtest}), with steps from 1 ns to 300 ms.
 * A shrunk counterexample is written as a qtest script under {@code target/counterexamples/}.
 */
@Tag("qemu")
class TimerDifferentialProperties extends DifferentialSuite {
    static final int MAX_COMMANDS = 80;
    static final String MACHINE = QemuOptions.DEFAULT_MACHINE + " -accel qtest";
    static final String INTERCEPT = "irq_intercept_in ioapic";

    TimerDifferentialProperties() {
        super(MACHINE, MAX_COMMANDS);
    }

    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelKeepsTimeAndRaisesEdgesLikeQemu(@ForAll("intercept") String intercept,
                                              @ForAll("timedAccesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelKeepsTimeAndRaisesEdgesLikeQemu", intercept, accesses);
    }

    @Provide
    Arbitrary<String> intercept() {
        return Arbitraries.just(INTERCEPT);
    }

    @Provide
    Arbitrary<List<Access>> timedAccesses() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, clockStep()),
                        Tuple.of(4, pitAccess()),
                        Tuple.of(1, portB()),
                        Tuple.of(5, rtcAccess()))
                .list().ofMaxSize(45);
    }

    /** {@code clock_step N}, N spread from 1 ns to 300 ms on a log scale, to the next deadline, or {@code clock_set T}. */
    static Arbitrary<Access> clockStep() {
        long most = 300_000_000L;
        Arbitrary<Long> ns = Arbitraries.integers().between(0, 84).flatMap(tenthsOfDecades -> {
            long low = Math.min(most, (long) Math.pow(10, tenthsOfDecades / 10.0));
            long high = Math.min(most, Math.max(low, (long) Math.pow(10, (tenthsOfDecades + 1) / 10.0)));
            return Arbitraries.longs().between(low, high);
        });
        return Arbitraries.frequencyOf(
                Tuple.of(6, ns.map(n -> Access.of("clock_step " + n))),
                Tuple.of(1, Arbitraries.just(Access.of("clock_step"))),
                // clock_set to an instant that may lie behind the clock (QEMU then leaves it where it is).
                Tuple.of(1, Arbitraries.longs().between(0, 3_000_000_000L).map(t -> Access.of("clock_set " + t))));
    }

    // --- 8254 PIT (Intel 231164): counters 0x40-0x42, control word 0x43 ---

    static Arbitrary<Access> pitAccess() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, programCounter()),
                Tuple.of(3, readCounter()),
                Tuple.of(2, latchOrReadBack()),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 2), bytes())
                        .as((counter, value) -> Access.of(outb(0x40 + counter, counter0Byte(counter, value))))));
    }

    /**
     * A byte written to counter 0 (port 40h) is 0 or at least 100 (64h), so that counter 0, the one
     * wired to IRQ0, never counts below 64 (BCD) or 100: IRQ0 then changes at most about 37 000
     * times a second, and a step of 3 s costs QEMU at most about 110 000 edge lines to print, well
     * inside the 10 s it has to answer. Small counts are covered on counters 1 and 2 here, and on
     * counter 0 by the golden traces' short steps.
     */
    static int counter0Byte(int counter, int value) {
        return counter == 0 && value != 0 && value < 100 ? value + 100 : value;
    }

    /** A control word (SC, RW 1-3, mode 0-7, BCD) and the count it asks for (0 counts 65536). */
    static Arbitrary<Access> programCounter() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(0, 7), Arbitraries.of(0, 0, 0, 1), count())
                .as((counter, rw, mode, bcd, count) -> {
                    List<String> c = new ArrayList<>();
                    c.add(outb(0x43, counter << 6 | rw << 4 | mode << 1 | bcd));
                    if (rw != 2) {
                        c.add(outb(0x40 + counter, counter0Byte(counter, count & 0xff)));
                    }
                    if (rw != 1) {
                        c.add(outb(0x40 + counter, counter0Byte(counter, count >> 8)));
                    }
                    return new Access(c);
                });
    }

    private static Arbitrary<Integer> count() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 5)),
                Tuple.of(3, Arbitraries.integers().between(6, 2000)),
                Tuple.of(2, Arbitraries.integers().between(0, 0xffff)));
    }

    static Arbitrary<Access> readCounter() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 2))
                .as((counter, reads) -> {
                    List<String> c = new ArrayList<>();
                    for (int i = 0; i < reads; i++) {
                        c.add(inb(0x40 + counter));
                    }
                    return new Access(c);
                });
    }

    /** The counter-latch command, or a read-back of count and/or status of any counters, then reads. */
    static Arbitrary<Access> latchOrReadBack() {
        Arbitrary<Access> latch = Arbitraries.integers().between(0, 2)
                .map(counter -> new Access(List.of(outb(0x43, counter << 6), inb(0x40 + counter), inb(0x40 + counter))));
        Arbitrary<Access> readBack = Combinators.combine(Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(1, 7), Arbitraries.integers().between(0, 2))
                .as((countStatus, counters, read) -> new Access(List.of(
                        outb(0x43, 0xc0 | countStatus << 4 | counters << 1),
                        inb(0x40 + read), inb(0x40 + read), inb(0x40 + read))));
        return Arbitraries.oneOf(latch, readBack);
    }

    /** Port 61h: GATE2 and speaker data written, OUT2 and the refresh toggle read. */
    static Arbitrary<Access> portB() {
        return Arbitraries.oneOf(
                Arbitraries.just(Access.of(inb(0x61))),
                bytes().map(v -> Access.of(outb(0x61, v))));
    }

    // --- MC146818A RTC: index 0x70 (bit 7 NMI mask), data 0x71 ---

    static Arbitrary<Access> rtcAccess() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, rtcRead()),
                Tuple.of(2, registerA()),
                Tuple.of(2, registerB()),
                Tuple.of(1, timeWrite()),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0x0e, 0x7f), bytes())
                        .as((index, value) -> new Access(List.of(outb(0x70, index), outb(0x71, value))))));
    }

    /** Any register, C and A (UIP) most often. */
    static Arbitrary<Access> rtcRead() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.just(0x0c)),
                        Tuple.of(2, Arbitraries.just(0x0a)),
                        Tuple.of(3, Arbitraries.integers().between(0x00, 0x0d)),
                        Tuple.of(1, Arbitraries.integers().between(0x00, 0xff)))
                .map(index -> new Access(List.of(outb(0x70, index), inb(0x71))));
    }

    /** Register A: the divider (mostly 010, the 32.768 kHz base; sometimes a reset) and any rate. */
    static Arbitrary<Access> registerA() {
        return Combinators.combine(Arbitraries.of(2, 2, 2, 2, 6, 7, 0, 1), Arbitraries.integers().between(0, 15))
                .as((dv, rs) -> new Access(List.of(outb(0x70, 0x0a), outb(0x71, dv << 4 | rs))));
    }

    /** Register B: SET, PIE, AIE, UIE, SQWE, DM, 24/12, DSE at random. */
    static Arbitrary<Access> registerB() {
        return bytes().map(b -> new Access(List.of(outb(0x70, 0x0b), outb(0x71, b))));
    }

    /** A seconds-to-year or alarm register written with a plausible value. */
    static Arbitrary<Access> timeWrite() {
        return Combinators.combine(Arbitraries.of(0, 1, 2, 3, 4, 5, 7, 8, 9), Arbitraries.integers().between(0, 0x59),
                        Arbitraries.of(false, false, true))
                .as((index, value, dontCare) -> new Access(List.of(outb(0x70, index),
                        outb(0x71, dontCare && index % 2 == 1 && index < 6 ? 0xc0 | value : value))));
    }

    private static Arbitrary<Integer> bytes() {
        return Arbitraries.integers().between(0, 255);
    }

    static String outb(int port, int value) {
        return "outb 0x" + Integer.toHexString(port) + " 0x" + Integer.toHexString(value & 0xff);
    }

    static String inb(int port) {
        return "inb 0x" + Integer.toHexString(port);
    }
}
