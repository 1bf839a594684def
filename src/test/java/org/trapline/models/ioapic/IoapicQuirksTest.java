package org.trapline.models.ioapic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trapline.models.irq.ApicMessage;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** Each of QEMU's departures: the 82093AA without the quirk, QEMU 7.2 with it. */
class IoapicQuirksTest {
    private static final long LEVEL = 1L << 15;
    private static final long MASKED = 1L << 16;
    private static final long LOW_ACTIVE = 1L << 13;

    @Test
    void theLedgerIsWhatQemuPcSwitchesOn() {
        assertThat(Ioapic82093.qemuQuirks()).containsExactlyElementsOf(IoapicQuirks.all()).doesNotHaveDuplicates();
        assertThat(Profile.QEMU_PC.quirks()).containsAll(IoapicQuirks.all());
        assertThat(IoapicQuirks.all()).allSatisfy(q -> {
            assertThat(q.id()).startsWith("ioapic.");
            assertThat(q.device()).isEqualTo("ioapic");
            assertThat(q.citation()).containsAnyOf("290566", "SDM").contains("QEMU");
        });
        assertThat(Profile.QEMU_PC.build(MachineConfig.defaults()).ioapic()).isNotNull();
    }

    @Test
    void version20hWithEoiRegister() {
        IoapicRig hw = IoapicRig.hardware().entry(1, LEVEL | 0x31).pin(1, true);
        IoapicRig q = IoapicRig.with(IoapicQuirks.VERSION_20H).entry(1, LEVEL | 0x31).pin(1, true).pin(1, false);
        assertThat(hw.read(1)).isEqualTo(0x0017_0011);
        assertThat(q.read(1)).isEqualTo(0x0017_0020);
        hw.pin(1, false);
        hw.ioapic.write(0x40, 4, 0x31);
        assertThat(hw.remoteIrr(1)).as("82093AA: no EOI register").isTrue();
        q.ioapic.write(0x40, 4, 0x131);
        assertThat(q.remoteIrr(1)).as("QEMU compares the whole dword").isTrue();
        q.ioapic.write(0x40, 2, 0x31);
        assertThat(q.remoteIrr(1)).as("a dword only").isTrue();
        q.ioapic.write(0x40, 4, 0x31);
        assertThat(q.remoteIrr(1)).isFalse();
        assertThat(q.ioapic.read(0x40, 4)).as("write-only").isZero();
    }

    @Test
    void window4kAliased() {
        IoapicRig hw = IoapicRig.hardware().select(0x01);
        IoapicRig q = IoapicRig.with(IoapicQuirks.WINDOW_4K_ALIASED).select(0x01);
        assertThat(hw.ioapic.region().length()).isEqualTo(0x400);
        assertThat(q.ioapic.region().length()).isEqualTo(0x1000);
        assertThat(hw.ioapic.read(0x310, 4)).isZero();
        assertThat(q.ioapic.read(0xf10, 4)).isEqualTo(0x0017_0011);
        q.ioapic.write(0x300, 4, 0x02);
        assertThat(q.ioapic.read(0, 4)).isEqualTo(0x02);
        assertThat(q.ioapic.read(0x04, 4)).as("bits 7:0 still decoded exactly").isZero();
    }

    @Test
    void reservedEntryBitsStored() {
        IoapicRig hw = IoapicRig.hardware().entry(7, -1L);
        IoapicRig q = IoapicRig.with(IoapicQuirks.RESERVED_ENTRY_BITS_STORED).entry(7, -1L);
        assertThat(hw.entry(7)).isEqualTo(0xff00_0000_0001_afffL);
        assertThat(q.entry(7)).isEqualTo(0xffff_ffff_ffff_afffL);
        hw.entry(7, 0x00ab_0000_0000_0047L).pin(7, true);
        q.entry(7, 0x00ab_0000_0000_0047L).pin(7, true);
        assertThat(hw.messages.get(0).address()).isEqualTo(0xfee0_0000L);
        assertThat(q.messages.get(0).address()).as("bits 55:48 in address bits 11:4").isEqualTo(0xfee0_0ab0L);
    }

