package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;
import org.trapline.models.machine.BoardQuirks;
import org.trapline.models.device.Quirk;

/** Each of QEMU's departures, shown beside the behaviour of the spec or datasheet it breaks. */
class PciQuirksTest {
    @Test
    void theLedgerListsEveryQuirkOnceWithItsCitation() {
        assertThat(PciHost.qemuQuirks()).containsExactly(PciQuirks.CONFADD_RESERVED_BITS,
                PciQuirks.CONFADD_LOW_BITS_OFFSET, PciQuirks.CONFADD_NARROW_ACCESS, PciQuirks.BMIBA_UPPER_BITS,
                PciQuirks.SMRAM_UNLOCKED, PciQuirks.RCPU_SOFT_RESET_RESETS_BOARD, PciQuirks.RESET_KEEPS_DEVICE_REGISTERS,
                PciQuirks.RESET_KEEPS_CONFIG_ADDRESS, PciQuirks.I440FX_DEVICE_REGISTERS_WRITABLE,
                PciQuirks.I440FX_RAM_SIZE_IN_DRAMC, PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE, PciQuirks.PIIX_IDE_DEVICE_REGISTERS_WRITABLE,
                PciQuirks.PIIX4_PM_DEVICE_REGISTERS_WRITABLE);
        for (Quirk q : PciHost.qemuQuirks()) {
            assertThat(q.id()).matches("[a-z0-9-]+\\.[a-z0-9-]+");
            assertThat(q.citation()).contains("QEMU hw/");
        }
        assertThat(Profile.QEMU_PC.quirks()).containsAll(PciHost.qemuQuirks());
        assertThat(Profile.HARDWARE.quirks()).doesNotContainAnyElementsOf(PciHost.qemuQuirks());
    }

