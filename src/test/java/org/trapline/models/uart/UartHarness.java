package org.trapline.models.uart;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/** A UART on its own clock and line, with what it sent recorded. */
final class UartHarness {
    final Scheduler scheduler = new Scheduler(new VirtualClock());
    final IrqLine irq = new IrqLine("irq4");
    final List<Integer> sent = new ArrayList<>();
    final Uart16550 uart;
    final boolean qemuProfile;

    UartHarness(Set<? extends Quirk> quirks) {
        qemuProfile = quirks.contains(UartQuirks.IRQ_IGNORES_OUT2);
        uart = new Uart16550("com1", scheduler, Set.copyOf(quirks), irq, sent::add);
    }

    static UartHarness hardware() {
        return new UartHarness(Set.of());
    }

    static UartHarness qemu() {
        return new UartHarness(Set.copyOf(UartQuirks.all()));
    }

    /** The qemu-pc quirks but {@code off}. */
    static UartHarness qemuWithout(UartQuirks off) {
        Set<UartQuirks> q = java.util.EnumSet.allOf(UartQuirks.class);
        q.remove(off);
        return new UartHarness(q);
    }

    int in(int offset) {
        return (int) uart.read(offset, 1);
    }

    void out(int offset, int value) {
        uart.write(offset, 1, value);
    }

    void advance(long ns) {
        scheduler.advanceTo(scheduler.nowNs() + ns);
    }

    /** Loopback, 8N1, OUT2 on, the interrupt reaching the line. */
    UartHarness loopback() {
        out(Uart16550.MCR, Uart16550.LOOP | Uart16550.OUT2);
        out(Uart16550.LCR, 0x03);
        return this;
    }

    /** Sends {@code v} and waits until the transmitter is empty. */
    void send(int v) {
        out(0, v);
        advance(uart.charTimeNs() + 1);
    }
}
