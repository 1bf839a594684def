package org.trapline.models.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.rtc.RtcBoard.SEC;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** Each QEMU departure from the MC146818A datasheet: the datasheet behaviour without it, QEMU's with it. */
class RtcQuirksTest {
    @Test
    void theLedgerIsWhatQemuPcSwitchesOn() {
        assertThat(Profile.QEMU_PC.quirks()).containsAll(RtcQuirks.all());
        assertThat(RtcQuirks.all()).doesNotHaveDuplicates().allSatisfy(q -> {
            assertThat(q.id()).startsWith("rtc.");
            assertThat(q.citation()).contains("MC146818A").contains("QEMU hw/");
        });
    }

    @Test
    void updateCycleInstant() {
        RtcBoard h = RtcBoard.hardware().stepTo(999_000_000);
        RtcBoard q = RtcBoard.with(RtcQuirks.UPDATE_CYCLE_INSTANT).stepTo(999_000_000);
        assertThat(h.get(0x0a) & 0x80).as("datasheet: UIP 244 us + 1984 us ahead").isEqualTo(0x80);
        assertThat(q.get(0x0a) & 0x80).isZero();
        assertThat(q.stepTo(999_800_000).get(0x0a) & 0x80).isEqualTo(0x80);
        // after a divider reset: the registers change 500 ms later (QEMU) or at the end of the first cycle
        for (RtcBoard b : new RtcBoard[] {h, q}) {
            b.set(0x0a, 0x66).stepTo(5 * SEC).set(0x0a, 0x26).stepTo(5 * SEC + SEC / 2);
        }
        assertThat(q.get(0)).isEqualTo(0x07);
        assertThat(h.get(0)).isEqualTo(0x06);
        assertThat(h.stepTo(5 * SEC + SEC / 2 + Mc146818.UPDATE_CYCLE_NS).get(0)).isEqualTo(0x07);
    }

    @Test
    void uipLatched() {
        Set<org.trapline.models.device.Quirk> base = Set.of(RtcQuirks.UPDATE_CYCLE_INSTANT, RtcQuirks.TIME_WRITE_RESTARTS_SECOND);
        RtcBoard h = new RtcBoard(base, MachineConfig.defaults().withRtcBase(RtcBoard.BASE));
        RtcBoard q = new RtcBoard(union(base, RtcQuirks.UIP_LATCHED), MachineConfig.defaults().withRtcBase(RtcBoard.BASE));
        for (RtcBoard b : new RtcBoard[] {h, q}) {
            assertThat(b.stepTo(999_900_000).get(0x0a) & 0x80).isEqualTo(0x80);
            b.set(0, 0x20); // a new second starts now: the update is a second away
        }
        assertThat(h.get(0x0a) & 0x80).isZero();
        assertThat(q.get(0x0a) & 0x80).as("latched until the old timer runs").isEqualTo(0x80);
    }

    @Test
    void periodicFreeOfDivider() {
        RtcBoard h = RtcBoard.hardware().set(0x0a, 0x2f).step(600_000_000);
        RtcBoard q = RtcBoard.with(RtcQuirks.PERIODIC_FREE_OF_DIVIDER).set(0x0a, 0x2f).step(600_000_000);
        assertThat(h.get(0x0c)).as("PF whatever PIE").isEqualTo(0x40);
        assertThat(q.get(0x0c)).isZero();
        for (RtcBoard b : new RtcBoard[] {h, q}) {
            b.set(0x0b, 0x42).set(0x0a, 0x6f).get(0x0c);
            b.step(3 * SEC);
        }
        assertThat(h.get(0x0c)).as("the dividers in reset stop the taps").isZero();
        assertThat(q.get(0x0c)).isEqualTo(0xc0);
    }

    @Test
    void timeWriteRestartsSecond() {
        RtcBoard h = RtcBoard.hardware();
        RtcBoard q = RtcBoard.with(RtcQuirks.TIME_WRITE_RESTARTS_SECOND);
        for (RtcBoard b : new RtcBoard[] {h, q}) {
            b.stepTo(300_000_000).set(0, 0x30).stepTo(SEC + 100_000_000);
        }
        assertThat(h.get(0)).as("the divider chain keeps the second").isEqualTo(0x31);
        assertThat(q.get(0)).isEqualTo(0x30);
        assertThat(q.stepTo(SEC + 300_000_000).get(0)).isEqualTo(0x31);
        // stale registers: 100 s with no read (UF set, no timer refreshes them), then one write
        h = RtcBoard.hardware();
        q = RtcBoard.with(RtcQuirks.TIME_WRITE_RESTARTS_SECOND);
        for (RtcBoard b : new RtcBoard[] {h, q}) {
            b.stepTo(100 * SEC).set(0, 0x00);
        }
        assertThat(h.time()).isEqualTo("04:06:00");
        assertThat(q.time()).as("minutes as last computed").isEqualTo("04:05:00");
    }

