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
import org.trapline.cli.QemuOptions;

/**
 * Random IO-APIC sessions on Debian's QEMU under {@code -S} and on the model, without interception:
 * register selections and reads of every width anywhere in its 4 KiB region, redirection entries
 * written with any vector, delivery mode (ExtINT too, whose acknowledge moves the 8259A's state, read
 * back through OCW3), destination mode, polarity, trigger and mask, the inputs driven, and EOIs at
 * 40h, with the Remote IRR read back.
 */
@Tag("qemu")
class IoapicDifferentialProperties extends DifferentialSuite {
    static final int MAX_COMMANDS = 120;
    private static final long IOREGSEL = 0xfec00000L;
    private static final long IOWIN = 0xfec00010L;

    IoapicDifferentialProperties() {
        super(QemuOptions.DEFAULT_MACHINE, MAX_COMMANDS);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswersIoapicAccessesLikeQemu(@ForAll("sessions") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelAnswersIoapicAccessesLikeQemu", accesses);
    }

    @Provide
    Arbitrary<List<Access>> sessions() {
        Arbitrary<Integer> pin = Arbitraries.integers().between(0, 7).map(i -> i == 7 ? 23 : i);
        Arbitrary<Integer> vector = Arbitraries.of(0x31, 0x32, 0x40);
        return Arbitraries.frequencyOf(
                        Tuple.of(5, Combinators.combine(pin, entryLow(vector), Arbitraries.integers())
                                .as(IoapicDifferentialProperties::writeEntry)),
                        Tuple.of(6, Combinators.combine(pin, Arbitraries.of(0, 1, 1, 2))
                                .as((p, level) -> Access.of(String.format("set_irq_in ioapic unnamed-gpio-in %d %d", p, level)))),
                        Tuple.of(5, pin.map(IoapicDifferentialProperties::readEntry)),
                        Tuple.of(3, Combinators.combine(vector, Arbitraries.of(0, 0, 0x100, 0xffffff00))
                                .as((v, high) -> Access.of(String.format("writel 0xfec00040 0x%x", v | high)))),
                        Tuple.of(2, Combinators.combine(register(), Arbitraries.integers())
                                .as((r, v) -> seq(String.format("writel 0x%x 0x%x", IOREGSEL, r),
                                        String.format("writel 0x%x 0x%x", IOWIN, v)))),
                        Tuple.of(3, register().map(r -> seq(String.format("writel 0x%x 0x%x", IOREGSEL, r),
                                String.format("readl 0x%x", IOWIN)))),
                        Tuple.of(2, Combinators.combine(offset(), widths())
                                .as((o, w) -> Access.of(String.format("read%s 0x%x", w, IOREGSEL + o)))),
                        Tuple.of(1, Combinators.combine(offset(), widths(), Arbitraries.longs())
                                .as((o, w, v) -> Access.of(String.format("write%s 0x%x 0x%x", w, IOREGSEL + o,
                                        v & mask(w))))),
                        Tuple.of(1, Arbitraries.of(0, 1, 5).map(ir -> Access.of(
                                String.format("set_irq_in /machine/unattached/device[6] unnamed-gpio-in %d 1", ir)))),
                        Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(0x80, 0x0b, 0x05, 0x01, 0x1b))
                                .as((n, v) -> seq("outl 0xcf8 0x80000860", String.format("outb 0x%x 0x%x", 0xcfc + n, v)))),
                        Tuple.of(1, Arbitraries.just(seq("outb 0x20 0x0b", "inb 0x20", "outb 0x20 0x0a", "inb 0x20"))))
                .list().ofMaxSize(30);
    }

    /** Low dwords mostly with defined fields; the delivery modes include ExtINT. */
    private static Arbitrary<Long> entryLow(Arbitrary<Integer> vector) {
        Arbitrary<Long> fields = Combinators.combine(vector, Arbitraries.of(0, 0, 1, 4, 7), Arbitraries.integers().between(0, 63))
                .as((v, mode, bits) -> (long) v | mode << 8 | (long) bits << 11); // bits 16:11: DESTMOD to MASK
        return Arbitraries.frequencyOf(Tuple.of(8, fields), Tuple.of(1, Arbitraries.longs().between(0, 0xffff_ffffL)));
    }

    private static Access writeEntry(int pin, long low, int high) {
        return seq(String.format("writel 0x%x 0x%x", IOREGSEL, 0x11 + 2 * pin),
                String.format("writel 0x%x 0x%x", IOWIN, high),
                String.format("writel 0x%x 0x%x", IOREGSEL, 0x10 + 2 * pin),
                String.format("writel 0x%x 0x%x", IOWIN, low));
    }

    private static Access readEntry(int pin) {
        return seq(String.format("writel 0x%x 0x%x", IOREGSEL, 0x10 + 2 * pin), String.format("readl 0x%x", IOWIN),
                String.format("writel 0x%x 0x%x", IOREGSEL, 0x11 + 2 * pin), String.format("readl 0x%x", IOWIN));
    }

    private static Access seq(String... commands) {
        return new Access(List.of(commands));
    }

    private static Arbitrary<Integer> register() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(0, 1, 2, 3)), Tuple.of(3, Arbitraries.integers().between(0x10, 0x3f)),
                Tuple.of(1, Arbitraries.integers().between(0, 0xff)));
    }

    private static Arbitrary<Long> offset() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(0L, 0x10L, 0x40L, 0x1L, 0x4L, 0xcL, 0x12L, 0x3eL)),
                Tuple.of(1, Arbitraries.longs().between(0, 0x1010)));
    }

    private static Arbitrary<String> widths() {
        return Arbitraries.of("b", "w", "l", "l", "q");
    }

    private static long mask(String width) {
        return switch (width) {
            case "b" -> 0xffL;
            case "w" -> 0xffffL;
            case "l" -> 0xffff_ffffL;
            default -> -1L;
        };
    }
}
