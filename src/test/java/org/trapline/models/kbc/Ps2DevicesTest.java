package org.trapline.models.kbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PS/2 keyboard's and mouse's commands that both profiles answer alike. */
class Ps2DevicesTest {

    @Test
    void keyboardResetIdentifyEchoAndLeds() {
        for (KbcRig r : KbcRig.both()) {
            assertThat(r.kbd(0xff)).containsExactly(0xfa, 0xaa);
            assertThat(r.kbd(0xf2)).containsExactly(0xfa, 0xab, 0x83);
            assertThat(r.kbd(0xee)).containsExactly(0xee);
            assertThat(r.kbdEach(0xed, 0x07)).containsExactly(0xfa, 0xfa);
            assertThat(r.kbc.keyboard().leds()).isEqualTo(7);
            assertThat(r.kbdEach(0xf3, 0x20)).containsExactly(0xfa, 0xfa);
            assertThat(r.kbc.keyboard().typematic()).isEqualTo(0x20);
            assertThat(r.kbd(0xff)).containsExactly(0xfa, 0xaa);
            assertThat(r.kbc.keyboard().leds()).isZero();
            assertThat(r.kbc.keyboard().typematic()).isEqualTo(0x2b);
        }
    }

    @Test
    void keyboardScanCodeSets() {
        for (KbcRig r : KbcRig.both()) {
            assertThat(r.kbdEach(0xf0, 0x00)).containsExactly(0xfa, 0xfa, 0x02);
            assertThat(r.kbdEach(0xf0, 0x03)).containsExactly(0xfa, 0xfa);
            assertThat(r.kbc.keyboard().scanSet()).isEqualTo(3);
            assertThat(r.kbdEach(0xf0, 0x00)).containsExactly(0xfa, 0xfa, 0x03);
            assertThat(r.kbdEach(0xf0, 0x01, 0xf0, 0x00)).containsExactly(0xfa, 0xfa, 0xfa, 0xfa, 0x01);
            assertThat(r.kbdEach(0xf0, 0x04)).containsExactly(0xfa, 0xfe);
            assertThat(r.kbc.keyboard().scanSet()).isEqualTo(1);
            assertThat(r.kbd(0xf6)).containsExactly(0xfa);
            assertThat(r.kbc.keyboard().scanSet()).isEqualTo(2);
        }
    }

    @Test
    void keyboardEnableDisableAndDefaults() {
        for (KbcRig r : KbcRig.both()) {
            r.kbdEach(0xf0, 0x03, 0xed, 0x02, 0xf3, 0x00);
            assertThat(r.kbd(0xf5)).containsExactly(0xfa);
            assertThat(r.kbc.keyboard().scanning()).isFalse();
            assertThat(r.kbc.keyboard().scanSet()).isEqualTo(2);
            assertThat(r.kbc.keyboard().leds()).isZero();
            assertThat(r.kbc.keyboard().typematic()).isEqualTo(0x2b);
            assertThat(r.kbd(0xf4)).containsExactly(0xfa);
            assertThat(r.kbc.keyboard().scanning()).isTrue();
            r.kbd(0xf5);
            r.kbdEach(0xf0, 0x03);
            assertThat(r.kbd(0xf6)).containsExactly(0xfa);
            assertThat(r.kbc.keyboard().scanning()).isTrue();
            assertThat(r.kbc.keyboard().scanSet()).isEqualTo(2);
            r.kbd(0xf5);
            r.kbc.reset();
            assertThat(r.kbc.keyboard().scanning()).isTrue();
        }
    }

    @Test
    void keyboardRepliesNotReadAreDroppedByTheNextCommand() {
        KbcRig q = KbcRig.qemu();
        q.data(0xf2);
        q.data(0xf2);
        q.data(0xee);
        assertThat(q.drain()).containsExactly(0xee);
        KbcRig hw = KbcRig.hardware();
        hw.data(0xf2);
        hw.data(0xee);
        assertThat(hw.drain()).containsExactly(0xfa, 0xee);
    }

    @Test
    void mouseResetIdStatusScalingModesAndReports() {
        for (KbcRig r : KbcRig.both()) {
            assertThat(r.aux(0xff)).containsExactly(0xfa, 0xaa, 0x00);
            assertThat(r.aux(0xf2)).containsExactly(0xfa, 0x00);
            assertThat(r.aux(0xe7, 0xf0, 0xf4, 0xe9)).containsExactly(0xfa, 0xfa, 0xfa, 0xfa, 0x70, 0x02, 100);
            assertThat(r.kbc.mouse().status()).isEqualTo(0x70);
            assertThat(r.aux(0xe6, 0xea, 0xf5, 0xe9)).containsExactly(0xfa, 0xfa, 0xfa, 0xfa, 0x00, 0x02, 100);
            assertThat(r.aux(0xeb)).containsExactly(0xfa, 0x08, 0x00, 0x00);
            assertThat(r.aux(0xe7, 0xf4, 0xe8, 0x01, 0xf3, 0x28, 0xf6, 0xe9)).containsExactly(0xfa, 0xfa, 0xfa, 0xfa,
                    0xfa, 0xfa, 0xfa, 0xfa, 0x00, 0x02, 100);
            assertThat(r.kbc.mouse().resolution()).isEqualTo(2);
            assertThat(r.kbc.mouse().sampleRate()).isEqualTo(100);
        }
    }

