package org.trapline.models.pic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The datasheet behaviour (hardware profile) of every command word, 8259A 231468. */
class Pic8259Test {
    private final PicBoard b = PicBoard.hardware().initialised();

    @Test
    void resetStateReadsZeroAndDataWritesGoToImr() {
        PicBoard fresh = PicBoard.hardware();
        assertThat(fresh.in(0x20)).isZero();
        assertThat(fresh.in(0x21)).isZero();
        fresh.out(0x21, 0x3c);
        assertThat(fresh.in(0x21)).isEqualTo(0x3c);
        assertThat(fresh.pic.interruptRequested()).isFalse();
    }

    @Test
    void icw1ClearsImrSelectsIrrAndStartsTheSequence() {
        b.out(0x21, 0xff).out(0x20, 0x0b);
        b.out(0x20, 0x11);
        assertThat(b.in(0x21)).as("IMR cleared").isZero();
        b.master(5, true);
        assertThat(b.in(0x20)).as("status read is IRR").isEqualTo(0x20);
        b.out(0x21, 0x20);
        assertThat(b.in(0x21)).as("ICW2 is not IMR").isZero();
        b.out(0x21, 0x04).out(0x21, 0x01).out(0x21, 0x5a);
        assertThat(b.in(0x21)).isEqualTo(0x5a);
        assertThat(b.pic.acknowledge()).isEqualTo(0x25);
    }

    @Test
    void singleModeWithoutIcw4EndsAfterIcw2() {
        b.out(0xa0, 0x12).out(0xa1, 0x28).out(0xa1, 0x33);
        assertThat(b.in(0xa1)).isEqualTo(0x33);
    }

    @Test
    void singleModeWithIcw4SkipsIcw3() {
        b.out(0x20, 0x13).out(0x21, 0x40).out(0x21, 0x01).out(0x21, 0x71);
        assertThat(b.in(0x21)).isEqualTo(0x71);
        b.master(2, true);
        assertThat(b.pic.acknowledge()).as("IR2 is no cascade in single mode").isEqualTo(0x42);
    }

    @Test
    void icw2KeepsT7ToT3() {
        b.out(0x20, 0x11).out(0x21, 0x0f).out(0x21, 0x04).out(0x21, 0x01);
        b.master(1, true);
        assertThat(b.pic.acknowledge()).isEqualTo(0x09);
    }

    @Test
    void irrIsrAndImrReads() {
        b.master(1, true).master(6, true);
        assertThat(b.irr(0x20)).isEqualTo(0x42);
        assertThat(b.pic.acknowledge()).isEqualTo(0x09);
        assertThat(b.isr(0x20)).isEqualTo(0x02);
        b.out(0x20, 0x08);
        assertThat(b.in(0x20)).as("RR=0 keeps the read select").isEqualTo(0x02);
        assertThat(b.irr(0x20)).isEqualTo(0x40);
        b.out(0x21, 0x81);
        assertThat(b.in(0x21)).isEqualTo(0x81);
    }

    @Test
    void fullyNestedPriorityAndNonSpecificEoi() {
        b.master(4, true);
        assertThat(b.pic.acknowledge()).isEqualTo(0x0c);
        b.master(6, true);
        assertThat(b.pic.interruptRequested()).as("IR6 waits for IR4").isFalse();
        b.master(1, true);
        assertThat(b.pic.interruptRequested()).isTrue();
        assertThat(b.pic.acknowledge()).isEqualTo(0x09);
        assertThat(b.isr(0x20)).isEqualTo(0x12);
        b.out(0x20, 0x20);
        assertThat(b.isr(0x20)).as("non-specific EOI clears the highest").isEqualTo(0x10);
        b.out(0x20, 0x20);
        assertThat(b.isr(0x20)).isZero();
        assertThat(b.pic.acknowledge()).isEqualTo(0x0e);
    }

