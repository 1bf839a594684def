package org.trapline.discovery;

import org.trapline.target.TargetException;

/**
 * The MC146818's registers A, B and D through the index and data ports 70h/71h (MC146818A
 * datasheet, "Register D": bit 7 VRT, bits 6-0 read 0): a clock is there when D reads with its
 * low seven bits clear.
 */
final class RtcProbe implements IsaProbe {
    private static final int INDEX = 0x70;
    private static final int DATA = 0x71;

    @Override
    public String subject() {
        return "MC146818 RTC at 70h/71h";
    }

    @Override
    public Finding run(GuestPorts ports) throws TargetException {
        int a = register(ports, 0x0a);
        int b = register(ports, 0x0b);
        int d = register(ports, 0x0d);
        String evidence = String.format("A=%02xh (divider %d, rate %d), B=%02xh (%s, %s), D=%02xh (VRT %d)", a,
                a >>> 4 & 7, a & 0xf, b, (b & 0x02) != 0 ? "24-hour" : "12-hour", (b & 0x04) != 0 ? "binary" : "BCD",
                d, d >>> 7);
        return (d & 0x7f) == 0 ? Finding.found(evidence) : Finding.absent(String.format("D=%02xh", d));
    }

    private static int register(GuestPorts ports, int index) throws TargetException {
        ports.outb(INDEX, index);
        return ports.inb(DATA);
    }
}
