package org.trapline.differential;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The floppy sessions of {@link FdcDifferentialProperties} on the clock-driven QEMU ({@code -accel qtest}),
 * with guest time moving between the accesses (1 ns to 300 ms, or to the next deadline), so that READ ID's
 * result timer fires: the answers and IRQ6 edges in the same command's window on both.
 */
@Tag("qemu")
class FdcClockDifferentialProperties extends DifferentialSuite {
    static final String MACHINE = FdcDifferentialProperties.MACHINE.replace(" -S", " -accel qtest");

    FdcClockDifferentialProperties() {
        super(MACHINE, FdcDifferentialProperties.MAX_COMMANDS);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswersTimedFloppyAccessesLikeQemu(@ForAll("timedAccesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelAnswersTimedFloppyAccessesLikeQemu", "irq_intercept_in ioapic", "outb 0x3f2 0x1c",
                accesses);
    }

    @Provide
    Arbitrary<List<Access>> timedAccesses() {
        return Arbitraries.frequencyOf(
                        Tuple.of(2, TimerDifferentialProperties.clockStep()),
                        Tuple.of(2, Arbitraries.of(0x4a, 0x0a).flatMap(code -> Arbitraries.of(0x00, 0x01, 0x04, 0x05)
                                .map(b -> new Access(List.of(String.format("outb 0x3f5 0x%02x", code),
                                        String.format("outb 0x3f5 0x%02x", b)))))),
                        Tuple.of(8, FdcDifferentialProperties.floppyAccess()))
                .list().ofMaxSize(40);
    }
}
