package org.trapline.models.kbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The 8042's registers and commands, alike in both profiles. */
class Kbc8042Test {

    @Test
    void atPowerOnTheBuffersAreEmptyTheInterruptsEnabledAndTheOutputPortHigh() {
        for (KbcRig r : KbcRig.both()) {
            assertThat(r.status()).isEqualTo(0x18);
            assertThat(r.kbc.status()).isEqualTo(0x18);
            assertThat(r.kbc.commandByte()).isEqualTo(0x03);
            assertThat(r.kbc.outputPort()).isEqualTo(0xcf);
            assertThat(r.kbc.a20()).isTrue();
            assertThat(r.read()).isZero();
            assertThat(r.ask(0x20)).isEqualTo(0x03);
            assertThat(r.ask(0xd0)).isEqualTo(0xcf);
            assertThat(r.kbc.resetPulses()).isZero();
            assertThat(r.kbc.deviceName()).isEqualTo("i8042");
        }
    }

    @Test
    void selfTestAndInterfaceTestsAnswer() {
        for (KbcRig r : KbcRig.both()) {
            r.cmd(0xaa);
            assertThat(r.status() & 0x25).isEqualTo(0x05);
            assertThat(r.read()).isEqualTo(0x55);
            assertThat(r.status() & 0x01).isZero();
            assertThat(r.ask(0xab)).isZero();
            assertThat(r.ask(0xa9)).isZero();
            assertThat(r.ask(0xc0)).isEqualTo(0x80);
        }
    }

    @Test
    void theCommandByteReadsBackAsWritten() {
        for (KbcRig r : KbcRig.both()) {
            r.writeCommandByte(0x47);
            assertThat(r.kbc.commandByte()).isEqualTo(0x47);
            assertThat(r.ask(0x20)).isEqualTo(0x47);
            r.writeCommandByte(0xb8);
            assertThat(r.ask(0x20)).isEqualTo(0xb8);
        }
    }

    @Test
    void aControllerByteRaisesIrq1WhileInt() {
        for (KbcRig r : KbcRig.both()) {
            r.cmd(0x20);
            assertThat(r.edges).containsExactly("raise 1");
            assertThat(r.irq1.level()).isTrue();
            r.read();
            assertThat(r.edges).containsExactly("raise 1", "lower 1");
            r.writeCommandByte(0x00);
            r.cmd(0xd2, 0x42);
            assertThat(r.edges).hasSize(2);
            assertThat(r.status() & 0x21).isEqualTo(0x01);
            r.writeCommandByte(0x01);
            assertThat(r.edges).containsExactly("raise 1", "lower 1", "raise 1");
            assertThat(r.read()).isEqualTo(0x42);
            assertThat(r.irq1.level()).isFalse();
        }
    }

    @Test
    void d3hFillsTheBufferAsTheMouseWithIrq12WhileInt2() {
        for (KbcRig r : KbcRig.both()) {
            r.cmd(0xd3, 0x99);
            assertThat(r.status() & 0x21).isEqualTo(0x21);
            assertThat(r.edges).containsExactly("raise 12");
            assertThat(r.kbc.outputPort() & 0x30).as("output port bits 4 and 5 while the mouse byte is there").isEqualTo(0x30);
            assertThat(r.drain()).containsExactly(0x99);
            r.writeCommandByte(0x01);
            r.edges.clear();
            r.cmd(0xd3, 0x98);
            assertThat(r.edges).isEmpty();
            assertThat(r.read()).isEqualTo(0x98);
            assertThat(r.kbc.outputPort() & 0x30).isZero();
            r.cmd(0xd2, 0x97);
            assertThat(r.kbc.outputPort() & 0x30).isEqualTo(0x10);
        }
    }