    @Test
    void polarityIgnored() {
        IoapicRig hw = IoapicRig.hardware().entry(3, LOW_ACTIVE | LEVEL | 0x33);
        IoapicRig q = IoapicRig.with(IoapicQuirks.POLARITY_IGNORED).entry(3, LOW_ACTIVE | LEVEL | 0x33);
        assertThat(hw.remoteIrr(3)).as("low-active input at 0: asserted").isTrue();
        assertThat(q.remoteIrr(3)).isFalse();
        q.pin(3, true);
        assertThat(q.remoteIrr(3)).as("QEMU: high is asserted whatever INTPOL").isTrue();
        IoapicRig qq = IoapicRig.with(IoapicQuirks.POLARITY_IGNORED, IoapicQuirks.REQUEST_REGISTER)
                .entry(3, LOW_ACTIVE | LEVEL | 0x33);
        IoapicRig rr = IoapicRig.with(IoapicQuirks.REQUEST_REGISTER).entry(3, LOW_ACTIVE | LEVEL | 0x33);
        qq.pin(3, true);
        rr.pin(3, false);
        assertThat(qq.remoteIrr(3)).isTrue();
        assertThat(rr.remoteIrr(3)).as("the request register honours INTPOL without the quirk").isTrue();
    }

    @Test
    void input0IsPin2() {
        IoapicRig hw = IoapicRig.hardware().entry(0, LEVEL | 0x30).entry(2, LEVEL | 0x32).pin(0, true);
        IoapicRig q = IoapicRig.with(IoapicQuirks.INPUT0_IS_PIN2).entry(0, LEVEL | 0x30).entry(2, LEVEL | 0x32)
                .pin(0, true);
        assertThat(hw.remoteIrr(0)).isTrue();
        assertThat(hw.remoteIrr(2)).isFalse();
        assertThat(q.remoteIrr(0)).isFalse();
        assertThat(q.remoteIrr(2)).isTrue();
    }

    @Test
    void requestRegisterRepeatsEdges() {
        IoapicRig hw = IoapicRig.hardware().entry(1, 0x21).pin(1, true).pin(1, true);
        IoapicRig q = IoapicRig.with(IoapicQuirks.REQUEST_REGISTER).entry(1, 0x21).pin(1, true).pin(1, true);
        assertThat(hw.delivered()).isEqualTo(1);
        assertThat(q.delivered()).as("every assert call is an edge").isEqualTo(2);
    }

    @Test
    void requestRegisterEdgeToLevelWithThePinHigh() {
        IoapicRig hw = IoapicRig.hardware().entry(6, 0x46).pin(6, true).entry(6, LEVEL | 0x46);
        IoapicRig q = IoapicRig.with(IoapicQuirks.REQUEST_REGISTER).entry(6, 0x46).pin(6, true).entry(6, LEVEL | 0x46);
        assertThat(hw.remoteIrr(6)).as("the asserted level is delivered").isTrue();
        assertThat(q.remoteIrr(6)).as("QEMU: no request latched").isFalse();
        q.pin(6, true);
        assertThat(q.remoteIrr(6)).isTrue();
    }

    @Test
    void requestRegisterLevelToEdgeDeliversThePendingRequest() {
        IoapicRig hw = IoapicRig.hardware().entry(7, MASKED | LEVEL | 0x47).pin(7, true).entry(7, 0x47);
        IoapicRig q = IoapicRig.with(IoapicQuirks.REQUEST_REGISTER).entry(7, MASKED | LEVEL | 0x47).pin(7, true)
                .entry(7, 0x47);
        assertThat(hw.delivered()).as("no edge happened while it was edge-triggered").isZero();
        assertThat(q.messages).containsExactly(ApicMessage.of(0, false, 0x47, ApicMessage.FIXED, true, false));
    }

