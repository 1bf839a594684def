package org.trapline.models.vcpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.trapline.models.vmx.ExecutionControls;
import org.trapline.models.vmx.ExitReason;

/**
 * The trap pipeline against the SDM's rules, over random controls, bitmaps and guest programs:
 * an I/O instruction exits iff "use I/O bitmaps" is set and the bit of one of its ports is set or it
 * wraps past FFFFh, or "use I/O bitmaps" is clear and "unconditional I/O exiting" set; a trapped
 * program exits once per instruction that touches a trapped port or page; and a passthrough guest
 * sees the very answers and the device the very accesses that the trapped one does, with no exit.
 */
class TrapPipelineProperties {

    @Provide
    Arbitrary<Integer> ports() {
        // near both ends of the space, so that wraps and bitmap B are met often
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 0x20), Arbitraries.integers().between(0xffe0, 0xffff),
                Arbitraries.integers().between(0x7ff0, 0x8010), Arbitraries.integers().between(0, 0xffff));
    }

    @Property(tries = 400)
    void anIoInstructionExitsIffTheSdmSaysSo(@ForAll boolean useBitmaps, @ForAll boolean unconditional,
                                              @ForAll @Size(max = 12) Set<@From("ports") Integer> trapped,
                                              @ForAll("ports") int port, @ForAll("sizes") int size,
                                              @ForAll boolean in) {
        Rig rig = new Rig();
        rig.pipeline.vmcs().primaryControls = (useBitmaps ? ExecutionControls.USE_IO_BITMAPS : 0)
                | (unconditional ? ExecutionControls.UNCONDITIONAL_IO_EXITING : 0);
        for (int p : trapped) {
            rig.pipeline.vmcs().ioBitmaps.trap(p, 1);
        }
        boolean expected;
        if (useBitmaps) {
            expected = false;
            for (int i = 0; i < size; i++) {
                expected |= port + i > 0xffff || trapped.contains(port + i);
            }
        } else {
            expected = unconditional;
        }
        rig.r().rdx(port);
        if (in) {
            rig.cpu.inDx(size);
        } else {
            rig.cpu.outDx(size);
        }
        assertThat(rig.pipeline.vmcs().ioExits(port, size)).isEqualTo(expected);
        assertThat(rig.counters().exits(ExitReason.IO_INSTRUCTION)).isEqualTo(expected ? 1 : 0);
        assertThat(rig.counters().emulatedAccesses() + rig.counters().passthroughAccesses()).isEqualTo(1);
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.of(1, 2, 4);
    }

    /** One guest instruction with the registers it needs set just before it. */
    record Op(int kind, int size, int port, boolean rep, int count, boolean down, int addressSize, int offset,
              long value) {
        static final int IN = 0;
        static final int OUT = 1;
        static final int IN_DX = 2;
        static final int OUT_DX = 3;
        static final int INS = 4;
        static final int OUTS = 5;
        static final int LOAD = 6;
        static final int STORE = 7;

        /** Whether the instruction makes an access (a REP string with a zero count makes none). */
        boolean accesses() {
            return !(kind == INS || kind == OUTS) || !rep || count != 0;
        }

        boolean mmio() {
            return kind == LOAD || kind == STORE;
        }

        void run(Vcpu cpu) {
            Registers r = cpu.registers();
            r.rflags(down ? Registers.DF : 0).rdx(port).rcx(count).rsi(0x2800 + offset).rdi(0x2800 + offset);
            if (kind == STORE || kind == OUT || kind == OUT_DX) {
                r.rax(value);
            }
            int mmioSize = size == 4 && value < 0 ? 8 : size;
            switch (kind) {
                case IN -> cpu.in(size, port & 0xff);
                case OUT -> cpu.out(size, port & 0xff);
                case IN_DX -> cpu.inDx(size);
                case OUT_DX -> cpu.outDx(size);
                case INS -> cpu.ins(size, rep, addressSize);
                case OUTS -> cpu.outs(size, rep, addressSize);
                case LOAD -> cpu.load(mmioSize, Rig.MMIO_BASE + offset);
                default -> cpu.store(mmioSize, Rig.MMIO_BASE + offset);
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> programs() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.integers().between(0, 7), sizes(), Arbitraries.integers().between(0x60, 0x6f),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 5), Arbitraries.of(true, false),
                Arbitraries.of(4, 8), Arbitraries.integers().between(0, 0x7f8)).as((kind, size, port, rep, count, down,
                        addressSize, offset) -> new Op(kind, size, port, rep, count, down, addressSize, offset,
                        offset * 0x9e37_79b9_7f4a_7c15L));
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 200)
    void passthroughGivesTheTrappedAnswersWithNoExit(@ForAll("programs") List<Op> program,
                                                      @ForAll @IntRange(min = 0, max = 0xffff) int bitmapSeed) {
        Rig trapped = new Rig();
        Rig through = new Rig();
        through.pipeline.useIoBitmaps();
        through.pipeline.vmcs().ept.passThrough(Rig.MMIO_BASE, 0x1000);
        Rig mixed = new Rig();
        mixed.pipeline.useIoBitmaps();
        for (int p = 0x60; p < 0x70; p++) {
            if ((bitmapSeed >>> (p - 0x60) & 1) != 0) {
                mixed.pipeline.vmcs().ioBitmaps.trap(p, 1);
            }
        }
        if ((bitmapSeed & 1) != 0) {
            mixed.pipeline.vmcs().ept.passThrough(Rig.MMIO_BASE, 0x1000);
        }
        for (Rig rig : List.of(trapped, through, mixed)) {
            for (int i = 0; i < 0x1000; i += 8) {
                rig.ram.write(0x2000 + i, 8, i * 0x0101_0101_0101_0101L);
            }
            for (Op op : program) {
                op.run(rig.cpu);
            }
        }
        long accessing = program.stream().filter(Op::accesses).count();
        assertThat(trapped.counters().totalExits()).isEqualTo(accessing);
        assertThat(trapped.counters().passthroughAccesses()).isZero();
        assertThat(through.counters().totalExits()).isZero();
        assertThat(through.counters().emulatedAccesses()).isZero();
        boolean mmioTrapped = (bitmapSeed & 1) == 0;
        long mixedExits = program.stream().filter(Op::accesses).filter(op -> op.mmio() ? mmioTrapped
                : java.util.stream.IntStream.range(op.port(), op.port() + op.size())
                        .anyMatch(p -> p < 0x70 && (bitmapSeed >>> (p - 0x60) & 1) != 0)).count();
        assertThat(mixed.counters().totalExits()).isEqualTo(mixedExits);
        for (Rig rig : List.of(through, mixed)) {
            assertThat(rig.ports.log).isEqualTo(trapped.ports.log);
            assertThat(rig.registers.log).isEqualTo(trapped.registers.log);
            assertThat(rig.r().rax()).isEqualTo(trapped.r().rax());
            assertThat(rig.r().rcx()).isEqualTo(trapped.r().rcx());
            assertThat(rig.r().rsi()).isEqualTo(trapped.r().rsi());
            assertThat(rig.r().rdi()).isEqualTo(trapped.r().rdi());
            assertThat(rig.r().rip()).isEqualTo(trapped.r().rip());
            for (int i = 0; i < 0x1000; i += 8) {
                assertThat(rig.ram.read(0x2000 + i, 8)).isEqualTo(trapped.ram.read(0x2000 + i, 8));
            }
            assertThat(rig.counters().emulatedAccesses() + rig.counters().passthroughAccesses())
                    .isEqualTo(trapped.counters().emulatedAccesses());
        }
    }
}
