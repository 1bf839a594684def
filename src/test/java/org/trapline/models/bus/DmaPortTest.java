package org.trapline.models.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

class DmaPortTest {
    private static final long RAM_END = MachineConfig.DEFAULT_RAM;

    private static byte[] bytes(int n, int first) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    @Test
    void aTransferIntoRamLandsInRamAndIsCounted() {
        Machine m = Profile.QEMU_PC.build(MachineConfig.defaults());
        m.dma().write(0x1003, bytes(13, 1), 0, 13);
        assertThat(m.mmio().read(0x1003, 8)).isEqualTo(0x0807060504030201L);
        byte[] back = new byte[13];
        m.dma().read(0x1003, back, 0, 13);
        assertThat(back).containsExactly(bytes(13, 1));
        assertThat(m.dma().bytesWritten()).isEqualTo(13);
        assertThat(m.dma().bytesRead()).isEqualTo(13);
        assertThat(m.dma().transfers()).isEqualTo(2);
    }

    @Test
    void aTransferPastRamMeetsTheHoleAsTheProfileReadsIt() {
        for (Profile p : Profile.values()) {
            Machine m = p.build(MachineConfig.defaults());
            m.dma().write(RAM_END - 2, bytes(4, 0x11), 0, 4);
            byte[] back = new byte[4];
            m.dma().read(RAM_END - 2, back, 0, 4);
            byte hole = (byte) (p == Profile.QEMU_PC ? 0 : 0xff);
            assertThat(back).as(p.id()).containsExactly(0x11, 0x12, hole, hole);
        }
    }

    @Test
    void aTransferIntoTheFirmwareIsDropped() {
        Machine m = Profile.QEMU_PC.build(MachineConfig.defaults().withBios(bytes(64 << 10, 0)));
        m.dma().write(0xfffffff0L, new byte[16], 0, 16);
        byte[] back = new byte[16];
        m.dma().read(0xfffffff0L, back, 0, 16);
        assertThat(back).containsExactly(bytes(16, 0xf0));
        m.dma().read(0xffff0, back, 0, 16);
        assertThat(back).as("the isa-bios alias").containsExactly(bytes(16, 0xf0));
    }

    @Test
    void aTransferThatMeetsRegistersReachesThemInAlignedPiecesOfAtMostFourBytes() {
        MmioBus bus = new MmioBus();
        AddressSpaceTest.Recorder dev = new AddressSpaceTest.Recorder(16);
        bus.map(Region.of("regs", 16, 1, 4, dev, null).at(0x1000));
        DmaPort port = new DmaPort(bus);
        port.write(0x1001, bytes(11, 1), 0, 11);
        assertThat(dev.log).containsExactly("w1@1=1", "w2@2=302", "w4@4=7060504", "w4@8=b0a0908");
    }

    @Test
    void aBufferTooShortForTheLengthIsRefusedBeforeAnyByteMoves() {
        Machine m = Profile.QEMU_PC.build(MachineConfig.defaults());
        assertThatThrownBy(() -> m.dma().write(0, new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(m.dma().bytesWritten()).isZero();
        assertThat(m.dma().transfers()).isZero();
    }
}