    @Test
    void specificEoiClearsTheNamedLevelAndNoOpDoesNothing() {
        b.master(1, true);
        b.pic.acknowledge();
        b.master(0, true);
        b.pic.acknowledge();
        b.out(0x20, 0x40);
        assertThat(b.isr(0x20)).isEqualTo(0x03);
        b.out(0x20, 0x61);
        assertThat(b.isr(0x20)).isEqualTo(0x01);
        b.out(0x20, 0x64);
        assertThat(b.isr(0x20)).isEqualTo(0x01);
        b.out(0x20, 0x20).out(0x20, 0x20);
        assertThat(b.isr(0x20)).isZero();
    }

    @Test
    void setPriorityMakesTheNamedLevelLowest() {
        b.master(1, true).master(6, true);
        b.out(0x20, 0xc4);
        assertThat(b.pic.master().lowestPriorityIr()).isEqualTo(4);
        assertThat(b.pic.acknowledge()).as("IR5 is now highest, so IR6 beats IR1").isEqualTo(0x0e);
        b.out(0x20, 0x20);
        assertThat(b.pic.acknowledge()).isEqualTo(0x09);
    }

    @Test
    void rotateOnNonSpecificEoiMakesTheServicedLevelLowest() {
        b.master(3, true);
        b.pic.acknowledge();
        b.out(0x20, 0xa0);
        assertThat(b.isr(0x20)).isZero();
        assertThat(b.pic.master().lowestPriorityIr()).isEqualTo(3);
        b.master(2, true).master(4, true);
        assertThat(b.pic.acknowledge()).isEqualTo(0x0c);
    }

    @Test
    void rotateOnNonSpecificEoiWithNothingInServiceKeepsPriorities() {
        b.out(0x20, 0xa0);
        assertThat(b.pic.master().lowestPriorityIr()).isEqualTo(7);
    }

    @Test
    void rotateOnSpecificEoi() {
        b.master(5, true);
        b.pic.acknowledge();
        b.out(0x20, 0xe5);
        assertThat(b.isr(0x20)).isZero();
        assertThat(b.pic.master().lowestPriorityIr()).isEqualTo(5);
    }

    @Test
    void autoEoiSetsNoIsrBitAndRotatesOnlyWhenTold() {
        PicBoard a = PicBoard.hardware().initialised(0x03);
        a.master(3, true);
        assertThat(a.pic.acknowledge()).isEqualTo(0x0b);
        assertThat(a.isr(0x20)).isZero();
        assertThat(a.pic.master().lowestPriorityIr()).isEqualTo(7);
        a.out(0x20, 0x80);
        a.master(5, true);
        assertThat(a.pic.acknowledge()).isEqualTo(0x0d);
        assertThat(a.pic.master().lowestPriorityIr()).isEqualTo(5);
        a.out(0x20, 0x00);
        a.master(1, true);
        a.pic.acknowledge();
        assertThat(a.pic.master().lowestPriorityIr()).as("rotate in AEOI cleared").isEqualTo(5);
    }

    @Test
    void pollAcknowledgesTheHighestRequestFromEitherPort() {
        b.master(5, true).master(3, true);
        b.out(0x20, 0x0c);
        assertThat(b.in(0x21)).isEqualTo(0x83);
        assertThat(b.in(0x21)).as("poll lasts one read").isZero();
        assertThat(b.isr(0x20)).isEqualTo(0x08);
        assertThat(b.poll(0x20)).as("IR5 waits for IR3").isEqualTo(Pic8259.POLL_NOTHING);
        b.out(0x20, 0x20);
        assertThat(b.poll(0x20)).isEqualTo(0x85);
    }

    @Test
    void pollTakesPrecedenceOverReadRegisterInTheSameOcw3() {
        b.master(2, true);
        b.out(0x20, 0x0f);
        assertThat(b.in(0x20)).isEqualTo(0x82);
        assertThat(b.in(0x20)).as("the read select took effect too").isEqualTo(0x04);
    }

