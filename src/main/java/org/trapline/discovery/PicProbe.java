package org.trapline.discovery;

import org.trapline.target.TargetException;

/**
 * Linux's probe for the 8259A pair (arch/x86/kernel/i8259.c probe_8259A): mask the slave, write a
 * mask with only the cascade input open to the master's IMR (an OCW1, 8259A datasheet) and read it
 * back; a bus with nothing on it does not keep the value. The masks are restored.
 */
final class PicProbe implements IsaProbe {
    private static final int MASTER_IMR = 0x21;
    private static final int SLAVE_IMR = 0xa1;
    private static final int PROBE = 0xfb;

    @Override
    public String subject() {
        return "8259A pair at 20h/A0h";
    }

    @Override
    public Finding run(GuestPorts ports) throws TargetException {
        int master = ports.inb(MASTER_IMR);
        int slave = ports.inb(SLAVE_IMR);
        ports.outb(SLAVE_IMR, 0xff);
        ports.outb(MASTER_IMR, PROBE);
        int back = ports.inb(MASTER_IMR);
        ports.outb(MASTER_IMR, master);
        ports.outb(SLAVE_IMR, slave);
        String evidence = String.format("IMR %02xh written, %02xh read; masks were %02xh/%02xh", PROBE, back, master, slave);
        return back == PROBE ? Finding.found(evidence) : Finding.absent(evidence);
    }
}
