package org.trapline.models.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.ide.AtapiDevicePort.*;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The ATA side of the CD-ROM under qemu-pc (ATA/ATAPI-6 clause 9; QEMU hw/ide/core.c). Answers marked
 * "live" were seen from qemu-system-x86_64 7.2 over qtest on the secondary channel.
 */
class AtapiDeviceTest {
    private final byte[] image = AtapiRig.image(8);
    private final AtapiRig rig = AtapiRig.qemu(CdMedium.ofBytes(image));
    private final AtapiDevice dev = rig.dev;

    private void assertSignature() {
        assertThat(rig.reg(SECTOR_COUNT)).isEqualTo(0x01);
        assertThat(rig.reg(LBA_LOW)).isEqualTo(0x01);
        assertThat(rig.reg(LBA_MID)).isEqualTo(0x14);
        assertThat(rig.reg(LBA_HIGH)).isEqualTo(0xeb);
    }

    @Test
    void theBoardsResetLeavesTheSignatureAndQemusReadyStatus() {
        assertSignature(); // live: 01 01 14 EB, Device A0h, Status 50h
        assertThat(rig.reg(DEVICE)).isEqualTo(0xa0);
        assertThat(dev.status()).isEqualTo(0x50);
        assertThat(rig.reg(ERROR)).isZero();
    }

    @Test
    void identifyPacketDeviceGivesQemusWords() {
        dev.command(0xa1);
        assertThat(dev.status()).isEqualTo(0x58);
        assertThat(rig.interrupts).isEqualTo(1);
        int[] w = new int[256];
        for (int i = 0; i < 256; i++) {
            w[i] = dev.dataRead16();
        }
        assertThat(dev.status()).isEqualTo(0x50);
        // live, every non-zero word of QEMU 7.2's answer for the drive at index 2 (serial QM00003):
        int[] expected = new int[256];
        expected[0] = 0x85c0;
        int[] serial = {0x514d, 0x3030, 0x3030, 0x3320, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020};
        System.arraycopy(serial, 0, expected, 10, 10);
        expected[20] = 3;
        expected[21] = 0x200;
        expected[22] = 4;
        int[] fw = {0x322e, 0x352b, 0x2020, 0x2020};
        System.arraycopy(fw, 0, expected, 23, 4);
        int[] model = {0x5145, 0x4d55, 0x2044, 0x5644, 0x2d52, 0x4f4d};
        Arrays.fill(expected, 27, 47, 0x2020);
        System.arraycopy(model, 0, expected, 27, 6);
        expected[48] = 1;
        expected[49] = 0x300;
        expected[53] = 7;
        expected[62] = 7;
        expected[63] = 7;
        expected[64] = 3;
        expected[65] = 0xb4;
        expected[66] = 0xb4;
        expected[67] = 0x12c;
        expected[68] = 0xb4;
        expected[71] = 0x1e;
        expected[72] = 0x1e;
        expected[80] = 0x1e;
        expected[88] = 0x203f;
        assertThat(w).containsExactly(expected);
        assertThat(dev.dataRead16()).as("no DRQ: 0").isZero();
    }

    @Test
    void setFeaturesTransferModeShowsInTheIdentifyDataOnceBuilt() {
        dev.command(0xa1);
        for (int i = 0; i < 256; i++) {
            dev.dataRead16();
        }
        dev.taskFileWrite(FEATURES, 0x03);
        dev.taskFileWrite(SECTOR_COUNT, 0x44); // bits 7-3 01000b: Ultra DMA, mode 4
        dev.command(0xef);
        assertThat(dev.status()).isEqualTo(0x50); // live
        dev.command(0xa1);
        int[] w = new int[256];
        for (int i = 0; i < 256; i++) {
            w[i] = dev.dataRead16();
        }
        assertThat(w[62]).isEqualTo(0x07);
        assertThat(w[63]).isEqualTo(0x07);
        assertThat(w[88]).isEqualTo(0x3f | 1 << 12);
        dev.taskFileWrite(SECTOR_COUNT, 0x22); // multiword DMA mode 2
        dev.command(0xef);
        dev.command(0xa1);
        for (int i = 0; i < 256; i++) {
            w[i] = dev.dataRead16();
        }
        assertThat(new int[] {w[62], w[63], w[88]}).containsExactly(0x07, 0x07 | 1 << 10, 0x3f);
        dev.taskFileWrite(SECTOR_COUNT, 0x30); // no such transfer mode kind
        dev.command(0xef);
        assertThat(dev.status()).isEqualTo(0x41);
        assertThat(rig.reg(ERROR)).isEqualTo(0x04);
    }

