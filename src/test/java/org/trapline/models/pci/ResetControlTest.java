package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The PIIX3 Reset Control register (0CF9h) as a reset source, and what a reset does to the PCI host. */
class ResetControlTest {
    private final AtomicInteger hardResets = new AtomicInteger();

    private Board counting(Board board) {
        board.host.onHardReset(hardResets::incrementAndGet);
        return board;
    }

    @Test
    void rcpuWithSrstIsAHardResetAndWithoutItASoftOne() {
        Board hardware = counting(Board.hardware());
        hardware.io.write(0xcf9, 1, 0x04);
        assertThat(hardResets).hasValue(0);
        hardware.io.write(0xcf9, 1, 0x06);
        assertThat(hardResets).hasValue(1);
        assertThat(hardware.host.resetRequests()).isEqualTo(2);
    }

    @Test
    void onQemuEveryRcpuWriteIsABoardReset() {
        Board qemu = counting(Board.with(PciQuirks.RCPU_SOFT_RESET_RESETS_BOARD));
        qemu.io.write(0xcf9, 1, 0x04);
        qemu.io.write(0xcf9, 1, 0xfc);
        assertThat(hardResets).hasValue(2);
    }

    @Test
    void onHardwareAnRcpuWriteStoresItsSrstBitAndOnQemuItStoresNothing() {
        Board hardware = counting(Board.hardware());
        Board qemu = counting(Board.with(PciQuirks.RCPU_SOFT_RESET_RESETS_BOARD));
        for (Board b : new Board[] {hardware, qemu}) {
            b.io.write(0xcf9, 1, 0x02);
            b.io.write(0xcf9, 1, 0x04);
        }
        assertThat(hardware.host.resetControl()).isZero();
        assertThat(qemu.host.resetControl()).isEqualTo(0x02);
    }

    @Test
    void aHardResetReturnsEveryFunctionConfigAddressAndRcToTheirDefaults() {
        Board hardware = Board.hardware();
        dirty(hardware);
        hardware.io.write(0xcf8, 4, 0x8000_083cL);
        hardware.io.write(0xcf9, 1, 0x06);
        assertThat(hardware.io.read(0xcf8, 4)).isZero();
        assertThat(hardware.host.resetControl()).isZero();
        for (PciFunction f : new PciFunction[] {hardware.host.function(0, 0), hardware.host.function(1, 0),
                hardware.host.function(1, 1), hardware.host.function(1, 3)}) {
            for (int o = 0; o < ConfigSpace.SIZE; o++) {
                assertThat(f.config().readByte(o)).as("%s %02xh", f.address(), o).isEqualTo(f.config().powerOnValue(o));
            }
        }
    }

    @Test
    void aResetUnlocksSmram() {
        Board hardware = Board.hardware();
        hardware.write(0, 0, I440fxPmc.SMRAM, 1, I440fxPmc.D_LCK);
        hardware.write(0, 0, I440fxPmc.SMRAM, 1, I440fxPmc.D_OPEN);
        assertThat(hardware.read(0, 0, I440fxPmc.SMRAM, 1)).isEqualTo(I440fxPmc.D_LCK | I440fxPmc.C_BASE_SEG);
        hardware.io.write(0xcf9, 1, 0x06);
        hardware.write(0, 0, I440fxPmc.SMRAM, 1, I440fxPmc.D_OPEN);
        assertThat(hardware.read(0, 0, I440fxPmc.SMRAM, 1)).isEqualTo(I440fxPmc.D_OPEN | I440fxPmc.C_BASE_SEG);
    }

    @Test
    void onQemuAResetKeepsTheDeviceRegistersNoResetHandlerRewrites() {
        Board qemu = Board.with(PciQuirks.RESET_KEEPS_DEVICE_REGISTERS, PciQuirks.SMRAM_UNLOCKED,
                PciQuirks.I440FX_DEVICE_REGISTERS_WRITABLE, PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE,
                PciQuirks.PIIX_IDE_DEVICE_REGISTERS_WRITABLE, PciQuirks.PIIX4_PM_DEVICE_REGISTERS_WRITABLE);
        dirty(qemu);
        qemu.io.write(0xcf9, 1, 0x06);
        // Header registers come back on every function.
        assertThat(qemu.read(1, 0, 0x3c, 1)).isZero();
        assertThat(qemu.read(1, 1, 0x04, 2)).isZero();
        assertThat(qemu.read(1, 1, 0x20, 4)).isEqualTo(0x1);
        // i440FX: nothing past the header comes back.
        assertThat(qemu.read(0, 0, 0x57, 1)).isEqualTo(0xff);
        assertThat(qemu.read(0, 0, 0x59, 1)).isEqualTo(0xff);
        assertThat(qemu.read(0, 0, 0x72, 1)).isEqualTo(0xff);
        assertThat(qemu.read(0, 0, 0xd0, 1)).isEqualTo(0xff);
        // PIIX3: what piix3_reset writes comes back, MSTAT, MBIRQ1 and the unnamed bytes stay.
        assertThat(qemu.read(1, 0, 0x60, 4)).isEqualTo(0x8080_8080L);
        assertThat(qemu.read(1, 0, 0x4c, 4)).isEqualTo(0x0003_ff4dL);
        assertThat(qemu.read(1, 0, 0x6a, 2)).isEqualTo(0xffff);
        assertThat(qemu.read(1, 0, 0x71, 1)).isEqualTo(0xff);
        // IDE: IDETIM stays.
        assertThat(qemu.read(1, 1, 0x40, 4)).isEqualTo(0xffff_ffffL);
        // PIIX4 PM: PMBA's low byte comes back, its upper bytes stay.
        assertThat(qemu.read(1, 3, 0x40, 4)).isEqualTo(0xffff_ff01L);
        assertThat(qemu.read(1, 3, 0x58, 4)).isZero();
        assertThat(qemu.read(1, 3, 0x90, 4)).isEqualTo(0xffff_ffffL);
    }

    @Test
    void onQemuAResetKeepsConfigAddress() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.RESET_KEEPS_CONFIG_ADDRESS);
        for (Board b : new Board[] {hardware, qemu}) {
            b.io.write(0xcf8, 4, 0x8000_083cL);
            b.io.write(0xcf9, 1, 0x06);
        }
        assertThat(hardware.io.read(0xcf8, 4)).isZero();
        assertThat(qemu.io.read(0xcf8, 4)).isEqualTo(0x8000_083cL);
    }

    /** Writes 0xff to every byte of every function. */
    private static void dirty(Board b) {
        for (int[] df : new int[][] {{0, 0}, {1, 0}, {1, 1}, {1, 3}}) {
            for (int o = 0; o < ConfigSpace.SIZE; o++) {
                b.write(df[0], df[1], o, 1, 0xff);
            }
        }
    }
}
