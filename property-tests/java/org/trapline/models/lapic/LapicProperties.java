package org.trapline.models.lapic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.ApicMessage;
import org.trapline.models.irq.InterruptAcknowledge;
import org.trapline.models.machine.Profile;

/**
 * The local APIC's acceptance rules (SDM Vol. 3A 10.8) over chains of what its register page, the
 * interrupt messages, LINT0 and the CPU's INTA do to it, in the hardware and qemu-pc profiles. The
 * invariants read the APIC only through its registers, as software would.
 */
class LapicProperties {
    private static final int MAX_ACTIONS = 40;

    /** The 8259A behind LINT0: always has vector 08h to give. */
    static final class Pic implements InterruptAcknowledge {
        int acks;

        @Override
        public boolean interruptRequested() {
            return true;
        }

        @Override
        public int acknowledge() {
            acks++;
            return 0x08;
        }
    }

    /** The APIC, and what the last action saw and did. */
    static final class State {
        final Pic pic = new Pic();
        final LocalApic apic;
        final List<Integer> eoiBroadcasts = new ArrayList<>();
        int[] isrBefore;
        int[] tmrBefore;
        int[] irrBefore;
        int pprBefore;
        int svrBefore;
        int picAcksBefore;
        Integer acknowledged;
        boolean eoi;
        int broadcastsBefore;

        State(Set<Quirk> quirks) {
            apic = new LocalApic(0, quirks, pic, new Scheduler(new VirtualClock()));
            apic.setEoiListener(eoiBroadcasts::add);
            apic.writeRegister(LocalApic.SVR, 0x1ff); // the chain starts software-enabled; an SVR write may disable it
        }

        int[] words(int base) {
            int[] w = new int[8];
            for (int i = 0; i < 8; i++) {
                w[i] = apic.readRegister(base + 16 * i);
            }
            return w;
        }

        State before() {
            isrBefore = words(LocalApic.ISR);
            tmrBefore = words(LocalApic.TMR);
            irrBefore = words(LocalApic.IRR);
            pprBefore = apic.readRegister(LocalApic.PPR);
            svrBefore = apic.readRegister(LocalApic.SVR);
            picAcksBefore = pic.acks;
            broadcastsBefore = eoiBroadcasts.size();
            acknowledged = null;
            eoi = false;
            return this;
        }

        @Override
        public String toString() {
            return apic.registers().toString();
        }
    }

    static int highest(int[] words) {
        for (int i = 7; i >= 0; i--) {
            if (words[i] != 0) {
                return i * 32 + 31 - Integer.numberOfLeadingZeros(words[i]);
            }
        }
        return -1;
    }

    static boolean bit(int[] words, int vector) {
        return (words[vector >> 5] >>> (vector & 31) & 1) != 0;
    }

    private String profile;

    @Provide
    Arbitrary<String> profiles() {
        return Arbitraries.of(Profile.HARDWARE.id(), Profile.QEMU_PC.id());
    }

    @Provide
    Arbitrary<ActionChain<State>> chains() {
        return ActionChain.<State>startWith(() -> new State(
                        profile.equals(Profile.HARDWARE.id()) ? Set.of() : Profile.QEMU_PC.quirks()))
                .withAction(4, new Deliver())
                .withAction(2, write("TPR", LocalApic.TPR, Arbitraries.oneOf(Arbitraries.of(0, 0x10, 0x35),
                        Arbitraries.integers().between(0, 0xff))))
                .withAction(1, write("SVR", LocalApic.SVR, Arbitraries.of(0x1ff, 0x1ff, 0xff, 0x13f, 0x3e7)))
                .withAction(1, write("ICR", LocalApic.ICR_LOW, Combinators.combine(Arbitraries.of(0x4_0000, 0x8_0000, 0xc_0000, 0),
                        Arbitraries.integers().between(0, 0xff), Arbitraries.of(0, 0x8000)).as((s, v, l) -> s | v | l)))
                .withAction(1, write("LDR", LocalApic.LDR, Arbitraries.integers().between(0, 0xff).map(v -> v << 24)))
                .withAction(1, write("LVT LINT0", LocalApic.LVT_LINT0, Arbitraries.of(0x700, 0x1_0700, 0x10000, 0x8055, 0x61)))
                .withAction(1, new Lint0())
                .withAction(4, Action.just("acknowledge", s -> {
                    s.before().acknowledged = s.apic.acknowledge();
                    return s;
                }))
                .withAction(3, Action.just("EOI", s -> {
                    s.before().apic.writeRegister(LocalApic.EOI, 0);
                    s.eoi = true;
                    return s;
                }))
                .withMaxTransformations(MAX_ACTIONS);
    }

    private static Action.Independent<State> write(String name, int offset, Arbitrary<Integer> values) {
        return () -> values.map(v -> Transformer.mutate(String.format("write %s %08x", name, v),
                s -> s.before().apic.writeRegister(offset, v)));
    }

