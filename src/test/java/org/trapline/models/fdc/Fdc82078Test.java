package org.trapline.models.fdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/** The 82078's registers, phases, reset and no-medium commands, as the datasheet has them. */
class Fdc82078Test {
    private final IrqLine irq = new IrqLine("irq6");
    private final Fdc82078 fdc = new Fdc82078(Set.<Quirk>of(), irq);

    private int msr() {
        return (int) fdc.read(Fdc82078.MSR, 1);
    }

    private void out(int... bytes) {
        for (int b : bytes) {
            fdc.write(Fdc82078.FIFO, 1, b);
        }
    }

    private int in() {
        return (int) fdc.read(Fdc82078.FIFO, 1);
    }

    @Test
    void registersAtReset() {
        assertThat(fdc.read(Fdc82078.SRA, 1)).isEqualTo(0x40);
        assertThat(fdc.read(Fdc82078.SRB, 1)).isEqualTo(0xc0);
        assertThat(fdc.read(Fdc82078.DOR, 1)).isEqualTo(0x0c);
        assertThat(fdc.read(Fdc82078.TDR, 1)).isZero();
        assertThat(msr()).isEqualTo(0x80);
        assertThat(fdc.read(Fdc82078.DIR, 1)).isEqualTo(0x80);
        assertThat(fdc.read(6, 1)).isEqualTo(0xff);
        assertThat(irq.level()).isFalse();
        assertThat(fdc.deviceName()).isEqualTo("fdc");
        assertThat(fdc.registers()).containsEntry("DOR", "0x0c").containsEntry("MSR", "0x80")
                .containsEntry("phase", "command").containsEntry("CONFIGURE", "0x20").containsEntry("SRA", "0x40");
    }

    @Test
    void dorMotorAndSelectBitsShowInSrb() {
        fdc.write(Fdc82078.DOR, 1, 0x3d);
        assertThat(fdc.read(Fdc82078.SRB, 1)).isEqualTo(0xc0 | 0x01 | 0x02 | 0x20);
        assertThat(fdc.read(Fdc82078.DOR, 1)).isEqualTo(0x3d);
        fdc.write(Fdc82078.DOR, 1, 0x1c);
        assertThat(fdc.read(Fdc82078.SRB, 1)).isEqualTo(0xc1);
        fdc.write(Fdc82078.DOR, 1, 0x2c);
        assertThat(fdc.read(Fdc82078.SRB, 1)).isEqualTo(0xc2);
        assertThat(irq.level()).isFalse();
    }

    @Test
    void theFifoGoesThroughItsPhases() {
        out(0x0f);
        assertThat(msr()).isEqualTo(0x90);
        out(0x00);
        assertThat(msr()).isEqualTo(0x90);
        out(0x03);
        assertThat(msr()).isEqualTo(0x80);
        assertThat(fdc.registers()).containsEntry("phase", "command").containsEntry("PCN0", "0x03");
        out(0x0e);
        assertThat(msr()).isEqualTo(0xd0);
        assertThat(fdc.registers()).containsEntry("phase", "result");
        out(0x10); // ignored in the result phase
        int[] d = new int[10];
        for (int i = 0; i < 10; i++) {
            d[i] = in();
        }
        assertThat(d).containsExactly(3, 0, 0, 0, 0, 0, 0, 0, 0x20, 0);
        assertThat(msr()).isEqualTo(0x80);
        assertThat(in()).isZero(); // nothing to read in the command phase
        assertThat(msr()).isEqualTo(0x80);
    }

    @Test
    void aDorResetInterruptsAndFourSensesAnswer() {
        out(0x0f, 0x00, 0x09);
        out(0x08);
        in();
        in();
        fdc.write(Fdc82078.DOR, 1, 0x08);
        assertThat(irq.level()).isFalse();
        out(0x10);
        assertThat(msr()).isEqualTo(0x80);
        assertThat(fdc.registers()).containsEntry("phase", "command");
        fdc.write(Fdc82078.TDR, 1, 0x01);
        fdc.write(Fdc82078.CCR, 1, 0x03);
        fdc.write(Fdc82078.DSR, 1, 0x80);
        assertThat(fdc.registers()).containsEntry("DSR", "0x00").containsEntry("TDR", "0x01");
        fdc.write(Fdc82078.DOR, 1, 0x0c);
        assertThat(irq.level()).isTrue();
        assertThat(fdc.read(Fdc82078.SRA, 1)).isEqualTo(0xc0);
        assertThat(fdc.interruptPending()).isTrue();
        for (int n = 0; n < 4; n++) {
            out(0x08);
            assertThat(irq.level()).isFalse();
            assertThat(in()).isEqualTo(0xc0 + n);
            assertThat(in()).isZero();
        }
        out(0x08);
        assertThat(in()).isEqualTo(0x80);
        assertThat(msr()).isEqualTo(0x80);
        fdc.write(Fdc82078.DOR, 1, 0x0c); // already out of reset: nothing
        assertThat(irq.level()).isFalse();
    }

    @Test
    void aDsrResetIsSelfClearing() {
        fdc.write(Fdc82078.DOR, 1, 0x1d);
        fdc.write(Fdc82078.CCR, 1, 0x02);
        assertThat(fdc.registers()).containsEntry("DSR", "0x02");
        fdc.write(Fdc82078.DSR, 1, 0x81);
        assertThat(irq.level()).isTrue();
        assertThat(fdc.read(Fdc82078.DOR, 1)).isEqualTo(0x0c);
        assertThat(fdc.registers()).containsEntry("DSR", "0x81");
        out(0x10);
        assertThat(in()).isEqualTo(0x90);
        fdc.reset();
        assertThat(irq.level()).isFalse();
        assertThat(fdc.read(Fdc82078.SRA, 1)).isEqualTo(0x40);
    }

    @Test
    void theCommandsWithoutAMedium() {
        out(0x10);
        assertThat(in()).isEqualTo(0x90);
        out(0x18);
        assertThat(in()).isEqualTo(0x41);
        out(0x14);
        assertThat(in()).isZero();
        out(0x94);
        assertThat(in()).isEqualTo(0x10);
        out(0x13, 0x00, 0x48, 0x05);
        out(0x03, 0x12, 0x07);
        out(0x12, 0x83);
        out(0x0e);
        int[] d = new int[10];
        for (int i = 0; i < 10; i++) {
            d[i] = in();
        }
        assertThat(d).containsExactly(0, 0, 0, 0, 0x12, 0x07, 0, 0x83, 0x48, 0x05);
        out(0x04, 0x01);
        assertThat(in()).isEqualTo(0x29);
        out(0x0f, 0x01, 0x20);
        assertThat(irq.level()).isTrue();
        out(0x08);
        assertThat(in()).isEqualTo(0x21);
        assertThat(in()).isEqualTo(0x20);
        out(0x07, 0x00);
        out(0x08);
        assertThat(in()).isEqualTo(0x70);
        assertThat(in()).isZero();
        for (int invalid : new int[] {0x00, 0x01, 0x1f, 0x55, 0xff}) {
            out(invalid);
            assertThat(msr()).isEqualTo(0xd0);
            assertThat(in()).isEqualTo(0x80);
        }
    }

    @Test
    void noAccessThrows() {
        assertThatCode(() -> {
            for (int offset = -3; offset < 20; offset++) {
                for (int size : new int[] {1, 2, 4, 8}) {
                    for (long v : new long[] {0, 0xff, 0x80, 0x04, -1L}) {
                        fdc.write(offset, size, v);
                        fdc.read(offset, size);
                    }
                }
            }
        }).doesNotThrowAnyException();
    }
}
