package org.trapline.models.pic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;
import org.trapline.models.machine.BoardQuirks;
import org.trapline.models.device.Quirk;

/** Each QEMU departure: the datasheet behaviour without the quirk, QEMU's with it. */
class PicQuirksTest {
    private static PicBoard hw() {
        return PicBoard.hardware().initialised();
    }

    private static PicBoard q(Quirk quirk) {
        return PicBoard.with(quirk).initialised();
    }

    @Test
    void theLedgerIsWhatQemuPcSwitchesOn() {
        assertThat(PicPair.qemuQuirks()).containsExactlyElementsOf(PicQuirks.all()).doesNotHaveDuplicates();
        assertThat(Profile.QEMU_PC.quirks()).containsAll(PicQuirks.all());
        assertThat(Profile.HARDWARE.quirks()).isEmpty();
        assertThat(PicQuirks.all()).allSatisfy(qk -> {
            assertThat(qk.id()).startsWith("pic.");
            assertThat(qk.device()).isEqualTo("i8259");
            assertThat(qk.citation()).containsAnyOf("231468", "PIIX3").contains("QEMU");
        });
        assertThat(Profile.QEMU_PC.build(MachineConfig.defaults()).devices())
                .extracting(d -> d.deviceName()).contains("pic-master", "pic-slave");
    }

    @Test
    void ltimIgnored() {
        for (PicBoard b : new PicBoard[] {hw(), q(PicQuirks.LTIM_IGNORED)}) {
            b.out(0x20, 0x19).out(0x21, 0x08).out(0x21, 0x04).out(0x21, 0x01).master(3, true);
            assertThat(b.poll(0x20)).isEqualTo(0x83);
        }
        PicBoard h = hw().out(0x20, 0x19).out(0x21, 0x08).out(0x21, 0x04).out(0x21, 0x01).master(3, true);
        h.poll(0x20);
        assertThat(h.irr(0x20)).as("8259A: a level request stays while the input is high").isEqualTo(0x08);
        PicBoard q = q(PicQuirks.LTIM_IGNORED).out(0x20, 0x19).out(0x21, 0x08).out(0x21, 0x04).out(0x21, 0x01)
                .master(3, true);
        q.poll(0x20);
        assertThat(q.irr(0x20)).as("QEMU: still edge triggered").isZero();
    }

    @Test
    void edgeIrrLatched() {
        assertThat(hw().master(3, true).master(3, false).irr(0x20)).isZero();
        assertThat(q(PicQuirks.EDGE_IRR_LATCHED).master(3, true).master(3, false).irr(0x20)).isEqualTo(0x08);
        PicBoard h = hw().master(3, true);
        assertThat(h.pic.interruptRequested()).isTrue();
        h.master(3, false);
        assertThat(h.pic.acknowledge()).as("default IR7").isEqualTo(0x0f);
    }

    @Test
    void icw1ClearsIsr() {
        PicBoard h = hw().master(3, true);
        h.poll(0x20);
        h.out(0x20, 0x11);
        assertThat(h.isr(0x20)).isEqualTo(0x08);
        PicBoard q = q(PicQuirks.ICW1_CLEARS_ISR).master(3, true);
        q.poll(0x20);
        q.out(0x20, 0x11);
        assertThat(q.isr(0x20)).isZero();
    }

    @Test
    void icw1ForgetsInputLevel() {
        PicBoard h = hw().master(5, true).out(0x20, 0x11);
        assertThat(h.irr(0x20)).as("edge sense reset").isZero();
        assertThat(h.master(5, true).irr(0x20)).isZero();
        PicBoard q = q(PicQuirks.ICW1_FORGETS_INPUT_LEVEL).master(5, true).out(0x20, 0x11);
        assertThat(q.irr(0x20)).isZero();
        assertThat(q.master(5, true).irr(0x20)).isEqualTo(0x20);
    }

    @Test
    void icw1ForgetsButKeepsElcrLevelRequests() {
        PicBoard q = q(PicQuirks.ICW1_FORGETS_INPUT_LEVEL).out(0x4d0, 0x08).master(3, true).master(5, true);
        q.out(0x20, 0x11);
        assertThat(q.irr(0x20)).isEqualTo(0x08);
    }

