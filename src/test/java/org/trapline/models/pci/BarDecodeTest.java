package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** PCI 3.0 §6.2.5.1 on the PIIX IDE function's BMIBA (BAR4, a 16-byte I/O block). */
class BarDecodeTest {
    private final Machine m = Profile.QEMU_PC.build(MachineConfig.defaults());
    private final IoDevice block = new IoDevice() {
        @Override
        public long read(long offset, int size) {
            return 0xa0 + offset;
        }

        @Override
        public void write(long offset, int size, long value) {
        }
    };

    private void config(int offset, int width, long value) {
        m.io().write(0xcf8, 4, 0x80000800L | 1 << 8 | (offset & 0xfc));
        m.io().write(0xcfc + (offset & 3), width, value);
    }

    @Test
    void theBlockAppearsAtTheBaseWhileIoSpaceIsEnabledMovesAndVanishes() {
        m.pci().function(1, 1).decodeBar(0x20, m.io(), Region.of("bmdma", 16, 1, 4, block, null));
        assertThat(m.io().read(0xc000, 1)).as("unprogrammed").isEqualTo(0xff);
        config(0x20, 4, 0xc001);
        assertThat(m.io().read(0xc002, 1)).as("IOSE clear").isEqualTo(0xff);
        config(0x04, 2, 0x0001);
        assertThat(m.io().read(0xc002, 1)).isEqualTo(0xa2);
        assertThat(m.io().read(0xc00f, 1)).isEqualTo(0xaf);
        assertThat(m.io().read(0xc010, 1)).as("16 bytes").isEqualTo(0xff);
        config(0x20, 4, 0xd045);
        assertThat(m.io().read(0xc002, 1)).as("moved away").isEqualTo(0xff);
        assertThat(m.io().read(0xd042, 1)).as("at the BAR, its low bits masked").isEqualTo(0xa2);
        config(0x04, 2, 0x0002);
        assertThat(m.io().read(0xd042, 1)).as("Memory Space alone does not enable an I/O BAR").isEqualTo(0xff);
        config(0x04, 2, 0x0001);
        config(0x20, 4, 0x0001);
        assertThat(m.io().regionAt(0).name()).as("base 0 maps nothing (00h is the DMA controller's)").isNotEqualTo("bmdma");
        config(0x20, 4, 0xfff1);
        assertThat(m.io().read(0xfff2, 1)).isEqualTo(0xa2);
    }

    @Test
    void aBarLiesOverTheBoardsOwnPorts() {
        m.pci().function(1, 1).decodeBar(0x20, m.io(), Region.of("bmdma", 16, 1, 4, block, null));
        config(0x20, 4, 0x0071);
        config(0x04, 2, 0x0001);
        assertThat(m.io().read(0x71, 1)).as("priority 1, over the RTC").isEqualTo(0xa1);
        config(0x04, 2, 0x0000);
        m.io().write(0x70, 1, 0x0d);
        assertThat(m.io().read(0x71, 1)).as("the RTC again: register D").isEqualTo(0x80);
    }

    @Test
    void aResetTakesTheBlockAway() {
        m.pci().function(1, 1).decodeBar(0x20, m.io(), Region.of("bmdma", 16, 1, 4, block, null));
        config(0x20, 4, 0xc001);
        config(0x04, 2, 0x0001);
        m.reset();
        assertThat(m.io().read(0xc000, 1)).isEqualTo(0xff);
    }
}
