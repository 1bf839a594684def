package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Non-dword accesses to 0xCF8-0xCFB on the hardware profile: plain I/O cycles (PCI Local Bus 3.0
 * §3.2.2.3.2) that only the PIIX3 Reset Control register at 0CF9h answers.
 */
class ConfigAddressNarrowAccessTest {
    private final Board board = Board.hardware();

    @Test
    void narrowWritesLeaveConfigAddressAlone() {
        board.io.write(0xcf8, 4, 0x8000_0000L);
        board.io.write(0xcf8, 1, 0x3c);
        board.io.write(0xcfa, 2, 0x1234);
        assertThat(board.io.read(0xcf8, 4)).isEqualTo(0x8000_0000L);
    }

    @Test
    void narrowReadsFloatExceptAtTheResetControlRegister() {
        board.io.write(0xcf8, 4, 0x8000_0000L);
        board.io.write(0xcf9, 1, 0x02);
        assertThat(board.io.read(0xcf8, 1)).isEqualTo(0xff);
        assertThat(board.io.read(0xcf9, 1)).isEqualTo(0x02);
        assertThat(board.io.read(0xcfa, 1)).isEqualTo(0xff);
        assertThat(board.io.read(0xcf8, 2)).isEqualTo(0x02ff);
        assertThat(board.io.read(0xcf9, 2)).isEqualTo(0xff02);
        assertThat(board.io.read(0xcfb, 2)).isEqualTo(0x86ff);
        assertThat(board.io.read(0xcf9, 4)).isEqualTo(0x86ff_ff02L);
    }

    @Test
    void narrowWritesReachTheResetControlRegisterInTheirLane() {
        board.io.write(0xcf8, 2, 0x0200);
        assertThat(board.host.resetControl()).isEqualTo(0x02);
        board.io.write(0xcf9, 2, 0xff00);
        assertThat(board.host.resetControl()).isZero();
    }

    @Test
    void aWordFromTheLastAddressPortWritesTheFirstDataLane() {
        board.select(0, 0, 0x3c);
        board.io.write(0xcfb, 2, 0x0b00);
        assertThat(board.read(0, 0, 0x3c, 1)).isEqualTo(0x0b);
    }

    @Test
    void resetControlKeepsSystemResetAndDropsTheReservedBits() {
        board.io.write(0xcf9, 1, 0xfb);
        assertThat(board.io.read(0xcf9, 1)).isEqualTo(0x02);
        assertThat(board.host.resetRequests()).isZero();
    }

    @Test
    void resetCpuAsksForAResetAndReadsBackClear() {
        board.io.write(0xcf9, 1, 0x02);
        board.io.write(0xcf9, 1, 0x06);
        assertThat(board.host.resetRequests()).isEqualTo(1);
        assertThat(board.io.read(0xcf9, 1)).isZero();
    }

    @Test
    void aWordFromTheLastAddressPortWritesOnlyTheFirstDataLane() {
        board.write(0, 0, 0x60, 4, 0xffff_ffffL);
        board.select(0, 0, 0x60);
        board.io.write(0xcfb, 2, 0xaa00);
        assertThat(board.read(0, 0, 0x60, 4)).isEqualTo(0xffff_ffaaL);
    }
}