    @Test
    void reservedConfigAddressBitsReadZeroOnHardwareAndAsWrittenOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.CONFADD_RESERVED_BITS);
        hardware.io.write(0xcf8, 4, 0x7f00_00ffL);
        qemu.io.write(0xcf8, 4, 0x7f00_00ffL);
        assertThat(hardware.io.read(0xcf8, 4)).isEqualTo(0x0000_00fcL);
        assertThat(qemu.io.read(0xcf8, 4)).isEqualTo(0x7f00_00ffL);
    }

    @Test
    void reservedBitsDoNotSelectAnotherFunction() {
        Board qemu = Board.with(PciQuirks.CONFADD_RESERVED_BITS);
        qemu.io.write(0xcf8, 4, 0xff00_0000L);
        assertThat(qemu.io.read(0xcfc, 4)).isEqualTo(0x1237_8086L);
    }

    @Test
    void configAddressBitsOneZeroShiftTheDataWindowOnlyOnQemu() {
        Board hardware = Board.with(PciQuirks.CONFADD_RESERVED_BITS);
        Board qemu = Board.with(PciQuirks.CONFADD_RESERVED_BITS, PciQuirks.CONFADD_LOW_BITS_OFFSET);
        for (Board b : new Board[] {hardware, qemu}) {
            b.io.write(0xcf8, 4, 0x8000_0803L);
        }
        assertThat(hardware.io.read(0xcfc, 4)).isEqualTo(0x7000_8086L);
        assertThat(qemu.io.read(0xcfc, 4)).isEqualTo(0x0000_0070L);
        assertThat(qemu.io.read(0xcfe, 2)).isEqualTo(0x0070);
    }

    @Test
    void onQemuTheShiftedWindowStopsAtTheEndOfConfigSpace() {
        Board qemu = Board.qemu();
        qemu.io.write(0xcf8, 4, 0x8000_00feL);
        qemu.io.write(0xcfc, 4, 0xaabb_ccddL);
        qemu.io.write(0xcf8, 4, 0x8000_00fdL);
        qemu.io.write(0xcfe, 2, 0x1122);
        assertThat(qemu.read(0, 0, 0xfc, 4)).isEqualTo(0x22dd_0000L);
        qemu.io.write(0xcf8, 4, 0x8000_00feL);
        assertThat(qemu.io.read(0xcfc, 4)).isEqualTo(0x22ddL);
    }

    @Test
    void narrowReadsOfConfigAddressFloatOnHardwareAndReturnItsLowBytesOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.CONFADD_NARROW_ACCESS, PciQuirks.CONFADD_RESERVED_BITS, BoardQuirks.QEMU_ACCESS_SPLITTING);
        for (Board b : new Board[] {hardware, qemu}) {
            b.io.write(0xcf8, 4, 0x1234_5678L);
            b.io.write(0xcf9, 1, 0x02);
        }
        assertThat(qemu.io.read(0xcf8, 1)).isEqualTo(0x78);
        assertThat(qemu.io.read(0xcfb, 1)).isEqualTo(0x78);
        assertThat(qemu.io.read(0xcfa, 2)).isEqualTo(0x5678);
        assertThat(qemu.io.read(0xcf8, 2)).isEqualTo(0x5678);
        assertThat(qemu.io.read(0xcfb, 2)).isEqualTo(0xff78);
        assertThat(qemu.io.read(0xcfa, 4)).isEqualTo(0xffff_5678L);
        assertThat(hardware.io.read(0xcfb, 1)).isEqualTo(0xff);
        assertThat(hardware.io.read(0xcf8, 2)).isEqualTo(0x02ff);
        assertThat(hardware.io.read(0xcfa, 4)).isEqualTo(0xffff_ffffL);
    }

    @Test
    void onQemuAnAccessStartingAtTheResetControlPortRepeatsIt() {
        Board qemu = Board.with(PciQuirks.CONFADD_NARROW_ACCESS, BoardQuirks.QEMU_ACCESS_SPLITTING);
        qemu.io.write(0xcf9, 1, 0x02);
        qemu.io.write(0xcf8, 4, 0x8000_0000L);
        assertThat(qemu.io.read(0xcf9, 1)).isEqualTo(0x02);
        assertThat(qemu.io.read(0xcf9, 2)).isEqualTo(0x0202);
        assertThat(qemu.io.read(0xcf9, 4)).isEqualTo(0x0202_0202L);
    }

    @Test
    void onQemuNarrowWritesAtConfigAddressNeverReachResetControl() {
        Board qemu = Board.with(PciQuirks.CONFADD_NARROW_ACCESS, BoardQuirks.QEMU_ACCESS_SPLITTING);
        qemu.io.write(0xcf8, 4, 0x8000_0000L);
        qemu.io.write(0xcf8, 2, 0x0200);
        qemu.io.write(0xcfa, 2, 0x1234);
        assertThat(qemu.host.resetControl()).isZero();
        assertThat(qemu.io.read(0xcf8, 4)).isEqualTo(0x8000_0000L);
        qemu.io.write(0xcf9, 2, 0x0200);
        assertThat(qemu.host.resetControl()).isEqualTo(0x02);
        qemu.io.write(0xcf9, 2, 0x0002);
        assertThat(qemu.host.resetControl()).isZero();
    }

    @Test
    void onQemuAWideWriteFromTheResetControlPortCanResetAndReachTheDataPort() {
        // CONFIG_ADDRESS outlives the two resets, as on QEMU.
        Board qemu = Board.with(PciQuirks.CONFADD_NARROW_ACCESS, BoardQuirks.QEMU_ACCESS_SPLITTING,
                PciQuirks.RESET_KEEPS_CONFIG_ADDRESS);
        qemu.io.write(0xcf8, 4, 0x8000_003cL);
        qemu.io.write(0xcf9, 4, 0x0000_0406L);
        assertThat(qemu.host.resetRequests()).isEqualTo(2);
        qemu.io.write(0xcfa, 4, 0x000b_0000L);
        assertThat(qemu.read(0, 0, 0x3c, 1)).isEqualTo(0x0b);
    }

    @Test
    void bmibaKeepsSixteenAddressBitsOnHardwareAndThirtyTwoOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.BMIBA_UPPER_BITS);
        hardware.write(1, 1, 0x20, 4, 0xffff_ffffL);
        qemu.write(1, 1, 0x20, 4, 0xffff_ffffL);
        assertThat(hardware.read(1, 1, 0x20, 4)).isEqualTo(0x0000_fff1L);
        assertThat(qemu.read(1, 1, 0x20, 4)).isEqualTo(0xffff_fff1L);
    }

    @Test
    void smramBaseSegmentIsHardwiredOnHardwareAndWritableOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.SMRAM_UNLOCKED);
        hardware.write(0, 0, 0x72, 1, 0xa5);
        qemu.write(0, 0, 0x72, 1, 0xa5);
        assertThat(hardware.read(0, 0, 0x72, 1)).isEqualTo(0x22);
        assertThat(qemu.read(0, 0, 0x72, 1)).isEqualTo(0xa5);
    }

    @Test
    void smramLockHoldsOnHardwareAndIsIgnoredOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.SMRAM_UNLOCKED);
        hardware.write(0, 0, 0x72, 1, 0xff);
        qemu.write(0, 0, 0x72, 1, 0xff);
        assertThat(hardware.read(0, 0, 0x72, 1)).as("D_LCK clears D_OPEN").isEqualTo(0x3a);
        hardware.write(0, 0, 0x72, 1, 0x40);
        assertThat(hardware.read(0, 0, 0x72, 1)).as("only D_CLS stays writable").isEqualTo(0x1a);
        qemu.write(0, 0, 0x72, 1, 0x00);
        assertThat(qemu.read(0, 0, 0x72, 1)).isZero();
    }

    @Test
    void theQemuProfileCarriesEveryQuirk() {
        var io = Profile.QEMU_PC.build(MachineConfig.defaults()).io();
        io.write(0xcf8, 4, 0x7f00_00ffL);
        assertThat(io.read(0xcf8, 4)).isEqualTo(0x7f00_00ffL);
        var hw = Profile.HARDWARE.build(MachineConfig.defaults()).io();
        hw.write(0xcf8, 4, 0x7f00_00ffL);
        assertThat(hw.read(0xcf8, 4)).isEqualTo(0xfcL);
    }

    @Test
    void onQemuAWordFromTheLastAddressPortWritesOnlyTheFirstDataLane() {
        Board qemu = Board.with(PciQuirks.CONFADD_NARROW_ACCESS, BoardQuirks.QEMU_ACCESS_SPLITTING);
        qemu.write(0, 0, 0x60, 4, 0xffff_ffffL);
        qemu.select(0, 0, 0x60);
        qemu.io.write(0xcfb, 2, 0xaa00);
        qemu.io.write(0xcfa, 4, 0x5566_0000L);
        assertThat(qemu.read(0, 0, 0x60, 4)).isEqualTo(0xffff_5566L);
        qemu.select(0, 0, 0x60);
        assertThat(qemu.io.read(0xcfb, 2)).isEqualTo(0x6660);
    }
}
