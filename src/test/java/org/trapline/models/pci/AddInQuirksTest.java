package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.device.Quirk;
import org.trapline.models.machine.Profile;

/** Each of QEMU's departures in the e1000's and the PIIX3 UHCI's configuration space, both sides. */
class AddInQuirksTest {
    static final PciCard E1000_CARD = AddInFunctionsTest.E1000_CARD;
    static final PciCard UHCI = AddInFunctionsTest.UHCI;

    static Board with(PciCard card, Quirk... quirks) {
        return AddInFunctionsTest.board(Set.of(quirks), card);
    }

    @Test
    void theLedgerHoldsEachOnceInTheQemuProfileOnly() {
        assertThat(PciHost.addInQuirks()).containsExactly(PciDeviceQuirks.values());
        for (Quirk q : PciHost.addInQuirks()) {
            assertThat(q.id()).matches("[a-z0-9-]+\\.[a-z0-9-]+");
            assertThat(q.citation()).contains("QEMU hw/");
        }
        assertThat(Profile.QEMU_PC.quirks()).containsAll(PciHost.addInQuirks());
        assertThat(Profile.HARDWARE.quirks()).doesNotContainAnyElementsOf(PciHost.addInQuirks());
    }

    @Test
    void e1000SubsystemIdsComeFromTheEepromOnHardwareAndAreQemusOnQemu() {
        assertThat(with(E1000_CARD).read(3, 0, 0x2c, 4)).isEqualTo(0x100e_8086L);
        assertThat(with(E1000_CARD, PciDeviceQuirks.E1000_SUBSYSTEM_IDS_NOT_FROM_EEPROM).read(3, 0, 0x2c, 4))
                .isEqualTo(0x1100_1af4L);
    }

    @Test
    void e1000HasAPowerManagementCapabilityOnHardwareAndNoneOnQemu() {
        Board hw = with(E1000_CARD);
        assertThat(hw.read(3, 0, 0x04, 4)).isEqualTo(0x0010_0000L);
        assertThat(hw.read(3, 0, 0x34, 1)).isEqualTo(0xdc);
        assertThat(hw.read(3, 0, 0xdc, 4)).isEqualTo(0xc822_0001L);
        hw.write(3, 0, 0xe0, 4, 0xffff_ffffL);
        assertThat(hw.read(3, 0, 0xe0, 4)).as("PowerState, PME_En, Data_Select; PME_Status write-1-to-clear")
                .isEqualTo(0x1f03);
        hw.write(3, 0, 0xdc, 4, 0);
        assertThat(hw.read(3, 0, 0xdc, 4)).isEqualTo(0xc822_0001L);
        Board qemu = with(E1000_CARD, PciDeviceQuirks.E1000_NO_POWER_MANAGEMENT_CAPABILITY);
        assertThat(qemu.read(3, 0, 0x04, 4)).isZero();
        assertThat(qemu.read(3, 0, 0x34, 1)).isZero();
        assertThat(qemu.read(3, 0, 0xdc, 4)).isZero();
        qemu.write(3, 0, 0xe0, 4, 0xffff_ffffL);
        assertThat(qemu.read(3, 0, 0xe0, 4)).isZero();
    }

    /** 8254x manual §6.3.3, §6.3.3.4: with AUX_POWER at 1 only LAN_PWR_GOOD resets PME_En and PME_Status. */
    @Test
    void e1000sPmeEnSurvivesRstButTheRestOfPmcsrDoesNot() {
        Board hw = with(E1000_CARD);
        hw.write(3, 0, 0xe0, 2, 0x1f03);
        hw.host.reset();
        assertThat(hw.read(3, 0, 0xe0, 4)).as("PME_En kept; PowerState and Data_Select back to 0").isEqualTo(0x0100);
        hw.write(3, 0, 0xe0, 2, 0);
        hw.host.reset();
        assertThat(hw.read(3, 0, 0xe0, 4)).isZero();
    }

    @Test
    void e1000DeviceSpecificBytesAreReservedOnHardwareAndWritableOnQemu() {
        Board hw = with(E1000_CARD);
        hw.write(3, 0, 0x40, 4, 0xffff_ffffL);
        assertThat(hw.read(3, 0, 0x40, 4)).isZero();
        Board qemu = with(E1000_CARD, PciDeviceQuirks.E1000_DEVICE_REGISTERS_WRITABLE,
                PciDeviceQuirks.E1000_NO_POWER_MANAGEMENT_CAPABILITY);
        qemu.write(3, 0, 0x40, 4, 0xffff_ffffL);
        assertThat(qemu.read(3, 0, 0x40, 4)).isEqualTo(0xffff_ffffL);
        qemu.write(3, 0, 0xdc, 4, 0x1234_5678L);
        assertThat(qemu.read(3, 0, 0xdc, 4)).isEqualTo(0x1234_5678L);
    }

    @Test
    void usbbaDecodes64KiBOnHardwareAndKeepsItsUpperBitsOnQemu() {
        assertThat(AddInFunctionsTest.size(with(UHCI), UHCI, 0x20)).isEqualTo(0x0000_ffe1L);
        assertThat(AddInFunctionsTest.size(with(UHCI, PciDeviceQuirks.UHCI_USBBA_UPPER_BITS), UHCI, 0x20))
                .isEqualTo(0xffff_ffe1L);
    }

    @Test
    void legsupPowersOnWithUsbPirqdenOnHardwareAndZeroOnQemu() {
        assertThat(with(UHCI).read(1, 2, 0xc0, 2)).isEqualTo(0x2000);
        assertThat(with(UHCI, PciDeviceQuirks.UHCI_LEGSUP_POWER_ON_ZERO).read(1, 2, 0xc0, 2)).isZero();
    }

    @Test
    void uhciSbrnLegsupAndReservedBytesFollowTheDatasheetOnHardwareAndTakeAnyValueOnQemu() {
        Board hw = with(UHCI);
        hw.write(1, 2, 0x60, 1, 0xff);
        assertThat(hw.read(1, 2, 0x60, 1)).isEqualTo(0x10);
        hw.write(1, 2, 0xc0, 2, 0xffff);
        assertThat(hw.read(1, 2, 0xc0, 2)).as("read-write bits 13, 7, 5:0 set; 15, 11:8 cleared; 14, 12, 6 read-only")
                .isEqualTo(0x20bf);
        hw.write(1, 2, 0xc0, 2, 0x0000);
        assertThat(hw.read(1, 2, 0xc0, 2)).isZero();
        hw.write(1, 2, 0x44, 4, 0xffff_ffffL);
        assertThat(hw.read(1, 2, 0x44, 4)).isZero();
        hw.write(1, 2, 0x6a, 2, 0xffff);
        assertThat(hw.read(1, 2, 0x6a, 2)).isEqualTo(0xffff);
        Board qemu = with(UHCI, PciDeviceQuirks.UHCI_DEVICE_REGISTERS_WRITABLE);
        qemu.write(1, 2, 0x60, 1, 0xff);
        assertThat(qemu.read(1, 2, 0x60, 1)).isEqualTo(0xff);
        qemu.write(1, 2, 0xc0, 2, 0xffff);
        assertThat(qemu.read(1, 2, 0xc0, 2)).isEqualTo(0xffff);
        qemu.write(1, 2, 0xc0, 2, 0x8f00);
        assertThat(qemu.read(1, 2, 0xc0, 2)).as("a 1 clears nothing").isEqualTo(0x8f00);
        qemu.write(1, 2, 0x44, 4, 0xffff_ffffL);
        assertThat(qemu.read(1, 2, 0x44, 4)).isEqualTo(0xffff_ffffL);
    }
}
