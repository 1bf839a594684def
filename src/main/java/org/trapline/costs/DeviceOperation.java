package org.trapline.costs;

import java.util.List;
import java.util.function.Consumer;

import org.trapline.models.machine.Machine;

/**
 * One thing a driver does to a device, as the instructions it takes: {@code ports} and {@code mmioPages} are the device's resources that passthrough hands to the guest;
 * {@code prepare} puts the fresh board in the state the operation presumes (an interrupt in
 * service before an EOI), directly on the buses, outside the pipeline and so outside the counts.
 */
public record DeviceOperation(String id, String device, String citation, List<PortRange> ports, List<Long> mmioPages,
        Consumer<Machine> prepare, List<GuestInstruction> sequence) {
    public DeviceOperation {
        ports = List.copyOf(ports);
        mmioPages = List.copyOf(mmioPages);
        sequence = List.copyOf(sequence);
    }

    /** Ports {@code first} to {@code first + count - 1}. */
    public record PortRange(int first, int count) {
    }

    /** The instructions as a guest's listing reads them, separated by semicolons. */
    public String listing() {
        StringBuilder b = new StringBuilder();
        for (GuestInstruction i : sequence) {
            b.append(b.length() == 0 ? "" : "; ").append(i);
        }
        return b.toString();
    }

    /** The same operation with another instruction sequence. */
    public DeviceOperation withSequence(List<GuestInstruction> other) {
        return new DeviceOperation(id, device, citation, ports, mmioPages, prepare, other);
    }
}
