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
 * Random accesses of 1, 2 and 4 bytes to the two 8237A controllers (00h-0Fh, C0h-DFh), the page
 * register file (81h-8Fh) and the high page ports (481h-48Fh) on Debian's QEMU under {@code -S} and
 * on the model. No device raises a DREQ, so a software request moves nothing on either side (QEMU's
 * floppy controller, on channel 2, answers its handler with no progress while it is idle).
 */
@Tag("qemu")
class DmaDifferentialProperties extends DifferentialSuite {
    static final int MAX_COMMANDS = 80;

    DmaDifferentialProperties() {
        super(QemuOptions.DEFAULT_MACHINE, MAX_COMMANDS);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswersDmaAccessesLikeQemu(@ForAll("accesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelAnswersDmaAccessesLikeQemu", "irq_intercept_in ioapic", accesses);
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        Arbitrary<Integer> controller1 = Arbitraries.integers().between(0x00, 0x0f);
        Arbitrary<Integer> controller2 = Arbitraries.integers().between(0xc0, 0xdf);
        Arbitrary<Integer> pages = Arbitraries.integers().between(0x81, 0x8f);
        Arbitrary<Integer> highPages = Arbitraries.integers().between(0x480, 0x48f);
        Arbitrary<Integer> ports = Arbitraries.frequencyOf(Tuple.of(4, controller1), Tuple.of(4, controller2),
                Tuple.of(2, pages), Tuple.of(1, highPages));
        return Arbitraries.frequencyOf(
                        Tuple.of(5, Combinators.combine(ports, widths()).as(Access::in)),
                        Tuple.of(5, Combinators.combine(ports, widths(), Arbitraries.longs().between(0, 0xffffffffL))
                                .as(Access::out)),
                        Tuple.of(1, Arbitraries.of(Access.of("outb 0x0c 0x00"), Access.of("outb 0xd8 0x00"),
                                Access.of("outb 0x0d 0x00"), Access.of("outb 0xda 0x00"))))
                .list().ofMaxSize(60);
    }

    private static Arbitrary<Integer> widths() {
        return Arbitraries.of(1, 1, 1, 2, 4);
    }
}
