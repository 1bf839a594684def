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
 * Random accesses of 1, 2 and 4 bytes to both IDE channels with no drive (1F0h-1F7h, 3F6h, 170h-177h,
 * 376h) on Debian's QEMU under {@code -S} and on the model, IRQ 14 and 15 compared: taskfile writes,
 * Device with DEV 0 or 1, commands, nIEN and SRST. SMART (B0h) is left out: with its C24Fh signature and
 * SMART ENABLE, QEMU's empty device 0 can enter a data phase, which the model does not have.
 */
@Tag("qemu")
class IdeDifferentialProperties extends DifferentialSuite {
    static final int MAX_COMMANDS = 80;

    IdeDifferentialProperties() {
        super(QemuOptions.DEFAULT_MACHINE, MAX_COMMANDS);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswersIdeAccessesLikeQemu(@ForAll("accesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelAnswersIdeAccessesLikeQemu", "irq_intercept_in ioapic", accesses);
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        Arbitrary<Integer> ports = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.integers().between(0x1f0, 0x1f7)),
                Tuple.of(3, Arbitraries.integers().between(0x170, 0x177)), Tuple.of(2, Arbitraries.of(0x3f6, 0x376)));
        Arbitrary<Long> values = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.longs().between(0, 0xffffffffL)),
                Tuple.of(3, Arbitraries.of(0x00L, 0x02L, 0x04L, 0x06L, 0x80L, 0xa0L, 0xb0L, 0xe0L, 0xf0L, 0x90L, 0xecL,
                        0x20L, 0xc8L, 0xe7L, 0xefL)));
        return Arbitraries.frequencyOf(
                        Tuple.of(5, Combinators.combine(ports, widths()).as(Access::in)),
                        Tuple.of(5, Combinators.combine(ports, widths(), values).as(IdeDifferentialProperties::out)))
                .list().ofMaxSize(60);
    }

    private static Arbitrary<Integer> widths() {
        return Arbitraries.of(1, 1, 1, 2, 4);
    }

    /** A value for the port; a byte that would reach Command as B0h (SMART) is made B1h. */
    private static Access out(int port, int width, long value) {
        long v = width == 4 ? value : value & ((1L << (8 * width)) - 1);
        for (int i = 0; i < width; i++) {
            if ((port + i & 7) == 7 && (port & 0x300) == 0x100 && (v >>> (8 * i) & 0xff) == 0xb0) {
                v ^= 1L << (8 * i);
            }
        }
        return Access.out(port, width, v);
    }
}
