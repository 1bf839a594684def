package org.trapline.discovery;

import org.trapline.target.TargetException;

/**
 * Looks for the two 8237A controllers (8237A datasheet, "Register Description"): a master clear,
 * then a channel's base and current address written low byte then high byte behind the byte
 * pointer flip-flop, and the current address read back the same way. Controller 1 (channels 0-3)
 * decodes at 00h-0Fh, controller 2 (4-7) at C0h-DFh on even ports; the master clear at the end
 * leaves both as at reset.
 */
final class DmaProbe implements IsaProbe {
    private record Controller(String name, int address, int clearFlipFlop, int masterClear) {
    }

    private static final Controller[] CONTROLLERS = {
        new Controller("controller 1", 0x02, 0x0c, 0x0d),
        new Controller("controller 2", 0xc4, 0xd8, 0xda),
    };
    private static final int PATTERN = 0x1234;

    @Override
    public String subject() {
        return "8237A DMA pair at 00h-0Fh/C0h-DFh";
    }

    @Override
    public Finding run(GuestPorts ports) throws TargetException {
        StringBuilder evidence = new StringBuilder();
        int answering = 0;
        for (Controller c : CONTROLLERS) {
            ports.outb(c.masterClear(), 0);
            ports.outb(c.clearFlipFlop(), 0);
            ports.outb(c.address(), PATTERN & 0xff);
            ports.outb(c.address(), PATTERN >>> 8);
            ports.outb(c.clearFlipFlop(), 0);
            int low = ports.inb(c.address());
            int high = ports.inb(c.address());
            ports.outb(c.masterClear(), 0);
            int back = high << 8 | low;
            if (back == PATTERN) {
                answering++;
            }
            evidence.append(evidence.isEmpty() ? "" : "; ").append(String.format("%s channel address %04xh written,"
                    + " %04xh read", c.name(), PATTERN, back));
        }
        return answering == CONTROLLERS.length ? Finding.found(evidence.toString()) : Finding.absent(evidence.toString());
    }
}
