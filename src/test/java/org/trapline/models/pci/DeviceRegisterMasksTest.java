package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The device-specific registers (40h-FFh): the datasheet masks on the hardware profile beside
 * QEMU's fully writable bytes, register group by register group.
 */
class DeviceRegisterMasksTest {
    private static long writeAllOnesAndRead(Board b, int device, int function, int offset, int width) {
        b.write(device, function, offset, width, 0xffff_ffffL);
        return b.read(device, function, offset, width);
    }

    @Test
    void i440fxReservedBytesReadZeroOnHardwareAndKeepWritesOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.I440FX_DEVICE_REGISTERS_WRITABLE);
        for (int offset : new int[] {0x40, 0x4c, 0x6c, 0x74, 0x8c, 0x94, 0xd0, 0xfc}) {
            assertThat(writeAllOnesAndRead(hardware, 0, 0, offset, 4)).as("hardware %02xh", offset).isZero();
            assertThat(writeAllOnesAndRead(qemu, 0, 0, offset, 4)).as("qemu %02xh", offset).isEqualTo(0xffff_ffffL);
        }
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x92, 1)).isZero();
    }

    @Test
    void i440fxRegistersWhoseMasksAreNotEstablishedStayAsQemuHasThem() {
        Board hardware = Board.hardware();
        // DRB0-7: both Bochs and 86Box keep all eight bits; PAM, PMCCFG, DRAMC, ERRCMD: sources disagree.
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x60, 4)).isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x64, 4)).isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x59, 1)).isEqualTo(0xff);
    }

    @Test
    void piix3PirqRouteControlHasReservedBitsSixToFourOnHardware() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 1, 0, 0x60, 4)).isEqualTo(0x8f8f_8f8fL);
        assertThat(writeAllOnesAndRead(qemu, 1, 0, 0x60, 4)).isEqualTo(0xffff_ffffL);
        hardware.write(1, 0, 0x61, 1, 0x0b);
        assertThat(hardware.read(1, 0, 0x61, 1)).as("routing to IRQ 11 enabled").isEqualTo(0x0b);
    }

    @Test
    void piix3XbcsKeepsOnlyBitEightOfItsUpperByteOnHardware() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE);
        assertThat(hardware.read(1, 0, 0x4e, 2)).isEqualTo(0x0003);
        assertThat(writeAllOnesAndRead(hardware, 1, 0, 0x4e, 2)).isEqualTo(0x01ff);
        assertThat(writeAllOnesAndRead(qemu, 1, 0, 0x4e, 2)).isEqualTo(0xffff);
    }

    @Test
    void piix3ApicBaseBitSevenIsReservedOnHardware() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 1, 0, 0x80, 1)).isEqualTo(0x7f);
        assertThat(writeAllOnesAndRead(qemu, 1, 0, 0x80, 1)).isEqualTo(0xff);
    }

    @Test
    void piix3ReservedBytesReadZeroOnHardwareAndKeepWritesOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE);
        for (int offset : new int[] {0x40, 0x44, 0x48, 0x50, 0x5c, 0x64, 0x6c, 0x7c, 0x84, 0x9c, 0xb0, 0xfc}) {
            assertThat(writeAllOnesAndRead(hardware, 1, 0, offset, 4)).as("hardware %02xh", offset).isZero();
            assertThat(writeAllOnesAndRead(qemu, 1, 0, offset, 4)).as("qemu %02xh", offset).isEqualTo(0xffff_ffffL);
        }
        for (int offset : new int[] {0x4d, 0x68, 0x72, 0x73, 0x74, 0x75, 0x7a, 0x83, 0xa1, 0xa9, 0xad, 0xaf}) {
            assertThat(writeAllOnesAndRead(hardware, 1, 0, offset, 1)).as("hardware %02xh", offset).isZero();
        }
    }

    @Test
    void ideReservedBytesPastSidetimReadZeroOnHardware() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX_IDE_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 1, 1, 0x40, 4)).as("IDETIM, both channels").isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(hardware, 1, 1, 0x44, 4)).as("SIDETIM only").isEqualTo(0xffL);
        assertThat(writeAllOnesAndRead(hardware, 1, 1, 0x48, 4)).isZero();
        assertThat(writeAllOnesAndRead(qemu, 1, 1, 0x44, 4)).isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(qemu, 1, 1, 0x48, 4)).isEqualTo(0xffff_ffffL);
    }

    @Test
    void piix4PmBaseAddressesDecodeAlignedBlocksOnHardware() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX4_PM_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 1, 3, 0x40, 4)).as("PMBA").isEqualTo(0xffff_ffc1L);
        assertThat(writeAllOnesAndRead(hardware, 1, 3, 0x90, 4)).as("SMBBA").isEqualTo(0xffff_fff1L);
        hardware.write(1, 3, 0x40, 4, 0);
        assertThat(hardware.read(1, 3, 0x40, 4)).as("Resource Type Indicator hardwired 1").isEqualTo(0x1);
        assertThat(writeAllOnesAndRead(qemu, 1, 3, 0x40, 4)).isEqualTo(0xffff_ffffL);
        qemu.write(1, 3, 0x90, 4, 0);
        assertThat(qemu.read(1, 3, 0x90, 4)).isZero();
    }

    @Test
    void piix4PmReservedBytesReadZeroOnHardware() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX4_PM_DEVICE_REGISTERS_WRITABLE);
        for (int offset : new int[] {0x84, 0x8c, 0x94, 0xc0, 0xd8, 0xfc}) {
            assertThat(writeAllOnesAndRead(hardware, 1, 3, offset, 4)).as("hardware %02xh", offset).isZero();
            assertThat(writeAllOnesAndRead(qemu, 1, 3, offset, 4)).as("qemu %02xh", offset).isEqualTo(0xffff_ffffL);
        }
    }

    @Test
    void theQemuProfileKeepsEveryDeviceSpecificByteWritable() {
        Board qemu = Board.qemu();
        assertThat(writeAllOnesAndRead(qemu, 0, 0, 0xfc, 4)).isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(qemu, 1, 0, 0x60, 4)).isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(qemu, 1, 1, 0x48, 4)).isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(qemu, 1, 3, 0x40, 4)).isEqualTo(0xffff_ffffL);
    }
}