    @Test
    void sfnmIgnoresCascadeIsr() {
        for (boolean quirk : new boolean[] {false, true}) {
            PicBoard b = (quirk ? PicBoard.with(PicQuirks.SFNM_IGNORES_CASCADE_ISR) : PicBoard.hardware())
                    .initialised(0x11);
            b.slave(5, true);
            assertThat(b.pic.acknowledge()).isEqualTo(0x75);
            b.slave(2, true);
            assertThat(b.pic.interruptRequested()).as("SFNM: the slave's higher level gets through").isTrue();
            assertThat(b.pic.acknowledge()).isEqualTo(0x72);
            b.master(3, true);
            assertThat(b.pic.interruptRequested()).as("IR3 while IR2 in service").isEqualTo(quirk);
        }
    }

    @Test
    void withoutSfnmTheSlaveIsLockedOut() {
        PicBoard b = hw().slave(5, true);
        b.pic.acknowledge();
        b.slave(2, true);
        assertThat(b.pic.interruptRequested()).isFalse();
    }

    @Test
    void smmNonSpecificEoi() {
        for (boolean quirk : new boolean[] {false, true}) {
            PicBoard b = quirk ? q(PicQuirks.SMM_NONSPECIFIC_EOI) : hw();
            b.master(3, true).master(1, true);
            b.pic.acknowledge();
            b.out(0x20, 0x20);
            b.pic.acknowledge();
            b.master(1, false).master(1, true);
            b.pic.acknowledge();
            b.out(0x21, 0x02).out(0x20, 0x68);
            assertThat(b.isr(0x20)).isEqualTo(0x0a);
            b.out(0x20, 0x20);
            assertThat(b.isr(0x20)).isEqualTo(quirk ? 0x08 : 0x02);
        }
    }

    @Test
    void rotateOnNonSpecificEoiInSmmSkipsMaskedLevels() {
        PicBoard b = hw().master(6, true);
        b.pic.acknowledge();
        b.out(0x21, 0x40).out(0x20, 0x68).out(0x20, 0xa0);
        assertThat(b.isr(0x20)).isEqualTo(0x40);
        assertThat(b.pic.master().lowestPriorityIr()).isEqualTo(7);
    }

    @Test
    void elcrNoResample() {
        PicBoard h = hw().master(3, true);
        h.poll(0x20);
        h.out(0x4d0, 0x08);
        assertThat(h.irr(0x20)).isEqualTo(0x08);
        PicBoard q = q(PicQuirks.ELCR_NO_RESAMPLE).master(3, true);
        q.poll(0x20);
        q.out(0x4d0, 0x08);
        assertThat(q.irr(0x20)).isZero();
        assertThat(q.master(3, true).irr(0x20)).isEqualTo(0x08);
    }

    @Test
    void intNotReevaluatedAfterSpecialMaskMode() {
        for (boolean quirk : new boolean[] {false, true}) {
            PicBoard b = quirk ? q(PicQuirks.INT_NOT_REEVALUATED) : hw();
            b.slave(3, true);
            assertThat(b.pic.acknowledge()).isEqualTo(0x73);
            b.slave(5, true);
            assertThat(b.irr(0x20)).isZero();
            b.out(0xa1, 0x08).out(0xa0, 0x68);
            assertThat(b.irr(0x20)).isEqualTo(quirk ? 0 : 0x04);
            b.out(0xa1, 0x08);
            assertThat(b.irr(0x20)).isEqualTo(0x04);
        }
    }

    @Test
    void intNotReevaluatedAfterIcw4OrTheQuietOcw2Commands() {
        for (boolean quirk : new boolean[] {false, true}) {
            PicBoard b = new PicBoard(quirk ? Set.of(PicQuirks.INT_NOT_REEVALUATED, PicQuirks.ICW1_FORGETS_INPUT_LEVEL)
                    : Set.of(PicQuirks.ICW1_FORGETS_INPUT_LEVEL)).initialised();
            b.slave(3, true);
            b.out(0x20, 0x11).out(0x21, 0x08).out(0x21, 0x04).out(0x21, 0x01);
            assertThat(b.irr(0x20)).isZero();
            for (int quiet : new int[] {0x40, 0x80, 0x00, 0x20}) {
                b.out(0xa0, quiet);
                assertThat(b.irr(0x20)).as("OCW2 %02x", quiet).isEqualTo(quirk ? 0 : 0x04);
            }
            b.out(0xa0, 0x63);
            assertThat(b.irr(0x20)).isEqualTo(0x04);
        }
        PicBoard s = PicBoard.with(PicQuirks.INT_NOT_REEVALUATED).initialised(0x01);
        s.slave(4, true);
        s.pic.acknowledge();
        s.slave(1, true);
        s.out(0x20, 0x11).out(0x21, 0x08).out(0x21, 0x04).out(0x21, 0x11);
        assertThat(s.pic.interruptRequested()).as("the master itself is evaluated when asked").isFalse();
    }

