package org.trapline.models.pci;

import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.irq.IrqSink;

/**
 * The PIIX3's PCI interrupt steering (82371SB 290550, PIRQRC[A:D] at 60h-63h of function 0): the
 * four PIRQx# inputs, which the board's PCI INTx lines reach after the slot swizzle, each steered
 * to the ISA IRQ its PIRQRC names while IRQROUTEN (bit 7) is 0. An ISA IRQ carries the OR of the
 * PIRQs steered to it. QEMU's -machine pc wires no PIRQ to IO-APIC inputs 16-23: they reach the
 * IO-APIC only as ISA IRQs 0-15 (hw/i386/pc_piix.c, hw/isa/piix3.c).
 */
public final class PirqRouter {
    public static final int PIRQS = 4;
    static final int IRQROUTEN_DISABLED = 0x80;
    static final int ISA_IRQS = 16;
    /** IRQ numbers the 82371SB reserves in PIRQRC bits 3:0: 0, 1, 2, 8 and 13. */
    static final int RESERVED_IRQS = 1 << 0 | 1 << 1 | 1 << 2 | 1 << 8 | 1 << 13;

    private final IntUnaryOperator pirqrc;
    private final IrqLine[] isaIrq;
    private final boolean wholeByte;
    private final boolean writeDrivesAll;
    private final boolean[] pirq = new boolean[PIRQS];
    private final IrqSink[] inputs = new IrqSink[PIRQS];
    /** The IRQ each PIRQ was steered to when its level last went out, -1 for none. */
    private final int[] steeredTo = {-1, -1, -1, -1};

    /**
     * @param pirqrc the PIRQRC byte of PIRQ n (config space 60h + n)
     * @param isaIrq the ISA IRQ lines 0-15
     */
    public PirqRouter(Set<Quirk> quirks, IntUnaryOperator pirqrc, IrqLine[] isaIrq) {
        this.pirqrc = pirqrc;
        this.isaIrq = isaIrq.clone();
        this.wholeByte = quirks.contains(PirqQuirks.WHOLE_BYTE_IS_IRQ);
        this.writeDrivesAll = quirks.contains(PirqQuirks.WRITE_DRIVES_EVERY_ISA_IRQ);
        for (int n = 0; n < PIRQS; n++) {
            int p = n;
            inputs[n] = high -> setPirq(p, high);
        }
    }

    public static List<Quirk> qemuQuirks() {
        return PirqQuirks.all();
    }

    /** PIRQA#-PIRQD#. */
    public IrqSink pirq(int n) {
        return inputs[n];
    }

    /** The ISA IRQ PIRQ n is steered to, or -1. */
    public int routeOf(int n) {
        int value = pirqrc.applyAsInt(n) & 0xff;
        if (wholeByte) {
            return value < ISA_IRQS ? value : -1;
        }
        int irq = value & 0x0f;
        return (value & IRQROUTEN_DISABLED) != 0 || (RESERVED_IRQS & 1 << irq) != 0 ? -1 : irq;
    }

    private void setPirq(int n, boolean high) {
        pirq[n] = high;
        int irq = routeOf(n);
        int before = steeredTo[n];
        steeredTo[n] = irq;
        if (before >= 0 && before != irq) {
            isaIrq[before].setLevel(levelOf(before));
        }
        if (irq >= 0) {
            isaIrq[irq].setLevel(levelOf(irq));
        }
    }

    /** A write to PIRQRC[A:D]: the PIRQs move to their new IRQs. */
    public void pirqrcWritten() {
        if (writeDrivesAll) {
            for (int n = 0; n < PIRQS; n++) {
                steeredTo[n] = routeOf(n);
            }
            for (int irq = 0; irq < ISA_IRQS; irq++) {
                isaIrq[irq].drive(levelOf(irq));
            }
            return;
        }
        for (int n = 0; n < PIRQS; n++) {
            setPirq(n, pirq[n]);
        }
    }

    /** The OR of the PIRQs steered to {@code irq}. */
    private boolean levelOf(int irq) {
        for (int n = 0; n < PIRQS; n++) {
            if (pirq[n] && steeredTo[n] == irq) {
                return true;
            }
        }
        return false;
    }
}
