package org.trapline.discovery;

import org.trapline.target.TargetException;

/**
 * Linux's 8250 autoconfig (drivers/tty/serial/8250/8250_port.c autoconfig) at one COM base:
 * the IER test (IER written 0 and 0Fh must read back 0 and 0Fh, PC16550D: IER bits 7-4 read 0),
 * the loopback test (MCR bit 4 routes RTS, DTR, OUT1, OUT2 onto CTS, DSR, RI, DCD, so MCR 1Ah
 * reads MSR high nibble 9h), then the FIFO test (FCR bit 0 set, IIR bits 7-6: 00b no FIFO, 11b a
 * 16550A), and for a UART without FIFOs the scratch register (an 8250 has none). Every register
 * touched is restored.
 */
final class SerialProbe implements IsaProbe {
    private static final int IER = 1;
    private static final int IIR_FCR = 2;
    private static final int LCR = 3;
    private static final int MCR = 4;
    private static final int MSR = 6;
    private static final int SCR = 7;

    private final String name;
    private final int base;

    SerialProbe(String name, int base) {
        this.name = name;
        this.base = base;
    }

    @Override
    public String subject() {
        return String.format("%s 8250/16550 UART at %Xh", name, base);
    }

    @Override
    public Finding run(GuestPorts ports) throws TargetException {
        int ier = ports.inb(base + IER);
        ports.outb(base + IER, 0);
        int zero = ports.inb(base + IER);
        ports.outb(base + IER, 0x0f);
        int all = ports.inb(base + IER);
        ports.outb(base + IER, ier);
        // Linux compares the low nibble only: some UARTs keep bits 7-4 for themselves.
        if ((zero & 0x0f) != 0 || (all & 0x0f) != 0x0f) {
            return Finding.absent(String.format("IER written 00h/0Fh, read %02xh/%02xh", zero, all));
        }
        int mcr = ports.inb(base + MCR);
        ports.outb(base + MCR, 0x10);
        int quiet = ports.inb(base + MSR) & 0xf0;
        ports.outb(base + MCR, 0x1a);
        int looped = ports.inb(base + MSR) & 0xf0;
        ports.outb(base + MCR, mcr);
        String loopback = quiet == 0 && looped == 0x90 ? "loopback MSR 90h" : String.format("loopback failed (MSR %02xh/%02xh)", quiet, looped);
        int lcr = ports.inb(base + LCR);
        ports.outb(base + LCR, 0);
        ports.outb(base + IIR_FCR, 0x01);
        int fifo = ports.inb(base + IIR_FCR) >>> 6;
        ports.outb(base + IIR_FCR, 0);
        ports.outb(base + LCR, lcr);
        String type = switch (fifo) {
            case 3 -> "16550A (IIR bits 7-6 11b: FIFOs enabled)";
            case 2 -> "unknown (IIR bits 7-6 10b)";
            case 1 -> "16550 with unusable FIFO (IIR bits 7-6 01b)";
            default -> scratch(ports) ? "16450 (no FIFO; scratch register kept A5h)" : "8250 (no FIFO, no scratch register)";
        };
        return Finding.found(type + ", " + loopback);
    }

    private boolean scratch(GuestPorts ports) throws TargetException {
        int saved = ports.inb(base + SCR);
        ports.outb(base + SCR, 0xa5);
        int back = ports.inb(base + SCR);
        ports.outb(base + SCR, saved);
        return back == 0xa5;
    }
}
