package org.trapline.models.pic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.trapline.models.bus.PortIoBus;
import org.trapline.models.device.Quirk;

/** IRR/ISR/IMR invariants of the 8259A pair under random guest writes and input changes. */
class PicProperties {
    /** One step: a write to an OCW port or ELCR, an input change, or an interrupt acknowledge. */
    record Step(int kind, int port, int value, int ir, boolean high) {
        static final int WRITE = 0;
        static final int INPUT_MASTER = 1;
        static final int INPUT_SLAVE = 2;
        static final int ACK = 3;
    }

    private static final int[] OCW_PORTS = {0x20, 0x21, 0xa0, 0xa1, 0x4d0, 0x4d1};

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.of(0, 1, 2, 3, 4, 5), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 7), Arbitraries.of(true, false))
                .as((kind, port, value, ir, high) -> new Step(kind, OCW_PORTS[port],
                        // no ICW1 on the command ports: the pair stays initialised in 8086 mode
                        (OCW_PORTS[port] & 0xf) == 0 && OCW_PORTS[port] < 0x100 ? value & ~0x10 : value, ir, high));
        return step.list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<Set<Quirk>> profiles() {
        return Arbitraries.of(Set.of(), Set.copyOf(PicPair.qemuQuirks()));
    }

    private static PicBoard board(Set<Quirk> quirks) {
        return new PicBoard(quirks).initialised();
    }

    private static void apply(PicBoard b, Step s) {
        switch (s.kind()) {
            case Step.WRITE -> b.io.write(s.port(), 1, s.value());
            case Step.INPUT_MASTER -> b.master(s.ir(), s.high());
            case Step.INPUT_SLAVE -> b.slave(s.ir(), s.high());
            default -> b.pic.acknowledge();
        }
    }

    private static boolean pollPending(Pic8259 chip) {
        return Boolean.parseBoolean(chip.registers().get("poll"));
    }

    @Property(tries = 500)
    void isrBitsAreOnlySetByAnAcknowledge(@ForAll("steps") List<Step> steps, @ForAll("profiles") Set<Quirk> quirks) {
        PicBoard b = board(quirks);
        for (Step s : steps) {
            int masterIsr = b.pic.master().isr();
            int slaveIsr = b.pic.slave().isr();
            apply(b, s);
            if (s.kind() != Step.ACK) {
                assertThat(b.pic.master().isr() & ~masterIsr).isZero();
                assertThat(b.pic.slave().isr() & ~slaveIsr).isZero();
            }
        }
    }

    @Property(tries = 500)
    void theVectorIsTheHighestPriorityUnmaskedRequest(@ForAll("steps") List<Step> steps,
            @ForAll("profiles") Set<Quirk> quirks) {
        PicBoard b = board(quirks);
        for (Step s : steps) {
            if (s.kind() != Step.ACK) {
                apply(b, s);
                continue;
            }
            Pic8259 m = b.pic.master();
            int requests = m.irr() & ~m.imr();
            boolean intr = b.pic.interruptRequested();
            int slaveRequests = b.pic.slave().irr() & ~b.pic.slave().imr();
            int vector = b.pic.acknowledge();
            if (!intr) {
                assertThat(vector).as("spurious IR7").isEqualTo(0x0f);
                continue;
            }
            int ir = vector >= 0x70 ? 2 : vector - 0x08;
            assertThat(requests & (1 << ir)).as("IR%d was an unmasked request", ir).isNotZero();
            for (int r = 1; r < 8; r++) {
                int higher = (m.lowestPriorityIr() + r) & 7;
                if (higher == ir) {
                    break;
                }
                assertThat(requests & (1 << higher)).as("IR%d outranks IR%d", higher, ir).isZero();
            }
            if (vector >= 0x70 && vector != 0x77) {
                assertThat(slaveRequests & (1 << (vector - 0x70))).as("slave level was unmasked").isNotZero();
            }
        }
    }

    @Property(tries = 500)
    void aMaskedInputIsNeverAcknowledged(@ForAll("steps") List<Step> steps, @ForAll("profiles") Set<Quirk> quirks) {
        PicBoard b = board(quirks);
        for (Step s : steps) {
            int masterImr = b.pic.master().imr();
            int slaveImr = b.pic.slave().imr();
            int vector = s.kind() == Step.ACK ? b.pic.acknowledge() : -1;
            if (s.kind() != Step.ACK) {
                apply(b, s);
            } else if (vector >= 0x70 && vector != 0x77) {
                assertThat(slaveImr & (1 << (vector - 0x70))).isZero();
                assertThat(masterImr & 0x04).isZero();
            } else if (vector >= 0x08 && vector < 0x0f) {
                assertThat(masterImr & (1 << (vector - 0x08))).isZero();
            }
        }
    }

    @Property(tries = 500)
    void anEoiClearsExactlyItsIsrBit(@ForAll("steps") List<Step> steps, @ForAll("profiles") Set<Quirk> quirks,
            @ForAll("eois") int eoi) {
        PicBoard b = board(quirks);
        steps.forEach(s -> apply(b, s));
        b.out(0x20, 0x48); // special mask mode off, so every EOI is the datasheet's plain one
        Pic8259 m = b.pic.master();
        int before = m.isr();
        int lowest = m.lowestPriorityIr();
        b.out(0x20, eoi);
        int cleared = before & ~m.isr();
        assertThat(m.isr() & ~before).isZero();
        if ((eoi & 0x40) != 0) {
            assertThat(cleared).isEqualTo(before & (1 << (eoi & 7)));
        } else if (before == 0) {
            assertThat(cleared).isZero();
        } else {
            int highest = -1;
            for (int r = 1; r <= 8 && highest < 0; r++) {
                int ir = (lowest + r) & 7;
                highest = (before & (1 << ir)) != 0 ? ir : -1;
            }
            assertThat(cleared).isEqualTo(1 << highest);
        }
    }

    @Provide
    Arbitrary<Integer> eois() {
        return Arbitraries.oneOf(Arbitraries.of(0x20, 0xa0),
                Arbitraries.integers().between(0, 7).map(l -> 0x60 | l),
                Arbitraries.integers().between(0, 7).map(l -> 0xe0 | l));
    }

    @Property(tries = 1000)
    void aGuestAccessNeverThrows(@ForAll("profiles") Set<Quirk> quirks,
            @ForAll("accesses") List<int[]> accesses) {
        PicBoard b = new PicBoard(quirks);
        PortIoBus io = b.io;
        assertThatCode(() -> {
            for (int[] a : accesses) {
                if (a[3] == 0) {
                    io.read(a[0], a[1]);
                } else if (a[3] == 1) {
                    io.write(a[0], a[1], a[2] & ((1L << (8 * a[1])) - 1));
                } else {
                    b.pic.masterInputs()[a[2] & 7].setLevel((a[2] & 8) != 0);
                    b.pic.slaveInputs()[(a[2] >> 4) & 7].setLevel((a[2] & 0x80) != 0);
                    b.pic.acknowledge();
                }
            }
        }).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<List<int[]>> accesses() {
        Arbitrary<Integer> port = Arbitraries.oneOf(Arbitraries.integers().between(0x1c, 0x24),
                Arbitraries.integers().between(0x9c, 0xa4), Arbitraries.integers().between(0x4cc, 0x4d5));
        return Combinators.combine(port, Arbitraries.of(1, 2, 4), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 2)).as((p, w, v, k) -> new int[] {p, w, v, k}).list().ofMaxSize(80);
    }
}
