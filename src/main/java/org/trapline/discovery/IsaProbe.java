package org.trapline.discovery;

import org.trapline.target.TargetException;

/**
 * One of the probes a driver makes for a device on a bus that cannot be enumerated: a fixed
 * sequence of port accesses whose answers say whether the device is there and what it is.
 */
public interface IsaProbe {
    /** What is probed for and where: {@code 8259A pair at 20h/A0h}. */
    String subject();

    /** Runs the probe; the answers decide the finding, the target is never asked anything else. */
    Finding run(GuestPorts ports) throws TargetException;

    /** What a probe found: whether the device answered as the driver expects, and the evidence. */
    record Finding(boolean found, String detail) {
        static Finding found(String detail) {
            return new Finding(true, detail);
        }

        static Finding absent(String detail) {
            return new Finding(false, detail);
        }
    }

    /** Reads until {@code done} holds or {@code tries} reads have been made; the last value read. */
    static int poll(GuestPorts ports, int port, int tries, java.util.function.IntPredicate done) throws TargetException {
        int value = ports.inb(port);
        for (int i = 1; i < tries && !done.test(value); i++) {
            value = ports.inb(port);
        }
        return value;
    }
}
