package org.trapline.models.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.state.ActionChain;

import org.trapline.chains.ChainCounterexamples;
import org.trapline.models.machine.Profile;

/**
 * Invariants of the MC146818A over chains of the datasheet's actions ({@link RtcChain}): guest
 * writes of every register and the passing of guest time, in the hardware and qemu-pc profiles.
 * A failing chain, shrunk, is written as {@code target/counterexamples/<property>.qtest}.
 */
@AddLifecycleHook(ChainCounterexamples.class)
class RtcProperties {
    /** The profile of the try under way, a parameter of each property: its chain starts on a board of that profile. */
    private String profile;

    @Provide
    Arbitrary<String> profiles() {
        return RtcChain.profiles();
    }

    @Provide
    Arbitrary<ActionChain<RtcChain>> timeChains() {
        return RtcChain.chain(() -> profile, false).withMaxTransformations(30);
    }

    @Provide
    Arbitrary<ActionChain<RtcChain>> interruptChains() {
        return RtcChain.chain(() -> profile, true).withMaxTransformations(16);
    }

    @Property(tries = 300)
    void timeRegistersAreValidBcdOrBinaryOnceTheClockRuns(@ForAll("profiles") String profile,
            @ForAll("timeChains") ActionChain<RtcChain> chain) {
        this.profile = profile;
        chain.withInvariant("time registers are valid BCD or binary once the clock runs",
                RtcProperties::timeRegistersAreValidBcdOrBinaryOnceTheClockRuns).run();
    }

    /**
     * With the dividers running (DV = 010) and SET = 0 for a second since the time, register A or
     * register B was last written, whatever was written before, each time register reads a valid
     * value in the data mode and hour format of register B: seconds and minutes 0-59, hours 0-23 or
     * 1-12 (with the PM bit), day of week 1-7, date 1-31, month 1-12, year 0-99.
     */
    static void timeRegistersAreValidBcdOrBinaryOnceTheClockRuns(RtcChain s) {
        for (RtcChain.TimeRead r : s.timeReads) {
            boolean binary = r.binary();
            String what = RtcChain.name(r.index()) + " read " + RtcChain.hex(r.value()) + (binary ? " (binary" : " (BCD")
                    + (r.h24() ? ", 24 h)" : ", 12 h)");
            switch (r.index()) {
                case 0x00, 0x02 -> assertThat(value(r.value(), binary)).as(what).isBetween(0, 59);
                case 0x04 -> {
                    if (r.h24()) {
                        assertThat(value(r.value(), binary)).as(what).isBetween(0, 23);
                    } else {
                        assertThat(value(r.value() & 0x7f, binary)).as(what).isBetween(1, 12);
                    }
                }
                case 0x06 -> assertThat(value(r.value(), binary)).as(what).isBetween(1, 7);
                case 0x07 -> assertThat(value(r.value(), binary)).as(what).isBetween(1, 31);
                case 0x08 -> assertThat(value(r.value(), binary)).as(what).isBetween(1, 12);
                case 0x09 -> assertThat(value(r.value(), binary)).as(what).isBetween(0, 99);
                default -> {
                }
            }
        }
    }

    /** The register's value, or -1 when a BCD byte holds a digit above 9. */
    private static int value(int reg, boolean binary) {
        if (binary) {
            return reg;
        }
        int hi = reg >> 4;
        int lo = reg & 0x0f;
        return hi > 9 || lo > 9 ? -1 : hi * 10 + lo;
    }

    @Property(tries = 80)
    void irq8EdgesFollowTheRateSelectTable(@ForAll("profiles") String profile,
            @ForAll("interruptChains") ActionChain<RtcChain> chain) {
        this.profile = profile;
        chain.withInvariant("IRQ8's edges follow the rate-select table", RtcProperties::irq8EdgesFollowTheRateSelectTable)
                .run();
    }

    /**
     * With register A 20h | RS (RS 1-15) and register B's PIE the only interrupt enabled (SET = 0),
     * a handler that reads register C at every deadline sees one rising IRQ8 edge per period of the
     * rate-select table, 32768 Hz / 2^(RS-1) (RS 1 and 2: as RS 8 and 9), to one edge fewer.
     * QEMU (rtc.periodic-free-of-divider) counts the part of the old period already run when RS
     * changes from one rate to another with PIE set, so its first period after that is short: then
     * one edge more may come, until PIE is set anew.
     */
    static void irq8EdgesFollowTheRateSelectTable(RtcChain s) {
        RtcChain.Service v = s.service;
        if (v == null || !v.periodicOnly()) {
            return;
        }
        long expected = v.seconds() * 32768 / Mc146818.periodCycles(v.rs());
        boolean shortFirstPeriod = !s.profile().equals(Profile.HARDWARE.id()) && v.rateChangedUnderPie();
        assertThat(v.edges()).as("rate select %d", v.rs()).isBetween(expected - 1, shortFirstPeriod ? expected + 1 : expected);
    }
}
