package org.trapline.models.acpi;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.Timer;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/**
 * The PIIX4's system power management I/O registers (82371AB 290562, PMBA+00h-0Bh): PMSTS and PMEN,
 * the ACPI PM1a event block; PMCNTRL, PM1a control; PMTMR, the ACPI power management timer, a
 * 24-bit count of a 3.579545 MHz clock (14.31818 MHz / 4) that Linux uses as a clocksource. An
 * enabled event raises SCI. Offsets are the block's own; the PCI function places it at PMBA.
 */
public final class PmRegisters implements Inspectable {
    public static final long TIMER_HZ = 3_579_545L;
    static final long NS_PER_SEC = 1_000_000_000L;
    static final int PMSTS = 0x00;
    static final int PMEN = 0x02;
    static final int PMCNTRL = 0x04;
    static final int PMTMR = 0x08;
    static final int TMR_MASK = 0xffffff;
    /** The count's bit 23: TMROF_STS is set each time it toggles. */
    static final long OVERFLOW_TICKS = 1L << 23;

    // PMSTS and PMEN bits (PIIX4 §7.2.x; ACPI 1.0 PM1_STS, PM1_EN)
    static final int TMROF = 1;
    static final int BM_STS = 1 << 4;
    static final int GBL = 1 << 5;
    static final int PWRBTN = 1 << 8;
    static final int RTC = 1 << 10;
    static final int WAK_STS = 1 << 15;
    static final int STS_BITS = TMROF | BM_STS | GBL | PWRBTN | RTC | WAK_STS;
    static final int EN_BITS = TMROF | GBL | PWRBTN | RTC;
    /** Events that raise SCI when their status and enable bits are both set (QEMU acpi_update_sci). */
    static final int SCI_EVENTS = TMROF | GBL | PWRBTN | RTC;
    // PMCNTRL
    static final int SCI_EN = 1;
    static final int BRLD_EN_BM = 1 << 1;
    static final int GBL_RLS = 1 << 2;
    static final int SUS_TYP = 7 << 10;
    static final int SUS_EN = 1 << 13;
    static final int CNTRL_BITS = SCI_EN | BRLD_EN_BM | SUS_TYP;

    private final Scheduler scheduler;
    private final IrqLine sci;
    private final Timer overflow;
    private final boolean stsAtReset;
    private final boolean reservedKept;
    private final boolean sciWithoutSciEn;
    private final boolean qemuAccess;
    private int sts;
    private int en;
    private int cntrl;
    /** QEMU's GPE0 block (AcpiQuirks.GPE0_BLOCK_AT_AFE0): status bytes 0-1, enable bytes 2-3. */
    private final int[] gpe0Sts = new int[2];
    private final int[] gpe0En = new int[2];
    /** The count at which TMROF_STS is next set. */
    private long nextOverflowTicks;

    public PmRegisters(Scheduler scheduler, Set<Quirk> quirks, IrqLine sci) {
        this.scheduler = scheduler;
        this.sci = sci;
        this.stsAtReset = quirks.contains(AcpiQuirks.TMROF_STS_AT_RESET);
        this.reservedKept = quirks.contains(AcpiQuirks.RESERVED_BITS_KEPT);
        this.sciWithoutSciEn = quirks.contains(AcpiQuirks.SCI_WITHOUT_SCI_EN);
        this.qemuAccess = quirks.contains(AcpiQuirks.NARROW_ACCESS_FROM_REGISTER_START);
        this.overflow = scheduler.newTimer("acpi-pm-timer-overflow", this::overflowed);
        reset();
    }

    /**
     * The register blocks within the 64 bytes. QEMU lays them out as three regions of its own (event:
     * word pieces, control: word pieces, timer: dword) and adapts narrower accesses by reading the
     * whole register; the datasheet's registers are byte-addressable, one region.
     */
    public Region[] regions() {
        if (qemuAccess) {
            return new Region[] {
                Region.of("acpi-evt", 4, 2, 2, qemuBlock(PMSTS), this).withPieceMax(2),
                Region.of("acpi-cnt", 2, 2, 2, qemuBlock(PMCNTRL), this).at(PMCNTRL).withPieceMax(2),
                Region.of("acpi-tmr", 4, 4, 4, qemuBlock(PMTMR), this).at(PMTMR),
            };
        }
        return new Region[] {Region.of("piix4-pm-io", 0x0c, 1, 1, new ByteRegisters(), this)};
    }

    /**
     * QEMU's GPE0 block, 4 byte registers: GPE0_STS (write 1 to clear) then GPE0_EN. The board maps
     * it at AFE0h under AcpiQuirks.GPE0_BLOCK_AT_AFE0. No event of this model sets a GPE0 status
     * bit (QEMU sets them only for hotplug), so it never raises SCI here.
     */
    public Region gpe0Region() {
        return Region.of("acpi-gpe0", 4, 1, 1, new IoDevice() {
            @Override
            public long read(long offset, int size) {
                return offset < 2 ? gpe0Sts[(int) offset] : offset < 4 ? gpe0En[(int) offset - 2] : 0xff;
            }

            @Override
            public void write(long offset, int size, long value) {
                int v = (int) value & 0xff;
                if (offset < 2) {
                    gpe0Sts[(int) offset] &= ~v;
                } else if (offset < 4) {
                    gpe0En[(int) offset - 2] = v;
                }
            }
        }, this);
    }

