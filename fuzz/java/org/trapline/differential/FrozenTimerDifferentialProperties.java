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
import org.trapline.cli.QemuOptions;

/**
 * The same PIT, port 61h and RTC accesses, with no time passing: Debian's QEMU under {@code -S}
 * (its clock frozen at 0) and the model must agree on every answer: the state at reset, the
 * registers after writes, latches and read-back at a standstill, and the CMOS contents.
 */
@Tag("qemu")
class FrozenTimerDifferentialProperties extends DifferentialSuite {
    static final int MAX_COMMANDS = 80;
    static final String MACHINE = QemuOptions.DEFAULT_MACHINE;

    FrozenTimerDifferentialProperties() {
        super(MACHINE, MAX_COMMANDS);
    }

    @Property(tries = 50, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswersTimerAccessesLikeQemuWithTheClockFrozen(@ForAll("frozenAccesses") List<Access> accesses)
            throws Exception {
        assertModelAgreesWithQemu("modelAnswersTimerAccessesLikeQemuWithTheClockFrozen", accesses);
    }

    @Provide
    Arbitrary<List<Access>> frozenAccesses() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, TimerDifferentialProperties.pitAccess()),
                        Tuple.of(1, TimerDifferentialProperties.portB()),
                        Tuple.of(5, TimerDifferentialProperties.rtcAccess()))
                .list().ofMaxSize(45);
    }
}
