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
        // PMCCFG, DRAMC, ERRCMD, ERRSTS, TRC: Bochs and 86Box disagree and no datasheet page settles them.
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x50, 2)).as("PMCCFG").isEqualTo(0xffff);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x90, 4)).as("ERRCMD, ERRSTS, TRC").isEqualTo(0xff00_ffffL);
    }

    @Test
    void i440fxPamKeepsReadAndWriteEnableOfEachRegionOnHardwareAndEveryBitOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.I440FX_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x59, 1)).as("PAM0: the BIOS region only").isEqualTo(0x30);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x5a, 2)).as("PAM1-2").isEqualTo(0x3333);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x5c, 4)).as("PAM3-6").isEqualTo(0x3333_3333L);
        hardware.write(0, 0, 0x5b, 1, 0x12);
        assertThat(hardware.read(0, 0, 0x5b, 1)).as("WE of the high region, RE of the low").isEqualTo(0x12);
        assertThat(writeAllOnesAndRead(qemu, 0, 0, 0x59, 1)).isEqualTo(0xff);
        assertThat(writeAllOnesAndRead(qemu, 0, 0, 0x5c, 4)).isEqualTo(0xffff_ffffL);
    }

    @Test
    void i440fxDeturboDramRowTypeAndRowBoundariesKeepEveryBit() {
        Board hardware = Board.hardware();
        Board qemu = Board.qemu();
        for (Board b : new Board[] {hardware, qemu}) {
            assertThat(writeAllOnesAndRead(b, 0, 0, 0x52, 1)).as("DETURBO").isEqualTo(0xff);
            assertThat(writeAllOnesAndRead(b, 0, 0, 0x55, 2)).as("DRAMR").isEqualTo(0xffff);
            assertThat(writeAllOnesAndRead(b, 0, 0, 0x60, 4)).as("DRB0-3").isEqualTo(0xffff_ffffL);
            assertThat(writeAllOnesAndRead(b, 0, 0, 0x64, 4)).as("DRB4-7").isEqualTo(0xffff_ffffL);
            b.write(0, 0, 0x62, 1, 0x21);
            assertThat(b.read(0, 0, 0x62, 1)).isEqualTo(0x21);
        }
    }

    @Test
    void i440fxDataBufferAndDramRegistersPowerOnAsTheChipOnHardwareAndAsQemuOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.I440FX_RAM_SIZE_IN_DRAMC);
        assertThat(hardware.read(0, 0, 0x53, 1)).as("DBC").isEqualTo(0x80);
        assertThat(hardware.read(0, 0, 0x57, 1)).as("DRAMC").isEqualTo(0x01);
        assertThat(hardware.read(0, 0, 0x58, 1)).as("DRAMT").isEqualTo(0x10);
        assertThat(qemu.read(0, 0, 0x50, 4)).as("PMCCFG, DETURBO, DBC").isZero();
        assertThat(qemu.read(0, 0, 0x57, 1)).as("RAM size in 8 MiB units, 128 MiB").isEqualTo(0x10);
        assertThat(qemu.read(0, 0, 0x58, 1)).as("DRAMT").isZero();
        hardware.write(0, 0, 0x57, 1, 0x05);
        hardware.host.function(0, 0).reset();
        assertThat(hardware.read(0, 0, 0x57, 1)).as("RST# restores DRAMC").isEqualTo(0x01);
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
    void piix3TimersAndChipSelectKeepEveryBit() {
        Board hardware = Board.hardware();
        Board qemu = Board.qemu();
        assertThat(hardware.read(1, 0, 0xa8, 1)).as("FTMR default").isEqualTo(0x0f);
        for (Board b : new Board[] {hardware, qemu}) {
            assertThat(writeAllOnesAndRead(b, 1, 0, 0x4c, 1)).as("IORT").isEqualTo(0xff);
            assertThat(writeAllOnesAndRead(b, 1, 0, 0x78, 2)).as("PCSC").isEqualTo(0xffff);
            assertThat(writeAllOnesAndRead(b, 1, 0, 0xa8, 1)).as("FTMR").isEqualTo(0xff);
            assertThat(writeAllOnesAndRead(b, 1, 0, 0xac, 1)).as("CTLTMR").isEqualTo(0xff);
            assertThat(writeAllOnesAndRead(b, 1, 0, 0xae, 1)).as("CTHTMR").isEqualTo(0xff);
            b.write(1, 0, 0xa8, 1, 0x5a);
            assertThat(b.read(1, 0, 0xa8, 1)).as("FTMR returns the value last written").isEqualTo(0x5a);
        }
        // AFh past CTHTMR is reserved: 0 on hardware, kept on QEMU.
        assertThat(writeAllOnesAndRead(hardware, 1, 0, 0xac, 4)).isEqualTo(0x00ff_00ffL);
        assertThat(writeAllOnesAndRead(qemu, 1, 0, 0xac, 4)).isEqualTo(0xffff_ffffL);
    }

    @Test
    void piix3RegistersWhoseMasksAreNotEstablishedStayAsQemuHasThem() {
        Board hardware = Board.hardware();
        // TOM, MSTAT, MBIRQ0, MBDMA0, SMICNTL: Bochs and 86Box disagree and no datasheet page settles them.
        for (int offset : new int[] {0x69, 0x6a, 0x70, 0x76, 0xa0}) {
            assertThat(writeAllOnesAndRead(hardware, 1, 0, offset, 1)).as("%02xh", offset).isEqualTo(0xff);
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
    void piix4PmCountersActivityAndSmbusSlaveRegistersKeepEveryBit() {
        Board hardware = Board.hardware();
        Board qemu = Board.qemu();
        for (Board b : new Board[] {hardware, qemu}) {
            assertThat(writeAllOnesAndRead(b, 1, 3, 0x44, 4)).as("CNTA").isEqualTo(0xffff_ffffL);
            assertThat(writeAllOnesAndRead(b, 1, 3, 0x54, 4)).as("DEVACTA").isEqualTo(0xffff_ffffL);
            assertThat(writeAllOnesAndRead(b, 1, 3, 0x5c, 4)).as("DEVRESA").isEqualTo(0xffff_ffffL);
            assertThat(writeAllOnesAndRead(b, 1, 3, 0xd3, 1)).as("SMBSLVC").isEqualTo(0xff);
            assertThat(writeAllOnesAndRead(b, 1, 3, 0xd4, 2)).as("SMBSHDW1, SMBSHDW2").isEqualTo(0xffff);
        }
        // D7h past SMBREV is reserved: 0 on hardware, kept on QEMU.
        assertThat(writeAllOnesAndRead(hardware, 1, 3, 0xd4, 4)).isEqualTo(0x00ff_ffffL);
        assertThat(writeAllOnesAndRead(qemu, 1, 3, 0xd4, 4)).isEqualTo(0xffff_ffffL);
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
