package org.trapline.models.ioapic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.ApicMessage;
import org.trapline.models.irq.InterruptAcknowledge;

/** An IO-APIC alone, with a recorder for its messages and a scripted 8259A for ExtINT. */
final class IoapicRig {
    final Scheduler scheduler = new Scheduler(new VirtualClock());
    final List<ApicMessage> messages = new ArrayList<>();
    final Ioapic82093 ioapic;
    int acknowledges;

    IoapicRig(Set<Quirk> quirks) {
        ioapic = new Ioapic82093(scheduler, quirks, messages::add);
        ioapic.onExtInt(new InterruptAcknowledge() {
            @Override
            public boolean interruptRequested() {
                return true;
            }

            @Override
            public int acknowledge() {
                acknowledges++;
                return 0x0d;
            }
        });
    }

    static IoapicRig hardware() {
        return new IoapicRig(Set.of());
    }

    static IoapicRig with(Quirk... quirks) {
        return new IoapicRig(Set.of(quirks));
    }

    static IoapicRig qemu() {
        return new IoapicRig(Set.copyOf(IoapicQuirks.all()));
    }

    IoapicRig select(int register) {
        ioapic.write(Ioapic82093.IOREGSEL, 4, register);
        return this;
    }

    int read(int register) {
        select(register);
        return (int) ioapic.read(Ioapic82093.IOWIN, 4);
    }

    IoapicRig write(int register, long value) {
        select(register);
        ioapic.write(Ioapic82093.IOWIN, 4, value);
        return this;
    }

    IoapicRig entry(int pin, long value) {
        write(0x11 + 2 * pin, value >>> 32);
        return write(0x10 + 2 * pin, value & 0xffff_ffffL);
    }

    long entry(int pin) {
        return (read(0x10 + 2 * pin) & 0xffff_ffffL) | (long) read(0x11 + 2 * pin) << 32;
    }

    boolean remoteIrr(int pin) {
        return (entry(pin) & 1L << 14) != 0;
    }

    IoapicRig pin(int n, boolean high) {
        ioapic.inputs()[n].setLevel(high);
        return this;
    }

    IoapicRig eoi(int vector) {
        ioapic.endOfInterrupt(vector);
        return this;
    }

    int delivered() {
        return messages.size();
    }
}
