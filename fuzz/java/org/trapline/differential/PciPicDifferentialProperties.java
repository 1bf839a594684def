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
import net.jqwik.api.lifecycle.AddLifecycleHook;

import org.trapline.cli.QemuOptions;

/**
 * The model of the {@code qemu-pc} board answers random PCI configuration and 8259A access
 * sequences exactly as a live QEMU 7.2 does. Each try runs on a fresh QEMU and a fresh model; a
 * shrunk counterexample is written as a qtest script under {@code target/counterexamples/}.
 * A fresh QEMU costs about 0.3 s to start, so the tries are kept to 80 (about half a minute).
 */
@Tag("qemu")
class PciPicDifferentialProperties extends DifferentialSuite {
    static final int MAX_COMMANDS = 60;
    static final String MACHINE = QemuOptions.DEFAULT_MACHINE;

    PciPicDifferentialProperties() {
        super(MACHINE, MAX_COMMANDS);
    }

    @Property(tries = 80, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswersPciAndPicAccessesLikeQemu(@ForAll("accesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelAnswersPciAndPicAccessesLikeQemu", accesses);
    }

    /**
     * The same sequences with one PIC's INT output ({@code irq_intercept_out}) or inputs
     * ({@code irq_intercept_in}, the slave's INT on master input 2 among them) watched: every edge
     * must come in the same command's window as in QEMU.
     */
    @Property(tries = 40, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelReportsThePicsInterruptEdgesLikeQemu(@ForAll("intercepts") String intercept,
                                                   @ForAll("accesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelReportsThePicsInterruptEdgesLikeQemu", intercept, accesses);
    }

    @Provide
    Arbitrary<String> intercepts() {
        return Arbitraries.of("irq_intercept_out", "irq_intercept_in")
                .flatMap(kind -> Arbitraries.of("/machine/unattached/device[6]", "/machine/unattached/device[7]")
                        .map(path -> kind + " " + path));
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, configAddress()),
                        net.jqwik.api.Tuple.of(6, configData()),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Access.of("inl 0xcf8"))),
                        net.jqwik.api.Tuple.of(2, icwSequence()),
                        net.jqwik.api.Tuple.of(3, ocw2()),
                        net.jqwik.api.Tuple.of(3, ocw3()),
                        net.jqwik.api.Tuple.of(2, imrWrite()),
                        net.jqwik.api.Tuple.of(1, anyPicByte()),
                        net.jqwik.api.Tuple.of(1, elcrWrite()),
                        net.jqwik.api.Tuple.of(6, picRead()),
                        net.jqwik.api.Tuple.of(4, setIrqIn()))
                .list().ofMaxSize(40);
    }

    // --- PCI configuration mechanism #1 (PCI Local Bus 3.0, §3.2.2.3.2) ---

    /** CONFIG_ADDRESS: enable bit, bus 0, device 0-3, function 0-7, register (mostly dword aligned). */
    private Arbitrary<Access> configAddress() {
        Arbitrary<Integer> register = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 63).map(r -> r * 4)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 255)));
        return Combinators.combine(Arbitraries.of(true, true, true, false), Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 7), register)
                .as((enabled, device, function, reg) -> {
                    long address = (enabled ? 0x8000_0000L : 0) | (device << 11) | (function << 8) | reg;
                    return Access.of("outl 0xcf8 0x" + Long.toHexString(address));
                });
    }

    /** CONFIG_DATA at 0xCFC-0xCFF, every width that fits, read or written. */
    private Arbitrary<Access> configData() {
        return Combinators.combine(Arbitraries.of(1, 2, 4), Arbitraries.integers().between(0, 3),
                        Arbitraries.of(false, false, true), Arbitraries.longs().between(0, 0xffff_ffffL))
                .as((size, offset, write, value) -> {
                    int off = offset % (5 - size); // 1: 0-3, 2: 0-2, 4: 0
                    String suffix = size == 1 ? "b" : size == 2 ? "w" : "l";
                    String port = "0x" + Integer.toHexString(0xcfc + off);
                    long v = value & (size == 4 ? 0xffff_ffffL : (1L << (8 * size)) - 1);
                    return write ? Access.of("out" + suffix + " " + port + " 0x" + Long.toHexString(v))
                            : Access.of("in" + suffix + " " + port);
                });
    }

    // --- 8259A (Intel 231468-003) and the PIIX3 ELCR ---

    private static Arbitrary<Integer> chipBase() {
        return Arbitraries.of(0x20, 0xa0);
    }

    private static Arbitrary<Integer> bytes() {
        return Arbitraries.integers().between(0, 255);
    }

    private static String outb(int port, int value) {
        return "outb 0x" + Integer.toHexString(port) + " 0x" + Integer.toHexString(value & 0xff);
    }

    /** ICW1 (D4=1; IC4, SNGL, ADI, LTIM at random), ICW2, ICW3 unless single, ICW4 if IC4. */
    private Arbitrary<Access> icwSequence() {
        return Combinators.combine(chipBase(), Arbitraries.integers().between(0, 15), bytes(), bytes(),
                        Arbitraries.integers().between(0, 15))
                .as((base, icw1Bits, vector, cascade, icw4Bits) -> {
                    int icw1 = 0x10 | icw1Bits;
                    List<String> c = new ArrayList<>();
                    c.add(outb(base, icw1));
                    c.add(outb(base + 1, vector));
                    if ((icw1 & 0x02) == 0) {
                        c.add(outb(base + 1, cascade));
                    }
                    if ((icw1 & 0x01) != 0) {
                        c.add(outb(base + 1, 0x01 | (icw4Bits << 1)));
                    }
                    return new Access(c);
                });
    }

    /** OCW2: R, SL, EOI in D7-D5, the level in D2-D0. */
    private Arbitrary<Access> ocw2() {
        return Combinators.combine(chipBase(), Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 7))
                .as((base, code, level) -> Access.of(outb(base, code << 5 | level)));
    }

    /** OCW3: D3=1, D4=0; ESMM/SMM, P, RR/RIS at random. */
    private Arbitrary<Access> ocw3() {
        return Combinators.combine(chipBase(), bytes())
                .as((base, bits) -> Access.of(outb(base, 0x08 | (bits & 0x67))));
    }

    private Arbitrary<Access> imrWrite() {
        return Combinators.combine(chipBase(), bytes()).as((base, mask) -> Access.of(outb(base + 1, mask)));
    }

    private Arbitrary<Access> anyPicByte() {
        return Combinators.combine(Arbitraries.of(0x20, 0x21, 0xa0, 0xa1), bytes())
                .as((port, value) -> Access.of(outb(port, value)));
    }

    private Arbitrary<Access> elcrWrite() {
        return Combinators.combine(Arbitraries.of(0x4d0, 0x4d1), bytes())
                .as((port, value) -> Access.of(outb(port, value)));
    }

    private Arbitrary<Access> picRead() {
        return Arbitraries.of(0x20, 0x21, 0xa0, 0xa1, 0x4d0, 0x4d1)
                .map(port -> Access.of("inb 0x" + Integer.toHexString(port)));
    }

    /** An input pin of the master (device[6]) or slave (device[7]) driven low or high. */
    private Arbitrary<Access> setIrqIn() {
        return Combinators.combine(Arbitraries.of(6, 7), Arbitraries.integers().between(0, 7), Arbitraries.of(0, 1))
                .as((device, pin, level) -> Access.of("set_irq_in /machine/unattached/device[" + device
                        + "] unnamed-gpio-in " + pin + " " + level));
    }
}