    @Test
    void maskedRequestsWaitAndUnmaskingRaisesInt() {
        b.out(0x21, 0x08).master(3, true);
        assertThat(b.pic.interruptRequested()).isFalse();
        assertThat(b.irr(0x20)).isEqualTo(0x08);
        b.out(0x21, 0x00);
        assertThat(b.pic.interruptRequested()).isTrue();
    }

    @Test
    void specialMaskModeLetsLowerLevelsThroughAMaskedInServiceLevel() {
        b.master(3, true);
        b.pic.acknowledge();
        b.master(5, true);
        assertThat(b.pic.interruptRequested()).isFalse();
        b.out(0x21, 0x08).out(0x20, 0x68);
        assertThat(b.pic.interruptRequested()).isTrue();
        assertThat(b.pic.acknowledge()).isEqualTo(0x0d);
        b.out(0x20, 0x48);
        b.master(6, true);
        assertThat(b.pic.interruptRequested()).as("SMM reset: IR3 and IR5 in service block IR6").isFalse();
    }

    @Test
    void specialMaskModeStillLetsAnUnmaskedInServiceLevelInhibit() {
        b.master(3, true);
        b.pic.acknowledge();
        b.out(0x20, 0x68).master(5, true);
        assertThat(b.pic.interruptRequested()).isFalse();
    }

    @Test
    void ocw3WithoutEsmmLeavesSpecialMaskAlone() {
        b.master(3, true);
        b.pic.acknowledge();
        b.out(0x21, 0x08).out(0x20, 0x68).out(0x20, 0x28).master(5, true);
        assertThat(b.pic.interruptRequested()).isTrue();
    }

    @Test
    void spuriousIr7WhenNothingIsPending() {
        assertThat(b.pic.acknowledge()).isEqualTo(0x0f);
        assertThat(b.isr(0x20)).isZero();
    }

    @Test
    void cascadeDeliversTheSlaveVectorAndMarksBothInService() {
        b.slave(4, true);
        assertThat(b.irr(0x20)).isEqualTo(0x04);
        assertThat(b.pic.interruptRequested()).isTrue();
        assertThat(b.pic.acknowledge()).isEqualTo(0x74);
        assertThat(b.isr(0xa0)).isEqualTo(0x10);
        assertThat(b.isr(0x20)).isEqualTo(0x04);
        assertThat(b.irr(0x20)).isZero();
    }

    @Test
    void spuriousIr15KeepsTheMastersCascadeBitInService() {
        b.master(2, true);
        assertThat(b.pic.acknowledge()).isEqualTo(0x77);
        assertThat(b.isr(0x20)).isEqualTo(0x04);
        assertThat(b.isr(0xa0)).isZero();
    }

    @Test
    void slaveWithAnotherIdLeavesTheBusFloating() {
        b.out(0xa0, 0x11).out(0xa1, 0x70).out(0xa1, 0x05).out(0xa1, 0x01);
        b.slave(1, true);
        assertThat(b.pic.acknowledge()).isEqualTo(0xff);
        assertThat(b.isr(0xa0)).isZero();
    }

    @Test
    void mcs85ModeAnswersWithCallAddresses() {
        PicBoard m = PicBoard.hardware();
        m.out(0x20, 0xb6).out(0x21, 0x12);
        m.master(3, true);
        assertThat(m.pic.acknowledge()).as("interval 4").isEqualTo(0x12ac);
        m.out(0x20, 0x63).out(0x20, 0xb2).out(0x21, 0x12);
        m.master(3, false).master(3, true);
        assertThat(m.pic.acknowledge()).as("interval 8").isEqualTo(0x1298);
    }