    @Test
    void eoiStormDelay() {
        IoapicRig hw = IoapicRig.hardware().entry(1, LEVEL | 0x31).pin(1, true);
        IoapicRig q = IoapicRig.with(IoapicQuirks.EOI_STORM_DELAY).entry(1, LEVEL | 0x31).pin(1, true);
        for (int n = 1; n < Ioapic82093.SUCCESSIVE_IRQ_MAX; n++) {
            hw.eoi(0x31);
            q.eoi(0x31);
        }
        assertThat(q.delivered()).isEqualTo(Ioapic82093.SUCCESSIVE_IRQ_MAX);
        hw.eoi(0x31);
        q.eoi(0x31);
        assertThat(hw.remoteIrr(1)).isTrue();
        assertThat(hw.delivered()).isEqualTo(Ioapic82093.SUCCESSIVE_IRQ_MAX + 1);
        assertThat(q.remoteIrr(1)).as("the 10000th waits").isFalse();
        q.scheduler.advanceTo(Ioapic82093.STORM_DELAY_NS - 1);
        assertThat(q.remoteIrr(1)).isFalse();
        q.scheduler.advanceTo(Ioapic82093.STORM_DELAY_NS);
        assertThat(q.remoteIrr(1)).isTrue();
        assertThat(q.delivered()).isEqualTo(Ioapic82093.SUCCESSIVE_IRQ_MAX + 1);
        q.eoi(0x31);
        assertThat(q.remoteIrr(1)).as("the count starts again").isTrue();
    }

    @Test
    void eoiStormCountRestartsOnAWriteOrAReleasedPin() {
        IoapicRig q = IoapicRig.with(IoapicQuirks.EOI_STORM_DELAY).entry(1, LEVEL | 0x31).pin(1, true);
        int max = Ioapic82093.SUCCESSIVE_IRQ_MAX;
        for (int n = 1; n < max - 1; n++) {
            q.eoi(0x31);
        }
        q.entry(1, LEVEL | 0x31);
        for (int n = 1; n < max; n++) {
            q.eoi(0x31);
        }
        assertThat(q.remoteIrr(1)).as("the write restarted the count").isTrue();
        q.pin(1, false).eoi(0x31).pin(1, true);
        for (int n = 1; n < max; n++) {
            q.eoi(0x31);
        }
        assertThat(q.remoteIrr(1)).as("an EOI with the pin low restarted it").isTrue();
        q.eoi(0x31);
        assertThat(q.remoteIrr(1)).isFalse();
    }

    @Test
    void extIntAcknowledgesPic() {
        IoapicRig hw = IoapicRig.hardware().entry(3, 0x0700).pin(3, true);
        IoapicRig q = IoapicRig.with(IoapicQuirks.EXTINT_ACKNOWLEDGES_PIC).entry(3, 0x0700).pin(3, true);
        assertThat(hw.acknowledges).isZero();
        assertThat(hw.messages.get(0).vector()).isZero();
        assertThat(q.acknowledges).isEqualTo(1);
        assertThat(q.messages.get(0).vector()).as("the 8259A's vector").isEqualTo(0x0d);
        IoapicRig masked = IoapicRig.with(IoapicQuirks.EXTINT_ACKNOWLEDGES_PIC, IoapicQuirks.REQUEST_REGISTER)
                .entry(6, MASKED | LEVEL | 0x0700).pin(6, true).entry(9, MASKED | 0x49);
        assertThat(masked.acknowledges).as("QEMU acknowledges before it looks at the mask: at the assert and at both"
                + " halves of entry 9's write").isEqualTo(3);
        assertThat(masked.delivered()).isZero();
    }

    @Test
    void messageLevelClear() {
        IoapicRig hw = IoapicRig.hardware().entry(1, LEVEL | 0x31).pin(1, true);
        IoapicRig q = IoapicRig.with(IoapicQuirks.MESSAGE_LEVEL_CLEAR).entry(1, LEVEL | 0x31).pin(1, true);
        assertThat(hw.messages.get(0).assertLevel()).isTrue();
        assertThat(q.messages.get(0).assertLevel()).isFalse();
        assertThat(q.messages.get(0).data()).isEqualTo(0x8031);
    }

    @Test
    void qemuTogether() {
        IoapicRig q = IoapicRig.qemu();
        assertThat(q.read(1)).isEqualTo(0x0017_0020);
        assertThat(q.ioapic.registers()).containsEntry("IRR", "0x000000");
    }
}
