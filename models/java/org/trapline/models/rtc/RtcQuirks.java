package org.trapline.models.rtc;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's mc146818rtc departs from the Motorola MC146818A datasheet. Each one was read in
 * QEMU's hw/rtc/mc146818rtc.c and seen in its answers over qtest (golden/rtc-*.trace, RtcQuirksTest).
 */
public enum RtcQuirks implements Quirk {
    /** The update cycle takes no time: UIP only announces it, and the registers change at once. */
    UPDATE_CYCLE_INSTANT("rtc.update-cycle-instant", "mc146818",
            "the update cycle takes no time: UIP is 1 only for the 244 us before it, and the time registers, UF and AF "
                    + "change at its start; after a divider reset the registers change exactly 500 ms later",
            "MC146818A 'Update Cycle' and register A UIP: UIP stays 1 through the update cycle (1984 us with a "
                    + "32.768 kHz time base), which ends with UF set; QEMU hw/rtc/mc146818rtc.c update_in_progress "
                    + "(UIP_HOLD_LENGTH), rtc_update_timer"),
    /** UIP is latched into register A once a read sees the last 244 us before the update timer. */
    UIP_LATCHED("rtc.uip-latched", "mc146818",
            "a read of register A in the 244 us before the pending update timer latches UIP=1 until that timer runs, "
                    + "even when the second it announced no longer comes (the time was rewritten meanwhile)",
            "MC146818A register A UIP: UIP reflects the divider chain, 1 only around an update cycle; "
                    + "QEMU hw/rtc/mc146818rtc.c update_in_progress, check_update_timer"),
    /** The periodic interrupt is a timer of its own, armed only while PIE=1 and ignorant of the divider. */
    PERIODIC_FREE_OF_DIVIDER("rtc.periodic-free-of-divider", "mc146818",
            "the periodic flag PF is set only while PIE=1; its period counts from the write that set PIE or RS on the "
                    + "guest clock's 32.768 kHz grid, not from the divider chain, and keeps running in divider reset",
            "MC146818A 'Periodic Interrupt' and register C PF: the rate is a tap of the divider chain, PF is set "
                    + "whatever PIE is, and holding the dividers in reset stops it; QEMU hw/rtc/mc146818rtc.c "
                    + "rtc_periodic_clock_ticks, periodic_timer_update"),
    /** A write to a time register while the clock runs restarts the second (and reads stale registers). */
    TIME_WRITE_RESTARTS_SECOND("rtc.time-write-restarts-second", "mc146818",
            "a write to a time or date register with SET=0 takes the other registers as last computed (they may be "
                    + "stale) and starts a new second at the write: the next update comes a full second later",
            "MC146818A 'Update Cycle': the divider chain, not the time registers, times the updates; a write "
                    + "changes one byte; QEMU hw/rtc/mc146818rtc.c cmos_ioport_write, rtc_set_time"),
    /** The alarm hour in 12-hour mode takes the PM bit of the hours register and not its own. */
    ALARM_12H_HOUR("rtc.alarm-12h-hour", "mc146818",
            "in 12-hour mode the alarm hour and the current hour are read with bit 7 (PM) as a tens digit, and the PM "
                    + "of both is taken from the hours register, so PM alarms and alarms set during PM go off at the wrong hour",
            "MC146818A 'Alarm': AF is set when the alarm bytes equal the time bytes (or are don't-care 11xxxxxx); "
                    + "QEMU hw/rtc/mc146818rtc.c get_next_alarm, convert_hour"),
    /** CMOS byte 0x32 is a century counter that carries, and 0x37 aliases it. */
    CENTURY_REGISTER("rtc.century-register", "mc146818",
            "CMOS byte 0x32 holds the century in the time format (BCD or binary), computed with the year and read back "
                    + "into the date on a write; index 0x37 (IBM PS/2 century) reads and writes 0x32 and moves the index there",
            "MC146818A 'Address Map': bytes 0x0E-0x3F are user RAM that the update cycle does not touch; "
                    + "QEMU hw/rtc/mc146818rtc.c rtc_set_cmos, cmos_ioport_read/write (RTC_IBM_PS2_CENTURY_BYTE)"),
    /** DV=000 and 001 run the clock as DV=010 does. */
    ANY_TIME_BASE_RUNS("rtc.any-time-base-runs", "mc146818",
            "divider codes DV=000 (4.194304 MHz) and 001 (1.048576 MHz) keep the time running at one second per second "
                    + "on the PC's 32.768 kHz crystal, as DV=010 does",
            "MC146818A register A DV2-DV0: the code must match the time base; only 010 divides 32.768 kHz to 1 Hz; "
                    + "QEMU hw/rtc/mc146818rtc.c rtc_running ((A & 0x70) <= 0x20)"),
    /** The device reset leaves UIE and clears the BIOS shutdown byte 0x0F. */
    RESET("rtc.reset", "mc146818",
            "the board reset leaves UIE set, and clears CMOS byte 0x0F (shutdown status) unless it holds 0xFE",
            "MC146818A 'RESET': RESET clears PIE, AIE, UIE, SQWE, IRQF, PF, AF and UF and touches no RAM; "
                    + "QEMU hw/rtc/mc146818rtc.c rtc_reset_enter"),
    /** QEMU, as the PC's firmware would, fills CMOS RAM with the machine's configuration. */
    CMOS_PRESET("rtc.cmos-preset", "mc146818",
            "CMOS RAM starts with the PC/Bochs BIOS configuration bytes for the machine: base, extended and high memory "
                    + "sizes, equipment 0x06, boot order 0x12/0x30, CPU count, disk and floppy bytes",
            "MC146818A 'Address Map': the 114 bytes of user RAM are undefined at power-on (the hardware profile "
                    + "starts them at zero); QEMU hw/i386/pc.c pc_cmos_init, pc_cmos_init_late, hw/i386/x86.c "
                    + "x86_rtc_set_cpus_count");

    private final Entry entry;

    RtcQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /** The ledger, in the order the qemu-pc profile lists it. */
    public static List<Quirk> all() {
        return List.of(values());
    }
}
