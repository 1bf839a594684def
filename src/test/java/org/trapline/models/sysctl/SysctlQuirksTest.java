package org.trapline.models.sysctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.sysctl.SysctlQuirks.*;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.device.Quirk;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** Port 92h and port 80h: the PIIX3's behaviour in the hardware profile, QEMU's with each quirk. */
class SysctlQuirksTest {
    private int boardResets;

    private Port92 port92(Set<Quirk> quirks) {
        Port92 p = new Port92(quirks);
        p.onBoardReset(() -> {
            boardResets++;
            p.reset();
        });
        return p;
    }

    @Test
    void theLedgerIsWhatQemuPcSwitchesOn() {
        assertThat(Port92.qemuQuirks()).containsExactlyElementsOf(SysctlQuirks.all()).doesNotHaveDuplicates();
        assertThat(Profile.QEMU_PC.quirks()).containsAll(SysctlQuirks.all());
        assertThat(SysctlQuirks.all()).allSatisfy(q -> {
            assertThat(q.id()).startsWith(q.device() + ".");
            assertThat(q.citation()).contains("290550").contains("QEMU hw/i386/");
        });
        var machine = Profile.QEMU_PC.build(MachineConfig.defaults());
        assertThat(machine.devicesAtPort(0x92)).singleElement().satisfies(d -> assertThat(d.deviceName()).isEqualTo("port92"));
        assertThat(machine.devicesAtPort(0x80)).singleElement().satisfies(d -> assertThat(d.deviceName()).isEqualTo("port80"));
        assertThat(machine.devicesAtPort(0x93)).isEmpty();
    }

    @Test
    void port92KeepsTwoBitsOnHardwareAndEightInQemu() {
        Port92 hw = port92(Set.of());
        Port92 q = port92(Set.of(PORT92_RESERVED_BITS_STORED));
        assertThat(hw.read(0, 1)).isZero();
        hw.write(0, 1, 0xfe);
        q.write(0, 1, 0xfe);
        assertThat(hw.read(0, 1)).isEqualTo(0x02);
        assertThat(q.read(0, 1)).isEqualTo(0xfe);
        assertThat(hw.a20()).isTrue();
        hw.write(0, 1, 0xfc);
        assertThat(hw.a20()).isFalse();
        assertThat(hw.registers()).containsExactly(java.util.Map.entry("PORT92", "0x00"));
        assertThat(q.registers()).containsExactly(java.util.Map.entry("PORT92", "0xfe"));
        assertThat(hw.deviceName()).isEqualTo("port92");
    }

    @Test
    void fastInitResetsTheBoardInQemuOnlyOnARisingBit0() {
        Port92 hw = port92(Set.of());
        Port92 q = port92(Set.of(PORT92_FAST_INIT_RESETS_BOARD));
        hw.write(0, 1, 0x03);
        assertThat(boardResets).isZero();
        assertThat(hw.initPulses()).isEqualTo(1);
        assertThat(hw.read(0, 1)).isEqualTo(0x03);
        hw.write(0, 1, 0x01);
        assertThat(hw.initPulses()).as("bit 0 already set: no transition").isEqualTo(1);
        hw.write(0, 1, 0x00);
        hw.write(0, 1, 0x02);
        assertThat(hw.initPulses()).as("bit 0 still clear").isEqualTo(1);
        hw.write(0, 1, 0x01);
        assertThat(hw.initPulses()).isEqualTo(2);
        q.write(0, 1, 0x03);
        assertThat(boardResets).isEqualTo(1);
        assertThat(q.initPulses()).isEqualTo(1);
        assertThat(q.read(0, 1)).as("the hardware reset clears the register").isZero();
        Port92 alone = new Port92(Set.of(PORT92_FAST_INIT_RESETS_BOARD, PORT92_RESET_KEEPS_A20));
        alone.write(0, 1, 0x03);
        assertThat(alone.read(0, 1)).as("without a board it resets itself").isEqualTo(0x02);
    }

    @Test
    void aResetClearsPort92OnHardwareAndOnlyBit0InQemu() {
        Port92 hw = port92(Set.of());
        Port92 q = port92(Set.of(PORT92_RESET_KEEPS_A20, PORT92_RESERVED_BITS_STORED));
        hw.write(0, 1, 0x03);
        q.write(0, 1, 0x83);
        hw.reset();
        q.reset();
        assertThat(hw.read(0, 1)).isZero();
        assertThat(q.read(0, 1)).isEqualTo(0x82);
    }

    @Test
    void port80ReadsBackOnHardwareAndAllOnesInQemu() {
        Port80 hw = new Port80(Set.of());
        Port80 q = new Port80(Set.of(PORT80_READS_ALL_ONES));
        assertThat(hw.read(0, 1)).isZero();
        assertThat(q.read(0, 1)).isEqualTo(0xff);
        hw.write(0, 1, 0x155);
        q.write(0, 1, 0x55);
        assertThat(hw.read(0, 1)).isEqualTo(0x55);
        assertThat(q.read(0, 1)).isEqualTo(0xff);
        assertThat(hw.lastPostCode()).isEqualTo(0x55);
        assertThat(q.lastPostCode()).isEqualTo(0x55);
        assertThat(q.registers()).containsExactly(java.util.Map.entry("PORT80", "0x00"), java.util.Map.entry("post", "0x55"));
        assertThat(hw.registers()).containsEntry("PORT80", "0x55");
        assertThat(hw.deviceName()).isEqualTo("port80");
    }
}
