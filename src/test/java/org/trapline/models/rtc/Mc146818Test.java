package org.trapline.models.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.rtc.RtcBoard.SEC;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** The MC146818A as its datasheet describes it (hardware profile), and the board around it. */
class Mc146818Test {
    @Test
    void startsAtTheConfiguredBaseInBcd24Hour() {
        RtcBoard b = RtcBoard.hardware();
        assertThat(b.time()).isEqualTo("04:05:06");
        assertThat(new int[] {b.get(6), b.get(7), b.get(8), b.get(9)}).containsExactly(0x07, 0x03, 0x02, 0x01);
        assertThat(new int[] {b.get(0x0a), b.get(0x0b), b.get(0x0c), b.get(0x0d)}).containsExactly(0x26, 0x02, 0x00, 0x80);
    }

    @Test
    void indexPortIsWriteOnlyAndItsBit7IsTheNmiMask() {
        RtcBoard b = RtcBoard.hardware();
        b.set(0x0e, 0x5a);
        b.io.write(0x70, 1, 0x8e);
        assertThat(b.io.read(0x70, 1)).isEqualTo(0xff);
        assertThat(b.io.read(0x71, 1)).as("bit 7 is not part of the address").isEqualTo(0x5a);
        assertThat(b.rtc.nmiMasked()).isTrue();
        b.io.write(0x70, 1, 0x0e);
        assertThat(b.rtc.nmiMasked()).isFalse();
        assertThat(b.io.read(0x72, 1)).isEqualTo(0xff);
    }

    @Test
    void updateCycleAdvancesTheTimeOncePerSecondWithUipAroundIt() {
        RtcBoard b = RtcBoard.hardware().set(0x0a, 0x20); // RS=0: no periodic flag
        long uipFrom = SEC - Mc146818.UIP_LEAD_NS - Mc146818.UPDATE_CYCLE_NS;
        assertThat(b.stepTo(uipFrom - 1).get(0x0a) & 0x80).isZero();
        assertThat(b.stepTo(uipFrom).get(0x0a) & 0x80).isEqualTo(0x80);
        assertThat(b.stepTo(SEC - 1).get(0)).isEqualTo(0x06);
        assertThat(b.get(0x0c)).as("UF at the end of the update cycle").isZero();
        assertThat(b.stepTo(SEC).get(0)).isEqualTo(0x07);
        assertThat(b.get(0x0a)).isEqualTo(0x20);
        assertThat(b.get(0x0c)).isEqualTo(0x10);
        assertThat(b.get(0x0c)).as("cleared by the read").isZero();
    }

    @Test
    void updateEndedInterruptRaisesIrq8UntilRegisterCIsRead() {
        RtcBoard b = RtcBoard.hardware().set(0x0a, 0x20).set(0x0b, 0x12);
        b.stepTo(SEC);
        assertThat(b.irq.level()).isTrue();
        assertThat(b.get(0x0c)).isEqualTo(0x90);
        assertThat(b.irq.level()).isFalse();
        b.step(10 * SEC);
        assertThat(b.risingEdges).isEqualTo(2);
    }

