package org.trapline.models.pcihp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one PCI hotplug quirk is the block's presence: its board side is in machine.Piix4BlocksBoardTest. */
class PcihpQuirksTest {
    @Test
    void theQuirkNamesTheRuleAndTheSource() {
        assertThat(PcihpQuirks.all()).containsExactly(PcihpQuirks.BLOCK_AT_AE00);
        assertThat(PcihpQuirks.BLOCK_AT_AE00.id()).isEqualTo("pcihp.block-at-ae00");
        assertThat(PcihpQuirks.BLOCK_AT_AE00.citation()).contains("290562").contains("acpi_pcihp_init");
        assertThat(PcihpQuirks.BLOCK_AT_AE00.requires()).isEmpty();
    }
}
