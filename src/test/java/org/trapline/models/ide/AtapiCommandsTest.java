package org.trapline.models.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.ide.AtapiCommands.Result.*;

import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.device.Quirk;

/**
 * The packet command layer, command by command: QEMU 7.2's answers (hw/ide/atapi.c), the ones marked
 * "live" compared byte for byte with qemu-system-x86_64 7.2 over qtest (-drive media=cdrom, an 8-block
 * image from tools/ide/make-iso.sh, ports 0x170-0x177).
 */
class AtapiCommandsTest {
    private static final Set<Quirk> QEMU = Set.copyOf(AtapiQuirks.all());
    private final byte[] image = AtapiRig.image(8);
    private final AtapiRig rig = AtapiRig.qemu(CdMedium.ofBytes(image));

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private byte[] data(int... cdb) {
        AtapiRig.Outcome o = rig.packet(0xfffe, cdb);
        assertThat(o.status()).as("GOOD status").isEqualTo(0x50);
        assertThat(o.reason()).as("CoD, I/O at completion").isEqualTo(3);
        return o.data();
    }

    private void assertCheck(int key, int asc, int... cdb) {
        AtapiRig.Outcome o = rig.packet(0xfffe, cdb);
        assertThat(o.status()).as("CHECK CONDITION status").isEqualTo(0x41);
        assertThat(o.error()).as("sense key in Error 7-4").isEqualTo(key << 4);
        assertThat(o.data()).isEmpty();
        assertThat(rig.sense()).containsExactly(key, asc, 0);
    }

    @Test
    void testUnitReadyIsGoodWithAMediumAndNotReadyWithout() {
        assertThat(data(0x00)).isEmpty(); // live: Status 50h, Sector Count 03h, one interrupt
        assertThat(rig.interrupts).isEqualTo(1);
        AtapiRig empty = AtapiRig.qemu(null);
        AtapiRig.Outcome o = empty.packet(0xfffe, 0x00);
        assertThat(o.status()).isEqualTo(0x41);
        assertThat(o.error()).isEqualTo(0x20);
        assertThat(empty.sense()).containsExactly(2, 0x3a, 0);
    }

    @Test
    void requestSenseIsEighteenFixedFormatBytesClampedToTheAllocation() {
        assertThat(hex(data(0x03, 0, 0, 0, 18))).isEqualTo("f00000000000000a00000000000000000000"); // live
        assertThat(data(0x03, 0, 0, 0, 8)).hasSize(8);
        assertThat(data(0x03, 0, 0, 0, 0xff)).hasSize(18);
        assertThat(data(0x03, 0, 0, 0, 0)).isEmpty();
    }

    @Test
    void inquiryGivesQemusVendorProductAndRevision() {
        // live: 05 80 00 21 1f 00 00 00 "QEMU    " "QEMU DVD-ROM    " "2.5+"
        assertThat(hex(data(0x12, 0, 0, 0, 96))).isEqualTo(
                "058000211f000000" + "51454d5520202020" + "51454d55204456442d524f4d20202020" + "322e352b");
        assertThat(data(0x12, 0, 0, 0, 6)).hasSize(6);
        assertThat(hex(data(0x12, 1, 0x00, 0, 96))).isEqualTo("050000020083");
    }

    @Test
    void inquiryDeviceIdentificationPageHasTheSerialAndModel() {
        byte[] p = data(0x12, 1, 0x83, 0, 0xff);
        assertThat(p).hasSize(4 + 24 + 72);
        assertThat(p[3] & 0xff).isEqualTo(96);
        assertThat(new String(p, 8, 20)).isEqualTo("QM00003             ");
        assertThat(new String(p, 32, 8)).isEqualTo("ATA     ");
        assertThat(new String(p, 40, 40).trim()).isEqualTo("QEMU DVD-ROM");
        assertThat(data(0x12, 1, 0x83, 0, 99)).hasSize(28); // room for the serial only
        assertCheck(5, 0x4b, 0x12, 1, 0x83, 0, 23); // not even the first descriptor fits
        assertCheck(5, 0x24, 0x12, 1, 0x80, 0, 96); // no unit serial number page
    }

