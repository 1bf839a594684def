package org.trapline.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.trapline.models.machine.Profile;

/** The poll registers the PC board's model declares for a replay (docs/polls.md). */
class PcPollRulesTest {
    /** CONFIG_ADDRESS of 00:01.1 (PCI 3.0 3.2.2.3.2): enable, device 1, function 1. */
    private static final int IDE = 0x8000_0900;

    private static void config(ModelTarget t, int register, int size, long value) throws TargetException {
        t.send("outl 0xcf8 0x" + Integer.toHexString(IDE | register));
        t.send("out" + (size == 2 ? "w" : "l") + " 0xcfc 0x" + Long.toHexString(value));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theAtaStatusRegistersArePolledWhileBsyIsSet(Profile profile) {
        ModelTarget t = ModelTarget.of(profile, MachineArgs.defaults());
        PollRule status = t.pollRule(0x1f7, 1);
        assertThat(status.describe()).isEqualTo("ATA Status (1F7h)");
        assertThat(status.channel()).isEqualTo("ide-primary");
        assertThat(t.pollRule(0x3f6, 1).register()).isEqualTo("ATA Alternate Status");
        assertThat(t.pollRule(0x177, 1).channel()).isEqualTo("ide-secondary");
        assertThat(t.pollRule(0x376, 1).channel()).isEqualTo("ide-secondary");
        // BSY, bit 7, is what says "not done"; DRDY, DRQ and ERR do not
        assertThat(status.notDone(0x80)).isTrue();
        assertThat(status.notDone(0xd0)).isTrue();
        assertThat(status.notDone(0x58)).isFalse();
        assertThat(status.notDone(0x50)).isFalse();
        assertThat(status.notDone(0x51)).isFalse();
        // a word read of Status, and the other registers, are no poll
        assertThat(t.pollRule(0x1f7, 2)).isNull();
        assertThat(t.pollRule(0x1f6, 1)).isNull();
        assertThat(t.pollRule(0x1f0, 2)).isNull();
        // the command blocks and the control registers are where a channel's work starts
        assertThat(t.worksOn(0x1f0)).isEqualTo("ide-primary");
        assertThat(t.worksOn(0x1f7)).isEqualTo("ide-primary");
        assertThat(t.worksOn(0x3f6)).isEqualTo("ide-primary");
        assertThat(t.worksOn(0x170)).isEqualTo("ide-secondary");
        assertThat(t.worksOn(0x376)).isEqualTo("ide-secondary");
        assertThat(t.worksOn(0x1f8)).isNull();
        assertThat(t.worksOn(0x3f7)).isNull();
        assertThat(t.worksOn(0x60)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void bmisFollowsBmibaWhileItDecodes(Profile profile) throws Exception {
        ModelTarget t = ModelTarget.of(profile, MachineArgs.defaults());
        config(t, 0x20, 4, 0xc001);
        // I/O Space still off: the bus master decodes nowhere
        assertThat(t.pollRule(0xc002, 1)).isNull();
        assertThat(t.worksOn(0xc000)).isNull();
        config(t, 0x04, 2, 0x0001);
        PollRule primary = t.pollRule(0xc002, 1);
        assertThat(primary.describe()).isEqualTo("BMIS (C002h)");
        assertThat(primary.channel()).isEqualTo("ide-primary");
        assertThat(t.pollRule(0xc00a, 1).channel()).isEqualTo("ide-secondary");
        assertThat(t.pollRule(0xc000, 1)).isNull();
        assertThat(t.pollRule(0xc012, 1)).isNull();
        // Active without Interrupt is "not done"; Active clear, or Interrupt set, ends the wait
        assertThat(primary.notDone(0x01)).isTrue();
        assertThat(primary.notDone(0x61)).isTrue();
        assertThat(primary.notDone(0x05)).isFalse();
        assertThat(primary.notDone(0x04)).isFalse();
        assertThat(primary.notDone(0x00)).isFalse();
        assertThat(primary.notDone(0x03)).isTrue();
        assertThat(t.worksOn(0xc000)).isEqualTo("ide-primary");
        assertThat(t.worksOn(0xc007)).isEqualTo("ide-primary");
        assertThat(t.worksOn(0xc008)).isEqualTo("ide-secondary");
        assertThat(t.worksOn(0xc010)).isNull();
        // moved: the rule goes with it
        config(t, 0x20, 4, 0xd041);
        assertThat(t.pollRule(0xc002, 1)).isNull();
        assertThat(t.pollRule(0xd042, 1).channel()).isEqualTo("ide-primary");
        assertThat(t.pollRule(0xd04a, 1).channel()).isEqualTo("ide-secondary");
        // a base of 0 decodes nothing
        config(t, 0x20, 4, 0x0001);
        assertThat(t.pollRule(0x0002, 1)).isNull();
        assertThat(t.worksOn(0x0000)).isNull();
    }
}
