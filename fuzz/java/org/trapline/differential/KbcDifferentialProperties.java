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
 * Random 8042 sequences (controller commands, bytes to the keyboard, mouse commands through D4h,
 * reads of 60h and 64h), port 92h and port 80h on Debian's QEMU under {@code -S} and on the model,
 * every IRQ1 and IRQ12 edge compared. The writes that reset the machine are left out: an even
 * F0h-FEh, D1h with bit 0 clear and port 92h bit 0 set (the golden kbc-reset trace covers them).
 */
@Tag("qemu")
class KbcDifferentialProperties extends DifferentialSuite {
    static final int MAX_COMMANDS = 80;
    private static final int[] KEYBOARD_BYTES = {0xff, 0xfe, 0xf6, 0xf5, 0xf4, 0xf3, 0xf2, 0xf0, 0xee, 0xed, 0xfa,
        0xfc, 0x00, 0x01, 0x02, 0x03, 0x05};
    private static final int[] MOUSE_BYTES = {0xff, 0xfe, 0xf6, 0xf5, 0xf4, 0xf3, 0xf2, 0xf0, 0xee, 0xec, 0xeb, 0xea,
        0xe9, 0xe8, 0xe7, 0xe6, 0xc8, 0x64, 0x50, 0x00, 0x03};

    KbcDifferentialProperties() {
        super(QemuOptions.DEFAULT_MACHINE, MAX_COMMANDS);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswers8042AccessesLikeQemu(@ForAll("accesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelAnswers8042AccessesLikeQemu", "irq_intercept_in ioapic", accesses);
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        return Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.of(Access.of("inb 0x60"), Access.of("inb 0x64"))),
                        Tuple.of(3, command()),
                        Tuple.of(3, pick(KEYBOARD_BYTES, 0x100).map(b -> Access.of(outb(0x60, b)))),
                        Tuple.of(3, pick(MOUSE_BYTES, 0x100).map(b -> new Access(List.of(outb(0x64, 0xd4), outb(0x60, b))))),
                        Tuple.of(1, bytes().map(b -> new Access(List.of(outb(0x64, 0x60), outb(0x60, b))))),
                        Tuple.of(1, bytes().map(b -> new Access(List.of(outb(0x64, 0xd1), outb(0x60, b | 1))))),
                        Tuple.of(1, Arbitraries.of(0xd2, 0xd3).flatMap(c -> bytes().map(b ->
                                new Access(List.of(outb(0x64, c), outb(0x60, b)))))),
                        Tuple.of(1, systemControl()))
                .list().ofMaxSize(50);
    }

    /** A controller command that neither resets the machine nor waits for a data byte of its own. */
    private static Arbitrary<Access> command() {
        return Arbitraries.oneOf(
                        Arbitraries.of(0x20, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xad, 0xae, 0xc0, 0xd0, 0xdd, 0xdf, 0xff, 0xf1),
                        bytes())
                .filter(c -> (c & 0xf1) != 0xf0 && c != 0xd1 && c != 0x60 && c != 0xd2 && c != 0xd3 && c != 0xd4)
                .map(c -> Access.of(outb(0x64, c)));
    }

    private static Arbitrary<Access> systemControl() {
        return Arbitraries.oneOf(
                Arbitraries.of(Access.of("inb 0x92"), Access.of("inb 0x80")),
                bytes().map(b -> Access.of(outb(0x92, b & 0xfe))),
                bytes().map(b -> Access.of(outb(0x80, b))));
    }

    /** One of {@code interesting} half the time, any byte below {@code bound} otherwise. */
    private static Arbitrary<Integer> pick(int[] interesting, int bound) {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, interesting.length - 1).map(i -> interesting[i]),
                Arbitraries.integers().between(0, bound - 1));
    }

    private static Arbitrary<Integer> bytes() {
        return Arbitraries.integers().between(0, 255);
    }

    private static String outb(int port, int value) {
        return String.format("outb 0x%x 0x%02x", port, value);
    }
}
