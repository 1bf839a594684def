package org.trapline.models.ioapic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trapline.models.irq.ApicMessage;

/** The 82093AA as its datasheet (290566-001) describes it: the hardware profile, no quirks. */
class Ioapic82093Test {
    private static final long LEVEL = 1L << 15;
    private static final long MASKED = 1L << 16;
    private static final long LOW_ACTIVE = 1L << 13;

    @Test
    void resetValues() {
        IoapicRig r = IoapicRig.hardware();
        assertThat(r.ioapic.read(0, 4)).as("IOREGSEL 00h (§3.1.1)").isZero();
        assertThat(r.read(0x00)).as("IOAPICID 00h (§3.2.1)").isZero();
        assertThat(r.read(0x01)).as("IOAPICVER: 17h entries, version 11h (§3.2.2)").isEqualTo(0x0017_0011);
        assertThat(r.read(0x02)).as("IOAPICARB (§3.2.3)").isZero();
        for (int pin = 0; pin < 24; pin++) {
            assertThat(r.entry(pin)).as("IOREDTBL%d masked (§3.2.4)", pin).isEqualTo(MASKED);
        }
        assertThat(r.ioapic.region().length()).isEqualTo(0x400);
        assertThat(r.ioapic.deviceName()).isEqualTo("ioapic");
        assertThat(r.ioapic.registers()).containsEntry("IOAPICVER", "0x00170011").containsKey("IOREDTBL23")
                .doesNotContainKey("IRR");
    }

    @Test
    void idAndArbitrationId() {
        IoapicRig r = IoapicRig.hardware();
        r.write(0x00, 0xffff_ffffL);
        assertThat(r.read(0x00)).as("bits 27:24 only").isEqualTo(0x0f00_0000);
        assertThat(r.read(0x02)).as("the arbitration ID is loaded with the ID (§3.2.1)").isEqualTo(0x0f00_0000);
        r.write(0x02, 0x0300_0000).write(0x01, 0);
        assertThat(r.read(0x02)).as("IOAPICARB is read-only").isEqualTo(0x0f00_0000);
        assertThat(r.read(0x01)).as("IOAPICVER is read-only").isEqualTo(0x0017_0011);
        assertThat(r.read(0x03)).as("reserved address").isZero();
        assertThat(r.read(0x40)).as("past the table").isZero();
        r.select(0x1ff);
        assertThat(r.ioapic.read(0, 4)).as("IOREGSEL bits 7:0").isEqualTo(0xff);
    }

    @Test
    void redirectionEntryBits() {
        IoapicRig r = IoapicRig.hardware();
        r.entry(5, -1L);
        assertThat(r.entry(5)).as("reserved 55:17, RO delivery status and Remote IRR read 0")
                .isEqualTo(0xff00_0000_0001_afffL);
        r.entry(5, 0);
        assertThat(r.entry(5)).isZero();
    }

    @Test
    void onlyDwordIowinAndTheRegistersOfTable1() {
        IoapicRig r = IoapicRig.hardware();
        r.write(0x12, 0x0001_2345);
        assertThat(r.ioapic.read(0x10, 2)).as("IOWIN is a dword (§3.0)").isZero();
        r.ioapic.write(0x10, 1, 0);
        assertThat(r.read(0x12)).isEqualTo(0x0001_2345);
        r.select(0x12);
        assertThat(r.ioapic.read(0x110, 4)).as("no alias in the hardware block").isZero();
        assertThat(r.ioapic.read(0x04, 4)).isZero();
        r.ioapic.write(0x40, 4, 0x45);
        assertThat(r.read(0x01) & 0xff).isEqualTo(0x11);
        r.ioapic.write(0x01, 1, 0x33);
        assertThat(r.ioapic.read(0, 1)).as("only offset 00h is IOREGSEL").isEqualTo(0x01);
    }

    @Test
    void edgeDeliversOnTheRisingEdgeOnly() {
        IoapicRig r = IoapicRig.hardware().entry(3, 0x0300_0000_0000_0833L);
        r.pin(3, true);
        assertThat(r.messages).containsExactly(ApicMessage.of(3, true, 0x33, ApicMessage.FIXED, true, false));
        r.pin(3, true);
        assertThat(r.delivered()).as("no edge while the pin stays high").isEqualTo(1);
        r.pin(3, false).pin(3, true);
        assertThat(r.delivered()).isEqualTo(2);
        assertThat(r.remoteIrr(3)).as("Remote IRR is for level entries").isFalse();
    }

