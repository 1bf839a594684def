package org.trapline.models.pic;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.state.ActionChain;

import org.trapline.chains.ChainCounterexamples;

/**
 * The 8259A pair's IRR/ISR/IMR invariants (Intel 231468) over chains of the datasheet's actions
 * ({@link PicChain}), in the hardware and qemu-pc profiles. A failing chain, shrunk, is written as
 * {@code target/counterexamples/<property>.qtest}.
 */
@AddLifecycleHook(ChainCounterexamples.class)
class PicProperties {
    private static final int MAX_ACTIONS = 30;

    /** The profile of the try under way, a parameter of each property: its chain starts on a pair of that profile. */
    private String profile;

    @Provide
    Arbitrary<String> profiles() {
        return PicChain.profiles();
    }

    @Provide
    Arbitrary<ActionChain<PicChain>> datasheetChains() {
        return PicChain.datasheet(() -> profile).withMaxTransformations(MAX_ACTIONS);
    }

    @Provide
    Arbitrary<ActionChain<PicChain>> anyAccessChains() {
        return PicChain.anyAccess(() -> profile).withMaxTransformations(60);
    }

    @Property(tries = 300)
    void isrBitsAreOnlySetByAnAcknowledge(@ForAll("profiles") String profile,
            @ForAll("datasheetChains") ActionChain<PicChain> chain) {
        this.profile = profile;
        chain.withInvariant("ISR bits are only set by an acknowledge", PicProperties::isrOnlySetByAnAcknowledge).run();
    }

    /** No action but the INTA cycle, or the RD after a chip's poll command, sets a bit in that chip's ISR. */
    static void isrOnlySetByAnAcknowledge(PicChain s) {
        if (!s.acknowledged[PicChain.MASTER]) {
            assertThat(s.b.pic.master().isr() & ~s.masterIsrBefore).as("master ISR bits set by " + s.action()).isZero();
        }
        if (!s.acknowledged[PicChain.SLAVE]) {
            assertThat(s.b.pic.slave().isr() & ~s.slaveIsrBefore).as("slave ISR bits set by " + s.action()).isZero();
        }
    }

    @Property(tries = 500)
    void theVectorIsTheHighestPriorityUnmaskedRequest(@ForAll("profiles") String profile,
            @ForAll("datasheetChains") ActionChain<PicChain> chain) {
        this.profile = profile;
        chain.withInvariant("the vector is the highest-priority unmasked request",
                PicProperties::theVectorIsTheHighestPriorityUnmaskedRequest).run();
    }

    /**
     * An INTA cycle with INTR low answers the master's IR7 (spurious) vector; otherwise the vector's
     * level was an unmasked request of the master, no unmasked request outranked it under the current
     * rotation, and a slave vector (but its IR7 default) was an unmasked request of the slave.
     */
    static void theVectorIsTheHighestPriorityUnmaskedRequest(PicChain s) {
        PicChain.Inta a = s.inta;
        if (a == null) {
            return;
        }
        int vector = a.vector();
        if (!a.intr()) {
            assertThat(vector).as("spurious IR7").isEqualTo(0x0f);
            return;
        }
        int ir = vector >= PicChain.SLAVE_BASE ? 2 : vector - PicChain.MASTER_BASE;
        assertThat(a.requests() & (1 << ir)).as("IR%d was an unmasked request", ir).isNotZero();
        for (int r = 1; r < 8; r++) {
            int higher = (a.lowest() + r) & 7;
            if (higher == ir) {
                break;
            }
            assertThat(a.requests() & (1 << higher)).as("IR%d outranks IR%d", higher, ir).isZero();
        }
        if (vector >= PicChain.SLAVE_BASE && vector != PicChain.SLAVE_BASE + 7) {
            assertThat(a.slaveRequests() & (1 << (vector - PicChain.SLAVE_BASE))).as("slave level was unmasked")
                    .isNotZero();
        }
    }

    @Property(tries = 500)
    void aMaskedInputIsNeverAcknowledged(@ForAll("profiles") String profile,
            @ForAll("datasheetChains") ActionChain<PicChain> chain) {
        this.profile = profile;
        chain.withInvariant("a masked input is never acknowledged", PicProperties::aMaskedInputIsNeverAcknowledged).run();
    }

    /** The INTA cycle's vector is never that of a level masked in the IMR (a slave's: nor the cascade IR2 masked). */
    static void aMaskedInputIsNeverAcknowledged(PicChain s) {
        PicChain.Inta a = s.inta;
        if (a == null) {
            return;
        }
        int vector = a.vector();
        if (vector >= PicChain.SLAVE_BASE && vector != PicChain.SLAVE_BASE + 7) {
            assertThat(a.slaveImr() & (1 << (vector - PicChain.SLAVE_BASE))).isZero();
            assertThat(a.masterImr() & 0x04).isZero();
        } else if (vector >= PicChain.MASTER_BASE && vector < PicChain.MASTER_BASE + 7) {
            assertThat(a.masterImr() & (1 << (vector - PicChain.MASTER_BASE))).isZero();
        }
    }

    @Property(tries = 500)
    void anEoiClearsExactlyItsIsrBit(@ForAll("profiles") String profile,
            @ForAll("datasheetChains") ActionChain<PicChain> chain) {
        this.profile = profile;
        chain.withInvariant("an EOI clears exactly its ISR bit", PicProperties::anEoiClearsExactlyItsIsrBit).run();
    }

    /**
     * Out of special mask mode, an OCW2 EOI sets no ISR bit; a specific EOI clears its level's bit
     * (if set) and no other; a non-specific EOI clears the highest-priority ISR bit, and nothing when
     * the ISR is clear.
     */
    static void anEoiClearsExactlyItsIsrBit(PicChain s) {
        PicChain.Eoi e = s.eoi;
        if (e == null || e.specialMask()) {
            return;
        }
        int before = e.before();
        int cleared = before & ~e.after();
        assertThat(e.after() & ~before).isZero();
        if ((e.command() & 0x40) != 0) {
            assertThat(cleared).isEqualTo(before & (1 << (e.command() & 7)));
        } else if (before == 0) {
            assertThat(cleared).isZero();
        } else {
            int highest = -1;
            for (int r = 1; r <= 8 && highest < 0; r++) {
                int ir = (e.lowest() + r) & 7;
                highest = (before & (1 << ir)) != 0 ? ir : -1;
            }
            assertThat(cleared).isEqualTo(1 << highest);
        }
    }

    /** Any access near the ports, of any width, any input change and INTA cycle, from reset: none throws. */
    @Property(tries = 500)
    void aGuestAccessNeverThrows(@ForAll("profiles") String profile,
            @ForAll("anyAccessChains") ActionChain<PicChain> chain) {
        this.profile = profile;
        chain.run();
    }
}
