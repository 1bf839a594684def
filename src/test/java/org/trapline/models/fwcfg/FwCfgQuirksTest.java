package org.trapline.models.fwcfg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.Profile;

/** Each QEMU departure from fw_cfg.rst: the specification's side in the hardware profile, QEMU's with the quirk. */
class FwCfgQuirksTest {

    @Test
    void theLedgerIsWhatQemuPcSwitchesOn() {
        assertThat(FwCfg.qemuQuirks()).containsExactlyElementsOf(FwCfgQuirks.all()).doesNotHaveDuplicates();
        assertThat(Profile.QEMU_PC.quirks()).containsAll(FwCfgQuirks.all());
        assertThat(Profile.HARDWARE.quirks()).doesNotContainAnyElementsOf(FwCfgQuirks.all());
        assertThat(FwCfgQuirks.all()).allSatisfy(q -> {
            assertThat(q.id()).matches("fwcfg\\.[a-z0-9-]+");
            assertThat(q.citation()).contains("fw_cfg.rst").contains("QEMU hw/nvram/fw_cfg.c");
            assertThat(q.device()).isEqualTo("fw_cfg");
            assertThat(q.behaviour()).isNotBlank();
            assertThat(q.requires()).isEmpty();
        });
    }

    @Test
    void theSelectorIsWriteOnlyOnHardwareAndReadsDataInQemu() {
        FwCfgRig hw = FwCfgRig.hardware();
        FwCfgRig q = FwCfgRig.qemu();
        hw.select(0);
        q.select(0);
        assertThat(hw.port.device().read(0, 1)).isZero();
        assertThat(q.port.device().read(0, 1)).isEqualTo('Q');
        assertThat(hw.data()).isEqualTo('Q');
        assertThat(q.data()).isEqualTo('E');
    }

    @Test
    void aRejectedWriteKeepsTheOffsetOnHardwareAndMovesItInQemu() {
        FwCfgRig hw = FwCfgRig.hardware();
        FwCfgRig q = FwCfgRig.qemu();
        assertThat(hw.dma(0x1000, 0x0000_0018, 2, 0x2000)).isEqualTo(FwCfg.DMA_CTL_ERROR);
        assertThat(q.dma(0x1000, 0x0000_0018, 2, 0x2000)).isEqualTo(FwCfg.DMA_CTL_ERROR);
        assertThat(hw.data()).isEqualTo('Q');
        assertThat(q.data()).isEqualTo('M');
        // Past the item's end in QEMU too, not beyond it.
        assertThat(q.dma(0x1000, 0x0000_0018, 100, 0x2000)).isEqualTo(FwCfg.DMA_CTL_ERROR);
        assertThat(q.dev.registers()).containsEntry("offset", "4");
    }
}
