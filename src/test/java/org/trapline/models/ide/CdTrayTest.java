package org.trapline.models.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.ide.CdTray.Outcome.*;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The host's tray operations (QMP eject, blockdev-change-medium and their parts) as QEMU 7.2 performs them. */
class CdTrayTest {
    private final AtapiRig rig = AtapiRig.qemu(CdMedium.ofBytes(AtapiRig.image(8)));
    private final CdTray tray = rig.dev.tray();

    private String gesn() {
        return HexFormat.of().formatHex(rig.packet(0xfffe, 0x4a, 1, 0, 0, 0x10, 0, 0, 0, 8).data());
    }

    @Test
    void ejectOpensTheTrayAndTakesTheMediumOut() {
        assertThat(tray.eject(false)).isEqualTo(DONE);
        assertThat(tray.isOpen()).isTrue();
        assertThat(tray.medium()).isNull();
        assertThat(gesn()).isEqualTo("0004041000010000"); // live: door open, no event
        AtapiRig.Outcome o = rig.packet(0xfffe, 0x00);
        assertThat(o.error()).isEqualTo(0x20); // live
        assertThat(rig.sense()).containsExactly(2, 0x3a, 0);
        // live: GET CONFIGURATION has no current profile
        assertThat(HexFormat.of().formatHex(rig.packet(0xfffe, 0x46, 0, 0, 0, 0, 0, 0, 0, 20).data()))
                .isEqualTo("0000001000000000000003080010000000080000");
        assertThat(tray.eject(false)).as("already open").isEqualTo(DONE);
    }

    @Test
    void changingTheMediumReportsNewMediaOnce() {
        tray.eject(false);
        assertThat(tray.insert(CdMedium.ofBytes(AtapiRig.image(3)), false)).isEqualTo(DONE);
        assertThat(tray.isOpen()).isFalse();
        assertThat(gesn()).isEqualTo("0004041002020000"); // live
        assertThat(gesn()).isEqualTo("0004041000020000");
        rig.packet(0xfffe, 0x00);
        rig.packet(0xfffe, 0x00);
        rig.sense();
        assertThat(rig.packet(0xfffe, 0x25).data()).containsExactly(0, 0, 0, 2, 0, 0, 8, 0);
    }

    @Test
    void aLockedTrayPostsAnEjectRequestUnlessForced() {
        rig.packet(0xfffe, 0x1e, 0, 0, 0, 1);
        rig.interrupts = 0;
        assertThat(tray.eject(false)).isEqualTo(LOCKED); // live: "is locked and force was not specified"
        assertThat(rig.interrupts).isEqualTo(1);
        assertThat(tray.isOpen()).isFalse();
        assertThat(gesn()).isEqualTo("0004041001020000"); // live: EjectRequest, once
        assertThat(gesn()).isEqualTo("0004041000020000");
        assertThat(rig.packet(0xfffe, 0x00).status()).isEqualTo(0x50);
        assertThat(tray.insert(CdMedium.ofBytes(new byte[2048]), false)).isEqualTo(LOCKED);
        assertThat(tray.eject(true)).isEqualTo(DONE);
        assertThat(tray.isLocked()).isFalse(); // live: MODE SENSE 2Ah byte 14 is 29h again
        assertThat(rig.packet(0xfffe, 0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 30).data()[14]).isEqualTo((byte) 0x29);
    }

    @Test
    void theMediumMovesOnlyWithTheTrayOpen() {
        assertThat(tray.removeMedium()).isEqualTo(TRAY_CLOSED);
        assertThat(tray.insertMedium(CdMedium.ofBytes(new byte[2048]))).isEqualTo(TRAY_CLOSED);
        assertThat(tray.openTray(false)).isEqualTo(DONE);
        assertThat(tray.insertMedium(CdMedium.ofBytes(new byte[2048]))).isEqualTo(OCCUPIED);
        assertThat(tray.removeMedium()).isEqualTo(DONE);
        assertThat(tray.closeTray()).isEqualTo(DONE);
        assertThat(tray.closeTray()).isEqualTo(DONE);
        assertThat(rig.packet(0xfffe, 0x00).error()).as("closed on nothing: not ready").isEqualTo(0x20);
    }

    @Test
    void aMediumTakenOutInTheMiddleOfAReadIsNotReady() {
        rig.sendPacket(0, 2048, 0x28, 0, 0, 0, 0, 0, 0, 0, 2);
        for (int i = 0; i < 1023; i++) {
            rig.dev.dataRead16();
        }
        tray.eject(true);
        rig.dev.dataRead16();
        assertThat(rig.dev.status()).isEqualTo(0x41);
        assertThat(rig.reg(AtapiDevicePort.ERROR)).isEqualTo(0x20);
    }
}