    @Test
    void cascadeFixedIr2() {
        PicBoard h = PicBoard.hardware();
        h.out(0x20, 0x13).out(0x21, 0x08).out(0x21, 0x01);
        h.slave(4, true);
        assertThat(h.pic.acknowledge()).as("single mode: IR2 is an ordinary input").isEqualTo(0x0a);
        PicBoard q = PicBoard.with(PicQuirks.CASCADE_FIXED_IR2);
        q.out(0x20, 0x13).out(0x21, 0x08).out(0x21, 0x01);
        q.out(0xa0, 0x11).out(0xa1, 0x70).out(0xa1, 0x05).out(0xa1, 0x01);
        q.slave(4, true);
        assertThat(q.pic.acknowledge()).isEqualTo(0x74);
    }

    @Test
    void upmIgnored() {
        PicBoard h = PicBoard.hardware().out(0x20, 0x16).out(0x21, 0x30).master(1, true);
        assertThat(h.pic.acknowledge()).isEqualTo(0x3004);
        PicBoard q = PicBoard.with(PicQuirks.UPM_IGNORED).out(0x20, 0x16).out(0x21, 0x30).master(1, true);
        assertThat(q.pic.acknowledge()).isEqualTo(0x31);
    }

    @Test
    void qemuAccessSplittingRepeatsThePortOfTheFirstByte() {
        for (boolean quirk : new boolean[] {false, true}) {
            PicBoard b = quirk ? q(BoardQuirks.QEMU_ACCESS_SPLITTING) : hw();
            b.out(0x21, 0x5a).out(0xa1, 0x3c).out(0x4d0, 0xa8).out(0x4d1, 0x0e).master(7, true);
            assertThat(b.io.read(0x20, 2)).isEqualTo(0x5a80);
            assertThat(b.io.read(0x20, 4)).isEqualTo(quirk ? 0x5a5a5a80L : 0xffff5a80L);
            assertThat(b.io.read(0x21, 2)).isEqualTo(0xff5a);
            assertThat(b.io.read(0x21, 4)).isEqualTo(0xffffff5aL);
            assertThat(b.io.read(0xa0, 4)).isEqualTo(quirk ? 0x3c3c3c00L : 0xffff3c00L);
            assertThat(b.io.read(0x22, 1)).isEqualTo(0xff);
            assertThat(b.io.read(0x22, 2)).isEqualTo(0xffff);
            assertThat(b.io.read(0x1e, 4)).isEqualTo(0x5a80ffffL);
            assertThat(b.io.read(0x4d0, 2)).isEqualTo(quirk ? 0xa8a8 : 0x0ea8);
            assertThat(b.io.read(0x4d0, 4)).isEqualTo(quirk ? 0xa8a8a8a8L : 0xffff0ea8L);
            assertThat(b.io.read(0x4d1, 4)).isEqualTo(quirk ? 0x0e0e0e0eL : 0xffffff0eL);
            assertThat(b.io.read(0x4d1, 2)).isEqualTo(quirk ? 0x0e0e : 0xff0e);
            assertThat(b.io.read(0x4d2, 4)).isEqualTo(0xffffffffL);
            assertThat(b.io.read(0x4d3, 2)).isEqualTo(0xffff);
            b.io.write(0x4d0, 2, 0x2078);
            assertThat(b.in(0x4d0)).isEqualTo(quirk ? 0x20 : 0x78);
            assertThat(b.in(0x4d1)).isEqualTo(quirk ? 0x0e : 0x00);
            b.io.write(0x20, 4, 0x01042011L);
            b.io.write(0x21, 1, 0x33);
            assertThat(b.in(0x21)).as("ICW2-4 came from bytes 1-3").isEqualTo(quirk ? 0x33 : 0x00);
            b.io.write(0x21, 2, 0x9955);
            b.io.write(0x22, 2, 0x1111);
            b.io.write(0x4d3, 2, 0x1111);
            assertThat(b.in(0x21)).as("hardware: ICW4 was the 0x55").isEqualTo(quirk ? 0x55 : 0x00);
        }
    }
}
