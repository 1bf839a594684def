package org.trapline.models.kbc;

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
 * Invariants of the 8042 with its keyboard and mouse under random guest sequences, in both profiles:
 * the output buffer is never empty while a byte waits for it, IRQ1 and IRQ12 agree with the status
 * register and the command byte's interrupt enables, the devices' queues stay bounded, and no
 * access throws.
 */
class KbcProperties {
    private static final int[] KEYBOARD_BYTES = {0xff, 0xfe, 0xf6, 0xf5, 0xf4, 0xf3, 0xf2, 0xf0, 0xee, 0xed, 0xfa,
        0xfb, 0xfc, 0xf7, 0x00, 0x01, 0x02, 0x03, 0x05, 0x1c, 0x43};
    private static final int[] MOUSE_BYTES = {0xff, 0xfe, 0xf6, 0xf5, 0xf4, 0xf3, 0xf2, 0xf0, 0xee, 0xec, 0xeb, 0xea,
        0xe9, 0xe8, 0xe7, 0xe6, 0xc8, 0x64, 0x50, 0x0a, 0x03, 0x07, 0x42};
    private static final int[] COMMANDS = {0x20, 0xa7, 0xa8, 0xa9, 0xab, 0xad, 0xae, 0xc0, 0xd0, 0xdd, 0xdf, 0xff,
        0xf1, 0xa1, 0xe0};

    @Property(tries = 200)
    void theControllerKeepsItsInvariants(@ForAll("chains") ActionChain<KbcRig> chain) {
        chain.withInvariant("OBF is set whenever a byte waits", r -> assertThat(r.full() || !r.kbc.byteWaiting())
                        .as("a byte waits while the output buffer is empty").isTrue())
                .withInvariant("IRQ1 and IRQ12 follow the status and command byte", KbcProperties::irqsConsistent)
                .withInvariant("the queues are bounded", r -> assertThat(r.kbc.queuedBytes())
                        .isLessThanOrEqualTo(2 * Ps2Queue.PS2_QUEUE_SIZE + 4))
                .run();
    }

    private static void irqsConsistent(KbcRig r) {
        int status = r.status();
        int ccb = r.kbc.commandByte();
        boolean obf = (status & Kbc8042.OBF) != 0;
        boolean aux = (status & Kbc8042.AUXB) != 0;
        boolean kbdIrq = obf && !aux && (ccb & Kbc8042.CCB_INT) != 0;
        assertThat(r.irq12.level()).as("IRQ12").isEqualTo(obf && aux && (ccb & Kbc8042.CCB_INT2) != 0);
        if (qemu(r)) {
            // QEMU leaves IRQ1 as it was on ADh/AEh until the next update: only its being high is implied.
            assertThat(!r.irq1.level() || kbdIrq).as("IRQ1 high only for a keyboard-side byte with INT").isTrue();
        } else {
            assertThat(r.irq1.level()).as("IRQ1").isEqualTo(kbdIrq);
        }
    }

    private static boolean qemu(KbcRig r) {
        return r.qemu;
    }

    @Provide
    Arbitrary<ActionChain<KbcRig>> chains() {
        return Arbitraries.of(true, false).flatMap(qemu -> ActionChain.startWith(() -> qemu ? KbcRig.qemu() : KbcRig.hardware())
                .withAction(new Simple("controller self-test", r -> r.cmd(0xaa)))
                .withAction(new WriteCommandByte())
                .withAction(new Simple("keyboard reset", r -> r.data(0xff)) {
                    @Override
                    public boolean precondition(KbcRig r) {
                        return r.kbc.pendingCommand() == 0;
                    }
                })
                .withAction(new Bytes("keyboard byte", KEYBOARD_BYTES, KbcRig::data))
                .withAction(new Bytes("aux command via D4h", MOUSE_BYTES, (r, b) -> r.cmd(0xd4, b)))
                .withAction(new Bytes("controller command", COMMANDS, KbcRig::cmd))
                .withAction(new Bytes("D2h/D3h output", new int[] {0xd2, 0xd3}, (r, c) -> r.cmd(c, 0x5a)))
                .withAction(new Simple("write output port, reset line high", r -> r.cmd(0xd1, 0xcf)))
                .withAction(new Simple("pulse the reset line", r -> r.cmd(0xfe)))
                .withAction(new Simple("board reset", r -> r.kbc.reset()))
                .withAction(new Simple("read status", KbcRig::status))
                .withAction(new Simple("read output buffer", KbcRig::read) {
                    @Override
                    public boolean precondition(KbcRig r) {
                        return r.full();
                    }
                })
                .withAction(new Simple("read empty output buffer", KbcRig::read))
                .withMaxTransformations(60));
    }

    /** An action with no choice in it. */
    static class Simple implements Action.Independent<KbcRig> {
        private final String name;
        private final java.util.function.Consumer<KbcRig> step;

        Simple(String name, java.util.function.Consumer<KbcRig> step) {
            this.name = name;
            this.step = step;
        }

        @Override
        public Arbitrary<Transformer<KbcRig>> transformer() {
            return Arbitraries.just(Transformer.mutate(name, step));
        }
    }

    /** One of {@code bytes} given to {@code step}. */
    static class Bytes implements Action.Independent<KbcRig> {
        private final String name;
        private final int[] bytes;
        private final java.util.function.ObjIntConsumer<KbcRig> step;

        Bytes(String name, int[] bytes, java.util.function.ObjIntConsumer<KbcRig> step) {
            this.name = name;
            this.bytes = bytes.clone();
            this.step = step;
        }

        @Override
        public Arbitrary<Transformer<KbcRig>> transformer() {
            return Arbitraries.integers().between(0, bytes.length - 1).map(i -> bytes[i])
                    .map(b -> Transformer.mutate(String.format("%s %02x", name, b), r -> step.accept(r, b)));
        }
    }

    /** 60h and any byte. */
    static class WriteCommandByte implements Action.Independent<KbcRig> {
        @Override
        public Arbitrary<Transformer<KbcRig>> transformer() {
            return Arbitraries.integers().between(0, 255)
                    .map(v -> Transformer.mutate(String.format("write command byte %02x", v), r -> r.cmd(0x60, v)));
        }
    }
}
