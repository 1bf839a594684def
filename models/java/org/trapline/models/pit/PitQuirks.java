package org.trapline.models.pit;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's i8254 (hw/timer/i8254.c, i8254_common.c) and its port 61h (hw/audio/pcspk.c)
 * depart from the Intel 8254 datasheet (order 231164) and the PIIX3 datasheet (290550). Each was read
 * in QEMU's source and confirmed against the clock-driven QEMU 7.2 over qtest (golden/pit-*.trace).
 *
 * <p>{@link #QEMU_TICKS} and the departures listed after it up to {@link #CONTROL_WORD_KEEPS_COUNTING}
 * are QEMU's counting arithmetic: each is named in the ledger, and they require one another
 * ({@link #requires()}). The three options of that arithmetic require {@link #QEMU_TICKS}; the
 * others switch on their own.
 */
public enum PitQuirks implements Quirk {
    /** QEMU counts 1 193 182 Hz ticks from the instant a count is written, in its own rounding. */
    QEMU_TICKS("pit.qemu-ticks", "i8254",
            "counts floor((now - write time) * 1193182 / 1e9) ticks from the instant the count is written: no CLK phase,"
                    + " no load pulse (mode 0 OUT rises N ticks after the write, not N+1 pulses); the IRQ0 timer is armed at"
                    + " the floored instant of the next tick, where it re-drives the old level, and 1 ns later changes it;"
                    + " so a few of mode 2's one-tick low pulses fall between two whole nanoseconds and raise no IRQ0"
                    + " (count 1025: 69 840 rising edges a minute for 69 844.8 periods; count 43653: 1 600 for 1 640.2)",
            "8254 231164 'Mode 0': the initial count is loaded on the next CLK pulse, OUT goes high N+1 pulses after the write;"
                    + " the PC's CLK is 14.31818 MHz / 12; QEMU hw/timer/i8254_common.c pit_get_out,"
                    + " pit_get_next_transition_time (muldiv64, and the 1 ns nudge it adds against rounding)"),
    /** A count in modes 1-5 restarts the counter at once. */
    COUNT_TAKES_EFFECT_AT_ONCE("pit.count-takes-effect-at-once", "i8254",
            "a new count restarts the counter the moment it is written in every mode: modes 2 and 3 do not finish the"
                    + " current period (half-cycle), modes 1 and 5 start without a GATE trigger (OUT1 goes low at the write),"
                    + " and the first byte of a two-byte count in mode 0 neither stops counting nor sets OUT low",
            "8254 231164 'Mode 2', 'Mode 3': a new count is loaded at the end of the current period (half-cycle);"
                    + " 'Mode 1', 'Mode 5': counting starts on the CLK pulse after a GATE trigger; 'Mode 0': writing the first"
                    + " byte disables counting and sets OUT low; QEMU hw/timer/i8254.c pit_load_count"),
    /** The GATE level is ignored: only a rising edge, in modes 1, 2, 3 and 5, restarts the count. */
    GATE_LEVEL_IGNORED("pit.gate-level-ignored", "i8254",
            "GATE low neither stops counting in modes 0, 2, 3 and 4 nor forces OUT high in modes 2 and 3;"
                    + " a rising GATE in modes 1, 2, 3 and 5 restarts the count at that instant",
            "8254 231164 'Mode 0' ... 'Mode 4': GATE = 0 disables counting; 'Mode 2', 'Mode 3': GATE low forces OUT high"
                    + " immediately; QEMU hw/timer/i8254.c pit_set_channel_gate (its comment there notes counting is not disabled)"),
    /** OUT in modes 1, 2, 4 and 5 has the opposite level of the datasheet's for most of the count. */
    OUT_INVERTED("pit.out-inverted", "i8254",
            "mode 1 OUT is high while the one-shot counts and low after terminal count; mode 2 OUT is low except for"
                    + " the one tick at each reload (and low at the start); mode 4/5 OUT is low except for the one tick"
                    + " at terminal count",
            "8254 231164 'Mode 1': OUT goes low on the CLK pulse after a trigger and high at terminal count; 'Mode 2': OUT is"
                    + " initially high and goes low for one CLK pulse when the count reaches 1; 'Mode 4', 'Mode 5': OUT"
                    + " is initially high and goes low for one CLK pulse at terminal count;"
                    + " QEMU hw/timer/i8254_common.c pit_get_out"),
    /** The control word changes the mode but neither stops the count nor sets OUT to its initial state. */
    CONTROL_WORD_KEEPS_COUNTING("pit.control-word-keeps-counting", "i8254",
            "a control word only changes the mode: the counter goes on from the old count and write time under the new"
                    + " mode's rules, OUT follows those rules, and IRQ0 is not updated until its timer next fires",
            "8254 231164 'Operation Common to All Modes': when a control word is written, all control logic is reset and OUT"
                    + " goes to a known initial state (low in mode 0, high otherwise) until a count is written;"
                    + " QEMU hw/timer/i8254.c pit_ioport_write (its comment there leaves the IRQ timer un-updated)"),
    /** Mode 3 with an odd count reads back QEMU's own sequence. */
    MODE3_ODD_COUNT_READS("pit.mode3-odd-count-reads", "i8254",
            "with an odd count N in mode 3 the counter reads N - (2d mod N) after d ticks (N, N-2, ..., 1, N-1, ..., 2)",
            "8254 231164 'Mode 3' odd counts: N-1 is loaded and decremented by two in each half (N-1, N-3, ..., 0, N-1, ...,"
                    + " 2); QEMU hw/timer/i8254.c pit_get_count (its comment there doubts odd counts)"),
    /** Modes 6 and 7 are not modes 2 and 3. */
    MODES_6_7_UNALIASED("pit.modes-6-7-unaliased", "i8254",
            "control word modes 6 and 7 count like mode 2 but drive OUT like mode 0, and GATE has no effect",
            "8254 231164 'Control Word Format': M2 M1 M0 = X10 is mode 2 and X11 is mode 3;"
                    + " QEMU hw/timer/i8254.c pit_get_count and i8254_common.c pit_get_out (default cases)"),
    /** BCD counting is not implemented. */
    BCD_NOT_COUNTED("pit.bcd-not-counted", "i8254",
            "with BCD=1 the count is taken and counted in binary (0x10 is sixteen, 0 is 65536); only the status shows BCD",
            "8254 231164 'Control Word Format' BCD: 1 = binary coded decimal counter (4 decades), count 0 is 10^4;"
                    + " QEMU hw/timer/i8254.c ('bcd: not supported')"),
    /** The read-back status never has NULL COUNT set. */
    READBACK_NO_NULL_COUNT("pit.readback-no-null-count", "i8254",
            "status bit D6 (NULL COUNT) reads 0 even after a control word or a count not yet loaded",
            "8254 231164 'Read-Back Command', 'Status Byte': NULL COUNT is 1 from a control word or count write until the count"
                    + " is loaded into CE; QEMU hw/timer/i8254.c pit_ioport_write (its comment there lists BCD and null count as missing)"),
    /** A latched count survives a control word. */
    CONTROL_WORD_KEEPS_LATCH("pit.control-word-keeps-latch", "i8254",
            "a count or status latched before a control word is still read after it",
            "8254 231164 'Counter Latch Command': the count is held in OL until read or until the counter is reprogrammed;"
                    + " QEMU hw/timer/i8254.c pit_ioport_write (a control word leaves count_latched and status_latched)"),
    /** Reading the control word port answers 0. */
    CONTROL_PORT_READS_ZERO("pit.control-port-reads-zero", "i8254",
            "IN from port 43h returns 0",
            "8254 231164 Table 1 'Read/Write Operations Summary': A1 A0 = 11 with RD is a no-operation (3-state), so the ISA"
                    + " data bus floats high (FFh); QEMU hw/timer/i8254.c pit_ioport_read"),
    /** All three counters count from reset. */
    COUNTING_AT_RESET("pit.counting-at-reset", "i8254",
            "at reset every counter is in mode 3 with count 65536 loaded at the reset instant (counter 2 too, its GATE"
                    + " low notwithstanding), so IRQ0 toggles from the start; the RW modes, latches and byte pointers are"
                    + " kept across a board reset",
            "8254 231164 'Programming the 8254': prior to initialization the mode, count and output of all counters are"
                    + " undefined; QEMU hw/timer/i8254_common.c pit_reset_common, i8254.c pit_reset"),
    /** Port 61h does not keep the NMI enable bits. */
    PORT61_NMI_ENABLES_NOT_STORED("pit.port61-nmi-enables-not-stored",
            "port 61h", "bits 2 (PCI SERR# enable) and 3 (IOCHK# enable) are dropped on write and read 0",
            "PIIX3 290550 'NMI Status and Control Register (NMISC, port 061h)': bits 3:2 are read/write;"
                    + " QEMU hw/audio/pcspk.c pcspk_io_write, pcspk_io_read"),
    /** Port 61h's refresh bit toggles on every read. */
    PORT61_REFRESH_TOGGLES_ON_READ("pit.port61-refresh-toggles-on-read",
            "port 61h", "bit 4 flips on every read of port 61h (the first read gives 1), and survives a board reset",
            "PIIX3 290550 NMISC bit 4 (REF_TOGGLE): toggles following every refresh cycle, which counter 1's OUT requests;"
                    + " QEMU hw/audio/pcspk.c pcspk_io_read (dummy_refresh_clock)");

    private final Entry entry;

    PitQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /**
     * QEMU's counting arithmetic comes whole ({@link QemuElement} embodies all five parts or none);
     * the read-back of odd mode 3 counts, modes 6 and 7 and counting from reset are options of it.
     */
    @Override
    public Set<Quirk> requires() {
        if (QemuElement.ARITHMETIC.contains(this)) {
            Set<Quirk> others = new LinkedHashSet<>(QemuElement.ARITHMETIC);
            others.remove(this);
            return Collections.unmodifiableSet(others);
        }
        return switch (this) {
            case MODE3_ODD_COUNT_READS, MODES_6_7_UNALIASED, COUNTING_AT_RESET -> Set.of(QEMU_TICKS);
            default -> Set.of();
        };
    }

    /** The parts of QEMU's counting arithmetic, which come and go with {@link #QEMU_TICKS}. */
    public static Set<Quirk> countingArithmetic() {
        return Collections.unmodifiableSet(QemuElement.ARITHMETIC);
    }

    /** The ledger, in the order the qemu-pc profile lists it. */
    public static List<Quirk> all() {
        return List.of(values());
    }
}
