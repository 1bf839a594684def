package org.trapline.models.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.Profile;

/**
 * An ATA channel with no device, driven by random byte accesses to its command and control blocks: on
 * hardware every read is the undriven bus (DD7 pulled down) and INTRQ never rises; under QEMU every read
 * is 0 and IRQ 14 follows a shadow of the DEV bit and nIEN (a command to device 0 raises it unless nIEN,
 * one to device 1 only lowers it, SRST raises it unless nIEN, a Status read lowers it). Any access of any
 * width never throws.
 */
class IdeProperties {
    static final int BASE = 0x1f0, CONTROL = 0x3f6;

    record Op(int port, boolean write, int width, long value) {
    }

    private static PortIoBus bus(Profile p, IrqLine irq) {
        PortIoBus io = new PortIoBus();
        io.setQemuSplitting(p == Profile.QEMU_PC);
        AtaChannel ide = new AtaChannel("ide-primary", p.quirks(), irq);
        io.map(ide.commandBlock().at(BASE));
        io.map(ide.controlBlock().at(CONTROL));
        return io;
    }

    @Property(tries = 200)
    void hardwareReadsTheFloatingBusAndNeverInterrupts(@ForAll("byteOps") List<Op> ops) {
        IrqLine irq = new IrqLine("irq14");
        PortIoBus io = bus(Profile.HARDWARE, irq);
        for (Op op : ops) {
            if (op.write()) {
                io.write(op.port(), 1, op.value());
            } else {
                assertThat(io.read(op.port(), 1)).as("%s", op).isEqualTo(0x7f);
            }
            assertThat(irq.level()).as("after %s", op).isFalse();
        }
    }

    @Property(tries = 200)
    void qemuReadsZeroAndIrq14FollowsDevAndNien(@ForAll("byteOps") List<Op> ops) {
        IrqLine irq = new IrqLine("irq14");
        PortIoBus io = bus(Profile.QEMU_PC, irq);
        int dev = 0;
        boolean nien = false;
        boolean level = false;
        for (Op op : ops) {
            int v = (int) op.value();
            if (op.write()) {
                io.write(op.port(), 1, v);
                if (op.port() == BASE + 6) {
                    dev = v >> 4 & 1;
                } else if (op.port() == BASE + 7) {
                    level = dev == 0 && !nien;
                } else if (op.port() == CONTROL) {
                    nien = (v & 0x02) != 0;
                    level |= (v & 0x04) != 0 && !nien;
                }
            } else {
                assertThat(io.read(op.port(), 1)).as("%s", op).isZero();
                if (op.port() == BASE + 7) {
                    level = false;
                }
            }
            assertThat(irq.level()).as("after %s", op).isEqualTo(level);
        }
    }

    @Property(tries = 200)
    void noAccessThrows(@ForAll("anyOps") List<Op> ops, @ForAll boolean qemu) {
        PortIoBus io = bus(qemu ? Profile.QEMU_PC : Profile.HARDWARE, new IrqLine("irq14"));
        for (Op op : ops) {
            if (op.write()) {
                io.write(op.port(), op.width(), op.value());
            } else {
                long mask = op.width() == 4 ? 0xffffffffL : (1L << (8 * op.width())) - 1;
                assertThat(io.read(op.port(), op.width()) & ~mask).isZero();
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> byteOps() {
        Arbitrary<Integer> ports = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(BASE, BASE + 7)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(BASE + 6, BASE + 7)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(CONTROL)));
        Arbitrary<Long> values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 0xff)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(0x00L, 0x02L, 0x04L, 0x06L, 0xa0L, 0xb0L, 0x90L, 0xecL)));
        return Combinators.combine(ports, Arbitraries.of(true, false), values).as((p, w, v) -> new Op(p, w, 1, v))
                .list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Op>> anyOps() {
        Arbitrary<Integer> ports = Arbitraries.integers().between(BASE - 2, BASE + 9)
                .injectDuplicates(0.1).edgeCases(c -> c.add(CONTROL));
        return Combinators.combine(Arbitraries.oneOf(ports, Arbitraries.integers().between(CONTROL - 2, CONTROL + 2)),
                        Arbitraries.of(true, false), Arbitraries.of(1, 2, 4), Arbitraries.longs().between(0, 0xffffffffL))
                .as(Op::new).list().ofMaxSize(40);
    }
}