    @Test
    void mouseWrapModeEchoes() {
        for (KbcRig r : KbcRig.both()) {
            assertThat(r.aux(0xee, 0x12, 0xe9, 0xf4)).containsExactly(0xfa, 0x12, 0xe9, 0xf4);
            assertThat(r.kbc.mouse().wrap()).isTrue();
            assertThat(r.aux(0xec, 0xf2)).containsExactly(0xfa, 0xfa, 0x00);
            assertThat(r.kbc.mouse().wrap()).isFalse();
        }
    }

    @Test
    void intellimouseSampleRateSequences() {
        for (KbcRig r : KbcRig.both()) {
            assertThat(r.aux(0xf3, 200, 0xf3, 100, 0xf3, 80, 0xf2)).endsWith(0xfa, 0x03);
            assertThat(r.kbc.mouse().id()).isEqualTo(3);
            assertThat(r.aux(0xeb)).containsExactly(0xfa, 0x08, 0x00, 0x00, 0x00);
            assertThat(r.aux(0xf3, 200, 0xf3, 200, 0xf3, 80, 0xf2)).endsWith(0xfa, 0x04);
            assertThat(r.aux(0xff)).containsExactly(0xfa, 0xaa, 0x00);
            assertThat(r.aux(0xf3, 200, 0xf3, 100, 0xf3, 100, 0xf2)).endsWith(0xfa, 0x00);
            assertThat(r.aux(0xf3, 200, 0xf3, 200, 0xf3, 100, 0xf2)).endsWith(0xfa, 0x00);
            assertThat(r.aux(0xf3, 200, 0xf3, 80, 0xf3, 80, 0xf2)).endsWith(0xfa, 0x00);
            assertThat(r.aux(0xf3, 100, 0xf3, 100, 0xf3, 80, 0xf2)).endsWith(0xfa, 0x00);
            assertThat(r.aux(0xf3, 200, 0xf3, 100, 0xf3, 80, 0xf2)).endsWith(0xfa, 0x03);
            r.kbc.reset();
            assertThat(r.aux(0xf3, 100, 0xf3, 80, 0xf2)).endsWith(0xfa, 0x00);
        }
    }

    @Test
    void aFullMouseQueueDropsWholeReplies() {
        for (KbcRig r : KbcRig.both()) {
            r.cmd(0xd4, 0xee);
            r.drain();
            r.cmd(0xa7);
            for (int i = 0; i < 20; i++) {
                r.kbc.mouse().write(i);
            }
            assertThat(r.kbc.mouse().queued()).isEqualTo(Ps2Queue.PS2_QUEUE_SIZE);
            r.kbc.mouse().write(0xec);
            r.kbc.mouse().write(0xe9);
            assertThat(r.kbc.mouse().queued()).isEqualTo(Ps2Queue.PS2_QUEUE_SIZE);
            r.cmd(0xa8);
            assertThat(r.drain()).hasSize(Ps2Queue.PS2_QUEUE_SIZE).startsWith(0x00, 0x01, 0x02);
            assertThat(r.kbc.mouse().wrap()).isFalse();
        }
    }

    @Test
    void theQueueReadsTheSlotBeforeWhenEmpty() {
        Ps2Queue q = new Ps2Queue();
        assertThat(q.read()).isZero();
        q.append(0x11, 0x22);
        assertThat(q.read()).isEqualTo(0x11);
        assertThat(q.read()).isEqualTo(0x22);
        assertThat(q.read()).isEqualTo(0x22);
        q.prependReplies(0x33, 0x44);
        q.append(0x55);
        assertThat(q.describe()).isEqualTo("[33 44 55]");
        q.dropUnreadReplies();
        assertThat(q.describe()).isEqualTo("[55]");
        q.dropUnreadReplies();
        assertThat(q.count()).isEqualTo(1);
        q.prependReplies(0x66);
        assertThat(q.read()).isEqualTo(0x66);
        q.dropUnreadReplies();
        assertThat(q.describe()).isEqualTo("[55]");
        q.read();
        for (int i = 0; i < 300; i++) {
            q.append(i);
            q.read();
        }
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.append(new int[17])).isFalse();
        assertThat(q.append(new int[16])).isTrue();
        assertThat(q.append(1)).isFalse();
        q.reset();
        assertThat(q.isEmpty()).isTrue();
    }
}
