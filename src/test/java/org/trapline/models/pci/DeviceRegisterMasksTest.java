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
        // FDHC, MTT: RBIL names them without bitfields, no 82441FX datasheet page was reached, 86Box
        // narrows them, Bochs keeps every bit; both profiles keep QEMU's mask.
        for (Board b : new Board[] {Board.hardware(), Board.qemu()}) {
            assertThat(writeAllOnesAndRead(b, 0, 0, 0x68, 1)).as("FDHC").isEqualTo(0xff);
            assertThat(writeAllOnesAndRead(b, 0, 0, 0x70, 1)).as("MTT").isEqualTo(0xff);
        }
    }

    @Test
    void i440fxPmcConfigurationKeepsItsDefinedBitsOnHardwareAndEveryBitOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.I440FX_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x50, 2)).as("PMCCFG: 15, 9:8, 6:4, 2").isEqualTo(0x8374);
        hardware.write(0, 0, 0x50, 2, 0x0000);
        assertThat(hardware.read(0, 0, 0x50, 2)).isZero();
        assertThat(writeAllOnesAndRead(qemu, 0, 0, 0x50, 2)).isEqualTo(0xffff);
    }

    @Test
    void i440fxControlRegistersHaveReservedBitsOnHardwareAndNoneOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.I440FX_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x54, 1)).as("AXC").isEqualTo(0x82);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x57, 1)).as("DRAMC").isEqualTo(0x77);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x58, 1)).as("DRAMT").isEqualTo(0x7f);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x71, 1)).as("CLT").isEqualTo(0x1f);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x90, 1)).as("ERRCMD").isEqualTo(0x1b);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x93, 1)).as("TRC").isEqualTo(0x0f);
        hardware.write(0, 0, 0x57, 1, 0x21);
        assertThat(hardware.read(0, 0, 0x57, 1)).as("DRAMC: EDO auto-detect, normal refresh").isEqualTo(0x21);
        for (int offset : new int[] {0x54, 0x57, 0x58, 0x71, 0x90, 0x91, 0x93}) {
            assertThat(writeAllOnesAndRead(qemu, 0, 0, offset, 1)).as("qemu %02xh", offset).isEqualTo(0xff);
        }
    }

    @Test
    void i440fxDataBufferControlKeepsEveryBitOnBothProfiles() {
        for (Board b : new Board[] {Board.hardware(), Board.qemu()}) {
            assertThat(writeAllOnesAndRead(b, 0, 0, 0x53, 1)).as("DBC").isEqualTo(0xff);
            b.write(0, 0, 0x53, 1, 0x00);
            assertThat(b.read(0, 0, 0x53, 1)).isZero();
        }
    }

    @Test
    void i440fxErrorStatusFlagsClearOnAWriteOfOneOnHardwareAndAreAPlainByteOnQemu() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.I440FX_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 0, 0, 0x91, 1)).as("nothing latched, nothing to set").isZero();
        // The PMC latches a multiple-bit error in row 5 and a single-bit one in row 2.
        hardware.host.function(0, 0).config().set(0x91, 0xb5);
        hardware.write(0, 0, 0x91, 1, 0x00);
        assertThat(hardware.read(0, 0, 0x91, 1)).as("writing 0 keeps both").isEqualTo(0xb5);
        hardware.write(0, 0, 0x91, 1, 0x01);
        assertThat(hardware.read(0, 0, 0x91, 1)).as("1 in bit 0 clears the single-bit flag").isEqualTo(0xb4);
        hardware.write(0, 0, 0x91, 1, 0xff);
        assertThat(hardware.read(0, 0, 0x91, 1)).as("row fields are read-only").isEqualTo(0xa4);
        assertThat(writeAllOnesAndRead(qemu, 0, 0, 0x91, 1)).isEqualTo(0xff);
        qemu.write(0, 0, 0x91, 1, 0x00);
        assertThat(qemu.read(0, 0, 0x91, 1)).isZero();
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
        for (int offset : new int[] {0x4d, 0x68, 0x71, 0x72, 0x73, 0x74, 0x75, 0x7a, 0x81, 0x83, 0xa1, 0xa9, 0xad, 0xaf}) {
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
    void piix3TopOfMemoryAndMotherboardRoutingHaveReservedBitsOnHardware() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 1, 0, 0x69, 1)).as("TOM").isEqualTo(0xfe);
        assertThat(writeAllOnesAndRead(hardware, 1, 0, 0x70, 2)).as("MBIRQ0; 71h reserved on the 82371SB").isEqualTo(0x00ef);
        assertThat(writeAllOnesAndRead(hardware, 1, 0, 0x76, 2)).as("MBDMA0/1").isEqualTo(0x8787);
        hardware.write(1, 0, 0x70, 1, 0x2b);
        assertThat(hardware.read(1, 0, 0x70, 1)).as("MIRQ0 to IRQ 11, IRQ0 output enabled").isEqualTo(0x2b);
        assertThat(writeAllOnesAndRead(qemu, 1, 0, 0x68, 4)).isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(qemu, 1, 0, 0x70, 2)).isEqualTo(0xffff);
        assertThat(writeAllOnesAndRead(qemu, 1, 0, 0x76, 2)).isEqualTo(0xffff);
    }

    @Test
    void piix3MotherboardDmaPowersOnDisabledWithBitThreeClearOnHardwareAndSetOnQemu() {
        assertThat(Board.hardware().read(1, 0, 0x76, 2)).isEqualTo(0x0404);
        assertThat(Board.with(PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE).read(1, 0, 0x76, 2)).isEqualTo(0x0c0c);
        assertThat(Board.qemu().read(1, 0, 0x76, 2)).isEqualTo(0x0c0c);
    }

    @Test
    void piix3MiscellaneousStatusKeepsItsControlBitsAndItsSerrFlagClearsOnAWriteOfOne() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 1, 0, 0x6a, 2)).as("MSTAT: 7, 6, 4, 0").isEqualTo(0x00d1);
        // The PIIX3 flags SERR# on a delayed transaction.
        hardware.host.function(1, 0).config().set(0x6b, 0x80);
        hardware.write(1, 0, 0x6a, 2, 0x0000);
        assertThat(hardware.read(1, 0, 0x6a, 2)).as("writing 0 keeps the flag").isEqualTo(0x8000);
        hardware.write(1, 0, 0x6a, 2, 0x8011);
        assertThat(hardware.read(1, 0, 0x6a, 2)).as("writing 1 clears it").isEqualTo(0x0011);
        assertThat(writeAllOnesAndRead(qemu, 1, 0, 0x6a, 2)).isEqualTo(0xffff);
        qemu.write(1, 0, 0x6a, 2, 0x0000);
        assertThat(qemu.read(1, 0, 0x6a, 2)).as("on QEMU bit 15 is a plain bit").isZero();
    }

    @Test
    void piix3SmiRegistersHaveReservedBitsOnHardware() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX3_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 1, 0, 0xa0, 4)).as("SMICNTL, A1h, SMIEN").isEqualTo(0x01ff_001fL);
        assertThat(writeAllOnesAndRead(hardware, 1, 0, 0xa4, 4)).as("SEE").isEqualTo(0xf000_fffbL);
        assertThat(writeAllOnesAndRead(hardware, 1, 0, 0xaa, 2)).as("SMIREQ").isEqualTo(0x01ff);
        hardware.write(1, 0, 0xaa, 2, 0x0080);
        assertThat(hardware.read(1, 0, 0xaa, 2)).as("SMIREQ: software clears a status bit by writing 0").isEqualTo(0x0080);
        for (int offset : new int[] {0xa0, 0xa4}) {
            assertThat(writeAllOnesAndRead(qemu, 1, 0, offset, 4)).as("qemu %02xh", offset).isEqualTo(0xffff_ffffL);
        }
        assertThat(writeAllOnesAndRead(qemu, 1, 0, 0xaa, 2)).isEqualTo(0xffff);
    }

    @Test
    void ideTimingHasReservedBitsElevenAndTenOnHardware() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX_IDE_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 1, 1, 0x40, 4)).as("IDETIM, both channels").isEqualTo(0xf3ff_f3ffL);
        hardware.write(1, 1, 0x42, 2, 0xa307);
        assertThat(hardware.read(1, 1, 0x42, 2)).as("secondary: decode on, one-clock recovery, drive 0 fast").isEqualTo(0xa307);
        assertThat(writeAllOnesAndRead(qemu, 1, 1, 0x40, 4)).isEqualTo(0xffff_ffffL);
    }

    @Test
    void ideReservedBytesPastSidetimReadZeroOnHardware() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX_IDE_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 1, 1, 0x44, 4)).as("SIDETIM only").isEqualTo(0xffL);
        assertThat(writeAllOnesAndRead(hardware, 1, 1, 0x48, 4)).isZero();
        assertThat(writeAllOnesAndRead(qemu, 1, 1, 0x44, 4)).isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(qemu, 1, 1, 0x48, 4)).isEqualTo(0xffff_ffffL);
    }

    @Test
    void piix4PmBaseAddressesDecodeAlignedBlocksOnHardware() {
        Board hardware = Board.hardware();
        Board qemu = Board.with(PciQuirks.PIIX4_PM_DEVICE_REGISTERS_WRITABLE);
        assertThat(writeAllOnesAndRead(hardware, 1, 3, 0x40, 4)).as("PMBA, bits 31:16 read 0").isEqualTo(0x0000_ffc1L);
        assertThat(writeAllOnesAndRead(hardware, 1, 3, 0x90, 4)).as("SMBBA, bits 31:16 read 0").isEqualTo(0x0000_fff1L);
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
    void piix4PmRegistersWhoseMasksAreNotEstablishedStayAsQemuHasThem() {
        // 86Box narrows these and Bochs keeps every bit; RBIL gives no bitfields and no 82371AB
        // datasheet page for them was reached, so both profiles keep QEMU's mask.
        for (Board b : new Board[] {Board.hardware(), Board.qemu()}) {
            for (int offset : new int[] {0x48, 0x4c, 0x50, 0x58, 0x60, 0x64, 0x68, 0x6c, 0x70, 0x74, 0x78, 0x7c}) {
                assertThat(writeAllOnesAndRead(b, 1, 3, offset, 4)).as("%02xh", offset).isEqualTo(0xffff_ffffL);
            }
            assertThat(writeAllOnesAndRead(b, 1, 3, 0x80, 1)).as("PMREGMISC").isEqualTo(0xff);
            assertThat(writeAllOnesAndRead(b, 1, 3, 0xd2, 1)).as("SMBHSTCFG").isEqualTo(0xff);
            assertThat(writeAllOnesAndRead(b, 1, 3, 0xd6, 1)).as("SMBREV").isEqualTo(0xff);
        }
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
        for (int offset : new int[] {0x50, 0x54, 0x70, 0x90, 0xfc}) {
            assertThat(writeAllOnesAndRead(qemu, 0, 0, offset, 4)).as("00:00.0 %02xh", offset).isEqualTo(0xffff_ffffL);
        }
        for (int offset : new int[] {0x60, 0x68, 0x70, 0x74, 0x80, 0xa0, 0xa4, 0xa8}) {
            assertThat(writeAllOnesAndRead(qemu, 1, 0, offset, 4)).as("00:01.0 %02xh", offset).isEqualTo(0xffff_ffffL);
        }
        assertThat(writeAllOnesAndRead(qemu, 1, 1, 0x40, 4)).isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(qemu, 1, 1, 0x48, 4)).isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(qemu, 1, 3, 0x40, 4)).isEqualTo(0xffff_ffffL);
        assertThat(writeAllOnesAndRead(qemu, 1, 3, 0x90, 4)).isEqualTo(0xffff_ffffL);
    }
}
