package org.trapline.models.pic;

import java.util.List;
import java.util.Set;

import org.trapline.models.bus.PortIoBus;
import org.trapline.models.irq.IrqSink;
import org.trapline.models.machine.Inspectable;
import org.trapline.models.machine.Quirk;

/**
 * STUB (to be written): the PC's cascaded 8259A pair — master at 0x20/0x21, slave at 0xA0/0xA1 on
 * the master's IR2 — and the ELCR registers at 0x4D0/0x4D1.
 */
public final class PicPair {
    public PicPair(Set<Quirk> quirks) {
    }

    /** Maps 0x20-0x21, 0xA0-0xA1 and 0x4D0-0x4D1. */
    public void attach(PortIoBus io) {
    }

    /** The master chip's input pins IR0..IR7 (QEMU's /machine/unattached/device[6]). */
    public IrqSink[] masterInputs() {
        return new IrqSink[8];
    }

    /** The slave chip's input pins IR0..IR7 (QEMU's /machine/unattached/device[7]). */
    public IrqSink[] slaveInputs() {
        return new IrqSink[8];
    }

    /** The INT output to the CPU. */
    public boolean interruptRequested() {
        return false;
    }

    /** The CPU's interrupt-acknowledge cycle: returns the vector the pair puts on the bus. */
    public int acknowledge() {
        return 0;
    }

    public List<Inspectable> chips() {
        return List.of();
    }

    /** The departures from the 8259A datasheet that QEMU's i8259 shows. */
    public static List<Quirk> qemuQuirks() {
        return List.of();
    }
}
