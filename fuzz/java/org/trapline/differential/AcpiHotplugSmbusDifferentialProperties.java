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
 * Random accesses of every width to QEMU's PCI hotplug block (AE00h-AE17h), its CPU hotplug block
 * (AF00h-AF1Fh: the legacy bitmap, the switch, the modern registers) and the PIIX4 SMBus host at
 * B100h (register loads, START with any protocol to the EEPROMs and to absent addresses, status
 * writes, the block buffer), on Debian's QEMU under {@code -S} and on the model.
 */
@Tag("qemu")
class AcpiHotplugSmbusDifferentialProperties extends DifferentialSuite {
    static final int MAX_COMMANDS = 120;

    AcpiHotplugSmbusDifferentialProperties() {
        super(QemuOptions.DEFAULT_MACHINE, MAX_COMMANDS);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswersHotplugAndSmbusAccessesLikeQemu(@ForAll("accesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelAnswersHotplugAndSmbusAccessesLikeQemu", accesses);
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, access(0xae00, 0x18)),
                        Tuple.of(3, access(0xaf00, 0x20)),
                        Tuple.of(6, access(0xb100, 0x10)),
                        Tuple.of(3, transaction()))
                .list().ofMaxSize(60);
    }

    /** An in or out of any width at any offset of a block, values biased to 0 and the small selectors. */
    private static Arbitrary<Access> access(int base, int length) {
        Arbitrary<Integer> offset = Arbitraries.integers().between(0, length - 1);
        Arbitrary<String> width = Arbitraries.of("b", "w", "l");
        Arbitrary<Long> value = Arbitraries.oneOf(Arbitraries.of(0L, 1L, 2L, 3L, 0xffL, 0x100L, 0xffffffffL),
                Arbitraries.longs().between(0, 0xffffffffL));
        return Combinators.combine(Arbitraries.of(true, false), offset, width, value).as((read, off, w, v) -> {
            int port = base + off;
            long mask = w.equals("b") ? 0xff : w.equals("w") ? 0xffff : 0xffffffffL;
            return Access.of(read ? String.format("in%s 0x%x", w, port) : String.format("out%s 0x%x 0x%x", w, port, v & mask));
        });
    }

    /** Address, command, data and a START of protocol 0-7, INTEREN either way, then two status reads. */
    private static Arbitrary<Access> transaction() {
        Arbitrary<Integer> address = Arbitraries.oneOf(Arbitraries.integers().between(0x50, 0x57), Arbitraries.integers().between(0, 0x7f));
        Arbitrary<Integer> bytes = Arbitraries.integers().between(0, 0xff);
        return Combinators.combine(address, Arbitraries.of(0, 1), bytes, bytes, Arbitraries.integers().between(0, 7), Arbitraries.of(0, 1))
                .as((a, rw, cmd, dat, prot, inten) -> new Access(List.of(
                        String.format("outb 0xb104 0x%02x", a << 1 | rw),
                        String.format("outb 0xb103 0x%02x", cmd),
                        String.format("outb 0xb105 0x%02x", dat),
                        String.format("outb 0xb102 0x%02x", 0x40 | prot << 2 | inten),
                        "inb 0xb100",
                        "inb 0xb100",
                        "inb 0xb105")));
    }
}