    @Test
    void readCapacityGivesTheLastBlockAndTheBlockSize() {
        assertThat(hex(data(0x25))).isEqualTo("0000000700000800"); // live
    }

    @Test
    void readTenAndTwelveReturnTheImagesBlocks() {
        assertThat(data(0x28, 0, 0, 0, 0, 1, 0, 0, 2)).isEqualTo(java.util.Arrays.copyOfRange(image, 2048, 6144));
        assertThat(data(0xa8, 0, 0, 0, 0, 5, 0, 0, 0, 3)).isEqualTo(java.util.Arrays.copyOfRange(image, 5 * 2048, 8 * 2048));
        assertThat(data(0x28, 0, 0, 0, 0, 0, 0, 0, 0)).isEmpty(); // a count of 0 is GOOD with no data
    }

    @Test
    void readOutsideTheMediumIsAnAddressOutOfRange() {
        assertCheck(5, 0x21, 0x28, 0, 0, 0, 0, 8, 0, 0, 1);
        assertCheck(5, 0x21, 0x28, 0, 0, 0, 0, 7, 0, 0, 2);
        assertCheck(5, 0x21, 0xa8, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1);
        assertCheck(5, 0x21, 0xa8, 0, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff); // wraps only to 0
    }

    @Test
    void modeSenseGivesErrorRecoveryAudioAndCapabilitiesPages() {
        assertThat(hex(data(0x5a, 0, 0x01, 0, 0, 0, 0, 0, 64))).isEqualTo("000e700000000000" + "0106000500000000");
        // live: 001c 70 00.. 2a 14 3b 00 71 60 29 00 02c0 0002 0200 02c0 000000000000
        assertThat(hex(data(0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 64))).isEqualTo(
                "001c700000000000" + "2a143b0071602900" + "02c0000202000" + "2c0000000000000");
        assertThat(data(0x5a, 0, 0x0e, 0, 0, 0, 0, 0, 64)).hasSize(24).startsWith(0x00, 0x16, 0x70);
        assertThat(data(0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 10)).hasSize(10);
    }

    @Test
    void modeSenseCapabilitiesShowTheLock() {
        data(0x1e, 0, 0, 0, 1);
        assertThat(data(0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 64)[14] & 0xff).isEqualTo(0x2b);
    }

    @Test
    void modeSenseRefusesOtherPagesAndControls() {
        assertCheck(5, 0x24, 0x5a, 0, 0x3f, 0, 0, 0, 0, 0, 64); // all pages
        assertCheck(5, 0x24, 0x5a, 0, 0x40 | 0x2a, 0, 0, 0, 0, 0, 64); // changeable values
        assertCheck(5, 0x24, 0x5a, 0, 0x80 | 0x2a, 0, 0, 0, 0, 0, 64); // default values
        assertCheck(5, 0x39, 0x5a, 0, 0xc0 | 0x2a, 0, 0, 0, 0, 0, 64); // saved values
    }

    @Test
    void getConfigurationListsDvdAndCdWithCdCurrent() {
        // live: data length 16, current profile 0008h, feature 0 persistent+current, profiles 0010h, 0008h (current)
        assertThat(hex(data(0x46, 0, 0, 0, 0, 0, 0, 0, 64))).isEqualTo("0000001000000008000003080010000000080100");
        assertThat(data(0x46, 0, 0, 0, 0, 0, 0, 0, 6)).hasSize(6);
        assertCheck(5, 0x24, 0x46, 0, 0, 1, 0, 0, 0, 0, 64); // only feature 0
    }

    @Test
    void getConfigurationWithoutAMediumHasNoCurrentProfile() {
        AtapiRig empty = AtapiRig.qemu(null);
        assertThat(hex(empty.packet(0xfffe, 0x46, 0, 0, 0, 0, 0, 0, 0, 64).data()))
                .isEqualTo("0000001000000000000003080010000000080000");
    }

