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
 * Random fw_cfg sessions on Debian's QEMU under {@code -S} and on the model: selections (any key,
 * with and without the write bit), runs of data reads, accesses of every width to 510h-51Bh, and
 * DMA operations (an FWCfgDmaAccess in RAM with any mix of the control bits, its address written
 * big-endian to 514h and 518h, the structure and the buffer read back). The items whose contents the
 * model leaves unmodelled (the ACPI and SMBIOS tables, the table loader, kvmvapic, the HPET block)
 * are never selected: reading them stops a replay on purpose.
 */
@Tag("qemu")
class FwCfgDifferentialProperties extends DifferentialSuite {
    static final int MAX_COMMANDS = 80;
    /** QEMU 7.2 pc's items the model answers, by key: the fixed ones and the modelled files. */
    private static final int[] MODELLED_KEYS = {0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x000d, 0x000e, 0x000f,
        0x0019, 0x0020, 0x0021, 0x0024, 0x0025, 0x0028, 0x002a, 0x8000, 0x8002};
    private static final int DMA_CONTROL = 0x1000;
    private static final int DMA_BUFFER = 0x2000;

    FwCfgDifferentialProperties() {
        super(QemuOptions.DEFAULT_MACHINE, MAX_COMMANDS);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswersFwCfgAccessesLikeQemu(@ForAll("accesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelAnswersFwCfgAccessesLikeQemu", accesses);
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, key().map(k -> Access.of(String.format("outw 0x510 0x%04x", k)))),
                        Tuple.of(5, Arbitraries.integers().between(1, 12).map(FwCfgDifferentialProperties::dataReads)),
                        Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0x510, 0x51b), widths())
                                .as((port, w) -> Access.of(String.format("in%s 0x%x", w, port)))),
                        Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0x510, 0x513), widths(), bytes())
                                .as((port, w, v) -> Access.of(String.format("out%s 0x%x 0x%x", w, port, v)))),
                        Tuple.of(3, Combinators.combine(key(), control(), Arbitraries.integers().between(0, 40))
                                .as(FwCfgDifferentialProperties::dma)))
                .list().ofMaxSize(25);
    }

    /** A modelled key most of the time, the write bit (4000h) set now and then. */
    private static Arbitrary<Integer> key() {
        Arbitrary<Integer> known = Arbitraries.integers().between(0, MODELLED_KEYS.length - 1).map(i -> MODELLED_KEYS[i]);
        return Arbitraries.frequencyOf(Tuple.of(6, known), Tuple.of(1, known.map(k -> k | 0x4000)),
                Tuple.of(1, Arbitraries.integers().between(0x002c, 0x3fff)));
    }

    /** FWCfgDmaAccess control bits 0-4 (error, read, skip, select, write), select in half the cases. */
    private static Arbitrary<Integer> control() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(0x0a, 0x02, 0x0c, 0x04, 0x08)),
                Tuple.of(1, Arbitraries.integers().between(0, 0x1f)));
    }

    private static Access dataReads(int count) {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            commands.add("inb 0x511");
        }
        return new Access(commands);
    }

    /**
     * One DMA operation: the buffer filled with AAh, the structure (control with the key in its top
     * half, length, address, all big-endian) at 1000h, its address to 514h (high, zero) and 518h
     * (low: the port is big-endian, so the bytes go out swapped), then both read back.
     */
    private static Access dma(int key, int control, int length) {
        List<String> commands = new ArrayList<>();
        commands.add(String.format("write 0x%x 0x30 0x%s", DMA_BUFFER, "aa".repeat(0x30)));
        commands.add(String.format("write 0x%x 0x10 0x%04x%04x%08x%016x", DMA_CONTROL, key & 0xffff, control, length, DMA_BUFFER));
        commands.add("outl 0x514 0x00000000");
        commands.add(String.format("outl 0x518 0x%08x", Integer.reverseBytes(DMA_CONTROL)));
        commands.add(String.format("read 0x%x 0x10", DMA_CONTROL));
        commands.add(String.format("read 0x%x 0x30", DMA_BUFFER));
        return new Access(commands);
    }

    private static Arbitrary<String> widths() {
        return Arbitraries.of("b", "b", "w", "l");
    }

    private static Arbitrary<Integer> bytes() {
        return Arbitraries.integers().between(0, 255);
    }
}
