package org.trapline.models.cpuhp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.device.Quirk;

/** Both sides of the CPU hotplug switch quirk; the block's presence is in machine.Piix4BlocksBoardTest. */
class CpuhpQuirksTest {
    final PortIoBus io = new PortIoBus();

    private CpuHotplug attached(Set<Quirk> quirks) {
        io.setQemuSplitting(true);
        CpuHotplug hp = new CpuHotplug(quirks, 1);
        hp.attach(io, 0xaf00);
        return hp;
    }

    @Test
    void bySpecOnlyAZeroWrittenAtTheBitmapStartSwitches() {
        CpuHotplug hp = attached(Set.of(CpuhpQuirks.BLOCK_AT_AF00));
        io.write(0xaf00, 2, 0xff00);
        io.write(0xaf00, 4, 0x12345600L);
        assertThat(hp.modern()).isFalse();
        assertThat(io.read(0xaf00, 1)).isEqualTo(1);
        io.write(0xaf00, 4, 0);
        assertThat(hp.modern()).isTrue();
    }

    @Test
    void inQemuALowByteOfZeroSwitches() {
        CpuHotplug hp = attached(Set.of(CpuhpQuirks.BLOCK_AT_AF00, CpuhpQuirks.SWITCH_ON_LOW_BYTE));
        io.write(0xaf00, 2, 0xff01);
        assertThat(hp.modern()).isFalse();
        io.write(0xaf00, 2, 0xff00);
        assertThat(hp.modern()).isTrue();
        assertThat(io.read(0xaf00, 1)).as("command data 2").isZero();
    }

    @Test
    void theSwitchQuirkNeedsTheBlock() {
        assertThat(CpuhpQuirks.SWITCH_ON_LOW_BYTE.requires()).containsExactly(CpuhpQuirks.BLOCK_AT_AF00);
        assertThatThrownBy(() -> new CpuHotplug(Set.of(CpuhpQuirks.SWITCH_ON_LOW_BYTE), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpuhp.block-at-af00");
        assertThat(CpuhpQuirks.all()).hasSize(2);
    }
}