    /** An interrupt message: fixed, lowest priority, NMI, ExtINT or (rarely) INIT, to APIC 0, FFh or another. */
    static final class Deliver implements Action.Independent<State> {
        @Override
        public Arbitrary<Transformer<State>> transformer() {
            Arbitrary<Integer> dest = Arbitraries.of(0, 0, 0, 0xff, 1, 0x21);
            Arbitrary<Integer> mode = Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(8, ApicMessage.FIXED), net.jqwik.api.Tuple.of(3, ApicMessage.LOWEST_PRIORITY),
                    net.jqwik.api.Tuple.of(1, ApicMessage.NMI), net.jqwik.api.Tuple.of(1, ApicMessage.EXT_INT),
                    net.jqwik.api.Tuple.of(1, ApicMessage.INIT));
            // Mostly one vector per priority class, so that several classes nest in ISR; any vector now and then.
            Arbitrary<Integer> vectors = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1, 15).map(c -> c << 4 | 5)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0xff)));
            return Combinators.combine(dest, Arbitraries.of(false, false, true), vectors, mode,
                    Arbitraries.of(false, true)).as((d, logical, vector, m, level) -> {
                        ApicMessage message = ApicMessage.of(d, logical, vector, m, true, level);
                        return Transformer.mutate("deliver " + message, s -> s.before().apic.deliver(message));
                    });
        }
    }

    static final class Lint0 implements Action.Independent<State> {
        @Override
        public Arbitrary<Transformer<State>> transformer() {
            return Arbitraries.of(true, false).map(level -> Transformer.mutate("LINT0 " + (level ? 1 : 0),
                    s -> s.before().apic.lint0().setLevel(level)));
        }
    }

    @Property(tries = 400)
    void isrHoldsOneVectorPerPriorityClass(@ForAll("profiles") String profile, @ForAll("chains") ActionChain<State> chain) {
        this.profile = profile;
        chain.withInvariant("ISR holds at most one vector of each priority class", s -> {
            int[] isr = s.words(LocalApic.ISR);
            for (int c = 0; c < 16; c++) {
                assertThat(Integer.bitCount(isr[c >> 1] >>> (c & 1) * 16 & 0xffff)).as("class %x in %s", c, s).isLessThanOrEqualTo(1);
            }
        }).run();
    }

    @Property(tries = 400)
    void acknowledgeGivesTheHighestIrrVectorAboveThePpr(@ForAll("profiles") String profile,
            @ForAll("chains") ActionChain<State> chain) {
        this.profile = profile;
        chain.withInvariant("the acknowledge gives the highest IRR vector whose class is above the PPR's", s -> {
            if (s.acknowledged == null) {
                return;
            }
            int vector = s.acknowledged;
            int[] isr = s.words(LocalApic.ISR);
            if (s.pic.acks > s.picAcksBefore) {
                assertThat(vector).isEqualTo(0x08); // ExtINT: the 8259A's INTA, ISR untouched
                assertThat(isr).isEqualTo(s.isrBefore);
                return;
            }
            int highest = highest(s.irrBefore);
            boolean enabled = (s.svrBefore & 0x100) != 0;
            if (enabled && highest >= 0 && highest >> 4 > s.pprBefore >> 4) {
                assertThat(vector).isEqualTo(highest);
                assertThat(bit(isr, vector)).isTrue();
                assertThat(bit(s.words(LocalApic.IRR), vector)).isFalse();
            } else {
                assertThat(vector).as("spurious").isEqualTo(s.svrBefore & 0xff);
                assertThat(isr).isEqualTo(s.isrBefore);
            }
        }).run();
    }

    @Property(tries = 400)
    void eoiClearsTheHighestIsrBitAndBroadcastsLevelVectors(@ForAll("profiles") String profile,
            @ForAll("chains") ActionChain<State> chain) {
        this.profile = profile;
        chain.withInvariant("EOI clears the highest ISR bit; a level-triggered one is broadcast", s -> {
            if (!s.eoi) {
                return;
            }
            int[] isr = s.words(LocalApic.ISR);
            int highest = highest(s.isrBefore);
            int[] expected = s.isrBefore.clone();
            if (highest >= 0) {
                expected[highest >> 5] &= ~(1 << (highest & 31));
            }
            assertThat(isr).isEqualTo(expected);
            List<Integer> sent = s.eoiBroadcasts.subList(s.broadcastsBefore, s.eoiBroadcasts.size());
            if (highest >= 0 && bit(s.tmrBefore, highest)) {
                assertThat(sent).containsExactly(highest);
            } else {
                assertThat(sent).isEmpty();
            }
        }).run();
    }

    @Property(tries = 300)
    void pprFollowsTprAndTheInServiceClass(@ForAll("profiles") String profile, @ForAll("chains") ActionChain<State> chain) {
        this.profile = profile;
        chain.withInvariant("PPR = TPR if TPR[7:4] >= ISRV[7:4], else ISRV[7:4]:0 (10.8.3.1)", s -> {
            int tpr = s.apic.readRegister(LocalApic.TPR);
            int isrv = Math.max(highest(s.words(LocalApic.ISR)), 0);
            int expected = (tpr >> 4) >= (isrv >> 4) ? tpr : isrv & 0xf0;
            assertThat(s.apic.readRegister(LocalApic.PPR)).isEqualTo(expected);
            assertThat(s.apic.interruptRequested() || highest(s.words(LocalApic.IRR)) >> 4 <= expected >> 4
                    || (s.apic.readRegister(LocalApic.SVR) & 0x100) == 0).as("INTR for a deliverable IRR vector").isTrue();
        }).run();
    }
}