    @Test
    void aD2hByteOverAD3hByteIsTheKeyboardsAndTheCommandsWaitingAreCounted() {
        KbcRig hw = KbcRig.hardware();
        hw.cmd(0xd3, 0x01);
        hw.cmd(0xd2, 0x02);
        assertThat(hw.status() & 0x21).isEqualTo(0x01);
        assertThat(hw.kbc.outputPort() & 0x30).isEqualTo(0x10);
        assertThat(hw.irq12.level()).isFalse();
        assertThat(hw.irq1.level()).isTrue();
        KbcRig q = KbcRig.qemu();
        q.cmd(0x60);
        assertThat(q.kbc.pendingCommand()).isEqualTo(0x60);
        q.data(0x03);
        assertThat(q.kbc.pendingCommand()).isZero();
        q.data(0xf2);
        q.cmd(0xd4, 0xf2);
        assertThat(q.kbc.queuedBytes()).isEqualTo(5);
        q.cmd(0x20);
        assertThat(q.kbc.queuedBytes()).isEqualTo(6);
        assertThat(q.drain()).containsExactly(0xfa, 0x03, 0xab, 0xfa, 0x83, 0x00);
        assertThat(q.kbc.queuedBytes()).isZero();
    }

    @Test
    void aReadOfAnEmptyBufferReturnsTheLastByte() {
        for (KbcRig r : KbcRig.both()) {
            r.cmd(0xd2, 0x5a);
            assertThat(r.read()).isEqualTo(0x5a);
            assertThat(r.read()).isEqualTo(0x5a);
            assertThat(r.status() & 1).isZero();
        }
    }

    @Test
    void theOutputPortIsWrittenAndReadAndGatesA20() {
        for (KbcRig r : KbcRig.both()) {
            r.cmd(0xd1, 0xfd);
            assertThat(r.kbc.a20()).isFalse();
            assertThat(r.ask(0xd0)).isEqualTo(0xfd);
            r.cmd(0xd1, 0x03);
            assertThat(r.kbc.a20()).isTrue();
            assertThat(r.ask(0xd0)).isEqualTo(0x03);
            assertThat(r.kbc.resetPulses()).isZero();
        }
    }

    @Test
    void evenPulsesAssertTheResetLineAndOddOnesDoNot() {
        for (KbcRig r : KbcRig.both()) {
            for (int c = 0xf0; c <= 0xff; c++) {
                r.cmd(c);
            }
            assertThat(r.kbc.resetPulses()).isEqualTo(8);
            r.cmd(0xd1, 0xfe);
            assertThat(r.kbc.resetPulses()).isEqualTo(9);
        }
    }

    @Test
    void unknownCommandsChangeNothing() {
        for (KbcRig r : KbcRig.both()) {
            for (int c : new int[] {0x00, 0x21, 0x5f, 0xa1, 0xa4, 0xc1, 0xe0, 0xde}) {
                r.cmd(c);
            }
            assertThat(r.full()).isFalse();
            assertThat(r.ask(0x20)).isEqualTo(0x03);
            assertThat(r.ask(0xd0)).isEqualTo(0xcf);
        }
    }

    @Test
    void aDataByteGoesWhereTheLastCommandSaidOnce() {
        for (KbcRig r : KbcRig.both()) {
            r.cmd(0xd2);
            r.data(0x11);
            assertThat(r.read()).isEqualTo(0x11);
            r.data(0xee);
            assertThat(r.read()).as("the next data byte goes to the keyboard").isEqualTo(0xee);
        }
    }

    @Test
    void disabledPortsHoldTheirDevicesBytesUntilEnabled() {
        for (KbcRig r : KbcRig.both()) {
            r.data(0xee);
            r.cmd(0xd4, 0xf2);
            r.read();
            r.read();
            r.read();
            r.cmd(0xad);
            assertThat(r.kbc.commandByte() & 0x10).isEqualTo(0x10);
            r.cmd(0xa7);
            assertThat(r.kbc.commandByte() & 0x20).isEqualTo(0x20);
            r.writeCommandByte(0x30);
            r.kbc.keyboard().write(0xee);
            r.kbc.mouse().write(0xf2);
            assertThat(r.full()).isFalse();
            r.cmd(0xa8);
            assertThat(r.kbc.commandByte()).isEqualTo(0x10);
            assertThat(r.drain()).containsExactly(0xfa, 0x00);
            r.cmd(0xae);
            assertThat(r.kbc.commandByte()).isZero();
            assertThat(r.drain()).containsExactly(0xee);
        }
    }

