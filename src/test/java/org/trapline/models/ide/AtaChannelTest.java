package org.trapline.models.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** The channel with both slots empty, as ATA/ATAPI-6 and the PC's wiring give it (hardware profile). */
class AtaChannelTest {
    private final IrqLine irq = new IrqLine("irq15");
    private final AtaChannel ide = new AtaChannel("ide-secondary", Set.of(), irq);

    @Test
    void byteAndWordCyclesOfTheFloatingBus() {
        assertThat(ide.read(0, 1)).isEqualTo(0x7f);
        assertThat(ide.read(0, 2)).isEqualTo(0xff7f);
        assertThat(ide.read(2, 2)).isEqualTo(0x7f7f);
        assertThat(ide.read(4, 4)).isEqualTo(0x7f7f7f7fL);
        assertThat(ide.read(6, 4)).as("past the block: the ISA bus's undriven bytes").isEqualTo(0xffff7f7fL);
        assertThat(ide.read(7, 1)).isEqualTo(0x7f);
        assertThat(ide.deviceName()).isEqualTo("ide-secondary");
        assertThat(ide.commandBlock().length()).isEqualTo(8);
        assertThat(ide.controlBlock().length()).isEqualTo(1);
        assertThat(ide.controlBlock().name()).isEqualTo("ide-secondary-control");
    }

    @Test
    void writesReachNothingAndNothingInterrupts() {
        for (int r = 0; r < 8; r++) {
            for (int size : new int[] {1, 2, 4}) {
                ide.write(r, size, 0xffffffffL);
            }
        }
        ide.controlBlock().device().write(0, 1, 0x04);
        ide.controlBlock().device().write(0, 1, 0x00);
        assertThat(irq.level()).isFalse();
        assertThat(ide.read(7, 1)).isEqualTo(0x7f);
        assertThat(ide.registers()).containsEntry("device 0", "none").containsEntry("device 1", "none")
                .containsEntry("INTRQ", "0");
    }

    @Test
    void noAccessThrowsInEitherProfile() {
        for (Profile p : Profile.values()) {
            AtaChannel c = new AtaChannel("ide-primary", p.quirks(), new IrqLine("irq14"));
            assertThatCode(() -> {
                for (long off = 0; off < 8; off++) {
                    for (int size : new int[] {1, 2, 4}) {
                        c.read(off, size);
                        c.write(off, size, 0x90909090L);
                        c.controlBlock().device().read(0, size);
                        c.controlBlock().device().write(0, size, 0x04);
                    }
                }
            }).doesNotThrowAnyException();
        }
    }

    @Test
    void theBoardWiresIrq14And15() {
        var m = Profile.QEMU_PC.build(MachineConfig.defaults());
        m.io().write(0x1f7, 1, 0x90);
        assertThat(m.isaIrq(14).level()).isTrue();
        m.io().write(0x177, 1, 0x90);
        assertThat(m.isaIrq(15).level()).isTrue();
        m.io().read(0x1f7, 1);
        assertThat(m.isaIrq(14).level()).isFalse();
        assertThat(m.isaIrq(15).level()).isTrue();
    }
}
