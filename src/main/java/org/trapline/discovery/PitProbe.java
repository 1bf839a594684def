package org.trapline.discovery;

import org.trapline.target.TargetException;

/**
 * The 8254's read-back command (8254 datasheet, "Read-Back Command"): latch counter 0's status
 * alone (control word E2h) and read it from 40h; its low six bits are the counter's last control
 * word. A floating bus answers FFh, which no programmed 8254 counter shows (mode 7 is no mode).
 */
final class PitProbe implements IsaProbe {
    private static final int COUNTER0 = 0x40;
    private static final int CONTROL = 0x43;
    private static final int READ_BACK_STATUS_COUNTER0 = 0xe2;

    @Override
    public String subject() {
        return "8254 PIT at 40h-43h";
    }

    @Override
    public Finding run(GuestPorts ports) throws TargetException {
        ports.outb(CONTROL, READ_BACK_STATUS_COUNTER0);
        int status = ports.inb(COUNTER0);
        String evidence = String.format("counter 0 status %02xh: OUT %d, null count %d, RW %d, mode %d, %s", status,
                status >>> 7, status >>> 6 & 1, status >>> 4 & 3, status >>> 1 & 7, (status & 1) != 0 ? "BCD" : "binary");
        return status == 0xff ? Finding.absent(String.format("counter 0 status %02xh", status)) : Finding.found(evidence);
    }
}
