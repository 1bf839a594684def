package org.trapline.models.kbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.kbc.KbcQuirks.*;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** Each QEMU departure: the references' behaviour in the hardware profile, QEMU's with the quirk. */
class KbcQuirksTest {

    @Test
    void theLedgerIsWhatQemuPcSwitchesOn() {
        assertThat(Kbc8042.qemuQuirks()).containsExactlyElementsOf(KbcQuirks.all()).doesNotHaveDuplicates();
        assertThat(Profile.QEMU_PC.quirks()).containsAll(KbcQuirks.all());
        assertThat(Profile.HARDWARE.quirks()).doesNotContainAnyElementsOf(KbcQuirks.all());
        assertThat(KbcQuirks.all()).allSatisfy(q -> {
            assertThat(q.id()).matches("(kbc|ps2kbd|ps2mouse)\\.[a-z0-9-]+");
            assertThat(q.citation()).contains("IBM").contains("QEMU hw/input/");
            assertThat(q.device()).isIn("i8042", "ps2-kbd", "ps2-mouse");
            assertThat(q.requires()).isEmpty();
        });
        var machine = Profile.QEMU_PC.build(MachineConfig.defaults());
        assertThat(machine.devicesAtPort(0x60)).singleElement().satisfies(d -> assertThat(d.deviceName()).isEqualTo("i8042"));
        assertThat(machine.devicesAtPort(0x64)).isEqualTo(machine.devicesAtPort(0x60));
        assertThat(machine.devicesAtPort(0x62)).isEmpty();
        assertThat(machine.devicesAtPort(0x65)).isEmpty();
    }

