package org.trapline.models.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trapline.models.ide.AtapiDevicePort.*;

import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.device.Quirk;

/** Each quirk of the CD-ROM: the specification's behaviour with it off, QEMU's with it on. */
class AtapiQuirksTest {
    private final byte[] image = AtapiRig.image(8);

    private AtapiRig with(Quirk... quirks) {
        return new AtapiRig(CdMedium.ofBytes(image), Set.of(quirks));
    }

    private static AtapiRig changed(AtapiRig r) {
        r.dev.tray().insert(CdMedium.ofBytes(AtapiRig.image(4)), false);
        return r;
    }

    @Test
    void theLedgerIsCitedAndCoherent() {
        assertThat(AtapiQuirks.all()).allSatisfy(q -> {
            assertThat(q.id()).startsWith("atapi.");
            assertThat(q.device()).isEqualTo("atapi");
            assertThat(q.citation()).contains("QEMU ").containsAnyOf("ATA/ATAPI-6", "MMC", "SPC", "SFF");
        });
        assertThatThrownBy(() -> with(AtapiQuirks.UNIT_ATTENTION_LATCHED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staleSense() {
        AtapiRig hw = with();
        hw.packet(0xfffe, 0xff);
        assertThat(hw.sense()).containsExactly(5, 0x20, 0);
        assertThat(hw.sense()).as("reported once").containsExactly(0, 0, 0);
        hw.packet(0xfffe, 0xff);
        hw.packet(0xfffe, 0x00);
        assertThat(hw.sense()).as("a GOOD command replaces it").containsExactly(0, 0, 0);
        AtapiRig q = with(AtapiQuirks.STALE_SENSE);
        q.packet(0xfffe, 0xff);
        q.packet(0xfffe, 0x00);
        assertThat(q.sense()).containsExactly(5, 0x20, 0); // live
        assertThat(q.sense()).containsExactly(5, 0x20, 0);
    }

    @Test
    void changeNotReadyFirstAndUnitAttentionLatched() {
        AtapiRig hw = changed(with());
        AtapiRig.Outcome o = hw.packet(0xfffe, 0x00);
        assertThat(new int[] {o.status(), o.error(), o.reason()}).containsExactly(0x41, 0x60, 3);
        assertThat(hw.packet(0xfffe, 0x00).status()).isEqualTo(0x50);

        AtapiRig q = changed(AtapiRig.qemu(CdMedium.ofBytes(image)));
        // live, after blockdev-change-medium: 41h/20h, 41h/60h, then 01h/60h with Sector Count 0 until REQUEST SENSE
        o = q.packet(0xfffe, 0x00);
        assertThat(new int[] {o.status(), o.error(), o.reason()}).containsExactly(0x41, 0x20, 3);
        o = q.packet(0xfffe, 0x00);
        assertThat(new int[] {o.status(), o.error(), o.reason()}).containsExactly(0x41, 0x60, 3);
        for (int i = 0; i < 2; i++) {
            o = q.packet(0xfffe, 0x25);
            assertThat(new int[] {o.status(), o.error(), o.reason(), o.data().length}).containsExactly(0x01, 0x60, 0, 0);
        }
        assertThat(q.packet(0xfffe, 0x12, 0, 0, 0, 36).status()).as("INQUIRY allowed").isEqualTo(0x50);
        assertThat(q.sense()).containsExactly(6, 0x28, 0);
        assertThat(q.sense()).containsExactly(0, 0x28, 0); // live: the ASC stays
        assertThat(q.packet(0xfffe, 0x25).data()).hasSize(8).startsWith(0, 0, 0, 3);
    }

    @Test
    void changeInterrupts() {
        AtapiRig hw = with();
        hw.dev.tray().eject(false);
        assertThat(hw.interrupts).isZero();
        AtapiRig q = with(AtapiQuirks.CHANGE_INTERRUPTS);
        q.dev.tray().eject(false);
        assertThat(q.interrupts).isEqualTo(1); // live: IRQ 15 raised at QMP eject
    }

    @Test
    void bclZeroSilentAbort() {
        AtapiRig hw = with();
        AtapiRig.Outcome o = hw.packet(0, 0x12, 0, 0, 0, 36);
        assertThat(new int[] {o.status(), o.error(), o.interrupts()}).containsExactly(0x41, 0x04, 1);
        assertThat(hw.packet(0, 0x00).status()).as("no data: BCL 0 is fine").isEqualTo(0x50);
        AtapiRig q = with(AtapiQuirks.BCL_ZERO_SILENT_ABORT);
        o = q.packet(0, 0x12, 0, 0, 0, 36);
        // live: Status 41h, Error 04h, Sector Count 01h, no interrupt
        assertThat(new int[] {o.status(), o.error(), q.reg(SECTOR_COUNT), o.interrupts()}).containsExactly(0x41, 4, 1, 0);
        o = q.packet(0, 0x28, 0, 0, 0, 0, 0, 0, 0, 0); // checked before the count of 0 is seen (live)
        assertThat(o.status()).isEqualTo(0x41);
    }

    @Test
    void partialAccessStalls() {
        AtapiRig hw = with();
        AtapiRig.Outcome o = hw.packet(0xfffe, 0x12, 0, 0, 0, 5);
        assertThat(o.data()).hasSize(5);
        assertThat(o.status()).isEqualTo(0x50);
        AtapiRig q = with(AtapiQuirks.PARTIAL_ACCESS_STALLS);
        q.sendPacket(0, 0xfffe, 0x12, 0, 0, 0, 5);
        q.dev.dataRead16();
        q.dev.dataRead16();
        assertThat(q.dev.dataRead16()).isZero(); // live: the fifth byte never comes
        assertThat(q.dev.status()).isEqualTo(0x58);
        hw.sendPacket(0, 2999, 0x28, 0, 0, 0, 0, 0, 0, 0, 2);
        for (int i = 0; i < 512 + 237; i++) {
            hw.dev.dataRead32();
        }
        assertThat(hw.dev.dataRead32()).as("two words: the block's last, then the next block's first").isEqualTo(0xc7c6c5c4L);
    }

    @Test
    void lengthWraps() {
        int[] wrap = {0xa8, 0, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff};
        AtapiRig hw = with();
        assertThat(hw.packet(0xfffe, wrap).error()).isEqualTo(0x50);
        assertThat(hw.sense()).containsExactly(5, 0x21, 0);
        AtapiRig q = with(AtapiQuirks.LENGTH_WRAPS);
        AtapiRig.Outcome o = q.packet(0xfffe, wrap);
        assertThat(o.status()).isEqualTo(0x50); // live: GOOD, no data
        assertThat(o.data()).isEmpty();
    }

    @Test
    void replyBufferReused() {
        int[] audio = {0x5a, 0, 0x0e, 0, 0, 0, 0, 0, 24, 0, 0xaa, 0xbb};
        AtapiRig hw = with();
        hw.packet(0xfffe, 0x28, 0, 0, 0, 0, 1, 0, 0, 1);
        assertThat(HexFormat.of().formatHex(hw.packet(0xfffe, audio).data()))
                .isEqualTo("00167000000000000e0e" + "0".repeat(28));
        AtapiRig q = with(AtapiQuirks.REPLY_BUFFER_REUSED);
        q.packet(0xfffe, 0x28, 0, 0, 0, 0, 1, 0, 0, 1);
        assertThat(HexFormat.of().formatHex(q.packet(0xfffe, audio).data()))
                .isEqualTo("00167000000000000e0eaabb1c1d1e1f2000220024002600"); // live
    }

    @Test
    void resetClosesTray() {
        AtapiRig hw = with();
        hw.packet(0xfffe, 0x1b, 0, 0, 0, 0x02);
        hw.dev.command(0x08);
        assertThat(hw.dev.tray().isOpen()).isTrue();
        AtapiRig q = with(AtapiQuirks.RESET_CLOSES_TRAY);
        q.packet(0xfffe, 0x1b, 0, 0, 0, 0x02);
        q.dev.command(0x08);
        assertThat(q.dev.tray().isOpen()).isFalse();
        assertThat(q.packet(0xfffe, 0x00).status()).isEqualTo(0x50);
    }

    @Test
    void diagnosticNoInterrupt() {
        AtapiRig hw = with();
        hw.dev.command(0x90);
        assertThat(hw.interrupts).isEqualTo(1);
        AtapiRig q = with(AtapiQuirks.DIAGNOSTIC_NO_INTERRUPT);
        q.dev.command(0x90);
        assertThat(q.interrupts).isZero(); // live
        assertThat(q.dev.status()).isZero();
    }

    @Test
    void resetReady() {
        AtapiRig hw = with();
        assertThat(hw.dev.status()).isZero();
        assertThat(hw.reg(ERROR)).isEqualTo(0x01);
        AtapiRig q = with(AtapiQuirks.RESET_READY);
        assertThat(q.dev.status()).isEqualTo(0x50); // live
        assertThat(q.reg(ERROR)).isZero();
        q.dev.reset(true);
        assertThat(q.dev.status()).as("SRST still runs the diagnostic").isZero();
    }
}
