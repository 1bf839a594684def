package org.trapline.costs;

import java.util.List;

import org.trapline.costs.DeviceOperation.PortRange;
import org.trapline.costs.GuestInstruction.In;
import org.trapline.costs.GuestInstruction.InDx;
import org.trapline.costs.GuestInstruction.Out;
import org.trapline.costs.GuestInstruction.OutDx;
import org.trapline.costs.GuestInstruction.Store;
import org.trapline.models.machine.Machine;

/** The device operations {@code trapline costs} measures, each the sequence its datasheet prescribes. */
public final class OperationCatalog {
    /** The 8254's counter 0 reload after {@link #pitReprogram}: 1193182 Hz / 11932 = 100 Hz. */
    public static final int PIT_RELOAD = 0x2e9c;
    /** IO-APIC pin {@link #IOAPIC_PIN}'s entry after {@link #ioapicRedirection}: vector 31h, fixed, physical, edge, unmasked, to APIC 0Fh. */
    public static final long IOAPIC_ENTRY = 0x0f00_0000_0000_0031L;
    public static final int IOAPIC_PIN = 1;
    /** Timer 0's comparator after {@link #hpetComparator}. */
    public static final long HPET_COMPARATOR = 0x0000_0001_0098_9680L;

    static final long IOAPIC_BASE = 0xfec0_0000L;
    static final long HPET_BASE = 0xfed0_0000L;
    /** Timer 0's comparator (HPET 1.0a sect. 2.3.8, Tn_COMPARATOR at 108h + 20h*N). */
    static final long HPET_T0_COMPARATOR = HPET_BASE + 0x108;

    private OperationCatalog() {
    }

    public static List<DeviceOperation> all() {
        return List.of(pitReprogram(), rtcTimeRead(), picEoi(), pciConfigRead(), ioapicRedirection(), hpetComparator(),
                hpetComparator64());
    }

    /**
     * Counter 0 to mode 2 at 100 Hz. 8254 datasheet, "Control Word Format": SC1:0 = 00 (counter 0),
     * RW1:0 = 11 (LSB then MSB), M2:0 = 010 (rate generator), BCD = 0: 34h to 43h; then "Write
     * Operations": the LSB and the MSB of the count to the counter's port, 40h.
     */
    public static DeviceOperation pitReprogram() {
        return new DeviceOperation("pit-reprogram", "pit", "8254 Control Word Format; Write Operations",
                List.of(new PortRange(0x40, 4)), List.of(), m -> { },
                List.of(new Out(1, 0x43, 0x34), new Out(1, 0x40, PIT_RELOAD & 0xff), new Out(1, 0x40, PIT_RELOAD >>> 8)));
    }

    /**
     * Seconds, minutes and hours. MC146818A datasheet, "Register A", UIP (bit 7): the time registers
     * are valid to read while it is 0, so a driver reads register A (index 0Ah) first; each register
     * is read by writing its index to the address port (70h on the PC) and reading the data port (71h).
     * Seconds, minutes and hours are indexes 0, 2 and 4 ("Address Map").
     */
    public static DeviceOperation rtcTimeRead() {
        return new DeviceOperation("rtc-time-read", "rtc", "MC146818A Register A (UIP); Address Map",
                List.of(new PortRange(0x70, 2)), List.of(), m -> { },
                List.of(new Out(1, 0x70, 0x0a), new In(1, 0x71), new Out(1, 0x70, 0x00), new In(1, 0x71),
                        new Out(1, 0x70, 0x02), new In(1, 0x71), new Out(1, 0x70, 0x04), new In(1, 0x71)));
    }

    /**
     * A non-specific EOI to the master. 8259A datasheet, OCW2: R SL EOI = 001, with A0 = 0 and
     * D4:D3 = 00 (an OCW2): 20h to port 20h. The board is prepared as a BIOS leaves it (ICW1-ICW4,
     * master at vector 08h) with IRQ1 in service, so that the EOI has something to end.
     */
    public static DeviceOperation picEoi() {
        return new DeviceOperation("pic-eoi", "pic", "8259A OCW2 (non-specific EOI)",
                List.of(new PortRange(0x20, 2)), List.of(), OperationCatalog::irq1InService,
                List.of(new Out(1, 0x20, 0x20)));
    }