    @Test
    void aSetFeaturesBeforeTheFirstIdentifyIsLostAsInQemu() {
        dev.taskFileWrite(FEATURES, 0x03);
        dev.taskFileWrite(SECTOR_COUNT, 0x44);
        dev.command(0xef);
        dev.command(0xa1);
        int[] w = new int[256];
        for (int i = 0; i < 256; i++) {
            w[i] = dev.dataRead16();
        }
        assertThat(new int[] {w[62], w[63], w[88]}).containsExactly(0x7, 0x7, 0x203f); // live
    }

    @Test
    void identifyDeviceAndReadSectorsAbortWithTheSignature() {
        for (int op : new int[] {0xec, 0x20}) {
            dev.taskFileWrite(LBA_MID, 0x55);
            rig.interrupts = 0;
            dev.command(op);
            assertThat(dev.status()).isEqualTo(0x41); // live
            assertThat(rig.reg(ERROR)).isEqualTo(0x04);
            assertSignature();
            assertThat(rig.interrupts).isEqualTo(1);
        }
    }

    @Test
    void otherAtaCommandsAbortAndFlushCompletes() {
        dev.command(0xe5); // CHECK POWER MODE: live, aborted
        assertThat(dev.status()).isEqualTo(0x41);
        dev.command(0xe7); // FLUSH CACHE: live, 50h
        assertThat(dev.status()).isEqualTo(0x50);
        assertThat(rig.reg(ERROR)).isZero();
    }

    @Test
    void deviceResetAndSoftResetPutTheSignature() {
        rig.sendPacket(0, 0xfffe, 0x12, 0, 0, 0, 36);
        assertThat(dev.status()).isEqualTo(0x58);
        rig.interrupts = 0;
        dev.command(0x08); // taken although DRQ is set
        assertThat(dev.status()).isZero(); // live
        assertThat(rig.reg(ERROR)).isZero();
        assertSignature();
        assertThat(rig.interrupts).isZero();
        assertThat(dev.dataRead16()).isZero();
        dev.taskFileWrite(LBA_MID, 0);
        dev.reset(true);
        assertThat(dev.status()).isZero(); // live: SRST ends with Status 00h, Error 01h
        assertThat(rig.reg(ERROR)).isEqualTo(0x01);
        assertSignature();
    }

    @Test
    void executeDeviceDiagnosticGivesTheSignatureAndNoInterrupt() {
        dev.taskFileWrite(DEVICE, 0xb0);
        dev.command(0x90);
        assertThat(dev.status()).isZero(); // live
        assertThat(rig.reg(ERROR)).isEqualTo(0x01);
        assertThat(rig.reg(DEVICE)).isEqualTo(0xa0);
        assertSignature();
        assertThat(rig.interrupts).isZero();
    }

    @Test
    void aBusyDeviceIgnoresCommandsOtherThanDeviceReset() {
        rig.sendPacket(0, 0xfffe, 0x12, 0, 0, 0, 36);
        dev.command(0xa1);
        assertThat(dev.status()).isEqualTo(0x58);
        assertThat(dev.dataRead16()).isEqualTo(0x8005); // still INQUIRY's data
    }

