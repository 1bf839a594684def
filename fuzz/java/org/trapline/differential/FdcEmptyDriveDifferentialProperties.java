package org.trapline.differential;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Tag;

/**
 * The floppy controller with a drive and no diskette in it, as {@code -device floppy} gives it to
 * QEMU's own fdc-test and a board without -nodefaults has drive A:: the accesses of
 * {@link FdcDifferentialProperties}, against QEMU 7.2 under -S. An empty drive is neither a diskette
 * nor no drive: its head goes anywhere on one side (QEMU's empty-drive bounds), DSKCHG stays set, and a
 * transfer ends at once with no medium.
 */
@Tag("qemu")
class FdcEmptyDriveDifferentialProperties extends DifferentialSuite {
    static final String MACHINE = "-machine pc -m 128M -nodefaults -display none -rtc base=2001-02-03T04:05:06,clock=vm"
            + " -device floppy,id=floppy0 -S";

    FdcEmptyDriveDifferentialProperties() {
        super(MACHINE, FdcDifferentialProperties.MAX_COMMANDS);
    }

    @Property(tries = 15, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswersAnEmptyDriveLikeQemu(@ForAll("accesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelAnswersAnEmptyDriveLikeQemu", "irq_intercept_in ioapic", "outb 0x3f2 0x1c",
                accesses);
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        return FdcDifferentialProperties.floppyAccess().list().ofMaxSize(40);
    }
}