    public void reset() {
        Arrays.fill(gpe0Sts, 0);
        Arrays.fill(gpe0En, 0);
        en = 0;
        cntrl = 0;
        sts = 0;
        nextOverflowTicks = stsAtReset ? 0 : nextOverflowAfter(ticks());
        update();
    }

    /** Sets or clears PMCNTRL SCI_EN, as an SMI handler does on ACPI_ENABLE / ACPI_DISABLE. */
    public void setSciEn(boolean on) {
        cntrl = on ? cntrl | SCI_EN : cntrl & ~SCI_EN;
        update();
    }

    /** PMTMR: the count of the 3.579545 MHz clock since power-on, 24 bits. */
    public int timer() {
        return (int) (ticks() & TMR_MASK);
    }

    /** floor(now * 3579545 / 1e9), in two parts so that it cannot overflow (QEMU: muldiv64). */
    private long ticks() {
        long ns = scheduler.nowNs();
        return ns / NS_PER_SEC * TIMER_HZ + ns % NS_PER_SEC * TIMER_HZ / NS_PER_SEC;
    }

    private static long nextOverflowAfter(long ticks) {
        return (ticks + OVERFLOW_TICKS) & -OVERFLOW_TICKS;
    }

    /** PMSTS as it reads now: TMROF_STS is set once the count has passed bit 23's next toggle. */
    public int status() {
        if (ticks() >= nextOverflowTicks) {
            sts |= TMROF;
        }
        return sts;
    }

    private void writeStatus(int value) {
        int now = status();
        if ((now & value & TMROF) != 0) {
            nextOverflowTicks = nextOverflowAfter(ticks());
        }
        sts = now & ~(value & STS_BITS);
        update();
    }

    private void writeEnable(int value) {
        en = value & (reservedKept ? 0xffff : EN_BITS);
        update();
    }

    private void writeControl(int value) {
        // SUS_EN starts a suspend and GBL_RLS raises an SMI; neither is stored (both read 0).
        cntrl = value & (reservedKept ? 0xffff & ~SUS_EN : CNTRL_BITS);
        update();
    }

    /** SCI follows the enabled events; the overflow timer runs only while it can raise one. */
    private void update() {
        int events = status() & en & SCI_EVENTS;
        sci.setLevel(events != 0 && (sciWithoutSciEn || (cntrl & SCI_EN) != 0));
        if ((en & TMROF) != 0 && (sts & TMROF) == 0) {
            overflow.armAt(nsOfTicks(nextOverflowTicks));
        } else {
            overflow.disarm();
        }
    }

    /** The first nanosecond at which the count reaches {@code ticks}. */
    private static long nsOfTicks(long ticks) {
        return ticks / TIMER_HZ * NS_PER_SEC + (ticks % TIMER_HZ * NS_PER_SEC + TIMER_HZ - 1) / TIMER_HZ;
    }

    private void overflowed() {
        update();
    }

    /** The 16-bit register at even {@code offset}, or PMTMR; 0 elsewhere. */
    private int register(int offset) {
        return switch (offset) {
            case PMSTS -> status();
            case PMEN -> en;
            case PMCNTRL -> cntrl;
            case PMTMR -> timer();
            default -> 0;
        };
    }

    private void writeRegister(int offset, int value) {
        switch (offset) {
            case PMSTS -> writeStatus(value & 0xffff);
            case PMEN -> writeEnable(value & 0xffff);
            case PMCNTRL -> writeControl(value & 0xffff);
            default -> { } // PMTMR is read-only; the rest is reserved
        }
    }

    /** The datasheet's view: each byte where it is; a write changes only the bytes it covers. */
    private final class ByteRegisters implements IoDevice {
        @Override
        public long read(long offset, int size) {
            int reg = offset >= PMTMR ? PMTMR : (int) offset & ~1;
            return (register(reg) >>> (8 * (offset - reg))) & 0xff;
        }

        @Override
        public void write(long offset, int size, long value) {
            if (offset >= PMTMR) {
                return;
            }
            int reg = (int) offset & ~1;
            int shift = 8 * (int) (offset - reg);
            int old = reg == PMSTS ? 0 : register(reg); // PMSTS: a zero bit clears nothing
            writeRegister(reg, (old & ~(0xff << shift)) | ((int) value & 0xff) << shift);
        }
    }

    /** QEMU's view of one block: its handler looks at the offset only to tell PMSTS from PMEN. */
    private IoDevice qemuBlock(int block) {
        return new IoDevice() {
            @Override
            public long read(long offset, int size) {
                return block == PMSTS ? (offset == 0 ? status() : offset == 2 ? en : 0) : register(block);
            }

            @Override
            public void write(long offset, int size, long value) {
                if (block != PMSTS) {
                    writeRegister(block, (int) value);
                } else if (offset == 0 || offset == 2) {
                    writeRegister((int) offset, (int) value);
                }
            }
        };
    }

    @Override
    public String deviceName() {
        return "piix4-pm-io";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("PMSTS", String.format("0x%04x", status()));
        r.put("PMEN", String.format("0x%04x", en));
        r.put("PMCNTRL", String.format("0x%04x", cntrl));
        r.put("PMTMR", String.format("0x%06x", timer()));
        r.put("GPE0_STS", String.format("0x%02x%02x", gpe0Sts[1], gpe0Sts[0]));
        r.put("GPE0_EN", String.format("0x%02x%02x", gpe0En[1], gpe0En[0]));
        r.put("SCI", sci.level() ? "high" : "low");
        return r;
    }
}
