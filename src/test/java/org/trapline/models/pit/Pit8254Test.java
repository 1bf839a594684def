package org.trapline.models.pit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.pit.PitBoard.pulse;

import org.junit.jupiter.api.Test;

/** The hardware profile: the 8254 datasheet (231164) on the PC's 14.31818 MHz / 12 CLK. */
class Pit8254Test {
    private final PitBoard b = PitBoard.hardware();

    @Test
    void theClockHasNoDriftAndNoOverflow() {
        assertThat(pulse(1)).isEqualTo(839);
        assertThat(pulse(3_579_545)).isEqualTo(3_000_000_000L);
        assertThat(CrystalClock.pulsesAt(3_000_000_000L)).isEqualTo(3_579_545);
        assertThat(CrystalClock.pulsesAt(2_999_999_999L)).isEqualTo(3_579_544);
        long hour = 3_600_000_000_000L;
        assertThat(CrystalClock.pulsesAt(hour)).isEqualTo(4_295_454_000L);
        assertThat(CrystalClock.pulsesAt(1000 * hour)).isEqualTo(4_295_454_000_000L);
        assertThat(CrystalClock.pulsesAt(Long.MAX_VALUE)).isPositive();
        long k = CrystalClock.pulsesAt(Long.MAX_VALUE);
        assertThat(CrystalClock.timeOfPulse(k)).isLessThanOrEqualTo(Long.MAX_VALUE).isPositive();
        assertThat(CrystalClock.timeOfPulse(k + 10)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void powerOnCountersAreNotCounting() {
        b.at(1_000_000_000L);
        assertThat(b.edges).isEmpty();
        assertThat(b.out(0)).isFalse();
        assertThat(b.latchedCount(0)).isZero();
        assertThat(b.scheduler.nextDeadlineNs()).isEqualTo(-1);
    }

    @Test
    void mode0LoadsOnTheNextPulseAndOutRisesNPlusOnePulsesAfterTheWrite() {
        b.out(0x43, 0x10).out(0x40, 3);
        assertThat(b.out(0)).isFalse();
        assertThat(b.nullCount(0)).as("count not yet in CE").isTrue();
        b.at(pulse(1));
        assertThat(b.nullCount(0)).isFalse();
        b.out(0x43, 0x00);
        assertThat(b.in(0x40)).isEqualTo(3);
        b.at(pulse(3));
        b.out(0x43, 0x00);
        assertThat(b.in(0x40)).isEqualTo(1);
        b.at(pulse(4) - 1);
        assertThat(b.edges).isEmpty();
        b.at(pulse(4));
        assertThat(b.edges).containsExactly("raise@" + pulse(4));
        b.out(0x43, 0x00);
        assertThat(b.in(0x40)).isZero();
        b.at(pulse(5));
        b.out(0x43, 0x00);
        assertThat(b.in(0x40)).as("counting goes on past terminal count").isEqualTo(0xff);
        assertThat(b.scheduler.nextDeadlineNs()).isEqualTo(-1);
    }

    @Test
    void mode0FirstByteOfTwoStopsCountingAndSetsOutLow() {
        b.program(0, 0, 2).at(pulse(10));
        assertThat(b.out(0)).isTrue();
        b.out(0x40, 0x05);
        assertThat(b.out(0)).isFalse();
        int held = b.latchedCount(0);
        b.at(pulse(20));
        assertThat(b.latchedCount(0)).isEqualTo(held);
        b.out(0x40, 0x00);
        b.at(pulse(21));
        assertThat(b.latchedCount(0)).isEqualTo(5);
        b.at(pulse(26));
        assertThat(b.out(0)).isTrue();
    }

    @Test
    void mode2OutIsLowForThePulseWhereTheCountIsOne() {
        b.program(0, 2, 3);
        assertThat(b.out(0)).isTrue();
        b.at(pulse(1));
        assertThat(b.latchedCount(0)).isEqualTo(3);
        b.at(pulse(2));
        assertThat(b.latchedCount(0)).isEqualTo(2);
        b.at(pulse(3));
        assertThat(b.latchedCount(0)).isEqualTo(1);
        assertThat(b.out(0)).isFalse();
        b.at(pulse(4));
        assertThat(b.latchedCount(0)).isEqualTo(3);
        assertThat(b.out(0)).isTrue();
        b.at(pulse(7));
        assertThat(b.edges).containsExactly("raise@0", "lower@" + pulse(3), "raise@" + pulse(4), "lower@" + pulse(6),
                "raise@" + pulse(7));
    }

    @Test
    void mode2NewCountWaitsForTheEndOfThePeriod() {
        b.program(0, 2, 10).at(pulse(3));
        b.out(0x40, 4).out(0x40, 0);
        assertThat(b.nullCount(0)).isTrue();
        assertThat(b.latchedCount(0)).isEqualTo(8);
        b.at(pulse(10));
        assertThat(b.latchedCount(0)).isEqualTo(1);
        b.at(pulse(11));
        assertThat(b.nullCount(0)).isFalse();
        assertThat(b.latchedCount(0)).isEqualTo(4);
        b.at(pulse(14));
        assertThat(b.out(0)).isFalse();
        b.at(pulse(15));
        assertThat(b.latchedCount(0)).isEqualTo(4);
    }

    @Test
    void mode3EvenCountIsASquareWave() {
        b.program(0, 3, 4);
        int[] counts = new int[8];
        boolean[] outs = new boolean[8];
        for (int k = 1; k <= 8; k++) {
            b.at(pulse(k));
            counts[k - 1] = b.latchedCount(0);
            outs[k - 1] = b.out(0);
        }
        assertThat(counts).containsExactly(4, 2, 4, 2, 4, 2, 4, 2);
        assertThat(outs).containsExactly(true, true, false, false, true, true, false, false);
    }

    @Test
    void mode3OddCountIsHighOneHalfPulseLonger() {
        b.program(0, 3, 5);
        int[] counts = new int[10];
        boolean[] outs = new boolean[10];
        for (int k = 1; k <= 10; k++) {
            b.at(pulse(k));
            counts[k - 1] = b.latchedCount(0);
            outs[k - 1] = b.out(0);
        }
        assertThat(counts).containsExactly(4, 2, 0, 4, 2, 4, 2, 0, 4, 2);
        assertThat(outs).containsExactly(true, true, true, false, false, true, true, true, false, false);
    }

    @Test
    void mode3NewCountWaitsForTheEndOfTheHalfCycle() {
        b.program(0, 3, 8).at(pulse(2));
        b.out(0x40, 4).out(0x40, 0);
        b.at(pulse(4));
        assertThat(b.latchedCount(0)).isEqualTo(2);
        assertThat(b.out(0)).isTrue();
        b.at(pulse(5));
        assertThat(b.out(0)).isFalse();
        assertThat(b.latchedCount(0)).isEqualTo(4);
        b.at(pulse(7));
        assertThat(b.out(0)).isTrue();
    }

    @Test
    void mode4StrobesLowForOnePulseAtTerminalCount() {
        b.program(0, 4, 2);
        assertThat(b.out(0)).isTrue();
        assertThat(b.edges).as("the control word sets OUT high").containsExactly("raise@0");
        b.at(pulse(3) - 1);
        assertThat(b.edges).hasSize(1);
        b.at(pulse(5));
        assertThat(b.edges).containsExactly("raise@0", "lower@" + pulse(3), "raise@" + pulse(4));
    }

    @Test
    void mode1WaitsForAGateTriggerOnCounter2() {
        b.out(0x43, 0xb2).out(0x42, 3).out(0x42, 0).at(pulse(10));
        assertThat(b.out(2)).isTrue();
        assertThat(b.nullCount(2)).isTrue();
        b.out(0x61, 0x01);
        assertThat(b.out(2)).isTrue();
        b.at(pulse(11));
        assertThat(b.out(2)).isFalse();
        assertThat(b.latchedCount(2)).isEqualTo(3);
        assertThat(b.in(0x61) & 0x20).isZero();
        b.at(pulse(14));
        assertThat(b.out(2)).isTrue();
        assertThat(b.in(0x61) & 0x21).isEqualTo(0x21);
        b.out(0x61, 0x00).at(pulse(20)).out(0x61, 0x01).at(pulse(21));
        assertThat(b.out(2)).as("retriggered").isFalse();
    }

    @Test
    void mode5StrobesAfterATrigger() {
        b.out(0x43, 0xba).out(0x42, 2).out(0x42, 0).at(pulse(10));
        assertThat(b.out(2)).isTrue();
        b.out(0x61, 0x01).at(pulse(13));
        assertThat(b.out(2)).isFalse();
        b.at(pulse(14));
        assertThat(b.out(2)).isTrue();
    }

    @Test
    void gateLowStopsModes0And2AndForcesMode2OutHigh() {
        b.out(0x61, 0x01);
        b.out(0x43, 0xb0).out(0x42, 10).out(0x42, 0).at(pulse(3));
        assertThat(b.latchedCount(2)).as("loaded at pulse 1, counted at 2 and 3").isEqualTo(8);
        b.out(0x61, 0x00).at(pulse(30));
        assertThat(b.latchedCount(2)).isEqualTo(8);
        b.out(0x61, 0x01).at(pulse(37));
        assertThat(b.latchedCount(2)).isEqualTo(1);
        assertThat(b.out(2)).isFalse();
        b.at(pulse(38));
        assertThat(b.out(2)).isTrue();

        b.out(0x43, 0xb4).out(0x42, 3).out(0x42, 0).at(pulse(41));
        assertThat(b.out(2)).isFalse();
        b.out(0x61, 0x00);
        assertThat(b.out(2)).as("GATE low forces OUT high at once").isTrue();
        b.at(pulse(50));
        assertThat(b.out(2)).isTrue();
        b.out(0x61, 0x01).at(pulse(51));
        assertThat(b.latchedCount(2)).as("rising GATE reloads").isEqualTo(3);
    }

    @Test
    void latchesHoldTheirValueUntilReadAndASecondLatchIsIgnored() {
        b.program(0, 2, 1000).at(pulse(11));
        b.out(0x43, 0x00).at(pulse(100)).out(0x43, 0x00);
        assertThat(b.in(0x40) | b.in(0x40) << 8).isEqualTo(990);
        assertThat(b.in(0x40) | b.in(0x40) << 8).isEqualTo(901);
    }

    @Test
    void readBackLatchesStatusAndCountIndependentlyForSeveralCounters() {
        b.program(0, 2, 0x1234).program(2, 3, 0x0100).at(pulse(1));
        b.out(0x43, 0xca);
        b.at(pulse(5));
        b.out(0x43, 0xca);
        assertThat(b.in(0x40)).as("status: OUT, RW 3, mode 2").isEqualTo(0xb4);
        assertThat(b.in(0x40)).isEqualTo(0x34);
        assertThat(b.in(0x40)).isEqualTo(0x12);
        assertThat(b.in(0x42)).as("counter 2 status: OUT, null count (GATE2 low), RW 3, mode 3").isEqualTo(0xf6);
        assertThat(b.in(0x42)).isEqualTo(0x00);
        assertThat(b.in(0x42)).isEqualTo(0x00);
        assertThat(b.latchedCount(0)).isEqualTo(0x1230);
        b.out(0x43, 0xe2).out(0x43, 0xd2);
        assertThat(b.in(0x40)).as("status first").isEqualTo(0xb4);
        assertThat(b.in(0x40)).isEqualTo(0x30);
        assertThat(b.in(0x40)).isEqualTo(0x12);
    }

    @Test
    void rwModesAndTheByteFlipFlops() {
        b.out(0x43, 0x14).out(0x40, 0x80).at(pulse(1));
        assertThat(b.in(0x40)).isEqualTo(0x80);
        assertThat(b.in(0x40)).isEqualTo(0x80);
        b.out(0x43, 0x24).out(0x40, 0x02).at(pulse(2));
        assertThat(b.in(0x40)).isEqualTo(0x02);
        b.at(pulse(3));
        assertThat(b.in(0x40)).isEqualTo(0x01);
        b.out(0x43, 0x34).out(0x40, 0x34).out(0x40, 0x12).at(pulse(4));
        assertThat(b.in(0x40)).isEqualTo(0x34);
        assertThat(b.in(0x40)).isEqualTo(0x12);
        assertThat(b.status(0) & 0x3f).isEqualTo(0x34);
    }

    @Test
    void bcdCountsInDecimal() {
        b.out(0x43, 0x35).out(0x40, 0x10).out(0x40, 0x00).at(pulse(2));
        assertThat(b.latchedCount(0)).isEqualTo(0x09);
        b.out(0x43, 0x31).out(0x40, 0x00).out(0x40, 0x00).at(pulse(3));
        assertThat(b.latchedCount(0)).isZero();
        b.at(pulse(4));
        assertThat(b.latchedCount(0)).isEqualTo(0x9999);
        assertThat(b.status(0) & 1).isEqualTo(1);
    }

    @Test
    void countZeroIs65536() {
        b.program(0, 2, 0).at(pulse(65_536));
        assertThat(b.out(0)).isFalse();
        assertThat(b.latchedCount(0)).isEqualTo(1);
        b.at(pulse(65_537));
        assertThat(b.out(0)).isTrue();
    }

    @Test
    void modes6And7AreModes2And3() {
        b.out(0x43, 0x3c).out(0x40, 3).out(0x40, 0).at(pulse(3));
        assertThat(b.out(0)).isFalse();
        assertThat(b.status(0) & 0x0e).isEqualTo(0x0c);
    }

    @Test
    void controlWordResetsOutAndDropsTheLatch() {
        b.program(0, 2, 100).at(pulse(10)).out(0x43, 0x00);
        b.out(0x43, 0x30);
        assertThat(b.out(0)).isFalse();
        assertThat(b.in(0x40)).as("latch dropped: the CE, which stopped").isEqualTo(91);
        assertThat(b.edges).containsExactly("raise@0", "lower@" + pulse(10));
    }

    @Test
    void controlPortFloatsHigh() {
        assertThat(b.in(0x43)).isEqualTo(0xff);
    }

    @Test
    void port61KeepsItsReadWriteBitsAndShowsOut2AndRefreshRequests() {
        b.out(0x61, 0xff);
        assertThat(b.in(0x61)).isEqualTo(0x0f);
        b.out(0x61, 0x00);
        assertThat(b.in(0x61) & 0x10).isZero();
        b.out(0x43, 0x54).at(pulse(1));
        assertThat(b.in(0x61) & 0x10).as("the control word raised OUT1").isEqualTo(0x10);
        b.out(0x41, 18).at(pulse(18));
        assertThat(b.in(0x61) & 0x10).isEqualTo(0x10);
        b.at(pulse(20));
        assertThat(b.in(0x61) & 0x10).as("OUT1 rose again at pulse 20").isZero();
        b.at(pulse(38));
        assertThat(b.in(0x61) & 0x10).isEqualTo(0x10);
        b.at(pulse(2 + 18 * 1001));
        assertThat(b.in(0x61) & 0x10).as("1001 more").isZero();
    }

    @Test
    void aBoardResetStopsTheCounters() {
        b.program(0, 2, 5).out(0x61, 0x0b).at(pulse(3));
        b.pit.reset();
        assertThat(b.in(0x61)).isZero();
        b.at(pulse(100));
        assertThat(b.out(0)).isFalse();
        assertThat(b.pit.registers()).containsEntry("mode0", "0").containsEntry("GATE2", "0");
    }

    @Test
    void strangeAccessesNeverThrow() {
        for (int port = 0x40; port <= 0x43; port++) {
            for (int v = 0; v < 256; v++) {
                b.out(port, v);
                b.in(port);
                b.io.read(port, 4);
                b.io.write(port, 2, v * 257);
            }
        }
        b.at(1_000_000_000L);
        assertThat(b.pit.registers()).containsKey("OUT0");
    }
}
