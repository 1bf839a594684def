package org.trapline.models.lapic;

import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.ApicMessage;
import org.trapline.models.irq.ApicMessageSink;

/**
 * The interrupt message window FEE00000h-FEEFFFFFh (SDM Vol. 3A 10.11.1 "Message Address Register
 * Format"): a dword memory write here is not stored anywhere but becomes an interrupt message to the
 * local APICs, with the destination, RH and DM in the address and the vector, delivery mode, level
 * and trigger mode in the datum (10.11.2). This is how a bus master sends an MSI. The processor's own
 * APIC page lies over the window's first 4 KiB (the board maps it at a higher priority).
 *
 * <p>Reads of the window are not defined by the SDM; they float high here. Under
 * {@link LapicQuirks#QTEST_ACCESS_HAS_NO_CPU} they read 0, as QEMU's apic-msi region answers
 * (hw/intc/apic.c apic_mem_read with no current CPU).
 */
public final class MessageWindow implements Inspectable {
    private final ApicMessageSink bus;
    private final boolean readsZero;
    private long messages;

    public MessageWindow(Set<Quirk> quirks, ApicMessageSink bus) {
        this.bus = bus;
        this.readsZero = quirks.contains(LapicQuirks.QTEST_ACCESS_HAS_NO_CPU);
    }

    /** The 1 MiB window, not yet placed. */
    public Region region() {
        return Region.of("apic-msi", ApicMessage.WINDOW_LENGTH, 1, 4, new IoDevice() {
            @Override
            public long read(long offset, int size) {
                return readsZero ? 0 : -1L;
            }

            @Override
            public void write(long offset, int size, long value) {
                if (size == 4) { // a message is a dword write (10.11); QEMU's apic_mem_write drops narrower ones too
                    messages++;
                    bus.deliver(new ApicMessage(ApicMessage.WINDOW_BASE + offset, (int) value));
                }
            }
        }, this);
    }

    @Override
    public String deviceName() {
        return "apic-msi";
    }

    @Override
    public Map<String, String> registers() {
        return Map.of("messages", Long.toString(messages));
    }
}