    @Test
    void thePacketPhaseAsksForTwelveBytesWithCodSet() {
        dev.taskFileWrite(LBA_MID, 0xfe);
        dev.taskFileWrite(LBA_HIGH, 0xff);
        dev.command(0xa0);
        assertThat(dev.status()).isEqualTo(0x58); // live
        assertThat(rig.reg(SECTOR_COUNT)).isEqualTo(0x01); // CoD=1, I/O=0
        assertThat(rig.interrupts).isZero();
        assertThat(dev.dataRead16()).as("a read while the device takes the packet").isZero();
        for (int i = 0; i < 5; i++) {
            dev.dataWrite16(0);
        }
        assertThat(dev.status()).isEqualTo(0x58);
        dev.dataWrite32(0); // two words would overrun the packet: ignored
        assertThat(dev.status()).isEqualTo(0x58);
        dev.dataWrite16(0); // the sixth word: TEST UNIT READY runs
        assertThat(dev.status()).isEqualTo(0x50);
        assertThat(rig.reg(SECTOR_COUNT)).isEqualTo(0x03);
        assertThat(rig.interrupts).isEqualTo(1);
    }

    @Test
    void aPacketCanComeInDwords() {
        dev.command(0xa0);
        dev.dataWrite32(0x25);
        dev.dataWrite32(0);
        dev.dataWrite32(0);
        assertThat(dev.status()).isEqualTo(0x58);
        assertThat(dev.dataRead32()).isEqualTo(0x07000000L);
        assertThat(dev.dataRead32()).isEqualTo(0x00080000L);
        assertThat(dev.status()).isEqualTo(0x50);
    }

    @Test
    void aReplyIsOneBlockWithIoSetAndItsLengthInTheByteCount() {
        AtapiRig.Outcome o = rig.packet(0xfffe, 0x12, 0, 0, 0, 36);
        assertThat(o.blocks()).containsExactly(new AtapiRig.Block(2, 36, 1)); // live: Sector Count 02h, 0024h
        assertThat(o.interrupts()).isEqualTo(2); // the block's and the completion's
        assertThat(o.reason()).isEqualTo(3);
        assertThat(rig.reg(LBA_MID) | rig.reg(LBA_HIGH) << 8).isEqualTo(36);
    }

    @Test
    void aReadSplitsAtTheByteCountLimit() {
        // live: 3000 -> 3000, 3000, 144; 2999 -> 2998, 1098; 1000 -> 4 x 1000, 96; 2048 -> 2048, 2048
        int[][] cases = {{3000, 3000, 3000, 144}, {2999, 2998, 1098}, {1000, 1000, 1000, 1000, 1000, 96},
                {2048, 2048, 2048}, {0xffff, 4096}, {0xfffe, 4096}};
        for (int[] c : cases) {
            int blocks = c[0] == 3000 ? 3 : 2;
            AtapiRig.Outcome o = rig.packet(c[0], 0x28, 0, 0, 0, 0, 1, 0, 0, blocks);
            assertThat(o.blocks()).as("bcl %d", c[0]).extracting(AtapiRig.Block::byteCount)
                    .containsExactlyElementsOf(Arrays.stream(c, 1, c.length).boxed().toList());
            assertThat(o.blocks()).allSatisfy(b -> assertThat(b.reason()).isEqualTo(2));
            assertThat(o.interrupts()).isEqualTo(c.length);
            assertThat(o.data()).isEqualTo(Arrays.copyOfRange(image, 2048, 2048 + blocks * 2048));
            assertThat(o.status()).isEqualTo(0x50);
        }
    }

