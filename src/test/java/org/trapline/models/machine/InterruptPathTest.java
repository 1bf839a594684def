package org.trapline.models.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trapline.models.lapic.LocalApic;

/**
 * The board's interrupt path end to end, device line to CPU and back: a level-triggered ISA input at the
 * IO-APIC becomes a message, the local APIC takes it into IRR (TMR set), the CPU's acknowledge moves it to
 * ISR, and the EOI broadcast clears the entry's Remote IRR; with the line still high the IO-APIC sends the
 * interrupt again (82093AA 3.2.4, SDM Vol. 3A "EOI Register").
 */
class InterruptPathTest {
    private static final long IOREGSEL = 0xfec00000L, IOWIN = 0xfec00010L;
    private static final int REMOTE_IRR = 1 << 14;

    private static void redirect(Machine m, int pin, int low) {
        m.mmio().write(IOREGSEL, 4, 0x10 + 2 * pin);
        m.mmio().write(IOWIN, 4, low);
        m.mmio().write(IOREGSEL, 4, 0x11 + 2 * pin);
        m.mmio().write(IOWIN, 4, 0); // destination APIC ID 0
    }

    private static int entryLow(Machine m, int pin) {
        m.mmio().write(IOREGSEL, 4, 0x10 + 2 * pin);
        return (int) m.mmio().read(IOWIN, 4);
    }

    @Test
    void aLevelInterruptGoesFromTheIoapicToTheLocalApicAndItsEoiComesBack() {
        for (Profile profile : Profile.values()) {
            Machine m = profile.build(MachineConfig.defaults());
            LocalApic lapic = m.lapic();
            lapic.writeRegister(0xf0, 0x1ff); // SVR: APIC software enabled, spurious vector FFh
            redirect(m, 9, 0x59 | 1 << 15); // vector 59h, fixed, physical, level, active high
            m.gpio(PcBoard.IOAPIC_PATH).set(9, 1);

            assertThat(entryLow(m, 9) & REMOTE_IRR).as(profile + ": Remote IRR after delivery").isNotZero();
            assertThat(lapic.interruptRequested()).as(profile + ": INTR").isTrue();
            assertThat(lapic.acknowledge()).as(profile + ": vector").isEqualTo(0x59);
            assertThat(lapic.interruptRequested()).isFalse();

            m.gpio(PcBoard.IOAPIC_PATH).set(9, 0);
            lapic.writeRegister(0xb0, 0); // EOI: TMR set, so broadcast to the IO-APIC
            assertThat(entryLow(m, 9) & REMOTE_IRR).as(profile + ": Remote IRR after EOI").isZero();
            assertThat(lapic.interruptRequested()).isFalse();
        }
    }

    @Test
    void anEoiWithTheLineStillHighDeliversTheInterruptAgain() {
        Machine m = Profile.HARDWARE.build(MachineConfig.defaults());
        LocalApic lapic = m.lapic();
        lapic.writeRegister(0xf0, 0x1ff);
        redirect(m, 10, 0x6a | 1 << 15);
        m.gpio(PcBoard.IOAPIC_PATH).set(10, 1);
        assertThat(lapic.acknowledge()).isEqualTo(0x6a);
        lapic.writeRegister(0xb0, 0);
        assertThat(entryLow(m, 10) & REMOTE_IRR).isNotZero();
        assertThat(lapic.interruptRequested()).isTrue();
        assertThat(lapic.acknowledge()).isEqualTo(0x6a);
    }
}
