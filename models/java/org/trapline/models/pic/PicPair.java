package org.trapline.models.pic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.irq.InterruptAcknowledge;
import org.trapline.models.irq.IrqSink;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * The PC's cascaded 8259A pair: master at 0x20/0x21, slave at 0xA0/0xA1 with its INT wired to the
 * master's IR2, and the PIIX3 ELCR1/ELCR2 at 0x4D0/0x4D1 (IRQ0-2, IRQ8 and IRQ13 cannot be level
 * triggered, so those ELCR bits are reserved).
 */
public final class PicPair implements InterruptAcknowledge {
    static final int MASTER_ELCR_MASK = 0xf8;
    static final int SLAVE_ELCR_MASK = 0xde;

    private final Pic8259 master;
    private final Pic8259 slave;
    /** The chips' INT pins as wires, for whoever watches them (qtest's irq_intercept_out). */
    private final IrqLine masterInt = new IrqLine("pic-master INT");
    private final IrqLine slaveInt = new IrqLine("pic-slave INT");
    /** The wire from the slave's INT to the master's IR2; the board may route it (qtest watches it). */
    private IrqSink cascade;

    public PicPair(Set<Quirk> quirks) {
        this.master = new Pic8259("pic-master", true, MASTER_ELCR_MASK, quirks);
        this.slave = new Pic8259("pic-slave", false, SLAVE_ELCR_MASK, quirks);
        this.cascade = high -> master.setInput(Pic8259.CASCADE_IR, high);
        // The slave's INT drives master IR2 on every update, as a wire would be re-driven.
        slave.onOutputChange(() -> {
            boolean high = slave.interruptOutput();
            cascade.setLevel(high);
            slaveInt.setLevel(high);
        });
        master.onOutputChange(() -> masterInt.setLevel(master.interruptOutput()));
    }

    /**
     * Carries the slave's INT over {@code wire}, which must end at the master's IR2 pin: the board
     * wires it through the master's GPIO input 2, as QEMU's PC does, so that a qtest interception
     * of the master's inputs sees the cascade too.
     */
    public void wireCascade(IrqSink wire) {
        cascade = wire;
    }

    /**
     * Maps the chips' two ports at {@code masterBase} and {@code slaveBase} and their ELCRs at
     * {@code elcrBase} and the port after it (the PC: 0x20, 0xA0, 0x4D0).
     */
    public void attach(PortIoBus io, int masterBase, int slaveBase, int elcrBase) {
        IoDevice elcr1 = elcrPort(master);
        IoDevice elcr2 = elcrPort(slave);
        // Byte registers: the bus splits wider accesses (and under QEMU's splitting may hand a chip
        // offsets past A0, which it decodes as A0=1, as QEMU's i8259 does).
        // A report shows both chips for any of their ports: the cascade makes one's state the other's business.
        Inspectable pair = new Inspectable() {
            @Override
            public String deviceName() {
                return "pic-pair";
            }

            @Override
            public Map<String, String> registers() {
                return Map.of();
            }

            @Override
            public List<Inspectable> parts() {
                return chips();
            }
        };
        io.map(Region.of("pic-master", 2, 1, 1, master, pair).at(masterBase));
        io.map(Region.of("pic-slave", 2, 1, 1, slave, pair).at(slaveBase));
        io.map(Region.of("elcr1", 1, 1, 1, elcr1, pair).at(elcrBase));
        io.map(Region.of("elcr2", 1, 1, 1, elcr2, pair).at(elcrBase + 1));
    }

    private static IoDevice elcrPort(Pic8259 chip) {
        return new IoDevice() {
            @Override
            public long read(long offset, int size) {
                return chip.elcr();
            }

            @Override
            public void write(long offset, int size, long value) {
                chip.writeElcr((int) value & 0xff);
            }
        };
    }

    /** The board's reset reaches both chips; the slave first, so that its INT falls before the master resets. */
    public void reset() {
        slave.reset();
        master.reset();
    }

    /** The master chip's input pins IR0..IR7 (QEMU's /machine/unattached/device[6]). */
    public IrqSink[] masterInputs() {
        return master.inputs();
    }

    /** The slave chip's input pins IR0..IR7 (QEMU's /machine/unattached/device[7]). */
    public IrqSink[] slaveInputs() {
        return slave.inputs();
    }

    /** The master's INT pin, which goes to the CPU's INTR (QEMU's device[6] output 0). */
    public IrqLine masterInt() {
        return masterInt;
    }

    /** The slave's INT pin, wired to the master's IR2 (QEMU's device[7] output 0). */
    public IrqLine slaveInt() {
        return slaveInt;
    }

    /** The INT output to the CPU. */
    @Override
    public boolean interruptRequested() {
        return master.interruptOutput();
    }

    /**
     * The CPU's interrupt-acknowledge cycle: returns the vector the pair puts on the bus. With no
     * request left the master answers with its IR7 vector and sets no ISR bit; a slave with nothing
     * to give answers with its own IR7 (IRQ15) while the master still marks its cascade level in
     * service (231468 "Interrupt Sequence", "Cascade Mode").
     */
    @Override
    public int acknowledge() {
        int ir = master.pendingIr();
        if (ir < 0) {
            return master.vector(7);
        }
        if (!master.isCascadeInput(ir)) {
            master.acknowledge(ir);
            return master.vector(ir);
        }
        int vector;
        if (slave.answersCascade(ir)) {
            int slaveIr = slave.pendingIr();
            if (slaveIr >= 0) {
                slave.acknowledge(slaveIr);
                vector = slave.vector(slaveIr);
            } else {
                vector = slave.vector(7);
            }
        } else {
            vector = 0xff; // no slave answers that cascade address: the data bus floats high
        }
        master.acknowledge(ir);
        return vector;
    }

    public Pic8259 master() {
        return master;
    }

    public Pic8259 slave() {
        return slave;
    }

    public List<Inspectable> chips() {
        return new ArrayList<>(List.of(master, slave));
    }

    /** The departures from the 8259A datasheet that QEMU's i8259 shows. */
    public static List<Quirk> qemuQuirks() {
        return PicQuirks.all();
    }
}