    @Test
    void aLargeMediumIsADvd() {
        CdMedium dvd = new CdMedium() {
            @Override
            public long blocks() {
                return AtapiCommands.CD_MAX_SECTORS / 4 + 1;
            }

            @Override
            public boolean read(long lba, byte[] dst, int off) {
                return true;
            }
        };
        byte[] c = AtapiRig.qemu(dvd).packet(0xfffe, 0x46, 0, 0, 0, 0, 0, 0, 0, 64).data();
        assertThat(hex(c)).isEqualTo("0000001000000010000003080010010000080000");
    }

    @Test
    void getEventStatusReportsTheMediumPresentAndNoChangeAtPowerOn() {
        assertThat(hex(data(0x4a, 1, 0, 0, 0x10, 0, 0, 0, 64))).isEqualTo("0004041000020000"); // live
        assertThat(hex(data(0x4a, 1, 0, 0, 0x02, 0, 0, 0, 64))).isEqualTo("00008010"); // no media class asked
        assertCheck(5, 0x24, 0x4a, 0, 0, 0, 0x10, 0, 0, 0, 64); // asynchronous operation
    }

    @Test
    void startStopUnitEjectsAndLoadsTheTray() {
        data(0x1b, 0, 0, 0, 0x02); // LoEj, Start=0: eject
        assertThat(rig.dev.tray().isOpen()).isTrue();
        assertThat(hex(data(0x4a, 1, 0, 0, 0x10, 0, 0, 0, 64))).isEqualTo("0004041000010000"); // tray open
        assertCheck(2, 0x3a, 0x00);
        data(0x1b, 0, 0, 0, 0x03); // LoEj, Start=1: load
        assertThat(rig.dev.tray().isOpen()).isFalse();
        assertThat(data(0x00)).isEmpty();
        data(0x1b, 0, 0, 0, 0x01); // Start only: nothing moves
        data(0x1b, 0, 0, 0, 0x12); // a power condition: nothing moves
        assertThat(rig.dev.tray().isOpen()).isFalse();
    }

    @Test
    void aLockedTrayRefusesTheGuestsEject() {
        data(0x1e, 0, 0, 0, 1);
        assertCheck(2, 0x53, 0x1b, 0, 0, 0, 0x02);
        assertThat(rig.dev.tray().isOpen()).isFalse();
        data(0x1e, 0, 0, 0, 0);
        data(0x1b, 0, 0, 0, 0x02);
        assertThat(rig.dev.tray().isOpen()).isTrue();
    }

    @Test
    void aLockedEmptyTrayRefusesWithIllegalRequest() {
        AtapiRig empty = AtapiRig.qemu(null);
        empty.packet(0xfffe, 0x1e, 0, 0, 0, 1);
        AtapiRig.Outcome o = empty.packet(0xfffe, 0x1b, 0, 0, 0, 0x02);
        assertThat(o.error()).isEqualTo(0x50);
        assertThat(empty.sense()).containsExactly(5, 0x53, 0);
    }

    @Test
    void anUnknownOpcodeIsAnInvalidCommandOperationCode() {
        AtapiRig.Outcome o = rig.packet(0xfffe, 0xff); // live: Error 50h, Status 41h, Sector Count 03h
        assertThat(o.status()).isEqualTo(0x41);
        assertThat(o.error()).isEqualTo(0x50);
        assertThat(o.reason()).isEqualTo(3);
        assertThat(rig.sense()).containsExactly(5, 0x20, 0);
        assertCheck(5, 0x20, 0x43, 0, 0, 0, 0, 0, 0, 0, 12); // READ TOC: not modelled yet
    }