    @Test
    void aByteCountLimitOfOneGivesEmptyBlocksForever() {
        rig.sendPacket(0, 1, 0x28, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(dev.status()).isEqualTo(0x58); // live: DRQ with a byte count of 0
        assertThat(rig.reg(LBA_MID) | rig.reg(LBA_HIGH) << 8).isZero();
        assertThat(dev.dataRead16()).isZero();
        assertThat(dev.status()).isEqualTo(0x58);
    }

    @Test
    void aDwordOverTheEndOfQemusBufferReadsZero() {
        rig.sendPacket(0, 2999, 0x28, 0, 0, 0, 0, 0, 0, 0, 2);
        for (int i = 0; i < 512 + 237; i++) {
            dev.dataRead32();
        }
        assertThat(dev.dataRead32()).isZero(); // live: 2 bytes left in the block
        assertThat(dev.dataRead16()).isEqualTo(0xc5c4); // live
        assertThat(rig.reg(LBA_MID) | rig.reg(LBA_HIGH) << 8).isEqualTo(1098);
        assertThat(dev.dataRead32()).isEqualTo(0xc9c8c7c6L); // live
    }

    @Test
    void aCheckConditionPutsTheSenseKeyInError() {
        AtapiRig.Outcome o = rig.packet(0xfffe, 0x28, 0, 0, 0, 0, 9, 0, 0, 1);
        assertThat(o.status()).isEqualTo(0x41);
        assertThat(o.error()).isEqualTo(0x50);
        assertThat(o.reason()).isEqualTo(3);
        assertThat(o.interrupts()).isEqualTo(1);
    }

    @Test
    void overlappedPacketsAreAborted() {
        rig.sendPacket(AtapiDevice.FEATURE_OVL, 0xfffe);
        assertThat(dev.status()).isEqualTo(0x41); // live
        assertThat(rig.reg(ERROR)).isEqualTo(0x04);
    }

    @Test
    void theDmaBitLeavesTheDataToABusMaster() {
        rig.sendPacket(AtapiDevice.FEATURE_DMA, 0, 0x12, 0, 0, 0, 36);
        assertThat(dev.dmaRequested()).isTrue();
        assertThat(rig.dmaRequests).isEqualTo(1);
        assertThat(dev.status()).isEqualTo(0x58); // live: DRQ, no interrupt, no PIO data
        assertThat(rig.interrupts).isZero();
        assertThat(dev.dataRead16()).isZero();
        byte[] got = new byte[64];
        assertThat(dev.dmaTransfer().read(got, 0, 64)).isEqualTo(36);
        dev.dmaDone();
        assertThat(dev.status()).isEqualTo(0x50);
        assertThat(rig.reg(SECTOR_COUNT) & 3).isEqualTo(3);
        assertThat(rig.interrupts).isEqualTo(1);
        assertThat(new String(got, 8, 4)).isEqualTo("QEMU");
        assertThat(dev.dmaTransfer()).isNull();
    }

    @Test
    void aDmaReadIsBusyUntilTheBusMasterRuns() {
        rig.sendPacket(AtapiDevice.FEATURE_DMA, 0xfffe, 0x28, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(dev.status()).isEqualTo(0xd8); // live
        byte[] got = new byte[2048];
        assertThat(dev.dmaTransfer().read(got, 0, 4096)).isEqualTo(2048);
        assertThat(got).isEqualTo(Arrays.copyOf(image, 2048));
        dev.dmaDone();
        assertThat(dev.status()).isEqualTo(0x50);
        rig.sendPacket(AtapiDevice.FEATURE_DMA, 0, 0x00);
        assertThat(dev.status()).as("no data: the DMA bit changes nothing").isEqualTo(0x50);
    }

    @Test
    void registersLatchWithTheirPreviousValueAsHob() {
        dev.taskFileWrite(LBA_LOW, 0x11);
        dev.taskFileWrite(LBA_LOW, 0x22);
        assertThat(dev.taskFileRead(LBA_LOW, false)).isEqualTo(0x22);
        assertThat(dev.taskFileRead(LBA_LOW, true)).isEqualTo(0x11);
        dev.taskFileWrite(DEVICE, 0x10);
        assertThat(dev.taskFileRead(DEVICE, false)).isEqualTo(0xb0);
        assertThat(dev.registers()).containsKeys("Status", "Error", "Sector Count", "LBA Mid", "tray");
        assertThat(dev.deviceName()).isEqualTo("cd");
        assertThat(AtapiDevice.qemuQuirks()).isEqualTo(List.copyOf(AtapiQuirks.all()));
    }
}
