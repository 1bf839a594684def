package org.trapline.models.ioapic;

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

/**
 * The 82093AA (290566-001 §3.2.4) driven by a guest's and a board's actions: redirection entries
 * written, inputs driven, EOIs, register reads at any width. After every action, on both profiles:
 * IOAPICVER never changes, Delivery Status reads idle, an edge entry has no Remote IRR, a level
 * entry's Remote IRR is set only by a delivery of its vector, an EOI leaves no entry of its vector
 * waiting whose request is gone, and every message is in the FEExxxxxh window with the entry's
 * trigger mode.
 */
class IoapicProperties {
    static final long LEVEL = 1L << 15;
    static final long REMOTE_IRR = 1L << 14;

    /** The IO-APIC and what it sent. */
    static final class State {
        final Set<Quirk> quirks;
        final Ioapic82093 ioapic;
        final List<ApicMessage> messages = new ArrayList<>();
        final Scheduler scheduler = new Scheduler(new VirtualClock());
        final int version;
        final boolean[] high = new boolean[Ioapic82093.PINS];

        State(boolean qemu) {
            quirks = qemu ? Set.copyOf(IoapicQuirks.all()) : Set.of();
            ioapic = new Ioapic82093(scheduler, quirks, messages::add);
            version = read(Ioapic82093.IOAPICVER);
        }

        int read(int register) {
            ioapic.write(Ioapic82093.IOREGSEL, 4, register);
            return (int) ioapic.read(Ioapic82093.IOWIN, 4);
        }

        void write(int register, long value) {
            ioapic.write(Ioapic82093.IOREGSEL, 4, register);
            ioapic.write(Ioapic82093.IOWIN, 4, value & 0xffff_ffffL);
        }

        long entry(int pin) {
            return (read(0x10 + 2 * pin) & 0xffff_ffffL) | (long) read(0x11 + 2 * pin) << 32;
        }

        /** Pin n's request as the model sees it: QEMU's IRR bit, the hardware's asserted input. */
        boolean requested(int pin) {
            if (quirks.contains(IoapicQuirks.REQUEST_REGISTER)) {
                return (Integer.parseInt(ioapic.registers().get("IRR").substring(2), 16) & 1 << pin) != 0;
            }
            boolean lowActive = (entry(pin) & 1L << 13) != 0;
            return high[pin] ^ lowActive;
        }
    }

    @Property(tries = 200)
    void invariantsHold(@ForAll boolean qemu, @ForAll("chains") ActionChain<State> chain) {
        chain.withInvariant(s -> {
            assertThat(s.read(Ioapic82093.IOAPICVER)).isEqualTo(s.version);
            for (int pin = 0; pin < Ioapic82093.PINS; pin++) {
                long e = s.entry(pin);
                assertThat(e & 1L << 12).as("Delivery Status of %d", pin).isZero();
                if ((e & LEVEL) == 0) {
                    assertThat(e & REMOTE_IRR).as("Remote IRR of edge entry %d", pin).isZero();
                }
            }
            for (ApicMessage m : s.messages) {
                assertThat(m.inWindow()).isTrue();
            }
        }).run();
    }

    @Provide
    Arbitrary<ActionChain<State>> chains() {
        return Arbitraries.of(true, false).flatMap(qemu -> ActionChain.startWith(() -> new State(qemu))
                .withAction(writeEntry()).withAction(drive()).withAction(eoi()).withAction(anyRead())
                .withMaxTransformations(40));
    }

    private static Arbitrary<Integer> pins() {
        return Arbitraries.integers().between(0, 5);
    }

    private static Action.Independent<State> writeEntry() {
        return () -> Combinators.combine(pins(), Arbitraries.of(0x31, 0x32), Arbitraries.integers().between(0, 31),
                Arbitraries.integers()).as((pin, vector, bits, high) -> Transformer.mutate(
                "entry " + pin + " bits " + bits, s -> {
                    long low = vector | (long) bits << 12 | (long) (bits & 1) << 11; // the RO bits 12 and 14 written too
                    s.write(0x11 + 2 * pin, high);
                    int before = s.messages.size();
                    boolean wasRemote = (s.entry(pin) & REMOTE_IRR) != 0;
                    s.write(0x10 + 2 * pin, low);
                    long after = s.entry(pin);
                    if ((after & REMOTE_IRR) != 0 && !wasRemote) {
                        assertThat(s.messages.subList(before, s.messages.size())).as("Remote IRR set by a delivery")
                                .anyMatch(m -> m.vector() == vector && m.levelTriggered());
                    }
                }));
    }

    private static Action.Independent<State> drive() {
        return () -> Combinators.combine(pins(), Arbitraries.of(true, false)).as((pin, level) -> Transformer.mutate(
                "pin " + pin + "=" + level, s -> {
                    long entry = s.entry(s.quirks.contains(IoapicQuirks.INPUT0_IS_PIN2) && pin == 0 ? 2 : pin);
                    int before = s.messages.size();
                    s.high[pin] = level;
                    s.ioapic.inputs()[pin].setLevel(level);
                    if ((entry & 1L << 16) != 0 && s.quirks.isEmpty()) {
                        assertThat(s.messages).as("a masked input delivers nothing (§3.2.4 bit 16)").hasSize(before);
                    }
                }));
    }

    private static Action.Independent<State> eoi() {
        return () -> Arbitraries.of(0x31, 0x32).map(vector -> Transformer.mutate("eoi " + vector, s -> {
            s.ioapic.endOfInterrupt(vector);
            for (int pin = 0; pin < Ioapic82093.PINS; pin++) {
                long e = s.entry(pin);
                if ((e & 0xff) == vector && (e & LEVEL) != 0 && (e & REMOTE_IRR) != 0) {
                    assertThat(s.requested(s.quirks.contains(IoapicQuirks.INPUT0_IS_PIN2) && pin == 0 ? 2 : pin)
                            && (e & 1L << 16) == 0).as("Remote IRR of %d after the EOI: delivered again", pin).isTrue();
                }
            }
        }));
    }

    private static Action.Independent<State> anyRead() {
        return () -> Combinators.combine(Arbitraries.longs().between(0, 0x3ff), Arbitraries.of(1, 2, 4))
                .as((offset, size) -> Transformer.mutate("read " + offset + "/" + size, s -> {
                    long v = s.ioapic.read(offset, size);
                    assertThat(v >>> 32).isZero();
                }));
    }
}