    @Test
    void levelTriggeredByLtimFollowsTheInputAndSurvivesInta() {
        b.out(0x20, 0x19).out(0x21, 0x08).out(0x21, 0x04).out(0x21, 0x01);
        b.master(3, true);
        assertThat(b.poll(0x20)).isEqualTo(0x83);
        assertThat(b.irr(0x20)).isEqualTo(0x08);
        b.master(3, false);
        assertThat(b.irr(0x20)).isZero();
    }

    @Test
    void ltimOnAHeldHighInputRequestsAtOnce() {
        b.master(6, true);
        b.pic.acknowledge();
        b.out(0x20, 0x19);
        assertThat(b.irr(0x20)).isEqualTo(0x40);
    }

    @Test
    void edgeRequestNeedsANewRisingEdgeAfterInta() {
        b.master(4, true);
        b.pic.acknowledge();
        b.out(0x20, 0x20);
        b.master(4, true);
        assertThat(b.irr(0x20)).isZero();
        b.master(4, false).master(4, true);
        assertThat(b.irr(0x20)).isEqualTo(0x10);
    }

    @Test
    void elcrHasReservedBitsAndMakesInputsLevelTriggered() {
        b.out(0x4d0, 0xff).out(0x4d1, 0xff);
        assertThat(b.in(0x4d0)).isEqualTo(PicPair.MASTER_ELCR_MASK);
        assertThat(b.in(0x4d1)).isEqualTo(PicPair.SLAVE_ELCR_MASK);
        b.out(0x4d0, 0x08);
        b.master(3, true);
        b.pic.acknowledge();
        assertThat(b.irr(0x20)).isEqualTo(0x08);
        b.out(0x20, 0x20);
        assertThat(b.pic.interruptRequested()).as("a level still high requests again").isTrue();
        b.master(3, false);
        assertThat(b.pic.interruptRequested()).isFalse();
    }

    @Test
    void icw1KeepsLevelRequests() {
        b.out(0x4d1, 0x02).slave(1, true).slave(3, true);
        b.out(0xa0, 0x11);
        assertThat(b.in(0xa0)).isEqualTo(0x02);
    }

    @Test
    void registersNameTheDatasheetState() {
        b.master(3, true);
        assertThat(b.pic.chips()).hasSize(2);
        assertThat(b.pic.master().deviceName()).isEqualTo("pic-master");
        assertThat(b.pic.slave().deviceName()).isEqualTo("pic-slave");
        assertThat(b.pic.master().registers()).containsEntry("IRR", "0x08").containsEntry("ICW2 base", "0x08")
                .containsEntry("ICW3", "0x04").containsEntry("ICW4", "0x01").containsEntry("INT", "true")
                .containsEntry("lowest priority", "IR7").containsEntry("expecting", "OCW")
                .containsEntry("read", "IRR").containsEntry("poll", "false").containsEntry("special mask", "false")
                .containsEntry("rotate in AEOI", "false").containsEntry("ELCR", "0x00")
                .containsEntry("inputs", "0x08").containsEntry("ISR", "0x00").containsEntry("IMR", "0x00")
                .containsEntry("ICW1", "0x11");
        b.out(0x20, 0x11);
        assertThat(b.pic.master().registers()).containsEntry("expecting", "ICW2");
        assertThat(b.pic.master().master()).isTrue();
        assertThat(b.pic.slave().master()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void noGuestAccessThrows(int width) {
        PicBoard q = PicBoard.qemu();
        for (int port : new int[] {0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x9f, 0xa0, 0xa1, 0xa2, 0x4cf, 0x4d0, 0x4d1, 0x4d2,
            0x4d4}) {
            for (long v : new long[] {0, 0xff, 0x11, 0x0c, 0xffffffffL, 0x12345678L}) {
                for (PicBoard board : new PicBoard[] {b, q}) {
                    assertThatCode(() -> {
                        board.io.write(port, width, v & ((1L << (8 * width)) - 1));
                        board.io.read(port, width);
                        board.pic.acknowledge();
                    }).doesNotThrowAnyException();
                }
            }
        }
    }
}
