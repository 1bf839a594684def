package org.trapline.discovery;

import org.trapline.target.TargetException;

/**
 * Linux's check of an IO-APIC the firmware tables name (arch/x86/kernel/apic/io_apic.c
 * bad_ioapic_register): read IOAPICID, IOAPICVER and IOAPICARB through IOREGSEL/IOWIN (82093AA
 * 290566 §3.0); all three reading FFFFFFFFh means nothing decodes there. IOREGSEL is restored.
 */
final class IoapicProbe implements IsaProbe {
    private static final long IOREGSEL = 0xfec00000L;
    private static final long IOWIN = 0xfec00010L;
    private static final long ALL_ONES = 0xffff_ffffL;

    @Override
    public String subject() {
        return "IO-APIC at FEC00000h";
    }

    @Override
    public Finding run(GuestPorts ports) throws TargetException {
        long selected = ports.readl(IOREGSEL);
        long[] reg = new long[3];
        for (int r = 0; r < reg.length; r++) {
            ports.writel(IOREGSEL, r);
            reg[r] = ports.readl(IOWIN);
        }
        ports.writel(IOREGSEL, selected & 0xff);
        if (reg[0] == ALL_ONES && reg[1] == ALL_ONES && reg[2] == ALL_ONES) {
            return Finding.absent("IOAPICID, IOAPICVER and IOAPICARB read FFFFFFFFh");
        }
        return Finding.found(String.format("IOAPICVER %08xh: version %02xh, %d redirection entries, ID %d",
                reg[1], reg[1] & 0xff, (reg[1] >>> 16 & 0xff) + 1, reg[0] >>> 24 & 0xf));
    }
}
