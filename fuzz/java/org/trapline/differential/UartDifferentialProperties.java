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
 * Random accesses to two 16550A UARTs (COM1 at 3F8h on IRQ4, COM2 at 2F8h on IRQ3, both on
 * {@code -serial null}) on Debian's QEMU under {@code -S} and on the model, every IRQ edge compared:
 * divisor latches behind DLAB, FIFO enable, reset and trigger levels, loopback with the modem
 * outputs, OUT2, transmitted bytes coming back as received ones, LSR and IIR as they clear. The
 * clock stands still, so the character timeout never fires on either side (the clock-driven golden
 * uart-timeout covers it).
 */
@Tag("qemu")
class UartDifferentialProperties extends DifferentialSuite {
    static final int MAX_COMMANDS = 90;
    static final String MACHINE = "-machine pc -m 128M -nodefaults -display none"
            + " -rtc base=2001-02-03T04:05:06,clock=vm -serial null -serial null -S";
    private static final int[] BASES = {0x3f8, 0x2f8};

    UartDifferentialProperties() {
        super(MACHINE, MAX_COMMANDS);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswersUartAccessesLikeQemu(@ForAll("accesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelAnswersUartAccessesLikeQemu", "irq_intercept_in ioapic", accesses);
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        Arbitrary<Integer> base = Arbitraries.of(BASES[0], BASES[0], BASES[0], BASES[1]);
        Arbitrary<Integer> offset = Arbitraries.integers().between(0, 7);
        return Arbitraries.frequencyOf(
                        Tuple.of(8, Combinators.combine(base, offset).as((b, o) -> Access.of(String.format("inb 0x%x", b + o)))),
                        Tuple.of(6, Combinators.combine(base, offset, bytes()).as(UartDifferentialProperties::outb)),
                        Tuple.of(3, Combinators.combine(base, lineControl()).as((b, v) -> outb(b, 3, v))),
                        Tuple.of(3, Combinators.combine(base, modemControl()).as((b, v) -> outb(b, 4, v))),
                        Tuple.of(3, Combinators.combine(base, fifoControl()).as((b, v) -> outb(b, 2, v))),
                        Tuple.of(2, Combinators.combine(base, Arbitraries.integers().between(0, 15)).as((b, v) -> outb(b, 1, v))),
                        Tuple.of(2, Combinators.combine(base, bytes(), Arbitraries.integers().between(1, 20))
                                .as(UartDifferentialProperties::burst)),
                        Tuple.of(1, Combinators.combine(base, offset, Arbitraries.of("w", "l"))
                                .as((b, o, w) -> Access.of(String.format("in%s 0x%x", w, b + o)))))
                .list().ofMaxSize(60);
    }

    /** LCR: word length, stop bits, parity, break, with DLAB set a quarter of the time. */
    private static Arbitrary<Integer> lineControl() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(0x03, 0x1b, 0x07, 0x00)), Tuple.of(1, Arbitraries.of(0x83, 0x80)),
                Tuple.of(1, bytes()));
    }

    /** MCR: loopback with and without OUT2, DTR and RTS. */
    private static Arbitrary<Integer> modemControl() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(0x10, 0x1f, 0x18, 0x0b, 0x08, 0x00)), Tuple.of(1, bytes()));
    }

    /** FCR: FIFO enable, the resets, the four trigger levels. */
    private static Arbitrary<Integer> fifoControl() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(0x07, 0x01, 0x47, 0x87, 0xc7, 0x06, 0x00)), Tuple.of(1, bytes()));
    }

    /** Bytes written to THR one after another, as a driver fills the FIFO. */
    private static Access burst(int base, int first, int count) {
        List<String> commands = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            commands.add(String.format("outb 0x%x 0x%02x", base, (first + i) & 0xff));
        }
        return new Access(commands);
    }

    private static Access outb(int base, int offset, int value) {
        return Access.of(String.format("outb 0x%x 0x%02x", base + offset, value));
    }

    private static Arbitrary<Integer> bytes() {
        return Arbitraries.integers().between(0, 255);
    }
}
