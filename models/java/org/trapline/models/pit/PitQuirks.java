package org.trapline.models.pit;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's i8254 (hw/timer/i8254.c, i8254_common.c) and its port 61h (hw/audio/pcspk.c)
 * depart from the Intel 8254 datasheet (order 231164) and the PIIX3 datasheet (290550). Each was read
 * in QEMU's source and confirmed against the clock-driven QEMU 7.2 over qtest (golden/pit-*.trace).
 *
 * <p>{@link #QEMU_TICKS} selects QEMU's counting arithmetic as a whole. The departures listed after
 * it up to {@link #CONTROL_WORD_KEEPS_COUNTING} are parts of that arithmetic: they are in the ledger
 * so that each is named, and they come and go with it. The others switch on their own.
 */
public final class PitQuirks {
    private static final String DEVICE = "i8254";
    private static final String DS = "8254 231164 ";

    /** QEMU counts 1 193 182 Hz ticks from the instant a count is written, in its own rounding. */
    public static final Quirk QEMU_TICKS = new Quirk("pit.qemu-ticks", DEVICE,
            "counts floor((now - write time) * 1193182 / 1e9) ticks from the instant the count is written: no CLK phase,"
                    + " no load pulse (mode 0 OUT rises N ticks after the write, not N+1 pulses); the IRQ0 timer is armed at"
                    + " the floored instant of the next tick, where it re-drives the old level, and 1 ns later changes it;"
                    + " so a few of mode 2's one-tick low pulses fall between two whole nanoseconds and raise no IRQ0"
                    + " (count 1025: 69 840 rising edges a minute for 69 844.8 periods; count 43653: 1 600 for 1 640.2)",
            DS + "'Mode 0': the initial count is loaded on the next CLK pulse, OUT goes high N+1 pulses after the write;"
                    + " the PC's CLK is 14.31818 MHz / 12; QEMU hw/timer/i8254_common.c pit_get_out,"
                    + " pit_get_next_transition_time (muldiv64, and the 1 ns nudge it adds against rounding)");

    /** A count in modes 1-5 restarts the counter at once. */
    public static final Quirk COUNT_TAKES_EFFECT_AT_ONCE = new Quirk("pit.count-takes-effect-at-once", DEVICE,
            "a new count restarts the counter the moment it is written in every mode: modes 2 and 3 do not finish the"
                    + " current period (half-cycle), modes 1 and 5 start without a GATE trigger (OUT1 goes low at the write),"
                    + " and the first byte of a two-byte count in mode 0 neither stops counting nor sets OUT low",
            DS + "'Mode 2', 'Mode 3': a new count is loaded at the end of the current period (half-cycle);"
                    + " 'Mode 1', 'Mode 5': counting starts on the CLK pulse after a GATE trigger; 'Mode 0': writing the first"
                    + " byte disables counting and sets OUT low; QEMU hw/timer/i8254.c pit_load_count");

    /** The GATE level is ignored: only a rising edge, in modes 1, 2, 3 and 5, restarts the count. */
    public static final Quirk GATE_LEVEL_IGNORED = new Quirk("pit.gate-level-ignored", DEVICE,
            "GATE low neither stops counting in modes 0, 2, 3 and 4 nor forces OUT high in modes 2 and 3;"
                    + " a rising GATE in modes 1, 2, 3 and 5 restarts the count at that instant",
            DS + "'Mode 0' ... 'Mode 4': GATE = 0 disables counting; 'Mode 2', 'Mode 3': GATE low forces OUT high"
                    + " immediately; QEMU hw/timer/i8254.c pit_set_channel_gate (its comment there notes counting is not disabled)");

    /** OUT in modes 1, 2, 4 and 5 has the opposite level of the datasheet's for most of the count. */
    public static final Quirk OUT_INVERTED = new Quirk("pit.out-inverted", DEVICE,
            "mode 1 OUT is high while the one-shot counts and low after terminal count; mode 2 OUT is low except for"
                    + " the one tick at each reload (and low at the start); mode 4/5 OUT is low except for the one tick"
                    + " at terminal count",
            DS + "'Mode 1': OUT goes low on the CLK pulse after a trigger and high at terminal count; 'Mode 2': OUT is"
                    + " initially high and goes low for one CLK pulse when the count reaches 1; 'Mode 4', 'Mode 5': OUT"
                    + " is initially high and goes low for one CLK pulse at terminal count;"
                    + " QEMU hw/timer/i8254_common.c pit_get_out");

    /** The control word changes the mode but neither stops the count nor sets OUT to its initial state. */
    public static final Quirk CONTROL_WORD_KEEPS_COUNTING = new Quirk("pit.control-word-keeps-counting", DEVICE,
            "a control word only changes the mode: the counter goes on from the old count and write time under the new"
                    + " mode's rules, OUT follows those rules, and IRQ0 is not updated until its timer next fires",
            DS + "'Operation Common to All Modes': when a control word is written, all control logic is reset and OUT"
                    + " goes to a known initial state (low in mode 0, high otherwise) until a count is written;"
                    + " QEMU hw/timer/i8254.c pit_ioport_write (its comment there leaves the IRQ timer un-updated)");

    /** Mode 3 with an odd count reads back QEMU's own sequence. */
    public static final Quirk MODE3_ODD_COUNT_READS = new Quirk("pit.mode3-odd-count-reads", DEVICE,
            "with an odd count N in mode 3 the counter reads N - (2d mod N) after d ticks (N, N-2, ..., 1, N-1, ..., 2)",
            DS + "'Mode 3' odd counts: N-1 is loaded and decremented by two in each half (N-1, N-3, ..., 0, N-1, ...,"
                    + " 2); QEMU hw/timer/i8254.c pit_get_count (its comment there doubts odd counts)");

    /** Modes 6 and 7 are not modes 2 and 3. */
    public static final Quirk MODES_6_7_UNALIASED = new Quirk("pit.modes-6-7-unaliased", DEVICE,
            "control word modes 6 and 7 count like mode 2 but drive OUT like mode 0, and GATE has no effect",
            DS + "'Control Word Format': M2 M1 M0 = X10 is mode 2 and X11 is mode 3;"
                    + " QEMU hw/timer/i8254.c pit_get_count and i8254_common.c pit_get_out (default cases)");

    /** BCD counting is not implemented. */
    public static final Quirk BCD_NOT_COUNTED = new Quirk("pit.bcd-not-counted", DEVICE,
            "with BCD=1 the count is taken and counted in binary (0x10 is sixteen, 0 is 65536); only the status shows BCD",
            DS + "'Control Word Format' BCD: 1 = binary coded decimal counter (4 decades), count 0 is 10^4;"
                    + " QEMU hw/timer/i8254.c ('bcd: not supported')");

    /** The read-back status never has NULL COUNT set. */
    public static final Quirk READBACK_NO_NULL_COUNT = new Quirk("pit.readback-no-null-count", DEVICE,
            "status bit D6 (NULL COUNT) reads 0 even after a control word or a count not yet loaded",
            DS + "'Read-Back Command', 'Status Byte': NULL COUNT is 1 from a control word or count write until the count"
                    + " is loaded into CE; QEMU hw/timer/i8254.c pit_ioport_write (its comment there lists BCD and null count as missing)");

    /** A latched count survives a control word. */
    public static final Quirk CONTROL_WORD_KEEPS_LATCH = new Quirk("pit.control-word-keeps-latch", DEVICE,
            "a count or status latched before a control word is still read after it",
            DS + "'Counter Latch Command': the count is held in OL until read or until the counter is reprogrammed;"
                    + " QEMU hw/timer/i8254.c pit_ioport_write (a control word leaves count_latched and status_latched)");

    /** Reading the control word port answers 0. */
    public static final Quirk CONTROL_PORT_READS_ZERO = new Quirk("pit.control-port-reads-zero", DEVICE,
            "IN from port 43h returns 0",
            DS + "Table 1 'Read/Write Operations Summary': A1 A0 = 11 with RD is a no-operation (3-state), so the ISA"
                    + " data bus floats high (FFh); QEMU hw/timer/i8254.c pit_ioport_read");

    /** All three counters count from reset. */
    public static final Quirk COUNTING_AT_RESET = new Quirk("pit.counting-at-reset", DEVICE,
            "at reset every counter is in mode 3 with count 65536 loaded at the reset instant (counter 2 too, its GATE"
                    + " low notwithstanding), so IRQ0 toggles from the start; the RW modes, latches and byte pointers are"
                    + " kept across a board reset",
            DS + "'Programming the 8254': prior to initialization the mode, count and output of all counters are"
                    + " undefined; QEMU hw/timer/i8254_common.c pit_reset_common, i8254.c pit_reset");

    /** Port 61h does not keep the NMI enable bits. */
    public static final Quirk PORT61_NMI_ENABLES_NOT_STORED = new Quirk("pit.port61-nmi-enables-not-stored",
            "port 61h", "bits 2 (PCI SERR# enable) and 3 (IOCHK# enable) are dropped on write and read 0",
            "PIIX3 290550 'NMI Status and Control Register (NMISC, port 061h)': bits 3:2 are read/write;"
                    + " QEMU hw/audio/pcspk.c pcspk_io_write, pcspk_io_read");

    /** Port 61h's refresh bit toggles on every read. */
    public static final Quirk PORT61_REFRESH_TOGGLES_ON_READ = new Quirk("pit.port61-refresh-toggles-on-read",
            "port 61h", "bit 4 flips on every read of port 61h (the first read gives 1), and survives a board reset",
            "PIIX3 290550 NMISC bit 4 (REF_TOGGLE): toggles following every refresh cycle, which counter 1's OUT requests;"
                    + " QEMU hw/audio/pcspk.c pcspk_io_read (dummy_refresh_clock)");

    private PitQuirks() {
    }

    /** The parts of QEMU's counting arithmetic that come with {@link #QEMU_TICKS}. */
    public static List<Quirk> countingArithmetic() {
        return List.of(QEMU_TICKS, COUNT_TAKES_EFFECT_AT_ONCE, GATE_LEVEL_IGNORED, OUT_INVERTED,
                CONTROL_WORD_KEEPS_COUNTING);
    }

    /** The ledger, in the order the qemu-pc profile lists it. */
    public static List<Quirk> all() {
        return List.of(QEMU_TICKS, COUNT_TAKES_EFFECT_AT_ONCE, GATE_LEVEL_IGNORED, OUT_INVERTED,
                CONTROL_WORD_KEEPS_COUNTING, MODE3_ODD_COUNT_READS, MODES_6_7_UNALIASED, BCD_NOT_COUNTED,
                READBACK_NO_NULL_COUNT, CONTROL_WORD_KEEPS_LATCH, CONTROL_PORT_READS_ZERO, COUNTING_AT_RESET,
                PORT61_NMI_ENABLES_NOT_STORED, PORT61_REFRESH_TOGGLES_ON_READ);
    }
}
