package org.trapline.models.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuestMemoryTest {
    private final GuestMemory ram = new GuestMemory(128L << 20);

    @Test
    void unwrittenRamReadsZeroAndCostsNoPage() {
        assertThat(ram.read(0x123456, 8)).isZero();
        assertThat(ram.pagesTouched()).isZero();
    }

    @Test
    void accessesAreLittleEndian() {
        ram.write(0x1000, 4, 0x11223344);
        assertThat(ram.readByte(0x1000)).isEqualTo(0x44);
        assertThat(ram.readByte(0x1003)).isEqualTo(0x11);
        assertThat(ram.read(0x1001, 2)).isEqualTo(0x2233);
        ram.write(0x2000, 8, 0x8877665544332211L);
        assertThat(ram.read(0x2000, 8)).isEqualTo(0x8877665544332211L);
    }

    @Test
    void anAccessAcrossAPageBoundaryTouchesBothPages() {
        ram.write(GuestMemory.PAGE_SIZE - 2, 4, 0xaabbccdd);
        assertThat(ram.read(GuestMemory.PAGE_SIZE - 2, 4)).isEqualTo(0xaabbccddL);
        assertThat(ram.pagesTouched()).isEqualTo(2);
    }

    @Test
    void theSizeBoundsWhatIsRam() {
        assertThat(ram.sizeBytes()).isEqualTo(128L << 20);
        assertThat(ram.contains(0)).isTrue();
        assertThat(ram.contains((128L << 20) - 1)).isTrue();
        assertThat(ram.contains(128L << 20)).isFalse();
        assertThat(ram.contains(-1)).isFalse();
        assertThatThrownBy(() -> new GuestMemory(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
