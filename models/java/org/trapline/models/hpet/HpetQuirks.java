package org.trapline.models.hpet;

import java.util.List;
import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's HPET (hw/timer/hpet.c) departs from the IA-PC HPET Specification 1.0a. Each was read
 * in QEMU's source and seen in its answers over qtest (golden/hpet-*.trace, HpetQuirksTest).
 */
public enum HpetQuirks implements Quirk {
    /** The main counter is a nanosecond offset modulo 2^64: counts from 2^64/10 on read wrong. */
    COUNTER_NS_WRAP("hpet.counter-ns-wrap",
            "while ENABLE_CNF=1 the main counter is (guest ns + offset) mod 2^64, divided by 10, with the offset "
                    + "taken as 10 x the count at the enable: a count of 2^64/10 or more runs on from another value",
            "IA-PC HPET 1.0a 2.3.7: the main counter is a 64-bit up-counter that rolls over to 0 only after "
                    + "FFFFFFFFFFFFFFFFh; QEMU hw/timer/hpet.c hpet_get_ticks, ticks_to_ns, hpet_ram_write (HPET_CFG)"),
    /** A main counter write while ENABLE_CNF=1 is kept aside and lost at the halt. */
    COUNTER_WRITE_WHILE_RUNNING_LOST("hpet.counter-write-while-running-lost",
            "a write to the main counter while ENABLE_CNF=1 changes neither the running count nor the count the halt "
                    + "leaves: it is overwritten when ENABLE_CNF is cleared",
            "IA-PC HPET 1.0a 2.3.7: writes should be done while halted, and load the counter (Intel ICH/PCH "
                    + "datasheets, MAIN_CNT: 'writes load the new value to the counter'); QEMU hw/timer/hpet.c "
                    + "hpet_ram_write (HPET_COUNTER), hpet_ram_read"),
    /** A comparator at or behind the counter fires a tick later, and a periodic match fires twice. */
    PAST_COMPARATOR_FIRES_NEXT_TICK("hpet.past-comparator-fires-next-tick",
            "a comparator equal to or (as a signed difference) behind the counter fires one tick (10 ns) after it is "
                    + "armed; a periodic timer advances its comparator only once the counter is past it, so each "
                    + "period fires at the match and again a tick later",
            "IA-PC HPET 1.0a 2.3.9.2: an interrupt is generated when the main counter equals the comparator; "
                    + "periodic mode adds the period at that match; QEMU hw/timer/hpet.c hpet_calculate_diff, "
                    + "hpet_timer (hpet_time_after)") {
        @Override
        public Set<Quirk> requires() {
            return Set.of(ARMED_FROM_ACCESS_INSTANT, ONE_SHOT_32BIT_WRAP);
        }
    },
    /** Deadlines count whole ticks from the access that armed them, not from the counter's tick edge. */
    ARMED_FROM_ACCESS_INSTANT("hpet.armed-from-access-instant",
            "a timer is armed for the instant of the access plus 10 ns per tick to go, so it fires up to 9 ns after "
                    + "the counter reaches the comparator",
            "IA-PC HPET 1.0a 2.3.9.2: the event happens when the counter equals the comparator; QEMU hw/timer/"
                    + "hpet.c hpet_set_timer, hpet_arm") {
        @Override
        public Set<Quirk> requires() {
            return Set.of(PAST_COMPARATOR_FIRES_NEXT_TICK, ONE_SHOT_32BIT_WRAP);
        }
    },
    /** The 32-bit one-shot wrap interrupt comes a tick early, and the timer fires only once. */
    ONE_SHOT_32BIT_WRAP("hpet.one-shot-32bit-wrap",
            "a one-shot timer in 32-bit mode raises its wrap interrupt when the counter reaches FFFFFFFFh, a tick "
                    + "before the rollover, then fires at the match and never again until its registers are written",
            "IA-PC HPET 1.0a 2.3.9.2.1: a 32-bit one-shot timer also interrupts when the counter wraps, and the "
                    + "comparator matches again each 2^32 ticks; QEMU hw/timer/hpet.c hpet_set_timer (wrap_flag), hpet_timer") {
        @Override
        public Set<Quirk> requires() {
            return Set.of(PAST_COMPARATOR_FIRES_NEXT_TICK, ARMED_FROM_ACCESS_INSTANT);
        }
    },
    /** The comparator's high half written with Tn_VAL_SET_CNF sets the comparator only; periods lose their top bit. */
    PERIOD_WRITE("hpet.period-write",
            "a write of the comparator's upper half with Tn_VAL_SET_CNF=1 sets the comparator but not the period, "
                    + "and in 32-bit mode the period drops bit 31 of each half written",
            "IA-PC HPET 1.0a 2.3.8 Tn_VAL_SET_CNF and 2.3.9.2.2: in periodic mode the comparator is incremented by "
                    + "the value last written to it, and a write with Tn_VAL_SET_CNF also sets the accumulator; "
                    + "QEMU hw/timer/hpet.c hpet_ram_write (HPET_TN_CMP, HPET_TN_CMP + 4)"),
    /** The interrupt line is driven only at events, on the route of that moment. */
    IRQ_DRIVEN_AT_EVENTS("hpet.irq-driven-at-events",
            "the timer's line is set only when it fires or is cleared, on the route of that moment: a change of "
                    + "Tn_INT_ROUTE_CNF, LEG_RT_CNF or Tn_INT_ENB_CNF while a level interrupt is active leaves the "
                    + "old line high, and a timer firing with its interrupt disabled lowers its route",
            "IA-PC HPET 1.0a 2.3.6 and 2.3.8 Tn_INT_TYPE_CNF: a level interrupt is held active until its status bit "
                    + "is cleared, on the route the timer selects; QEMU hw/timer/hpet.c update_irq"),
    /** Tn_INT_STS is set only for a timer whose interrupt is enabled. */
    STATUS_NEEDS_INT_ENABLE("hpet.status-needs-int-enable",
            "a level-triggered timer whose Tn_INT_ENB_CNF is 0 leaves its Tn_INT_STS bit clear when it fires, and "
                    + "clearing Tn_INT_ENB_CNF clears the bit",
            "IA-PC HPET 1.0a 2.3.8 Tn_INT_ENB_CNF: with the bit 0 the timer still operates and generates the "
                    + "status bits, but causes no interrupt; QEMU hw/timer/hpet.c update_irq, hpet_del_timer") {
        @Override
        public Set<Quirk> requires() {
            return Set.of(IRQ_DRIVEN_AT_EVENTS);
        }
    },
    /** Clearing Tn_INT_ENB_CNF stops the timer: a periodic comparator no longer advances. */
    INT_DISABLE_STOPS_TIMER("hpet.int-disable-stops-timer",
            "clearing Tn_INT_ENB_CNF deletes the timer, so a periodic comparator stops advancing until the bit is set "
                    + "again (which re-arms it from its stale value) or the comparator is written",
            "IA-PC HPET 1.0a 2.3.8 Tn_INT_ENB_CNF: with the bit 0 the timer still operates; QEMU hw/timer/hpet.c "
                    + "hpet_ram_write (HPET_TN_CFG, deactivating_bit HPET_TN_ENABLE), hpet_del_timer"),
    /** Halting the main counter clears every Tn_INT_STS bit. */
    HALT_CLEARS_STATUS("hpet.halt-clears-status",
            "clearing ENABLE_CNF clears the level interrupts' status bits, so setting it again does not re-assert them",
            "IA-PC HPET 1.0a 2.3.5 ENABLE_CNF and 2.3.6: ENABLE_CNF=0 halts the counter and disables the "
                    + "interrupts; a status bit is cleared only by a write of 1; QEMU hw/timer/hpet.c hpet_ram_write "
                    + "(HPET_CFG), hpet_del_timer") {
        @Override
        public Set<Quirk> requires() {
            return Set.of(IRQ_DRIVEN_AT_EVENTS);
        }
    },
    /** Tn_INT_ROUTE_CNF takes any value, supported or not. */
    ROUTE_UNCHECKED("hpet.route-unchecked",
            "Tn_INT_ROUTE_CNF stores any of the 32 values written, including those Tn_INT_ROUTE_CAP does not offer "
                    + "(the pc machine offers only IO-APIC input 2), and the interrupt goes to that input",
            "IA-PC HPET 1.0a 2.3.8 Tn_INT_ROUTE_CNF: a value the timer does not support reads back as something "
                    + "other than what was written; QEMU hw/timer/hpet.c HPET_TN_CFG_WRITE_MASK, timer_int_route"),
    /** Tn_FSB_EN_CNF is writable although Tn_FSB_INT_DEL_CAP is 0, and turns the interrupt into a memory write. */
    FSB_ENABLE_WITHOUT_CAPABILITY("hpet.fsb-enable-without-capability",
            "Tn_FSB_EN_CNF can be set although Tn_FSB_INT_DEL_CAP reads 0; the timer's interrupts then become a "
                    + "32-bit write of the FSB route's low half to the address in its high half",
            "IA-PC HPET 1.0a 2.3.8 Tn_FSB_EN_CNF: software can set it only if Tn_FSB_INT_DEL_CAP is set; "
                    + "QEMU hw/timer/hpet.c HPET_TN_CFG_WRITE_MASK, update_irq (address_space_stl_le)"),
    /** Offsets 160h-17Fh reach a fourth timer that no reset touches. */
    PHANTOM_TIMER("hpet.phantom-timer",
            "with NUM_TIM_CAP=2 the registers at 160h-17Fh still reach a fourth timer: all zero at power-on (no "
                    + "capabilities), never reset, armed by its own writes, but left out of ENABLE_CNF, status writes "
                    + "and the halt",
            "IA-PC HPET 1.0a 2.3.1 and 2.3.4 NUM_TIM_CAP: the registers of timers past the last are reserved; "
                    + "QEMU hw/timer/hpet.c hpet_ram_read/hpet_ram_write ('timer_id > s->num_timers')");

    /** QEMU's timer arithmetic (hpet_set_timer, hpet_timer) comes whole: these three are one mechanism. */
    static final Set<Quirk> TIMING = Set.of(PAST_COMPARATOR_FIRES_NEXT_TICK, ARMED_FROM_ACCESS_INSTANT, ONE_SHOT_32BIT_WRAP);

    private final Entry entry;

    HpetQuirks(String id, String behaviour, String citation) {
        this.entry = new Entry(id, "hpet", behaviour, citation);
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