    @Test
    void anEnableMeetingASetFlagInterruptsAtOnce() {
        RtcBoard b = RtcBoard.hardware().stepTo(SEC);
        assertThat(b.irq.level()).isFalse();
        b.set(0x0b, 0x12);
        assertThat(b.irq.level()).isTrue();
        b.set(0x0b, 0x02);
        assertThat(b.irq.level()).as("IRQF follows the enables").isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void periodicInterruptAtEveryRateOfTheTable(int rs) {
        double[] periodMs = {0, 3.90625, 7.8125, 0.122070, 0.244141, 0.488281, 0.9765625, 1.953125, 3.90625, 7.8125,
                15.625, 31.25, 62.5, 125, 250, 500};
        assertThat(Mc146818.periodCycles(rs) * 1000.0 / 32768).isCloseTo(periodMs[rs], org.assertj.core.data.Offset.offset(1e-6));
        RtcBoard b = RtcBoard.hardware().set(0x0a, 0x20 | rs).set(0x0b, 0x42);
        long period = Mc146818.periodCycles(rs) * SEC / 32768;
        int edges = 0;
        for (long t = 0; t < 2 * SEC; t += period) {
            b.step(period);
            edges += (b.get(0x0c) & 0xc0) == 0xc0 ? 1 : 0;
        }
        assertThat(b.risingEdges).isEqualTo(edges).isBetween((int) (2 * SEC / period) - 1, (int) (2 * SEC / period) + 1);
    }

    @Test
    void rateZeroGivesNoPeriodicInterrupt() {
        RtcBoard b = RtcBoard.hardware().set(0x0a, 0x20).set(0x0b, 0x42).step(3 * SEC);
        assertThat(b.get(0x0c) & 0x40).isZero();
    }

    @Test
    void binaryAndTwelveHourFormatsSetWithSet() {
        RtcBoard b = RtcBoard.hardware().set(0x0b, 0x80 | 0x04) // SET, binary, 12-hour
                .set(4, 0x0b).set(2, 59).set(0, 59).set(0x0b, 0x04);
        b.step(SEC);
        assertThat(b.get(4)).as("11:59:59 AM + 1 s = 12 PM").isEqualTo(0x8c);
        assertThat(b.get(2)).isZero();
        b.set(0x0b, 0x80).set(4, 0x92).set(2, 0x59).set(0, 0x59).set(0x0b, 0x00).step(SEC);
        assertThat(b.time()).as("12:59:59 PM + 1 s, BCD").isEqualTo("81:00:00");
    }

    @Test
    void setHoldsTheRegistersAndClearsUie() {
        RtcBoard b = RtcBoard.hardware().set(0x0b, 0x12).set(0x0b, 0x92);
        assertThat(b.get(0x0b)).isEqualTo(0x82);
        b.step(5 * SEC);
        assertThat(b.time()).isEqualTo("04:05:06");
        b.set(0x0b, 0x02).step(SEC);
        assertThat(b.time()).isEqualTo("04:05:07");
    }

    @Test
    void alarmDontCareCodesMatchEveryValue() {
        RtcBoard b = RtcBoard.hardware().set(0x0a, 0x20).set(1, 0xc0).set(3, 0xc0).set(5, 0xc0).set(0x0b, 0x22);
        b.stepTo(SEC);
        assertThat(b.get(0x0c)).isEqualTo(0xb0);
        b.set(1, 0x30).set(3, 0xc0).set(5, 0xc0);
        b.get(0x0c);
        b.stepTo(23 * SEC);
        assertThat(b.get(0x0c) & 0x20).isZero();
        b.stepTo(24 * SEC);
        assertThat(b.get(0x0c) & 0x20).as("04:05:30").isEqualTo(0x20);
        b.stepTo(84 * SEC);
        assertThat(b.get(0x0c) & 0x20).as("04:06:30").isEqualTo(0x20);
    }

    @Test
    void dividerResetStopsTimeAndTheFirstUpdateCycleBeginsHalfASecondAfterIt() {
        RtcBoard b = RtcBoard.hardware().set(0x0a, 0x20).step(SEC / 4).set(0x0a, 0x60).step(10 * SEC);
        assertThat(b.time()).isEqualTo("04:05:06");
        assertThat(b.get(0x0c)).isZero();
        b.set(0x0a, 0x20);
        long release = b.now();
        assertThat(b.stepTo(release + SEC / 2 - Mc146818.UIP_LEAD_NS - 1).get(0x0a) & 0x80).isZero();
        assertThat(b.stepTo(release + SEC / 2 - Mc146818.UIP_LEAD_NS).get(0x0a) & 0x80).isEqualTo(0x80);
        assertThat(b.stepTo(release + SEC / 2 + Mc146818.UPDATE_CYCLE_NS - 1).get(0)).isEqualTo(0x06);
        assertThat(b.stepTo(release + SEC / 2 + Mc146818.UPDATE_CYCLE_NS).get(0)).isEqualTo(0x07);
    }

    @Test
    void registersCAndDAreReadOnlyAndUipToo() {
        RtcBoard b = RtcBoard.hardware().set(0x0c, 0xff).set(0x0d, 0x00).set(0x0a, 0xa6);
        assertThat(b.get(0x0c)).isZero();
        assertThat(b.get(0x0d)).isEqualTo(0x80);
        assertThat(b.get(0x0a)).isEqualTo(0x26);
    }

    @Test
    void cmosRamHoldsWhatIsWritten() {
        RtcBoard b = RtcBoard.hardware();
        for (int i = 0x0e; i < 0x80; i++) {
            b.set(i, i ^ 0xa5);
        }
        for (int i = 0x0e; i < 0x80; i++) {
            assertThat(b.get(i)).isEqualTo(i ^ 0xa5);
        }
    }

    @Test
    void theBoardWiresTheRtcAtItsPortsOnIrq8AndResetsIt() {
        var machine = Profile.QEMU_PC.build(MachineConfig.defaults());
        assertThat(machine.devicesAtPort(0x70)).singleElement().isInstanceOf(Mc146818.class);
        assertThat(machine.devicesAtPort(0x71)).singleElement().satisfies(d -> {
            assertThat(d.deviceName()).isEqualTo("rtc");
            assertThat(d.registers()).containsKeys("index", "A", "B", "C", "D", "seconds", "hours", "year");
        });
        machine.io().write(0x70, 1, 0x0b);
        machine.io().write(0x71, 1, 0x52);
        machine.scheduler().advanceTo(SEC);
        assertThat(machine.isaIrq(8).level()).isTrue();
        machine.reset();
        assertThat(machine.isaIrq(8).level()).isFalse();
        machine.io().write(0x70, 1, 0x0b);
        assertThat(machine.io().read(0x71, 1)).as("QEMU's reset keeps UIE").isEqualTo(0x12);
    }

    @Test
    void qemuPcCmosContentsFollowTheMemorySize() {
        int[][] expected = {
            // -m, then bytes 0x15-0x18, 0x30-0x31, 0x34-0x35, 0x5b-0x5d (measured from QEMU 7.2)
            {16, 0x80, 0x02, 0x00, 0x3c, 0x00, 0x3c, 0x00, 0x00, 0x00, 0x00, 0x00},
            {128, 0x80, 0x02, 0xff, 0xff, 0xff, 0xff, 0x00, 0x07, 0x00, 0x00, 0x00},
            {1024, 0x80, 0x02, 0xff, 0xff, 0xff, 0xff, 0x00, 0x3f, 0x00, 0x00, 0x00},
            {3584, 0x80, 0x02, 0xff, 0xff, 0xff, 0xff, 0x00, 0xbf, 0x00, 0x20, 0x00},
            {4096, 0x80, 0x02, 0xff, 0xff, 0xff, 0xff, 0x00, 0xbf, 0x00, 0x40, 0x00},
        };
        int[] at = {0x15, 0x16, 0x17, 0x18, 0x30, 0x31, 0x34, 0x35, 0x5b, 0x5c, 0x5d};
        for (int[] row : expected) {
            Machine b = Profile.QEMU_PC.build(MachineConfig.defaults().withRam((long) row[0] << 20).withRtcBase(RtcBoard.BASE));
            for (int i = 0; i < at.length; i++) {
                assertThat(cmos(b, at[i])).as("-m %dM byte 0x%02x", row[0], at[i]).isEqualTo(row[i + 1]);
            }
            assertThat(new int[] {cmos(b, 0x10), cmos(b, 0x14), cmos(b, 0x38), cmos(b, 0x3d), cmos(b, 0x5f)})
                    .containsExactly(0x00, 0x06, 0x30, 0x12, 0x00);
        }
    }

    private static int cmos(Machine m, int index) {
        m.io().write(0x70, 1, index);
        return (int) m.io().read(0x71, 1);
    }
}