    @Test
    void alarm12hHour() {
        // 12-hour mode, 1:00:00 AM, alarm 1:00:00 PM
        RtcBoard h = RtcBoard.hardware();
        RtcBoard q = RtcBoard.with(RtcQuirks.ALARM_12H_HOUR);
        for (RtcBoard b : new RtcBoard[] {h, q}) {
            b.set(0x0b, 0x80).set(4, 0x01).set(2, 0).set(0, 0).set(5, 0x81).set(3, 0).set(1, 0).set(0x0b, 0x20);
            b.get(0x0c);
            b.step(8 * 3600 * SEC + SEC);
        }
        assertThat(h.get(0x0c) & 0x20).isZero();
        assertThat(q.get(0x0c) & 0x20).as("0x81 read as 81 % 12 = 9, AM: 9:00").isEqualTo(0x20);
        h.step(4 * 3600 * SEC);
        assertThat(h.get(0x0c) & 0x20).as("1 PM").isEqualTo(0x20);
    }

    @Test
    void centuryRegister() {
        RtcBoard h = RtcBoard.hardware();
        RtcBoard q = RtcBoard.with(RtcQuirks.CENTURY_REGISTER);
        assertThat(h.get(0x32)).isZero();
        assertThat(h.get(0x37)).isZero();
        assertThat(q.get(0x32)).isEqualTo(0x20);
        assertThat(q.get(0x37)).isEqualTo(0x20);
        assertThat(q.io.read(0x71, 1)).as("the index moved to 0x32").isEqualTo(0x20);
        q.set(0x37, 0x19);
        assertThat(q.get(0x32)).isEqualTo(0x19);
        assertThat(q.get(0x37)).isEqualTo(0x19);
        h.set(0x37, 0x19);
        assertThat(h.get(0x32)).isZero();
    }

    @Test
    void anyTimeBaseRuns() {
        RtcBoard h = RtcBoard.hardware().set(0x0a, 0x06).step(2 * SEC);
        RtcBoard q = RtcBoard.with(RtcQuirks.ANY_TIME_BASE_RUNS).set(0x0a, 0x06).step(2 * SEC);
        assertThat(h.get(0)).isEqualTo(0x06);
        assertThat(q.get(0)).isEqualTo(0x08);
    }

    @Test
    void reset() {
        RtcBoard h = RtcBoard.hardware().set(0x0b, 0x7e).set(0x0f, 0x05);
        RtcBoard q = RtcBoard.with(RtcQuirks.RESET).set(0x0b, 0x7e).set(0x0f, 0x05);
        h.rtc.reset();
        q.rtc.reset();
        assertThat(h.get(0x0b)).isEqualTo(0x06);
        assertThat(q.get(0x0b)).isEqualTo(0x16);
        assertThat(h.get(0x0f)).isEqualTo(0x05);
        assertThat(q.get(0x0f)).isZero();
        q.set(0x0f, 0xfe).rtc.reset();
        assertThat(q.get(0x0f)).as("S3 resume marker kept").isEqualTo(0xfe);
    }

    @Test
    void cmosPreset() {
        // The board writes the bytes (QEMU's pc_cmos_init); the RTC keeps them.
        for (org.trapline.models.machine.Profile p : org.trapline.models.machine.Profile.values()) {
            var m = p.build(org.trapline.models.machine.MachineConfig.defaults());
            m.io().write(0x70, 1, 0x15);
            assertThat(m.io().read(0x71, 1)).as(p.id()).isEqualTo(p.quirks().contains(RtcQuirks.CMOS_PRESET) ? 0x80 : 0);
        }
        assertThat(RtcBoard.with(RtcQuirks.CMOS_PRESET).get(0x15)).as("the RTC alone leaves user RAM zero").isZero();
    }

    private static Set<org.trapline.models.device.Quirk> union(Set<org.trapline.models.device.Quirk> a,
            org.trapline.models.device.Quirk b) {
        var all = new java.util.HashSet<>(a);
        all.add(b);
        return all;
    }
}