    @Test
    void writingToTheKeyboardOrTheMouseEnablesItsInterface() {
        for (KbcRig r : KbcRig.both()) {
            r.writeCommandByte(0x33);
            r.data(0xee);
            assertThat(r.kbc.commandByte()).isEqualTo(0x23);
            assertThat(r.drain()).containsExactly(0xee);
            r.cmd(0xd4, 0xf2);
            assertThat(r.kbc.commandByte()).isEqualTo(0x03);
            assertThat(r.drain()).containsExactly(0xfa, 0x00);
        }
    }

    @Test
    void aResetReturnsThePowerOnState() {
        for (KbcRig r : KbcRig.both()) {
            r.writeCommandByte(0x74);
            r.cmd(0xd1, 0x01);
            r.data(0xf2);
            r.cmd(0xd4, 0xe7);
            r.kbc.reset();
            assertThat(r.status()).isEqualTo(0x18);
            assertThat(r.kbc.commandByte()).isEqualTo(0x03);
            assertThat(r.kbc.outputPort()).isEqualTo(0xcf);
            assertThat(r.irq1.level()).isFalse();
            assertThat(r.kbc.queuedBytes()).isZero();
            assertThat(r.aux(0xe9)).startsWith(0xfa, 0x00);
            assertThat(r.kbd(0xf0, 0x00)).endsWith(0x02);
        }
    }

    @Test
    void oddOffsetsAndWidthsNeverThrow() {
        for (KbcRig r : KbcRig.both()) {
            for (long off = -3; off < 9; off++) {
                r.kbc.write(off, 4, 0xffff_ffffL);
                r.kbc.read(off, 2);
            }
            assertThat(r.kbc.read(0, 1)).isBetween(0L, 0xffL);
        }
    }

    @Test
    void theDevicesQueuesStayBounded() {
        for (KbcRig r : KbcRig.both()) {
            r.writeCommandByte(0x00);
            r.cmd(0xd4, 0xee);
            for (int i = 0; i < 1000; i++) {
                r.cmd(0xd4, i & 0x7f);
                r.data(0xf2);
                r.cmd(0xd2, i);
            }
            assertThat(r.kbc.queuedBytes()).isLessThanOrEqualTo(Ps2Queue.PS2_QUEUE_SIZE + 4);
        }
    }

    @Test
    void theRegistersShowTheControllerAndBothDevices() {
        KbcRig r = KbcRig.qemu();
        r.writeCommandByte(0x41);
        r.data(0xf2);
        r.cmd(0xd4, 0xe8);
        r.cmd(0xd1);
        assertThat(r.kbc.registers()).containsExactly(
                java.util.Map.entry("STATUS", "0x19"), java.util.Map.entry("CCB", "0x41"),
                java.util.Map.entry("OUTPORT", "0xdf"), java.util.Map.entry("OB", "0x00"),
                java.util.Map.entry("pending", "0xd1"), java.util.Map.entry("kbd.queue", "[fa ab 41]"),
                java.util.Map.entry("kbd.set", "2"), java.util.Map.entry("kbd.scanning", "1"),
                java.util.Map.entry("kbd.leds", "0x00"), java.util.Map.entry("kbd.typematic", "0x2b"),
                java.util.Map.entry("kbd.pending", "-"), java.util.Map.entry("aux.queue", "[fa]"),
                java.util.Map.entry("aux.status", "0x00"), java.util.Map.entry("aux.resolution", "0"),
                java.util.Map.entry("aux.rate", "0"), java.util.Map.entry("aux.id", "0"),
                java.util.Map.entry("aux.wrap", "0"), java.util.Map.entry("aux.pending", "0xe8"));
        r.data(0x03);
        assertThat(r.kbc.registers()).containsEntry("pending", "-");
        assertThat(r.kbc.parts()).containsExactly(r.kbc);
        assertThat(List.of(r.kbc.status())).containsExactly(0x19);
    }
}
