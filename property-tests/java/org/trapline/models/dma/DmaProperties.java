package org.trapline.models.dma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Invariants of controller 1 under random sequences of the 8237A's programming actions, in both
 * profiles, with no transfer possible (no device, channel 4 never cascaded): the byte pointer
 * flip-flop toggles on every byte of an address or word count register and only the software commands
 * clear it; the base registers hold what was written; the current registers read back what was
 * written (QEMU: once a high byte loads them); the mask and request bits are as the commands left them.
 */
class DmaProperties {

    /** The controller and what the datasheet says its registers hold. */
    static final class State {
        final DmaRig rig;
        final boolean qemu;
        boolean flipFlop;
        final int[] base = new int[8];
        final int[] current = new int[8];
        int mask;
        int requests;

        State(boolean qemu) {
            this.qemu = qemu;
            this.rig = qemu ? DmaRig.qemu() : DmaRig.hardware();
            this.mask = qemu ? 0xff : 0x0f;
        }

        void writeRegister(int index, int value) {
            boolean high = flipFlop;
            flipFlop = !flipFlop;
            rig.out(index, value);
            int shift = high ? 8 : 0;
            int moved = (base[index | 1] - current[index | 1]) & 0xffff;
            base[index] = base[index] & (high ? 0x00ff : 0xff00) | value << shift;
            if (!qemu) {
                current[index] = base[index];
            } else if (high) {
                int ch = index & ~1;
                current[ch] = base[ch];
                current[ch + 1] = base[ch + 1];
            } else if ((index & 1) == 1) {
                current[index] = (base[index] - moved) & 0xffff;
            }
        }

        void readRegister(int index) {
            boolean high = flipFlop;
            flipFlop = !flipFlop;
            int got = rig.in(index);
            assertThat(got).as("register %d %s byte", index, high ? "high" : "low")
                    .isEqualTo(current[index] >>> (high ? 8 : 0) & 0xff);
        }
    }

    @Property(tries = 300)
    void controllerOneKeepsItsRegisters(@ForAll("chains") ActionChain<State> chain) {
        chain.withInvariant("the flip-flop", s -> assertThat(s.rig.dma.controller1().flipFlop()).isEqualTo(s.flipFlop))
                .withInvariant("base and current registers", DmaProperties::registersAsWritten)
                .withInvariant("the mask", s -> assertThat(s.rig.dma.controller1().mask()).isEqualTo(s.mask))
                .run();
    }

    private static void registersAsWritten(State s) {
        Dma8237 c = s.rig.dma.controller1();
        for (int ch = 0; ch < 4; ch++) {
            assertThat(c.baseAddress(ch)).as("base address %d", ch).isEqualTo(s.base[2 * ch]);
            assertThat(c.baseCount(ch)).as("base word count %d", ch).isEqualTo(s.base[2 * ch + 1]);
            assertThat(c.currentAddress(ch)).as("current address %d", ch).isEqualTo(s.current[2 * ch]);
            assertThat(c.currentCount(ch)).as("current word count %d", ch).isEqualTo(s.current[2 * ch + 1]);
        }
    }

    @Provide
    Arbitrary<ActionChain<State>> chains() {
        Arbitrary<Integer> ch = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> bytes = Arbitraries.integers().between(0, 255);
        return Arbitraries.of(true, false).flatMap(qemu -> ActionChain.startWith(() -> new State(qemu))
                .withAction(simple("master clear", s -> {
                    s.rig.out(0x0d, 0x00);
                    s.flipFlop = false;
                    s.mask = s.qemu ? 0xff : 0x0f;
                    s.requests = 0;
                }))
                .withAction(simple("clear byte pointer flip-flop", s -> {
                    s.rig.out(0x0c, 0x00);
                    s.flipFlop = false;
                }))
                .withAction(choice(Combinators.combine(ch, bytes).as((c, v) -> Transformer.<State>mutate(
                        String.format("write base address %d %02x", c, v), s -> s.writeRegister(2 * c, v)))))
                .withAction(choice(Combinators.combine(ch, bytes).as((c, v) -> Transformer.<State>mutate(
                        String.format("write base word count %d %02x", c, v), s -> s.writeRegister(2 * c + 1, v)))))
                .withAction(choice(ch.map(c -> Transformer.<State>mutate("read current address " + c,
                        s -> s.readRegister(2 * c)))))
                .withAction(choice(ch.map(c -> Transformer.<State>mutate("read current word count " + c,
                        s -> s.readRegister(2 * c + 1)))))
                .withAction(choice(bytes.map(v -> Transformer.<State>mutate(String.format("write mode register %02x", v),
                        s -> s.rig.out(0x0b, v)))))
                .withAction(choice(Combinators.combine(ch, Arbitraries.of(true, false)).as((c, set) -> Transformer
                        .<State>mutate("single mask " + c + (set ? " set" : " clear"), s -> {
                            s.rig.out(0x0a, (set ? 4 : 0) | c);
                            s.mask = set ? s.mask | 1 << c : s.mask & ~(1 << c);
                        }))))
                .withAction(choice(bytes.map(v -> Transformer.<State>mutate(String.format("write all mask bits %02x", v),
                        s -> {
                            s.rig.out(0x0f, v);
                            s.mask = v & (s.qemu ? 0xff : 0x0f);
                        }))))
                .withAction(simple("clear mask register", s -> {
                    s.rig.out(0x0e, 0);
                    s.mask = 0;
                }))
                .withAction(choice(Combinators.combine(ch, Arbitraries.of(true, false)).as((c, set) -> Transformer
                        .<State>mutate("write request register " + c + (set ? " set" : " reset"), s -> {
                            s.rig.out(0x09, (set ? 4 : 0) | c);
                            s.requests = set ? s.requests | 1 << c : s.requests & ~(1 << c);
                        }))))
                .withAction(simple("read status register", s -> assertThat(s.rig.in(0x08))
                        .as("no TC without a transfer; bits 4-7 the requests").isEqualTo(s.requests << 4)))
                .withMaxTransformations(80));
    }

    private static Action.Independent<State> simple(String name, Consumer<State> step) {
        return () -> Arbitraries.just(Transformer.mutate(name, step));
    }

    private static Action.Independent<State> choice(Arbitrary<Transformer<State>> transformers) {
        return () -> transformers;
    }
}