    @Test
    void maskedEdgesAreIgnoredNotHeld() {
        IoapicRig r = IoapicRig.hardware().entry(4, MASKED | 0x44);
        r.pin(4, true).pin(4, false).pin(4, true);
        r.entry(4, 0x44);
        assertThat(r.delivered()).as("§3.2.4 bit 16: not delivered or held pending").isZero();
    }

    @Test
    void levelSetsRemoteIrrAndEoiRedelivers() {
        IoapicRig r = IoapicRig.hardware().entry(1, LEVEL | 0x31);
        r.pin(1, true);
        assertThat(r.remoteIrr(1)).isTrue();
        assertThat(r.messages).containsExactly(ApicMessage.of(0, false, 0x31, ApicMessage.FIXED, true, true));
        r.eoi(0x32);
        assertThat(r.remoteIrr(1)).as("another vector").isTrue();
        r.eoi(0x31);
        assertThat(r.remoteIrr(1)).as("still asserted: delivered again").isTrue();
        assertThat(r.delivered()).isEqualTo(2);
        r.pin(1, false).eoi(0x31);
        assertThat(r.remoteIrr(1)).isFalse();
        assertThat(r.delivered()).isEqualTo(2);
    }

    @Test
    void maskedLevelWaitsForTheUnmask() {
        IoapicRig r = IoapicRig.hardware().entry(2, MASKED | LEVEL | 0x52);
        r.pin(2, true);
        assertThat(r.delivered()).isZero();
        r.entry(2, LEVEL | 0x52);
        assertThat(r.delivered()).isEqualTo(1);
        assertThat(r.remoteIrr(2)).isTrue();
        r.entry(2, MASKED | LEVEL | 0x52).eoi(0x52);
        assertThat(r.remoteIrr(2)).as("EOI of a masked entry clears Remote IRR, no delivery").isFalse();
        assertThat(r.delivered()).isEqualTo(1);
    }

    @Test
    void switchingToEdgeClearsRemoteIrr() {
        IoapicRig r = IoapicRig.hardware().entry(8, LEVEL | 0x48).pin(8, true);
        assertThat(r.remoteIrr(8)).isTrue();
        r.entry(8, 0x48);
        assertThat(r.remoteIrr(8)).isFalse();
    }

    @Test
    void lowActiveInputs() {
        IoapicRig r = IoapicRig.hardware().entry(9, LOW_ACTIVE | LEVEL | 0x39);
        assertThat(r.delivered()).as("a low-active level input at 0 is asserted").isEqualTo(1);
        r.pin(9, true).eoi(0x39);
        assertThat(r.remoteIrr(9)).isFalse();
        IoapicRig e = IoapicRig.hardware().entry(5, LOW_ACTIVE | 0x35);
        e.pin(5, true);
        assertThat(e.delivered()).isZero();
        e.pin(5, false);
        assertThat(e.delivered()).as("the falling edge").isEqualTo(1);
    }

    @Test
    void extIntCarriesTheEntryAndLeavesThe8259Alone() {
        IoapicRig r = IoapicRig.hardware().entry(0, 0x0700 | 0x20);
        r.pin(0, true);
        assertThat(r.messages).containsExactly(ApicMessage.of(0, false, 0x20, ApicMessage.EXT_INT, true, false));
        assertThat(r.acknowledges).as("the CPU's INTA fetches the vector later").isZero();
    }

    @Test
    void everyInputIsItsOwnPin() {
        IoapicRig r = IoapicRig.hardware().entry(0, LEVEL | 0x30).entry(2, LEVEL | 0x32).pin(0, true);
        assertThat(r.remoteIrr(0)).isTrue();
        assertThat(r.remoteIrr(2)).isFalse();
    }

    @Test
    void resetMasksEverything() {
        IoapicRig r = IoapicRig.hardware().write(0, 0x0500_0000).entry(6, LEVEL | 0x46).select(0x14);
        r.ioapic.reset();
        assertThat(r.ioapic.read(0, 4)).isZero();
        assertThat(r.read(0)).isZero();
        assertThat(r.entry(6)).isEqualTo(MASKED);
    }
}