    @Test
    void theSmallerCommandsAnswerAsQemu() {
        assertThat(data(0x2b, 0, 0, 0, 0, 7)).isEmpty(); // SEEK(10) to the last block
        assertCheck(5, 0x21, 0x2b, 0, 0, 0, 0, 8);
        assertThat(data(0xbb)).isEmpty(); // SET CD SPEED
        assertThat(hex(data(0xbd, 0, 0, 0, 0, 0, 0, 0, 0, 8))).isEqualTo("0000000000010000"); // MECHANISM STATUS
        byte[] di = data(0x51, 0, 0, 0, 0, 0, 0, 0, 64); // READ DISC INFORMATION
        assertThat(hex(di)).startsWith("00200e0101010120").hasSize(68);
        assertCheck(5, 0x24, 0x51, 1, 0, 0, 0, 0, 0, 0, 64);
    }

    @Test
    void theLayerRunsWithoutTheAtaRegisters() {
        AtapiCommands c = AtapiCommands.standalone(new CdTray(CdMedium.ofBytes(image), () -> { }), "QM00001", QEMU);
        assertThat(c.execute(new byte[] {0x25}, true)).isEqualTo(DATA);
        byte[] out = new byte[16];
        assertThat(c.transfer().read(out, 0, 16)).isEqualTo(8);
        assertThat(hex(out)).startsWith("0000000700000800");
        assertThat(c.execute(new byte[] {0x28, 0, 0, 0, 0, 1, 0, 0, 1}, false)).isEqualTo(ABORTED);
        assertThat(c.execute(new byte[] {0x00}, false)).isEqualTo(GOOD);
        assertThat(c.execute(new byte[] {0x28, 0, 0, 0, 0, 9, 0, 0, 1}, true)).isEqualTo(CHECK_CONDITION);
        assertThat(c.senseKey()).isEqualTo(5);
        assertThat(c.asc()).isEqualTo(0x21);
    }

    @Test
    void aReadStreamsBlockByBlockThroughTheCallersBuffer() {
        int[] reads = {0};
        CdMedium counting = new CdMedium() {
            @Override
            public long blocks() {
                return 1L << 40;
            }

            @Override
            public boolean read(long lba, byte[] dst, int off) {
                reads[0]++;
                dst[off] = (byte) lba;
                return true;
            }
        };
        AtapiCommands c = AtapiCommands.standalone(new CdTray(counting, () -> { }), "QM00001", Set.of());
        // 2^32 - 1 blocks claimed: nothing is allocated for them, and only what is taken is read.
        assertThat(c.execute(new byte[] {(byte) 0xa8, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, true))
                .isEqualTo(DATA);
        assertThat(c.transfer().remaining()).isEqualTo(0xffff_ffffL * 2048);
        byte[] out = new byte[3 * 2048];
        assertThat(c.transfer().read(out, 0, out.length)).isEqualTo(out.length);
        assertThat(reads[0]).isEqualTo(4); // the three taken and the next, read when the third ends
        assertThat(new byte[] {out[0], out[2048], out[4096]}).containsExactly(0, 1, 2);
    }

    @Test
    void aFailingReadEndsWithQemusSense() {
        CdMedium bad = new CdMedium() {
            @Override
            public long blocks() {
                return 4;
            }

            @Override
            public boolean read(long lba, byte[] dst, int off) {
                return lba < 1;
            }
        };
        AtapiRig r = AtapiRig.qemu(bad);
        AtapiRig.Outcome o = r.packet(0xfffe, 0x28, 0, 0, 0, 0, 0, 0, 0, 2);
        assertThat(o.data()).hasSize(2048); // the first block, then the failure
        assertThat(o.status()).isEqualTo(0x41);
        assertThat(o.error()).isEqualTo(0x50);
        assertThat(r.sense()).containsExactly(5, 0x21, 0);
        o = r.packet(0xfffe, 0x28, 0, 0, 0, 0, 1, 0, 0, 1);
        assertThat(o.data()).isEmpty();
        assertThat(o.error()).isEqualTo(0x50);
    }
}
