package org.trapline.models.uart;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Invariants of the 16550 under random sequences of the datasheet's actions, in both profiles: IIR names
 * one of Table IV's sources and bits 6-7 say FCR0, LSR.DR is set exactly while the RCVR FIFO holds data,
 * neither FIFO goes past 16, and the ISA line is the interrupt output gated as the profile wires OUT2.
 */
class UartProperties {
    @Property(tries = 200)
    void theUartKeepsItsInvariants(@ForAll("chains") ActionChain<UartHarness> chain) {
        chain.withInvariant("IIR names a source of Table IV", UartProperties::iirValid)
                .withInvariant("LSR.DR iff the RCVR FIFO holds data", r -> {
                    if (r.uart.fifoEnabled()) {
                        assertThat((r.uart.lineStatus() & Uart16550.DR) != 0).isEqualTo(r.uart.rcvrCount() > 0);
                    }
                })
                .withInvariant("FIFOs never beyond 16", r -> {
                    assertThat(r.uart.rcvrCount()).isBetween(0, ByteFifo.DEPTH);
                    assertThat(r.uart.xmitCount()).isBetween(0, ByteFifo.DEPTH);
                })
                .withInvariant("the IRQ line is the pending interrupt, gated by OUT2", UartProperties::irqConsistent)
                .run();
    }

    private static void iirValid(UartHarness r) {
        int iir = r.uart.iir();
        assertThat(iir & 0x0f).isIn(0x01, 0x00, 0x02, 0x04, 0x06, 0x0c);
        assertThat(iir & 0xc0).isEqualTo(r.uart.fifoEnabled() ? 0xc0 : 0);
        if ((iir & 0x0f) == Uart16550.IIR_RLS) {
            assertThat(r.uart.lineStatus() & Uart16550.LINE_ERRORS).isNotZero();
        }
        if ((iir & 0x0f) == Uart16550.IIR_RDA) {
            assertThat(r.uart.lineStatus() & Uart16550.DR).as("received data means DR").isNotZero();
        }
    }

    private static void irqConsistent(UartHarness r) {
        boolean pending = (r.uart.iir() & 1) == 0;
        int mcr = r.uart.modemControl();
        boolean gate = r.qemuProfile || (mcr & (Uart16550.OUT2 | Uart16550.LOOP)) == Uart16550.OUT2;
        assertThat(r.irq.level()).isEqualTo(pending && gate);
    }

    @Provide
    Arbitrary<ActionChain<UartHarness>> chains() {
        return Arbitraries.of(true, false).flatMap(qemu -> ActionChain.startWith(() -> qemu ? UartHarness.qemu() : UartHarness.hardware())
                .withAction(new Byte("write THR", (r, v) -> r.out(0, v)))
                .withAction(new Byte("write IER", (r, v) -> r.out(1, v)))
                .withAction(new Byte("write FCR", (r, v) -> r.out(2, v & 0xcf)))
                .withAction(new Byte("write LCR", (r, v) -> r.out(3, v & 0x7f)))
                .withAction(new Byte("write MCR", (r, v) -> r.out(4, v)))
                .withAction(new Byte("receive a character", (r, v) -> r.uart.receive(v, v & 0x1c)))
                .withAction(new Byte("set the divisor latch", (r, v) -> {
                    int lcr = r.in(3);
                    r.out(3, lcr | 0x80);
                    r.out(0, v & 0x0f);
                    r.out(3, lcr);
                }))
                .withAction(new Simple("read RBR", r -> r.in(0)))
                .withAction(new Simple("read IIR", r -> r.in(2)))
                .withAction(new Simple("read LSR", r -> r.in(5)))
                .withAction(new Simple("read MSR", r -> r.in(6)))
                .withAction(new Simple("master reset", r -> r.uart.reset()))
                .withAction(new Byte("advance clock", (r, v) -> r.advance(v * 50_000L)))
                .withMaxTransformations(60));
    }

    static class Simple implements Action.Independent<UartHarness> {
        private final String name;
        private final java.util.function.Consumer<UartHarness> step;

        Simple(String name, java.util.function.Consumer<UartHarness> step) {
            this.name = name;
            this.step = step;
        }

        @Override
        public Arbitrary<Transformer<UartHarness>> transformer() {
            return Arbitraries.just(Transformer.mutate(name, step));
        }
    }

    static class Byte implements Action.Independent<UartHarness> {
        private final String name;
        private final java.util.function.ObjIntConsumer<UartHarness> step;

        Byte(String name, java.util.function.ObjIntConsumer<UartHarness> step) {
            this.name = name;
            this.step = step;
        }

        @Override
        public Arbitrary<Transformer<UartHarness>> transformer() {
            return Arbitraries.integers().between(0, 255)
                    .map(v -> Transformer.mutate(String.format("%s %02x", name, v), r -> step.accept(r, v)));
        }
    }
}