    private static void irq1InService(Machine m) {
        int[][] init = {{0x20, 0x11}, {0x21, 0x08}, {0x21, 0x04}, {0x21, 0x01},
            {0xa0, 0x11}, {0xa1, 0x70}, {0xa1, 0x02}, {0xa1, 0x01}, {0x21, 0xf9}, {0xa1, 0xff}};
        for (int[] w : init) {
            m.io().write(w[0], 1, w[1]);
        }
        m.isaIrq(1).raise();
        m.pic().acknowledge();
        m.isaIrq(1).lower();
    }

    /**
     * The vendor and device ID of 00:00.0. PCI Local Bus 3.0 sect. 3.2.2.3.2, configuration mechanism #1:
     * a dword to CONFIG_ADDRESS (CF8h) with bit 31 (enable) set, bus 0, device 0, function 0,
     * register 0; then a dword read of CONFIG_DATA (CFCh). A dword at CF8h touches CF8h-CFBh, so all
     * eight ports pass through (CF9h with them: a byte access there is PIIX3 reset control).
     */
    public static DeviceOperation pciConfigRead() {
        return new DeviceOperation("pci-config-read", "pci", "PCI 3.0 sect. 3.2.2.3.2 (configuration mechanism #1)",
                List.of(new PortRange(0xcf8, 8)), List.of(), m -> { },
                List.of(new OutDx(4, 0xcf8, 0x8000_0000L), new InDx(4, 0xcfc)));
    }

    /**
     * Pin 1's redirection entry. 82093AA datasheet sect. 3.0: registers are reached indirectly, the index
     * written to IOREGSEL (FEC00000h), the dword moved through IOWIN (FEC00010h); IOREDTBL n is
     * registers 10h+2n (low dword) and 11h+2n (high dword, the destination in bits 63:56).
     */
    public static DeviceOperation ioapicRedirection() {
        int low = 0x10 + 2 * IOAPIC_PIN;
        return new DeviceOperation("ioapic-redirection", "ioapic", "82093AA sect. 3.0 IOREGSEL/IOWIN, IOREDTBL",
                List.of(), List.of(IOAPIC_BASE), m -> { },
                List.of(new Store(4, IOAPIC_BASE, low), new Store(4, IOAPIC_BASE + 0x10, IOAPIC_ENTRY & 0xffff_ffffL),
                        new Store(4, IOAPIC_BASE, low + 1), new Store(4, IOAPIC_BASE + 0x10, IOAPIC_ENTRY >>> 32)));
    }

    /**
     * Timer 0's comparator, as a 32-bit kernel writes it. HPET 1.0a sect. 2.3.8, Timer N Comparator Value
     * Register at 108h + 20h*N; sect. 2.3.2 allows 32-bit accesses, the low dword then the high one.
     */
    public static DeviceOperation hpetComparator() {
        return new DeviceOperation("hpet-comparator", "hpet", "HPET 1.0a sect. 2.3.8 Tn_COMPARATOR; sect. 2.3.2 32-bit access",
                List.of(), List.of(HPET_BASE), m -> { },
                List.of(new Store(4, HPET_T0_COMPARATOR, HPET_COMPARATOR & 0xffff_ffffL),
                        new Store(4, HPET_T0_COMPARATOR + 4, HPET_COMPARATOR >>> 32)));
    }

    /** Timer 0's comparator in one 64-bit store (HPET 1.0a sect. 2.3.8; sect. 2.3.2 allows 64-bit accesses). */
    public static DeviceOperation hpetComparator64() {
        return new DeviceOperation("hpet-comparator64", "hpet", "HPET 1.0a sect. 2.3.8 Tn_COMPARATOR; sect. 2.3.2 64-bit access",
                List.of(), List.of(HPET_BASE), m -> { },
                List.of(new Store(8, HPET_T0_COMPARATOR, HPET_COMPARATOR)));
    }
}