    @Test
    void a2FollowsThePortWrittenOnHardwareAndStaysSetInQemu() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(A2_ALWAYS_SET);
        hw.cmd(0xd4);
        q.cmd(0xd4);
        assertThat(hw.status() & 0x08).isEqualTo(0x08);
        hw.data(0xf5);
        q.data(0xf5);
        assertThat(hw.status() & 0x08).isZero();
        assertThat(q.status() & 0x08).isEqualTo(0x08);
        hw.cmd(0xff);
        assertThat(hw.status() & 0x08).isEqualTo(0x08);
    }

    @Test
    void theSystemFlagIsTheCommandBytesOnHardwareAndTheSelfTestsInQemu() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(SYS_FLAG_SELF_TEST_ONLY);
        hw.writeCommandByte(0x07);
        q.writeCommandByte(0x07);
        assertThat(hw.status() & 0x04).isEqualTo(0x04);
        assertThat(q.status() & 0x04).isZero();
        hw.writeCommandByte(0x03);
        q.writeCommandByte(0x03);
        assertThat(hw.status() & 0x04).isZero();
        hw.cmd(0xaa);
        q.cmd(0xaa);
        assertThat(hw.read()).isEqualTo(0x55);
        assertThat(q.read()).isEqualTo(0x55);
        assertThat(hw.status() & 0x04).isEqualTo(0x04);
        assertThat(q.status() & 0x04).isEqualTo(0x04);
        assertThat(hw.ask(0x20)).isEqualTo(0x07);
        assertThat(q.ask(0x20)).isEqualTo(0x03);
        q.writeCommandByte(0x00);
        assertThat(q.status() & 0x04).as("a written 0 does not clear it either").isEqualTo(0x04);
    }

    @Test
    void irq1RisesForTheControllersByteWhileTheKeyboardIsDisabledOnHardwareOnly() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(IRQ1_OFF_WHILE_KEYBOARD_DISABLED);
        hw.cmd(0xad);
        q.cmd(0xad);
        hw.cmd(0x20);
        q.cmd(0x20);
        assertThat(hw.edges).containsExactly("raise 1");
        assertThat(q.edges).isEmpty();
        assertThat(q.full()).isTrue();
        assertThat(q.read()).isEqualTo(0x13);
        q.cmd(0x20);
        q.cmd(0xae);
        assertThat(q.edges).isEmpty();
        q.writeCommandByte(0x01);
        assertThat(q.edges).as("IRQ1 as soon as the interface is enabled again").containsExactly("raise 1");
        q.writeCommandByte(0x13);
        assertThat(q.edges).containsExactly("raise 1", "lower 1");
        q.edges.clear();
        q.cmd(0xd3, 0x01);
        assertThat(q.edges).as("IRQ12 is not held").containsExactly("raise 12");
    }

    @Test
    void aCommandSentWhileTheBufferIsFullChangesWhatTheReadReturnsInQemuOnly() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(OUTPUT_BUFFER_FILLED_AT_READ);
        for (KbcRig r : new KbcRig[] {hw, q}) {
            r.cmd(0xd4, 0xf2);
            r.cmd(0xd4, 0xff);
        }
        assertThat(hw.drain()).containsExactly(0xfa, 0xfa, 0xaa, 0x00);
        assertThat(q.drain()).containsExactly(0xfa, 0xaa, 0x00);
        hw.data(0xf2);
        q.data(0xf2);
        hw.data(0xee);
        q.data(0xee);
        assertThat(hw.drain()).containsExactly(0xfa, 0xee);
        assertThat(q.drain()).containsExactly(0xee);
    }

    @Test
    void inQemuAWaitingMouseByteGoesBetweenTheKeyboardsBytes() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(OUTPUT_BUFFER_FILLED_AT_READ);
        for (KbcRig r : new KbcRig[] {hw, q}) {
            r.cmd(0xad);
            r.data(0xf2);
            r.cmd(0xad);
            r.cmd(0xd4, 0xe6);
            r.cmd(0xae);
        }
        // the keyboard's ACK is in the buffer (QEMU: OBF for the keyboard) before the mouse answers
        assertThat(hw.drain()).containsExactly(0xfa, 0xab, 0x83, 0xfa);
        assertThat(q.drain()).containsExactly(0xfa, 0xfa, 0xab, 0x83);
    }

    @Test
    void aControllerByteOverwritesTheBufferOnHardwareAndWaitsInQemu() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(CONTROLLER_BYTE_WAITS);
        for (KbcRig r : new KbcRig[] {hw, q}) {
            r.data(0xee);
            r.cmd(0x20);
        }
        assertThat(hw.drain()).containsExactly(0x03);
        assertThat(q.drain()).containsExactly(0xee, 0x03);
        for (KbcRig r : new KbcRig[] {hw, q}) {
            r.cmd(0xd2, 0x11);
            r.cmd(0xd3, 0x22);
            r.cmd(0xd2, 0x33);
        }
        assertThat(hw.drain()).containsExactly(0x33);
        assertThat(q.drain()).containsExactly(0x11, 0x33);
        q.cmd(0xd3, 0x44);
        assertThat(q.status() & 0x21).isEqualTo(0x21);
        assertThat(q.edges).endsWith("raise 12");
        assertThat(q.read()).isEqualTo(0x44);
    }

    @Test
    void translationIsDecidedAtReceiptOnHardwareAndAtTheCommandInQemu() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(TRANSLATION_AT_COMMAND);
        for (KbcRig r : new KbcRig[] {hw, q}) {
            r.writeCommandByte(0x43);
            assertThat(r.kbd(0xf2)).containsExactly(0xfa, 0xab, 0x41);
            assertThat(r.kbdEach(0xf0, 0x00)).containsExactly(0xfa, 0xfa, 0x41);
            assertThat(r.kbdEach(0xf0, 0x01, 0xf0, 0x00)).containsExactly(0xfa, 0xfa, 0xfa, 0xfa, 0x43);
            assertThat(r.kbdEach(0xf0, 0x03, 0xf0, 0x00)).containsExactly(0xfa, 0xfa, 0xfa, 0xfa, 0x3f);
            r.writeCommandByte(0x03);
            assertThat(r.kbdEach(0xf0, 0x00)).containsExactly(0xfa, 0xfa, 0x03);
            r.data(0xf2);
            r.writeCommandByte(0x43);
        }
        assertThat(hw.drain()).containsExactly(0xfa, 0xab, 0x41);
        assertThat(q.drain()).containsExactly(0xfa, 0xab, 0x83);
        q.kbc.reset();
        assertThat(q.kbd(0xf2)).as("a reset tells the keyboard translation is off").containsExactly(0xfa, 0xab, 0x83);
    }

    @Test
    void theResetLineResetsTheBoardInQemuAndOnlyTheCpuOnHardware() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(RESET_LINE_RESETS_BOARD);
        for (KbcRig r : new KbcRig[] {hw, q}) {
            r.writeCommandByte(0x47);
            r.cmd(0xfe);
        }
        assertThat(hw.boardResets).isZero();
        assertThat(q.boardResets).isEqualTo(1);
        assertThat(hw.ask(0x20)).isEqualTo(0x47);
        assertThat(q.ask(0x20)).isEqualTo(0x03);
        hw.cmd(0xd1, 0xfe);
        q.cmd(0xd1, 0xfe);
        assertThat(hw.kbc.outputPort() & 0x0f).isEqualTo(0x0e);
        assertThat(q.kbc.outputPort()).isEqualTo(0xcf);
        assertThat(q.boardResets).isEqualTo(2);
        assertThat(hw.kbc.resetPulses()).isEqualTo(2);
        assertThat(q.kbc.resetPulses()).isEqualTo(2);
        q.cmd(0xf1);
        assertThat(q.boardResets).isEqualTo(2);
        assertThat(new Kbc8042(java.util.Set.of(RESET_LINE_RESETS_BOARD), hw.irq1, hw.irq12)).satisfies(k -> {
            k.write(4, 1, 0x20);
            k.write(4, 1, 0xfe);
            assertThat(k.status() & 1).as("without a board, it resets itself").isZero();
        });
    }

    @Test
    void ddhAndDfhGateA20InQemuOnly() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(DD_DF_GATE_A20);
        hw.cmd(0xdd);
        q.cmd(0xdd);
        assertThat(hw.kbc.a20()).isTrue();
        assertThat(q.kbc.a20()).isFalse();
        assertThat(q.ask(0xd0)).isEqualTo(0xcd);
        q.cmd(0xdf);
        assertThat(q.kbc.a20()).isTrue();
        assertThat(q.ask(0xd0)).isEqualTo(0xcf);
        q.cmd(0xdf);
        assertThat(q.kbc.outputPort()).isEqualTo(0xcf);
        hw.cmd(0xd1, 0xcd);
        hw.cmd(0xdf);
        assertThat(hw.kbc.a20()).isFalse();
    }

    @Test
    void aResetForgetsAWaitingCommandOnHardwareAndKeepsItInQemu() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(RESET_KEEPS_PENDING_COMMAND);
        for (KbcRig r : new KbcRig[] {hw, q}) {
            r.cmd(0x60);
            r.kbc.reset();
            r.data(0x00);
        }
        assertThat(hw.kbc.commandByte()).isEqualTo(0x03);
        assertThat(hw.drain()).as("the byte went to the keyboard").containsExactly(0xfe);
        assertThat(q.kbc.commandByte()).isZero();
        assertThat(q.drain()).isEmpty();
    }

    @Test
    void resendRepeatsTheKeyboardsLastByteOnHardwareAndIsUnknownInQemu() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(KBD_RESEND_ANSWERS_RESEND);
        assertThat(hw.kbd(0xfe)).as("the power-on BAT code").containsExactly(0xaa);
        assertThat(q.kbd(0xfe)).containsExactly(0xfe);
        assertThat(hw.kbd(0xf2)).containsExactly(0xfa, 0xab, 0x83);
        assertThat(hw.kbd(0xfe)).containsExactly(0x83);
        assertThat(hw.kbd(0xee)).containsExactly(0xee);
        assertThat(hw.kbd(0xfe)).containsExactly(0xee);
        assertThat(q.kbdEach(0xee, 0xfe)).containsExactly(0xee, 0xfe);
    }

    @Test
    void scanSet3KeyCommandsAreAcknowledgedOnHardwareAndMissingInQemu() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(KBD_SET3_KEY_COMMANDS);
        assertThat(hw.kbdEach(0xf7, 0xf8, 0xf9, 0xfa)).containsExactly(0xfa, 0xfa, 0xfa, 0xfa);
        assertThat(q.kbdEach(0xf7, 0xf8, 0xf9, 0xfa)).containsExactly(0xfe, 0xfe, 0xfe, 0xfa);
        assertThat(hw.kbdEach(0x00, 0x05, 0xec)).containsExactly(0xfe, 0xfe, 0xfe);
        assertThat(q.kbdEach(0x00, 0x05, 0xec)).containsExactly(0xfa, 0xfe, 0xfe);
        assertThat(hw.kbdEach(0xfb, 0xed, 0x02)).containsExactly(0xfa, 0xfa, 0xfa);
        assertThat(hw.kbc.keyboard().leds()).as("EDh ends the key list").isEqualTo(2);
        for (int c : new int[] {0xfb, 0xfc, 0xfd}) {
            assertThat(hw.kbdEach(c, 0x1c, 0x76, 0xec, 0xee)).containsExactly(0xfa, 0xfa, 0xfa, 0xfa, 0xee);
            assertThat(hw.kbdEach(c, 0xf2)).containsExactly(0xfa, 0xfa, 0xab, 0x83);
        }
        assertThat(q.kbdEach(0xfb, 0x1c)).containsExactly(0xfe, 0xfe);
        assertThat(q.kbdEach(0xfd, 0x1c)).containsExactly(0xfe, 0xfe);
        assertThat(q.kbdEach(0xfc, 0xee, 0xee)).containsExactly(0xfa, 0xfa, 0xee);
    }

    @Test
    void theMouseStartsAtItsDefaultsOnHardwareAndAtZeroInQemu() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(MOUSE_RESET_ZERO_RATE);
        assertThat(hw.aux(0xe9)).containsExactly(0xfa, 0x00, 0x02, 100);
        assertThat(q.aux(0xe9)).containsExactly(0xfa, 0x00, 0x00, 0x00);
        assertThat(q.aux(0xf6, 0xe9)).containsExactly(0xfa, 0xfa, 0x00, 0x02, 100);
        q.kbc.reset();
        assertThat(q.aux(0xe9)).containsExactly(0xfa, 0x00, 0x00, 0x00);
        assertThat(q.aux(0xff, 0xe9)).containsExactly(0xfa, 0xaa, 0x00, 0xfa, 0x00, 0x02, 100);
    }

    @Test
    void resendResetWrapAndUnknownBytesAreAnsweredOnHardwareAndDroppedInQemu() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(MOUSE_UNANSWERED_COMMANDS);
        assertThat(hw.aux(0xec, 0x42, 0xe1)).containsExactly(0xfa, 0xfe, 0xfe);
        assertThat(q.aux(0xec, 0x42, 0xe1)).isEmpty();
        assertThat(hw.aux(0xf2, 0xfe)).containsExactly(0xfa, 0x00, 0x00);
        assertThat(hw.aux(0xe9, 0xfe)).containsExactly(0xfa, 0x00, 0x02, 100, 100);
        assertThat(q.aux(0xf2, 0xfe)).containsExactly(0xfa, 0x00);
    }

    @Test
    void aResetEndsWrapModeOnHardwareAndNotInQemu() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(MOUSE_RESET_KEEPS_WRAP);
        for (KbcRig r : new KbcRig[] {hw, q}) {
            assertThat(r.aux(0xee, 0xff)).containsExactly(0xfa, 0xfa, 0xaa, 0x00);
        }
        assertThat(hw.aux(0x55)).containsExactly(0xfe);
        assertThat(q.aux(0x55)).containsExactly(0x55);
        assertThat(q.aux(0xec, 0x55)).containsExactly(0xfa, 0xfe);
    }

    @Test
    void sampleRatesAndResolutionsAreCheckedOnHardwareAndTakenInQemu() {
        KbcRig hw = KbcRig.hardware();
        KbcRig q = KbcRig.with(MOUSE_ARGUMENTS_UNCHECKED);
        assertThat(hw.aux(0xe8, 0x04, 0xf3, 0x0b, 0xf3, 0x00, 0xe9)).containsExactly(0xfa, 0xfe, 0xfa, 0xfe, 0xfa,
                0xfe, 0xfa, 0x00, 0x02, 100);
        assertThat(q.aux(0xe8, 0x04, 0xf3, 0x0b, 0xe9)).containsExactly(0xfa, 0xfa, 0xfa, 0xfa, 0xfa, 0x00, 0x04, 0x0b);
        for (int rate : new int[] {10, 20, 40, 60, 80, 100, 200}) {
            assertThat(hw.aux(0xf3, rate, 0xe9)).containsExactly(0xfa, 0xfa, 0xfa, 0x00, 0x02, rate);
        }
        assertThat(hw.aux(0xe8, 0x03, 0xe9)).containsExactly(0xfa, 0xfa, 0xfa, 0x00, 0x03, 200);
        assertThat(hw.aux(0xe8, 0x00, 0xe9)).containsExactly(0xfa, 0xfa, 0xfa, 0x00, 0x00, 200);
    }
}
